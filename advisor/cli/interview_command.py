"""`advisor interview`: the questionnaire in the terminal, ending in DIR/answers.yaml and the report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from advisor.cli.app import load_rule_base, rules_option
from advisor.errors import UsageError

if TYPE_CHECKING:
    from advisor.brief import Brief
    from advisor.knowledge import KnowledgeBase


@click.command("interview")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("advisor-report"),
    show_default=True,
    metavar="DIR",
    help="Folder for answers.yaml and the report.",
)
@click.option(
    "--resume",
    "resume_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Continue from an answers file (e.g. DIR/answers.partial.yaml); asks only what is left.",
)
@rules_option
@click.option("--force", is_flag=True, help="Overwrite answers and a report already in DIR.")
def interview(out_dir: Path, resume_file: Path | None, rules_dir: Path | None, force: bool) -> None:
    """Answer the questionnaire in the terminal; writes DIR/answers.yaml and the report.

    In lists pick 'why?', 'skip / don't know', 'back' or 'skip all remaining'; at typed prompts type ? (why),
    < (back), 'skip all', or press Enter alone to skip. Ctrl-C saves DIR/answers.partial.yaml and prints the
    command that resumes.
    """
    if not sys.stdin.isatty():
        raise UsageError(
            "the questionnaire needs a terminal, and stdin is not one",
            hint="to answer from a file, run 'advisor report --answers FILE'",
        )
    from advisor.answers import load_brief
    from advisor.brief import Brief
    from advisor.interview.console import Console, use_color
    from advisor.interview.files import PARTIAL_NAME, check_out_dir, resume_command, save_answers
    from advisor.interview.flow import run_interview
    from advisor.interview.prompts import TerminalPrompter
    from advisor.interview.state import InterviewState

    knowledge = load_rule_base(rules_dir)
    check_out_dir(out_dir, force)
    brief = load_brief(resume_file, knowledge) if resume_file is not None else Brief()
    state = InterviewState(brief, knowledge)
    console = Console(use_color())
    skipped = len(brief.skipped)
    resumed_from = str(resume_file) if resume_file else None
    console.welcome(state.estimated_remaining(), resumed_from, len(state.history) - skipped, skipped)
    try:
        final = run_interview(state, TerminalPrompter(), console)
    except KeyboardInterrupt:
        partial = save_answers(out_dir, state.brief, partial=True)
        console.say("")
        console.say(f"Interrupted. Your answers so far are saved in {partial}")
        console.say("Resume with:")
        console.command(resume_command(partial, out_dir, rules_dir, force))
        raise click.exceptions.Exit(130) from None
    answers = save_answers(out_dir, final)
    leftover = out_dir / PARTIAL_NAME
    if leftover.exists() and leftover != answers:
        leftover.unlink()  # superseded by answers.yaml
    headline, reports = _write_report(final, knowledge, out_dir, force)
    console.done(headline, [str(path) for path in [answers, *reports]])


def _write_report(brief: Brief, knowledge: KnowledgeBase, out_dir: Path, force: bool) -> tuple[list[str], list[Path]]:
    """Write the report; return its headline (primary metric, model families) and the files written."""
    from advisor.report import write_report

    result = write_report(brief, knowledge, out_dir, force=force)
    summary = result.report.summary
    headline = [
        f"Design report for: {result.report.title}",
        f"  primary metric   {summary.primary_metric or '(not decided: see the open questions)'}",
        f"  model families   {', '.join(summary.model_families) or '(none yet)'}",
    ]
    return headline, result.files


def register(group: click.Group) -> None:
    group.add_command(interview)
