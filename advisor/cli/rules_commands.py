"""`advisor rules lint | list | show RULE_ID | why QUESTION_ID`: inspect and verify a rule base."""

from __future__ import annotations

from pathlib import Path

import click

from advisor.cli.app import rules_option


@click.group("rules")
def rules_group() -> None:
    """Inspect and verify a rule base (the bundled one, or your own with --rules DIR)."""


@rules_group.command("lint")
@rules_option
@click.option("--coverage", "show_coverage", is_flag=True, help="Also list the rules no golden case fires.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only, no warnings.")
def lint_command(rules_dir: Path | None, show_coverage: bool, quiet: bool) -> None:
    """Verify the rule base: schema, contradictions, unreachable, duplicate and subsumed rules, unresolved
    conflicts, cycles, dead ends, gaps, golden cases and seed coverage. Exit code 2 on any error."""
    from advisor.lint import lint_knowledge

    report = lint_knowledge(rules_dir)
    for finding in report.findings:
        if finding.severity == "error" or (finding.severity == "warning" and not quiet):
            click.echo(finding.render())
    if show_coverage and report.unfired_rules:
        click.echo(f"rules no golden case fires ({len(report.unfired_rules)}):")
        for rule_id in report.unfired_rules:
            click.echo(f"  {rule_id}")
    click.echo(report.summary())
    if not report.ok:
        raise click.exceptions.Exit(2)


def register(group: click.Group) -> None:
    group.add_command(rules_group)
