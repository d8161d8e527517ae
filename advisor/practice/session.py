"""The interactive interview: the scenario, one free-text prompt per workflow step, clarifying questions, a clock.

Each prompt shows the elapsed and remaining time, and a toolbar keeps counting while the candidate types. When time
runs out the text typed so far is taken as the answer and the interview ends. Typing `?` opens the menu of
clarifying questions (answered from the scenario's brief), an empty answer moves on, `/done` ends early.
questionary and prompt_toolkit are used only here.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import questionary
from rich.text import Text

from advisor.brief.enums import STEP_TITLES, Step
from advisor.practice.clarify import Clarification, clarifications

if TYPE_CHECKING:
    from rich.console import Console

    from advisor.knowledge.base import KnowledgeBase
    from advisor.practice.scenarios import Scenario
    from advisor.practice.timer import Timer

ASK = "?"
FINISH = "/done"
STEP_GUIDES: dict[Step, str] = {
    Step.problem: "Frame it: the ML task and target, the goal, users, costs of errors, legal limits. Is ML needed?",
    Step.metrics: "Offline metrics and the primary one, online metrics, how error costs set the decision threshold.",
    Step.data_sources: "Where data and labels come from, how much, how fast labels arrive, class balance.",
    Step.exploration: "What you would look at first in the data, and what could mislead you (leakage, bias).",
    Step.cleaning: "Missing values, outliers, duplicates, wrong labels; statistics fitted on training data only.",
    Step.features: "Features you would build and how you encode them; what is known at prediction time.",
    Step.models: "The baseline to beat, the model families you would try and why, what you would rule out.",
    Step.training: "Splits and validation, tuning, calibration, error analysis.",
    Step.deployment: "Serving (online or batch), latency and size budgets, rollout, monitoring.",
    Step.iteration: "How it improves after launch: retraining, experiments, feedback loops.",
}
SECTION_TITLES = {
    "problem": "The problem and the business",
    "costs": "Costs of errors",
    "legal": "Legal and ethical limits",
    "serving": "Serving and deployment",
    "data": "The data",
    "compute": "Compute budget",
    "dataset": "Measured data facts",
    "monitoring": "Measured drift",
}
BACK = "(back to the answer)"


@dataclass
class SessionResult:
    answers: dict[str, str] = field(default_factory=dict)
    asked: list[Clarification] = field(default_factory=list)
    timed_out: bool = False
    finished_early: bool = False


def toolbar(timer: Timer) -> str:
    """The line under every prompt, within 80 columns so "/done" is never cut off."""
    return f" {timer.status()} | {ASK} ask | empty: next step | {FINISH}: finish"


def _ask_text(message: str, timer: Timer) -> str:
    """A one-line free-text prompt whose toolbar shows the clock; when time runs out, what was typed is the answer."""
    question = questionary.text(
        message,
        bottom_toolbar=lambda: toolbar(timer),
        refresh_interval=1.0,
    )
    application = question.application

    async def expire() -> None:
        await asyncio.sleep(timer.remaining())
        if application.is_running:
            application.exit(result=application.current_buffer.text)

    def start_clock() -> None:
        application.create_background_task(expire())

    application.pre_run_callables.append(start_clock)
    answer: Any = question.unsafe_ask()
    return str(answer or "")


def _choose_clarification(available: list[Clarification], asked: list[Clarification]) -> Clarification | None:
    sections = list(dict.fromkeys(item.fact.split(".", 1)[0] for item in available))
    section = questionary.select(
        "Ask the interviewer about:",
        choices=[questionary.Choice(SECTION_TITLES.get(name, name), value=name) for name in sections]
        + [questionary.Choice(BACK, value=None)],
    ).unsafe_ask()
    if section is None:
        return None
    choices = [
        questionary.Choice(item.question + ("  (asked)" if item in asked else ""), value=index)
        for index, item in enumerate(available)
        if item.fact.split(".", 1)[0] == section
    ]
    picked = questionary.select(
        "Your question:",
        choices=[*choices, questionary.Choice(BACK, value=None)],
        use_search_filter=True,  # type a few letters to narrow a long list
        use_jk_keys=False,
    ).unsafe_ask()
    return None if picked is None else available[picked]


def show_scenario(scenario: Scenario, timer: Timer, console: Console) -> None:
    console.print(Text(f"Practice: {scenario.title}", style="bold"))
    console.print()
    console.print(Text(scenario.prompt))
    console.print()
    console.print(
        Text(
            f"You have {timer.limit_seconds / 60:g} minutes. Answer each of the {len(Step)} workflow steps in a "
            f"few sentences and press Enter. Type {ASK} to ask the interviewer a clarifying question, press Enter on "
            f"an empty line to move on, or type {FINISH} to finish early.",
            style="dim",
        )
    )


def run_session(scenario: Scenario, knowledge: KnowledgeBase, timer: Timer, console: Console) -> SessionResult:
    """Walk the candidate through the steps; return what was written, asked and whether time ran out."""
    available = clarifications(scenario.brief, knowledge)
    result = SessionResult()
    show_scenario(scenario, timer, console)
    for number, step in enumerate(Step, start=1):
        console.print()
        console.print(Text(f"Step {number}/{len(Step)}: {STEP_TITLES[step]}", style="bold cyan"))
        console.print(Text(STEP_GUIDES[step], style="dim"))
        while True:
            if timer.is_up():
                result.timed_out = True
                console.print(Text("Time is up: scoring what you wrote.", style="bold yellow"))
                return result
            text = _ask_text(f"[{timer.status()}] {STEP_TITLES[step]}:", timer).strip()
            if text == ASK:
                picked = _choose_clarification(available, result.asked)
                if picked is not None:
                    result.asked.append(picked)
                    console.print(Text(f"Interviewer: {picked.answer}", style="magenta"))
                continue
            if text == FINISH:
                result.finished_early = True
                return result
            if text:
                result.answers[step.value] = text
            if timer.is_up():
                result.timed_out = True
                console.print(Text("Time is up: scoring what you wrote.", style="bold yellow"))
                return result
            break
    return result
