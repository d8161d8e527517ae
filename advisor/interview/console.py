"""What the interview prints itself (questionary draws the prompts): step titles, progress, help, reasons, the
summary. Lines are wrapped at 78 columns for an 80x24 terminal; no ANSI styles when NO_COLOR is set or stdout is not
a terminal."""

from __future__ import annotations

import os
import sys
import textwrap
from typing import Any

import click

from advisor.interview.state import SummaryRow

WIDTH = 78


def use_color() -> bool:
    """Styles only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    """Wrap every line of `text`, keeping each line's own indentation for its continuation lines."""
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        own = line[: len(line) - len(line.lstrip())]
        wrapped = textwrap.wrap(
            line.strip(),
            width=width,
            initial_indent=indent + own,
            subsequent_indent=indent + own,
            break_on_hyphens=False,
            break_long_words=False,  # paths and commands stay whole, to be copied
        )
        lines += wrapped or [""]
    return lines


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


class Console:
    """Our own output, plain or styled."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def _style(self, text: str, **styles: Any) -> str:
        return click.style(text, **styles) if self.color else text

    def _echo(self, text: str = "", **styles: Any) -> None:
        click.echo(self._style(text, **styles) if text else text, color=self.color)

    def say(self, text: str, indent: str = "") -> None:
        for line in wrap(text, indent):
            self._echo(line)

    def welcome(self, total: int, resumed_from: str | None, answered: int, skipped: int) -> None:
        self._echo("ML Design Advisor: questionnaire", bold=True)
        if resumed_from:
            kept = f"{answered} answer{'s' if answered != 1 else ''}"
            if skipped:
                kept += f" and {skipped} skipped question{'s' if skipped != 1 else ''}"
            self.say(f"Resuming {resumed_from}: {kept} kept.")
        self.say(
            f"About {total} question{'s' if total != 1 else ''} to go; answers decide which come next. In lists, "
            "pick 'why?' to see what an answer changes, 'skip' if you don't know, 'back' to undo the previous "
            "answer. At typed prompts: ? why, < back, Enter alone skips, 'skip all' skips the rest. "
            "Ctrl-C saves your answers so you can resume later."
        )

    def step(self, title: str) -> None:
        self._echo()
        self._echo(title, bold=True, fg="cyan")
        self._echo("-" * min(len(title), WIDTH))

    def question_header(self, number: int, total: int, help_text: str) -> None:
        self._echo()
        self._echo(f"question {number} of ~{total}", dim=True)
        for line in wrap(help_text, "  "):
            self._echo(line, dim=True)

    def rejected(self, reason: str) -> None:
        for line in wrap(f"Not accepted: {reason}. Try again.", "  "):
            self._echo(line, fg="red")

    def note(self, text: str) -> None:
        for line in wrap(text, "  "):
            self._echo(line, fg="yellow")

    def why(self, text: str) -> None:
        self._echo()
        for line in wrap(text, "  "):
            self._echo(line)
        self._echo()

    def summary(self, rows: list[SummaryRow]) -> None:
        """Answers one per line; skipped questions of a step on one wrapped line of numbers and ids, so that a
        long summary still fits a 24-line screen."""
        self._echo()
        self._echo("Summary of your answers", bold=True, fg="cyan")
        if not rows:
            self.say("No questions were answered or skipped.", "  ")
        answered = [row for row in rows if not row.skipped]
        width = min(40, max((len(row.question.prompt) for row in answered), default=0))
        numbered = list(enumerate(rows, 1))
        for step in dict.fromkeys(row.step for row in rows):
            self._echo(step, bold=True)
            in_step = [(number, row) for number, row in numbered if row.step == step]
            for number, row in in_step:
                if not row.skipped:
                    label = f"{number:>3}. {shorten(row.question.prompt, width):<{width}}  "
                    self._echo(label + shorten(row.answer, WIDTH - len(label)))
            # A no-break space keeps each number with its id when the line wraps.
            skipped = [f"{number}\u00a0{row.question.id}" for number, row in in_step if row.skipped]
            if skipped:
                for line in textwrap.wrap(
                    ", ".join(skipped), WIDTH, initial_indent="     skipped: ", subsequent_indent=" " * 14
                ):
                    self._echo(line, dim=True)
        self._echo()

    def command(self, text: str) -> None:
        """A command to copy: one line, never wrapped."""
        self._echo(f"  {text}", bold=True)

    def done(self, headline: list[str], paths: list[str]) -> None:
        self._echo()
        for line in headline:
            self._echo(shorten(line, WIDTH))
        self._echo("Written:", bold=True)
        for path in paths:
            self._echo(f"  {path}")
