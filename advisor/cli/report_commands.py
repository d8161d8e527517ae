"""`advisor report` (answers file [+ data] -> the design report) and `advisor run --example NAME`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from advisor.cli.app import companion_started_early, load_rule_base, rules_option
from advisor.cli.data_commands import drop_option, positive_class_option, with_dropped, with_positive_class
from advisor.cli.engine_options import engine_options, jobs_option
from advisor.cli.terminal import fit_lines
from advisor.errors import UsageError
from advisor.util.controls import strip_controls

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.data.engine import EngineChoice
    from advisor.knowledge.base import KnowledgeBase
    from advisor.report import DataRequest

DEFAULT_OUT = Path("advisor-report")

out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help=f"Write the report into DIR (default: ./{DEFAULT_OUT}).",
)
force_option = click.option("--force", is_flag=True, help="Overwrite a report already in the output folder.")
seed_option = click.option("--seed", type=int, default=0, show_default=True, help="Seed for sampling and models.")
unchecked_option = click.option(
    "--unchecked", is_flag=True, help="Write the report even if lint finds errors in the rule base (cycles, conflicts)."
)


def check_rule_base(knowledge: KnowledgeBase, unchecked: bool) -> None:
    """Refuse a rule base whose advice would be wrong or arbitrary (lint errors), unless --unchecked."""
    if unchecked:
        return
    from advisor.errors import KnowledgeError, RuleBaseUnsound
    from advisor.lint.blocking import blocking_findings

    found = blocking_findings(knowledge)
    if found:
        problems = [
            KnowledgeError(
                f"{item.check}: {item.message}", file=item.file, line=item.line, item=item.item, hint=item.hint
            )
            for item in found
        ]
        raise RuleBaseUnsound(problems, knowledge.root)


@click.command("report")
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path),
    required=True,
    metavar="FILE",
    help="The answers file (YAML or JSON), as `advisor interview` writes it.",
)
@click.option(
    "--data",
    "data_path",
    type=click.Path(path_type=Path),
    default=None,
    metavar="PATH",
    help="A CSV or Parquet file to profile and run baselines on.",
)
@click.option(
    "--target",
    default=None,
    metavar="COL",
    help="The target column in --data (default: problem.target_column of the answers).",
)
@click.option("--no-baseline", is_flag=True, help="Profile the data but fit no models.")
@positive_class_option
@click.option(
    "--format",
    "formats",
    default="md,html,json",
    show_default=True,
    metavar="LIST",
    help="Comma-separated formats: md, html, json.",
)
@drop_option
@out_option
@force_option
@seed_option
@rules_option
@unchecked_option
@jobs_option
@engine_options("data_path")
def report_command(
    *,
    answers_file: Path,
    drop: tuple[str, ...],
    data_path: Path | None,
    target: str | None,
    no_baseline: bool,
    positive_class: str | None,
    formats: str,
    out_dir: Path | None,
    force: bool,
    seed: int,
    rules_dir: Path | None,
    unchecked: bool,
    jobs: int | None,
    engine: EngineChoice,
) -> None:
    """Write the design report for an answers file, without prompts (for scripts and CI)."""
    if data_path is None and target is not None:
        raise UsageError("--target needs --data", place="--target", hint="name the data file with --data PATH")
    # The companion starts before the report package loads (a fifth of a second), and stops if an option is bad.
    with companion_started_early(data_path is not None, jobs):
        from advisor.brief.answers import load_brief
        from advisor.report import DataRequest, parse_formats

        chosen = parse_formats(formats)
        knowledge = load_rule_base(rules_dir)
        check_rule_base(knowledge, unchecked)
        brief = with_positive_class(with_dropped(load_brief(answers_file, knowledge), drop), positive_class)
        data = None
        if data_path is not None:
            data = DataRequest(
                data_path, target or brief.problem.target_column, run_baseline=not no_baseline, engine=engine
            )
        _write(brief, knowledge, out_dir or DEFAULT_OUT, chosen, force=force, data=data, seed=seed, jobs=jobs)


@click.command("run")
@click.option(
    "--example",
    "example",
    required=True,
    metavar="NAME",
    help="A bundled example: churn, fraud, house_prices or lending (`--example list` lists them).",
)
@click.option("--no-baseline", is_flag=True, help="Profile the example's data but fit no models.")
@positive_class_option
@out_option
@force_option
@seed_option
@rules_option
@unchecked_option
@jobs_option
def run_command(
    *,
    example: str,
    no_baseline: bool,
    positive_class: str | None,
    out_dir: Path | None,
    force: bool,
    seed: int,
    rules_dir: Path | None,
    unchecked: bool,
    jobs: int | None,
) -> None:
    """Run a bundled example end to end: its brief, its data (profile and baselines) and the design report."""
    from advisor.brief.examples import example_names, find_example

    if example == "list":
        for name, title in example_names().items():
            click.echo(f"{name:<14} {title}")
        return
    bundle = find_example(example)
    with companion_started_early(bundle.data is not None, jobs):
        from advisor.brief.answers import load_brief
        from advisor.report import FORMATS, DataRequest

        knowledge = load_rule_base(rules_dir)
        check_rule_base(knowledge, unchecked)
        brief = with_positive_class(load_brief(bundle.answers, knowledge), positive_class)
        data = None
        if bundle.data is not None:
            data = DataRequest(
                bundle.data,
                brief.problem.target_column,
                run_baseline=not no_baseline,
                label=f"examples/{bundle.name}/{bundle.data.name}",
            )
        out = out_dir or DEFAULT_OUT / bundle.name
        _write(brief, knowledge, out, FORMATS, force=force, data=data, seed=seed, jobs=jobs)


def _write(
    brief: Brief,
    knowledge: KnowledgeBase,
    out_dir: Path,
    formats: tuple[str, ...],
    *,
    force: bool,
    data: DataRequest | None,
    seed: int,
    jobs: int | None = None,
) -> None:
    from advisor.data.baseline.workers import using_jobs
    from advisor.report import write_report

    with using_jobs(jobs):
        result = write_report(brief, knowledge, out_dir, formats=formats, force=force, data=data, seed=seed)
    for warning in result.warnings:
        click.echo(strip_controls(f"warning: {warning}"), err=True)
    summary = result.report.summary
    lines = [strip_controls(f"Design report for: {result.report.title}")]
    lines.append(f"  primary metric   {summary.primary_metric or '(not decided: see the open questions)'}")
    lines.append(f"  model families   {', '.join(summary.model_families) or '(none yet)'}")
    if summary.top_risks:
        lines.append(f"  top risk         {summary.top_risks[0]}")
    lines += [strip_controls(line) for line in _data_lines(result.report.data)]
    lines += [f"  wrote            {path}" for path in result.files if path.suffix in {".md", ".html", ".json"}]
    # Long values wrap to the terminal's width under their own column.
    click.echo(fit_lines("\n".join(lines), hanging=17))


def _data_lines(data: dict[str, Any] | None) -> list[str]:
    """What the data said, in two lines: the file and the best baseline against the dummy."""
    if not data:
        return []
    source = data["source"]
    lines = [f"  data             {source['rows']:,} rows x {source['columns']} columns ({source['how']})"]
    baseline = data.get("baseline")
    if baseline:
        metric = baseline["primary_metric"]
        scores = {model["name"]: model["test"].get(metric) for model in baseline["models"]}
        best, dummy = scores.get(baseline["best_model"]), scores.get("dummy")
        if best is not None and dummy is not None:
            lines.append(
                f"  best baseline    {baseline['best_model']}: test {metric} {_number(best['value'])} "
                f"[{_number(best['low'])}, {_number(best['high'])}] (dummy {_number(dummy['value'])})"
            )
        if baseline.get("positive_class") is not None:
            lines.append(f"  positive class   {baseline['target']} = {baseline['positive_class']}")
        business = baseline.get("business")
        if business:
            measured = business["model"]
            lines.append(
                f"  vs today         {business['measured_as']} {_number(measured['value'])} "
                f"(stated {_number(business['stated_value'])}): {business['verdict']}"
            )
        if baseline.get("verdict"):
            label = "  WARNING          " if baseline.get("verdict_kind") == "suspicious" else "  verdict          "
            lines.append(label + baseline["verdict"])
    return lines


def _number(value: float) -> str:
    """Three significant digits, but never scientific notation for everyday magnitudes (37,900 not 3.79e+04)."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def register(group: click.Group) -> None:
    group.add_command(report_command)
    group.add_command(run_command)
