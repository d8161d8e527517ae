"""The debrief and the history as aligned text for an 80-column terminal.

rich lays the text out; it writes colour only to a terminal and never when NO_COLOR is set, so piped output and
NO_COLOR terminals get plain aligned text. Candidate text is always printed as text, never parsed as markup.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import textwrap
from dataclasses import dataclass
from typing import IO, cast

from rich.console import Console
from rich.table import Table
from rich.text import Text

from advisor.brief.enums import STEP_TITLES
from advisor.practice.history import Progress
from advisor.practice.scoring import ItemResult, Scorecard, StepResult

WIDTH = 80  # the debrief fits a standard terminal; piped output is laid out at this width too
INDENT = 5
STEP_NAMES = {step.value: title for step, title in STEP_TITLES.items()}
MARKS = {
    "covered": ("[x]", "green"),
    "partial": ("[~]", "yellow"),
    "missed": ("[ ]", "yellow"),
    "contradicted": ("[!]", "bold red"),
}
KIND_TEXT = {
    "primary": "primary",
    "recommended": "recommended",
    "consider": "worth considering",
    "exclusion": "rule out",
    "risk": "risk",
    "derived": "key fact",
}
BIGGEST = 3


@dataclass(frozen=True)
class Loss:
    """Points lost against full credit, for one item or one wrong practice, with the reason it matters."""

    points: float
    title: str
    detail: str
    evidence: str | None
    rule: str
    because: str
    order: int


class Unpadded(io.TextIOBase):
    """Passes text on without the spaces at the end of each line (rich pads Markdown lines to the full width)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._spaces = ""  # held back until the line goes on (kept) or ends (dropped)

    def write(self, text: str) -> int:
        *lines, last = (self._spaces + text).split("\n")
        body = last.rstrip(" ")
        self._spaces = last[len(body) :]
        self._stream.write("".join(line.rstrip(" ") + "\n" for line in lines) + body)
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return False


def make_console(file: IO[str] | None = None) -> Console:
    """A console that colours only a real terminal without NO_COLOR, never wider than 80 columns (nor than $COLUMNS
    when piped); piped output carries no trailing spaces."""
    stream = file or sys.stdout
    is_tty = stream.isatty()
    plain = not is_tty or bool(os.environ.get("NO_COLOR"))
    console = Console(
        file=stream if is_tty else cast("IO[str]", Unpadded(stream)),
        width=WIDTH if is_tty else max(40, min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)),
        no_color=plain,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    if is_tty and console.size.width < WIDTH:
        console.width = max(40, console.size.width)
    return console


def _points(value: float) -> str:
    return f"{value:g}"


def _losses(card: Scorecard) -> list[Loss]:
    """Every loss, biggest first; ties go to essential items, then to workflow order."""
    losses: list[Loss] = []
    order = 0
    for step in card.steps:
        for item in step.items:
            order += 1
            if item.status == "covered":
                continue
            kind = KIND_TEXT.get(item.kind, item.kind)
            if item.status == "contradicted":
                detail = f"{step.title}: you chose what the advice rules out"
            elif item.status == "partial":
                detail = f"{step.title}, {kind}: half credit, {item.note}"
            elif item.note:
                detail = f"{step.title}, {kind}: no credit, {item.note}"
            else:
                detail = f"{step.title}, {kind}: not mentioned"
            evidence = item.evidence if item.status != "missed" or item.note else None
            bonus = 0.5 if item.essential else 0.0  # ties: what no strong answer leaves out comes first
            losses.append(Loss(item.lost + bonus, item.label, detail, evidence, item.rule, item.because, order))
        for found in step.wrong_practice:
            order += 1
            detail = f"{step.title}: wrong practice, costs {_points(found.weight)} points"
            losses.append(Loss(found.weight * 2, found.label, detail, found.evidence, found.rule, found.because, order))
    return sorted(losses, key=lambda loss: (-loss.points, loss.order))


def _wrapped(text: str, width: int, indent: int = INDENT, style: str = "") -> Text:
    pad = " " * indent
    wrapped = textwrap.fill(
        text, width=width, initial_indent=pad, subsequent_indent=pad, break_on_hyphens=False, break_long_words=False
    )  # a path or a phrase with hyphens stays whole
    return Text(wrapped, style=style)


