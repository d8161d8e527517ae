"""The scorecard and the history as aligned text for the terminal.

rich lays the text out; it writes colour only to a terminal and never when NO_COLOR is set, so piped output and
NO_COLOR terminals get plain aligned text. Candidate text is always printed as text, never parsed as markup.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from advisor.enums import STEP_TITLES
from advisor.practice.history import Progress
from advisor.practice.scoring import ItemResult, Scorecard, StepResult

WIDTH = 100
STEP_NAMES = {step.value: title for step, title in STEP_TITLES.items()}
MARKS = {"covered": ("[x]", "green"), "missed": ("[ ]", "yellow"), "contradicted": ("[!]", "bold red")}
KIND_TEXT = {
    "primary": "primary",
    "recommended": "recommended",
    "consider": "worth considering",
    "exclusion": "rule out",
    "risk": "risk",
    "derived": "key fact",
}


def make_console(file: IO[str] | None = None) -> Console:
    """A console that colours only a real terminal without NO_COLOR, at a fixed width when not a terminal."""
    stream = file or sys.stdout
    is_tty = stream.isatty()
    plain = not is_tty or bool(os.environ.get("NO_COLOR"))
    return Console(
        file=stream,
        width=None if is_tty else WIDTH,
        no_color=plain,
        color_system=None if plain else "auto",
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def _score_text(score: int | None) -> str:
    return "n/a" if score is None else f"{score:3d}"


def _summary(card: Scorecard) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("step")
    table.add_column("score", justify="right")
    table.add_column("covered", justify="right")
    table.add_column("answered")
    for number, step in enumerate(card.steps, start=1):
        covered = sum(1 for item in step.items if item.status == "covered")
        table.add_row(
            f"{number:2d} {step.title}",
            _score_text(step.score),
            f"{covered} of {len(step.items)}" if step.items else "-",
            "yes" if step.answered else "no",
        )
    return table


def _item_lines(item: ItemResult, width: int) -> list[Text]:
    def _detail(text: str, style: str = "") -> Text:
        """A detail line under an item, wrapped here (indented where it wraps) so rich prints it as it is."""
        return Text(textwrap.fill(text, width=width, initial_indent=" " * 6, subsequent_indent=" " * 6), style=style)

    mark, style = MARKS[item.status]
    head = Text.assemble(
        (f"  {mark} ", style),
        (item.label, "bold" if item.status != "missed" else ""),
        (f"  ({KIND_TEXT.get(item.kind, item.kind)})", "dim"),
    )
    lines = [head]
    if item.status == "covered" and item.evidence:
        where = "" if item.found_in == item.step else f" (under {STEP_NAMES.get(item.found_in or '', item.found_in)})"
        verb = "you ruled it out" if item.kind == "exclusion" else "you wrote"
        lines.append(_detail(f'{verb}{where}: "{item.evidence}"', "dim"))
    elif item.status == "contradicted":
        lines.append(_detail(f'you wrote: "{item.evidence}"', "red"))
        lines.append(_detail(f"the advice rules it out ({item.rule}): {item.because}"))
    else:
        lines.append(_detail(f"why it matters ({item.rule}): {item.because}"))
    return lines


def _step_block(number: int, step: StepResult, width: int) -> list[Text]:
    if not step.items:
        return []
    title = Text(f"{number}. {step.title}", style="bold")
    title.append(f"  {_score_text(step.score).strip()}/100")
    return [title, *(line for item in step.items for line in _item_lines(item, width))]


def render_scorecard(card: Scorecard, console: Console) -> None:
    head = Text(f"Scorecard: {card.title}", style="bold")
    head.append(f"   overall {card.score}/100", style="bold cyan")
    console.print(head)
    if card.timed_out:
        console.print(Text("Time was up: scored what was written by then.", style="yellow"))
    if card.elapsed_seconds is not None and card.time_limit_minutes is not None:
        minutes, seconds = divmod(card.elapsed_seconds, 60)
        console.print(Text(f"Time used: {minutes} min {seconds:02d} s of {card.time_limit_minutes:g} min"))
    console.print()
    console.print(_summary(card))
    for number, step in enumerate(card.steps, start=1):
        block = _step_block(number, step, max(40, console.width - 1))
        if block:
            console.print()
            for line in block:
                console.print(line, soft_wrap=True)
    contradictions = card.contradictions
    if contradictions:
        console.print()
        names = ", ".join(item.label for item in contradictions)
        console.print(Text(f"Points lost for contradicting the advice: {names}.", style="bold red"))
    console.print()
    if card.model_answer_path:
        console.print(
            Text(f"Model answer (the design report of the scenario's brief): {card.model_answer_path}"), soft_wrap=True
        )
    elif card.model_answer:
        console.print(Text("Model answer (the design report of the scenario's brief):", style="bold"))
        console.print()
        console.print(Text(card.model_answer), soft_wrap=True)


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
