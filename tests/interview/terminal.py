"""Drive `advisor interview` through a real pseudo-terminal (pexpect), as a person at an 80x24 xterm would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

REPO = Path(__file__).parent.parent.parent
INTERVIEW_RULES = REPO / "tests" / "fixtures" / "interview_rules"
TIMEOUT = 10


def terminal_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS", "LINES")}
    env |= {"TERM": "xterm", "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    # pexpect is no terminal emulator: it never answers prompt_toolkit's cursor-position request, which would
    # otherwise cost a timeout and a warning on every prompt.
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return env


class Terminal:
    """One interview in a pseudo-terminal."""

    def __init__(self, *args: str, cwd: Path, argv: list[str] | None = None, env: dict[str, str] | None = None) -> None:
        command = argv or [sys.executable, "-m", "advisor", "interview", *args]
        self.child = pexpect.spawn(
            command[0],
            command[1:],
            cwd=str(cwd),
            env=env or terminal_env(),
            dimensions=(24, 80),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        self.transcript: list[str] = []

    def expect(self, pattern: str) -> str:
        """Wait for literal text; return everything printed before it."""
        self.child.expect_exact(pattern)
        self.transcript += [self.child.before, pattern]
        return str(self.child.before)

    def pick(self, key: str) -> None:
        """Choose a list entry by its shortcut key and confirm."""
        self.child.send(key)
        self.child.send("\r")

    def type(self, text: str) -> None:
        self.child.send(text)
        self.child.send("\r")

    def interrupt(self) -> None:
        self.child.sendcontrol("c")

    def exit_code(self) -> int:
        self.child.expect(pexpect.EOF)
        self.transcript.append(str(self.child.before))
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -(self.child.signalstatus or 0))

    @property
    def output(self) -> str:
        return "".join(self.transcript)