def _step_verdict(step: StepResult, width: int) -> str:
    """One line per step: how many items earned full or half credit, and the first items missed."""
    full = sum(1 for item in step.items if item.status == "covered")
    half = sum(1 for item in step.items if item.status == "partial")
    wrong = len(step.wrong_practice) + sum(1 for item in step.items if item.status == "contradicted")
    if not step.items:
        return "nothing to score here for this question"
    verdict = f"{full}/{len(step.items)} covered" + (f", {half} half" if half else "")
    if wrong:
        verdict += f", {wrong} wrong"
    missed = [item.label for item in sorted(step.items, key=lambda item: -item.weight) if item.status == "missed"]
    if missed:
        verdict += "; missed: " + ", ".join(missed)
    return _fit(verdict, width)


def _overall(card: Scorecard) -> Text:
    line = Text("Overall score: ", style="bold")
    line.append(f"{card.score}/100", style="bold cyan")
    return line


def render_scorecard(card: Scorecard, console: Console, *, details: bool = False) -> None:
    """The debrief: the score, the three biggest misses and why, one line per step, the score again."""
    width = min(console.width, WIDTH) - 1
    console.print(Text(f"Scorecard: {card.title}", style="bold"))
    head = _overall(card)
    credited = sum(1 for step in card.steps for item in step.items if item.credit > 0)
    total = sum(len(step.items) for step in card.steps)
    head.append(f"   ({credited} of {total} items earned credit)", style="dim")
    console.print(head)
    if card.timed_out:
        console.print(Text("Time was up: scored what was written by then.", style="yellow"))
    if card.elapsed_seconds is not None and card.time_limit_minutes is not None:
        minutes, seconds = divmod(card.elapsed_seconds, 60)
        console.print(Text(f"Time used: {minutes} min {seconds:02d} s of {card.time_limit_minutes:g} min"))
    losses = _losses(card)
    if losses:
        console.print()
        console.print(Text("Biggest misses", style="bold"))
        for number, loss in enumerate(losses[:BIGGEST], start=1):
            console.print(Text(_fit(f"{number}. {loss.title}", width), style="bold"))
            console.print(_wrapped(loss.detail, width, 3, "dim"), soft_wrap=True)
            if loss.evidence:
                console.print(_wrapped(f'you wrote: "{loss.evidence}"', width, 3, "dim"), soft_wrap=True)
            console.print(_wrapped(f"why ({loss.rule}): {loss.because}", width, 3), soft_wrap=True)
    _render_wrong(card, losses[:BIGGEST], console, width)
    console.print()
    for line in _steps(card, width):
        console.print(line)
    if details:
        for number, step in enumerate(card.steps, start=1):
            block = _step_block(number, step, width)
            if block:
                console.print()
                for line in block:
                    console.print(line, soft_wrap=True)
    console.print()
    hint = "--details lists every item; --model-answer shows the model answer."
    if card.model_answer_path:
        hint = f"Model answer (the design report of the scenario's brief): {card.model_answer_path}"
    elif card.model_answer:
        hint = ""
    if hint:
        console.print(_wrapped(hint, width, 0, "dim"), soft_wrap=True)
    console.print(_overall(card))


def _render_wrong(card: Scorecard, shown: list[Loss], console: Console, width: int) -> None:
    """Every contradiction and wrong practice not among the biggest misses, one line each."""
    already = {(loss.title, loss.rule) for loss in shown}
    rest = [(item.label, item.rule, item.evidence) for item in card.contradictions]
    rest += [(found.label, found.rule, found.evidence) for found in card.wrong_practice]
    rest = [entry for entry in rest if (entry[0], entry[1]) not in already]
    if not rest:
        return
    console.print()
    console.print(Text("Also wrong (points taken off; --details says why)", style="bold red"))
    for label, _, evidence in rest:
        console.print(Text(_fit(f'  {label}: "{evidence}"', width), style="red"))


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip(" ,;") + "..."


