"""`advisor interview`: the questionnaire in the terminal, ending in DIR/answers.yaml and the report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from advisor.cli.app import load_rule_base, rules_option
from advisor.errors import UsageError

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.interview.console import Console
    from advisor.interview.files import Saved
    from advisor.knowledge.base import KnowledgeBase


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
    from advisor.brief.answers import load_brief
    from advisor.brief.model import Brief
    from advisor.interview.console import Console, use_color
    from advisor.interview.files import PARTIAL_NAME, check_out_dir, resume_command, save_answers_somewhere
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
        saved = save_answers_somewhere(out_dir, state.brief, partial=True)
        console.say("")
        _tell_fallback(console, saved)
        if saved.path is not None:
            console.say(f"Interrupted. Your answers so far are saved in {saved.path}")
            console.say("Resume with:")
            console.command(resume_command(saved.path, out_dir, rules_dir, force))
        raise click.exceptions.Exit(130) from None
    saved = save_answers_somewhere(out_dir, final)
    if saved.problem is not None:
        _tell_fallback(console, saved)
        where = f"your answers are in {saved.path}" if saved.path else "your answers are printed above"
        raise UsageError(f"the report was not written: {saved.problem}", hint=where)
    assert saved.path is not None
    answers = saved.path
    leftover = out_dir / PARTIAL_NAME
    if leftover.exists() and leftover != answers:
        leftover.unlink()  # superseded by answers.yaml
    headline, reports = _write_report(final, knowledge, out_dir, force)
    console.done(headline, [str(path) for path in [answers, *reports]])


def _tell_fallback(console: Console, saved: Saved) -> None:
    """Say loudly where the answers went when the chosen folder refused them (or print them as a last resort)."""
    if saved.problem is None:
        return
    console.say(f"Could not save in the chosen folder: {saved.problem}")
    if saved.path is not None:
        console.say(f"Your answers are saved instead in {saved.path}")
    else:
        console.say("No folder could be written; here are your answers, copy them into a file:")
        console.say(saved.text or "")


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
