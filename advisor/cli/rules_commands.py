"""`advisor rules lint | list | show | why | why-not | how`: inspect, verify and explain a rule base."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import click

from advisor.cli.app import load_rule_base, rules_option
from advisor.cli.terminal import fit_lines, output_width
from advisor.errors import UsageError
from advisor.util.suggest import did_you_mean

MIN_TITLE_ROOM = 24  # narrower than this, a title column reads one word per line

answers_option = click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Explain against the answers in FILE (YAML or JSON).",
)


@click.group("rules")
def rules_group() -> None:
    """Inspect, verify and explain a rule base (the bundled one, or your own with --rules DIR)."""


@rules_group.command("lint")
@rules_option
@click.option("--coverage", "show_coverage", is_flag=True, help="Also list the rules no golden case fires.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no warnings.")
def lint_command(rules_dir: Path | None, show_coverage: bool, quiet: bool) -> None:
    """Verify the rule base: schema, contradictions, unreachable, duplicate and subsumed rules, unresolved
    conflicts, cycles, dead ends, gaps, golden cases and seed coverage. Exit code 2 on any error."""
    from advisor.lint import lint_knowledge

    report = lint_knowledge(rules_dir)
    # On a terminal a finding wraps to its width; piped, each stays on one line, whole, for grep and editors.
    on_terminal = sys.stdout.isatty()
    for finding in report.findings:
        if finding.severity == "error" or (finding.severity == "warning" and not quiet):
            click.echo(fit_lines(finding.render(), hanging=4) if on_terminal else finding.render())
    if show_coverage and report.unfired_rules:
        click.echo(f"rules no golden case fires ({len(report.unfired_rules)}):")
        for rule_id in report.unfired_rules:
            click.echo(f"  {rule_id}")
    click.echo(fit_lines(report.summary()))
    if not report.ok:
        raise click.exceptions.Exit(2)


@rules_group.command("list")
@rules_option
@click.option("--step", default=None, help="Only rules of this workflow step.")
@click.option("--tag", default=None, help="Only rules with this tag.")
def list_command(rules_dir: Path | None, step: str | None, tag: str | None) -> None:
    """List the rules: id, step, priority and title."""
    from advisor.brief.enums import Step

    knowledge = load_rule_base(rules_dir)
    if step is not None and step not in Step.__members__:
        raise UsageError(f"unknown step '{step}'", place="--step", hint=did_you_mean(step, Step.__members__))
    rules = [r for r in knowledge.rules if (step is None or r.step == step) and (tag is None or tag in r.tags)]
    id_width = max((len(rule.id) for rule in rules), default=2)
    width, offset = output_width(), id_width + 21
    if width - offset >= MIN_TITLE_ROOM:
        # A table whose titles wrap in their own column.
        click.echo(f"{'id':<{id_width}}  {'step':<12}  {'pri':>3}  title")
        for rule in rules:
            head = f"{rule.id:<{id_width}}  {rule.step!s:<12}  {rule.priority:>3}  "
            title = textwrap.wrap(rule.title, width=width, initial_indent=" " * offset, subsequent_indent=" " * offset)
            click.echo("\n".join([head + title[0][offset:], *title[1:]]))
    else:
        # Ids too long for a table in this width: one block per rule, the id on its own line.
        for rule in rules:
            about = f"{rule.step}, priority {rule.priority}: {rule.title}"
            click.echo(
                "\n".join(
                    [rule.id, *textwrap.wrap(about, width=width, initial_indent="    ", subsequent_indent="    ")]
                )
            )
    click.echo(f"{len(rules)} rules")


@rules_group.command("show")
@click.argument("rule_id")
@rules_option
def show_command(rule_id: str, rules_dir: Path | None) -> None:
    """Show one rule: condition, actions, rationale, sources and the golden cases that fire it."""
    from advisor.inference.engine import advise
    from advisor.knowledge.bibliography import Citation
    from advisor.knowledge.conditions import render_condition

    knowledge = load_rule_base(rules_dir)
    rule = knowledge.rule(rule_id)
    if rule is None:
        raise UsageError(f"no rule '{rule_id}'", hint=did_you_mean(rule_id, [r.id for r in knowledge.rules]))
    firing_cases = [case.id for case in knowledge.cases if advise(case.brief, knowledge).fired(rule.id)]
    width = output_width()
    lines = [
        f"{rule.id}: {rule.title}",
        f"  step {rule.step}, priority {rule.priority}, defined at {knowledge.where('rule', rule.id)}",
        "when:",
        *render_condition(rule.when, 1),
        "then:",
        *(f"  {line}" for line in rule.describe_actions()),
        "because:",
        textwrap.fill(rule.because, width=width, initial_indent="  ", subsequent_indent="  "),
        "sources:",
    ]
    for source in rule.sources:
        entry = knowledge.bibliography.get(Citation.parse(source).key) if knowledge.bibliography else None
        cited = f"{entry.title} ({entry.author}{f', {entry.year}' if entry.year else ''})" if entry else None
        lines.append(f"  {source}" + (f"  [{cited}]" if cited else ""))
    if rule.tags:
        lines.append(f"tags: {', '.join(rule.tags)}")
    lines.append(f"golden cases that fire it: {', '.join(firing_cases) if firing_cases else 'none'}")
    click.echo(fit_lines("\n".join(lines), width))


@rules_group.command("why")
@click.argument("question_id")
@rules_option
@answers_option
def why_command(question_id: str, rules_dir: Path | None, answers_file: Path | None) -> None:
    """Why a question is asked: the rules waiting on its answer and what each answer would change."""
    from advisor.brief.answers import load_brief
    from advisor.inference.explain import render_why, why

    knowledge = load_rule_base(rules_dir)
    brief = load_brief(answers_file, knowledge) if answers_file else None
    answer = why(question_id, knowledge, brief)
    if answer is None:
        raise UsageError(
            f"no question '{question_id}'", hint=did_you_mean(question_id, [q.id for q in knowledge.questions])
        )
    click.echo(fit_lines(render_why(answer)))


@rules_group.command("why-not")
@click.argument("rule_id")
@rules_option
@answers_option
def why_not_command(rule_id: str, rules_dir: Path | None, answers_file: Path | None) -> None:
    """Why a rule did not fire for the answers: its first failing condition, or what it waits on."""
    from advisor.brief.answers import load_brief
    from advisor.brief.model import Brief
    from advisor.inference.engine import advise
    from advisor.inference.explain import render_why_not, why_not

    knowledge = load_rule_base(rules_dir)
    brief = load_brief(answers_file, knowledge) if answers_file else Brief()
    answer = why_not(rule_id, advise(brief, knowledge), knowledge)
    if answer is None:
        raise UsageError(f"no rule '{rule_id}'", hint=did_you_mean(rule_id, [r.id for r in knowledge.rules]))
    click.echo(fit_lines(render_why_not(answer)))


@rules_group.command("how")
@click.argument("item")
@rules_option
@answers_option
def how_command(item: str, rules_dir: Path | None, answers_file: Path | None) -> None:
    """How the advice for the answers came to include ITEM (category:item, e.g. metric:pr_auc, or a rule id)."""
    from advisor.brief.answers import load_brief
    from advisor.brief.model import Brief
    from advisor.inference.engine import advise
    from advisor.inference.explain import how, render_how

    knowledge = load_rule_base(rules_dir)
    brief = load_brief(answers_file, knowledge) if answers_file else Brief()
    proof = how(advise(brief, knowledge), knowledge, item)
    if proof is None:
        raise UsageError(
            f"'{item}' is not in the advice for these answers",
            hint="name a recommended item as category:item, or a rule that fired",
        )
    click.echo(fit_lines(render_how(proof)))


def register(group: click.Group) -> None:
    group.add_command(rules_group)