def _steps(card: Scorecard, width: int) -> list[Text]:
    """One line per step: number, title, score and verdict, in columns."""
    name_width = max(len(step.title) for step in card.steps) + 3
    lines = [Text(f"{'step':<{name_width}}{'score':>5}  verdict", style="bold")]
    for number, step in enumerate(card.steps, start=1):
        score = "n/a" if step.score is None else str(step.score)
        room = max(10, width - name_width - 7)
        verdict = "not answered" if not step.answered and step.items else _step_verdict(step, room)
        lines.append(Text(f"{number:2d} {step.title:<{name_width - 3}}{score:>5}  {verdict}"))
    return lines


def _item_lines(item: ItemResult, width: int) -> list[Text]:
    mark, style = MARKS[item.status]
    head = Text.assemble(
        (f"  {mark} ", style),
        (item.label, "bold" if item.status != "missed" else ""),
        (f"  ({KIND_TEXT.get(item.kind, item.kind)})", "dim"),
    )
    if len(head.plain) > width:  # a long label wraps under itself instead of running past the width
        wrapped = textwrap.wrap(head.plain, width=width, subsequent_indent=" " * 6, break_long_words=False)
        head = Text("\n".join(wrapped), style="bold" if item.status != "missed" else "")
    lines = [head]
    if item.status in ("covered", "partial") and item.evidence:
        where = "" if item.found_in == item.step else f" (under {STEP_NAMES.get(item.found_in or '', item.found_in)})"
        verb = "you ruled it out" if item.kind == "exclusion" else "you wrote"
        lines.append(_wrapped(f'{verb}{where}: "{item.evidence}"', width, 6, "dim"))
        if item.note:
            lines.append(_wrapped(f"half credit: {item.note}", width, 6, "yellow"))
    elif item.status == "contradicted":
        lines.append(_wrapped(f'you wrote: "{item.evidence}"', width, 6, "red"))
        lines.append(_wrapped(f"the advice rules it out ({item.rule}): {item.because}", width, 6))
    else:
        if item.note and item.evidence:
            lines.append(_wrapped(f'no credit, {item.note}: "{item.evidence}"', width, 6, "yellow"))
        lines.append(_wrapped(f"why it matters ({item.rule}): {item.because}", width, 6))
    return lines


def _step_block(number: int, step: StepResult, width: int) -> list[Text]:
    if not step.items and not step.wrong_practice:
        return []
    title = Text(f"{number}. {step.title}", style="bold")
    title.append("  n/a" if step.score is None else f"  {step.score}/100")
    lines = [title, *(line for item in step.items for line in _item_lines(item, width))]
    for found in step.wrong_practice:
        lines.append(Text(f"  [!] {found.label}  (wrong practice, -{_points(found.weight)})", style="bold red"))
        lines.append(_wrapped(f'you wrote: "{found.evidence}"', width, 6, "red"))
        lines.append(_wrapped(f"why ({found.rule}): {found.because}", width, 6))
    return lines


def render_model_answer(card: Scorecard, console: Console) -> None:
    """The model answer (Markdown) laid out as text at the console's width, then the score once more."""
    from rich.markdown import Markdown

    if not card.model_answer:
        return
    console.print()
    console.print(Text("Model answer (the design report of the scenario's brief)", style="bold"))
    console.print()
    console.print(Markdown(card.model_answer, hyperlinks=False))
    console.print()
    console.print(_overall(card))


def render_history(progress: list[Progress], unreadable: int, console: Console) -> None:
    if not progress:
        console.print("No practice attempts yet. Start one with 'advisor practice'.")
        return
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for name, justify in (("scenario", "left"), ("attempts", "right"), ("best", "right"), ("last", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("trend", justify="right")
    table.add_column("scores (oldest first)")
    for entry in progress:
        table.add_row(
            entry.scenario,
            str(entry.attempts),
            str(entry.best),
            str(entry.last),
            entry.trend,
            " ".join(str(score) for score in entry.scores[-10:]),
        )
    console.print(table)
    if unreadable:
        console.print(Text(f"({unreadable} unreadable line{'s' if unreadable != 1 else ''} in the history skipped)"))
