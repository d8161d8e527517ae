"""The interview clock: elapsed and remaining time against the limit, shown at every prompt."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


def clock_text(seconds: float) -> str:
    """Whole seconds as mm:ss (or h:mm:ss past an hour)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass
class Timer:
    limit_seconds: float
    now: Callable[[], float] = time.monotonic
    started: float = field(default=-1.0)

    def __post_init__(self) -> None:
        if self.started < 0:
            self.started = self.now()

    def elapsed(self) -> float:
        return self.now() - self.started

    def remaining(self) -> float:
        return max(0.0, self.limit_seconds - self.elapsed())

    def is_up(self) -> bool:
        return self.remaining() <= 0

    def status(self) -> str:
        """What every prompt shows, e.g. 'elapsed 03:12 | remaining 41:48'."""
        if self.is_up():
            return f"elapsed {clock_text(self.elapsed())} | time is up"
        return f"elapsed {clock_text(self.elapsed())} | remaining {clock_text(self.remaining())}"
