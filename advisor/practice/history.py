"""Practice history: every scored attempt as one JSON line in the user's data folder, and progress per scenario.

The folder is `platformdirs.user_data_dir("advisor")`, or `ADVISOR_DATA_DIR` when set (tests, shared machines).
A line that cannot be read (a crash mid-write, a hand edit) is skipped and counted, never fatal, and an append
after a cut-off line starts on a line of its own.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, ValidationError

from advisor.errors import InputError

if TYPE_CHECKING:
    from advisor.practice.scoring import Scorecard

HISTORY_FILE = "practice_history.jsonl"
DATA_DIR_VARIABLE = "ADVISOR_DATA_DIR"


class Attempt(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    when: str
    scenario: str
    title: str
    score: int
    steps: dict[str, int | None]
    mode: str
    elapsed_seconds: int | None = None
    timed_out: bool = False


@dataclass(frozen=True)
class Progress:
    scenario: str
    title: str
    attempts: int
    best: int
    last: int
    scores: tuple[int, ...]

    @property
    def trend(self) -> str:
        """Change of the last attempt against the one before: '+12', '-5', '=' or 'first'."""
        if len(self.scores) < 2:
            return "first"
        change = self.scores[-1] - self.scores[-2]
        return "=" if change == 0 else f"{change:+d}"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("advisor"))


def history_path() -> Path:
    return data_dir() / HISTORY_FILE


def record_attempt(card: Scorecard, mode: str, *, when: datetime | None = None) -> Attempt:
    """Append the attempt to the history file and return it."""
    attempt = Attempt(
        when=(when or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        scenario=card.scenario,
        title=card.title,
        score=card.score,
        steps={step.step: step.score for step in card.steps},
        mode=mode,
        elapsed_seconds=card.elapsed_seconds,
        timed_out=card.timed_out,
    )
    path = history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        append_line(path, attempt.model_dump_json())
    except OSError as error:
        raise InputError(f"cannot save the attempt: {error.strerror or error}", file=path) from None
    return attempt


def append_line(path: Path, line: str) -> None:
    """Append one line in a single write. A last line cut off by a crash (no newline at the end) is closed first,
    so the new line never joins it and is lost with it when the history is read."""
    with path.open("a+b") as stream:
        stream.seek(0, os.SEEK_END)
        cut_off = False
        if stream.tell() > 0:
            stream.seek(-1, os.SEEK_END)
            cut_off = stream.read(1) != b"\n"
        stream.write((b"\n" if cut_off else b"") + line.encode("utf-8") + b"\n")


def read_history(path: Path | None = None) -> tuple[list[Attempt], int]:
    """The attempts in the order they were made, and how many lines could not be read."""
    file = path or history_path()
    if not file.is_file():
        return [], 0
    attempts: list[Attempt] = []
    unreadable = 0
    for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            attempts.append(Attempt.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError, RecursionError):  # RecursionError: '[[[[...' nested deep
            unreadable += 1
    return attempts, unreadable


def progress(attempts: list[Attempt]) -> list[Progress]:
    """Progress per scenario, scenarios in the order first practised."""
    grouped: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        grouped.setdefault(attempt.scenario, []).append(attempt)
    return [
        Progress(
            scenario=scenario,
            title=made[-1].title,
            attempts=len(made),
            best=max(attempt.score for attempt in made),
            last=made[-1].score,
            scores=tuple(attempt.score for attempt in made),
        )
        for scenario, made in grouped.items()
    ]
