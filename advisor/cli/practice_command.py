"""`advisor practice`: interview practice on classic ML system design questions, scored by the engine's advice."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from advisor.cli.app import load_rule_base, rules_option
from advisor.cli.terminal import fit_lines
from advisor.errors import InputError, UsageError

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase
    from advisor.practice.scenarios import Scenario
    from advisor.practice.scoring import Scorecard

DEFAULT_MINUTES = 45.0


def _least_practised(scenarios: list[Scenario]) -> str:
    from advisor.practice.history import read_history

    attempts, _ = read_history()
    counts = {scenario.id: 0 for scenario in scenarios}
    for attempt in attempts:
        if attempt.scenario in counts:
            counts[attempt.scenario] += 1
    return min(counts, key=lambda name: (counts[name], name))


def _pick_scenario(knowledge: KnowledgeBase) -> Scenario:
    import questionary

    from advisor.practice.scenarios import load_scenarios

    scenarios = load_scenarios(knowledge)
    if not scenarios:
        raise UsageError("the rule base has no practice scenarios", file=knowledge.root / "scenarios")
    default = _least_practised(scenarios)
    choices = [questionary.Choice(f"{item.title}  [{item.id}]", value=item.id) for item in scenarios]
    picked = questionary.select(
        "Which question do you want to practise?",
        choices=choices,
        default=next(choice for choice in choices if choice.value == default),
    ).unsafe_ask()
    return next(item for item in scenarios if item.id == picked)


def _attach_model_answer(
    card: Scorecard, scenario: Scenario, knowledge: KnowledgeBase, out: Path | None, wanted: bool
) -> Scorecard:
    """The model answer goes into DIR with --out; its text is attached only when it is to be shown."""
    from advisor.practice.model_answer import model_answer, write_model_answer

    if out is not None:
        card = card.model_copy(update={"model_answer_path": str(write_model_answer(scenario, knowledge, out))})
    if wanted:
        card = card.model_copy(update={"model_answer": model_answer(scenario, knowledge)})
    return card


def _offer_model_answer() -> bool:
    """After an interview: ask whether to show the model answer (a long read, so only on request)."""
    import questionary

    return bool(questionary.confirm("Show the model answer now?", default=False).unsafe_ask())


@click.command("practice")
@click.option("--scenario", "scenario_name", metavar="NAME", help="The question to practise (see --list).")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MINUTES,
    show_default=True,
    metavar="MIN",
    help="Minutes for the interview; when they are up, what was written is scored.",
)
@click.option(
    "--answers-file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Score written answers (YAML: step id -> text) without prompts.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scorecard as JSON.")
@click.option(
    "--model-answer", "show_model_answer", is_flag=True, help="Show the model answer (as text) after the scorecard."
)
@click.option("--details", is_flag=True, help="List every rubric item of every step in the scorecard.")
@click.option("--out", type=click.Path(path_type=Path), metavar="DIR", help="Write the model answer into DIR.")
@click.option("--history", "show_history", is_flag=True, help="Show your progress per scenario and exit.")
@click.option("--list", "list_scenarios", is_flag=True, help="List the scenarios and exit.")
@rules_option
def practice(
    *,
    scenario_name: str | None,
    time_limit: float,
    answers_file: Path | None,
    as_json: bool,
    show_model_answer: bool,
    details: bool,
    out: Path | None,
    show_history: bool,
    list_scenarios: bool,
    rules_dir: Path | None,
) -> None:
    """Practise an ML system design interview: answer each workflow step in free text against the clock, ask the
    interviewer clarifying questions, and get a debrief built from the advisor's own advice for the scenario: the
    score, the biggest misses and why they matter, a verdict per step, and a model answer on request.

    Attempts are kept in your data folder (ADVISOR_DATA_DIR overrides it); --history shows your progress."""
    from advisor.practice.render import make_console

    console = make_console()
    if show_history:
        from advisor.practice.history import progress, read_history
        from advisor.practice.render import render_history

        attempts, unreadable = read_history()
        render_history(progress(attempts), unreadable, console)
        return
    knowledge = load_rule_base(rules_dir)
    if list_scenarios:
        from advisor.practice.scenarios import load_scenarios

        listing = "\n".join(f"{scenario.id:<24} {scenario.title}" for scenario in load_scenarios(knowledge))
        click.echo(fit_lines(listing, hanging=25))
        return
    from advisor.practice import grade
    from advisor.practice.history import record_attempt
    from advisor.practice.scenarios import find_scenario

    if answers_file is not None:
        from advisor.practice.written import load_written_answers

        if scenario_name is None:
            raise UsageError("--answers-file needs --scenario NAME", hint="'advisor practice --list' names them")
        scenario = find_scenario(scenario_name, knowledge)
        card = grade(scenario, load_written_answers(answers_file), knowledge)
        mode = "answers_file"
    else:
        from advisor.practice.session import run_session
        from advisor.practice.timer import Timer

        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(
                "practice needs a terminal to ask its questions",
                hint="use --answers-file FILE to score written answers",
            )
        scenario = find_scenario(scenario_name, knowledge) if scenario_name else _pick_scenario(knowledge)
        timer = Timer(time_limit * 60)
        result = run_session(scenario, knowledge, timer, console)
        card = grade(scenario, result.answers, knowledge).model_copy(
            update={
                "timed_out": result.timed_out,
                "elapsed_seconds": int(min(timer.elapsed(), timer.limit_seconds)),
                "time_limit_minutes": time_limit,
            }
        )
        mode = "interactive"
        console.print()
    card = _attach_model_answer(card, scenario, knowledge, out, show_model_answer)
    if as_json:
        click.echo(card.model_dump_json(indent=2))
    else:
        from advisor.practice.render import render_model_answer, render_scorecard

        render_scorecard(card, console, details=details)
        if mode == "interactive" and not show_model_answer and out is None and _offer_model_answer():
            card = _attach_model_answer(card, scenario, knowledge, None, True)
        render_model_answer(card, console)
    try:
        record_attempt(card, mode)
    except InputError as error:  # the scorecard is shown already; an unsaved attempt is worth a warning only
        click.echo(f"advisor: warning: {error.message}", err=True)


def register(group: click.Group) -> None:
    group.add_command(practice)
