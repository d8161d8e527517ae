"""`advisor profile` and `advisor baseline`: the data layer from the command line.

pandas, scikit-learn and matplotlib are imported inside the command functions only (through `advisor.data`), so
registering these commands costs nothing at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from advisor.cli.app import companion_started_early, load_rule_base, rules_option
from advisor.cli.engine_options import engine_options, jobs_option
from advisor.cli.terminal import fit_lines, output_width

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.data.engine import EngineChoice
    from advisor.data.models import DataAnalysis
    from advisor.knowledge.base import KnowledgeBase

F = TypeVar("F", bound=Callable[..., Any])

PATH = click.Path(path_type=Path, dir_okay=True, file_okay=True)
positive_class_option = click.option(
    "--positive-class",
    default=None,
    metavar="VALUE",
    help="The target value binary metrics are about (default: yes/1/true, else the minority class).",
)


def with_positive_class(brief: Brief, positive_class: str | None) -> Brief:
    """The brief with `data.positive_class` set from the command line (the option wins over the answers file)."""
    if positive_class is not None:
        brief.data.positive_class = positive_class
    return brief


def _brief(answers: Path | None, knowledge: KnowledgeBase) -> Brief:
    from advisor.brief.model import Brief

    if answers is None:
        return Brief()
    from advisor.brief.answers import load_brief

    return load_brief(answers, knowledge)


drop_option = click.option(
    "--drop", "drop", multiple=True, metavar="COL", help="Leave this column out of the features (repeatable)."
)


def with_dropped(brief: Brief, drop: tuple[str, ...]) -> Brief:
    """The brief with `--drop` columns added to its `data.drop_columns`."""
    if not drop:
        return brief
    columns = list(dict.fromkeys([*(brief.data.drop_columns or []), *drop]))
    return brief.model_copy(update={"data": brief.data.model_copy(update={"drop_columns": columns})})


def _emit(analysis: DataAnalysis, *, as_json: bool, out_dir: Path | None, profile: bool, baseline: bool) -> None:
    from advisor.data.render import render_data_markdown, render_data_text

    for warning in analysis.warnings:
        click.echo(f"advisor: warning: {warning}", err=True)
    document = json.dumps(analysis.model_dump(mode="json"), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        markdown = render_data_markdown(analysis, profile=profile, baseline=baseline)
        (out_dir / "data.md").write_text(markdown, encoding="utf-8")
        (out_dir / "data.json").write_text(document, encoding="utf-8")
    if as_json:
        click.echo(document, nl=False)
        return
    text = render_data_text(analysis, profile=profile, baseline=baseline, width=output_width())
    click.echo(text, nl=False)
    if out_dir is not None:
        written = f"Written to {out_dir}/: data.md, data.json, plots/" + (" and model.joblib" if baseline else "")
        click.echo(fit_lines(written))


def data_options(out_help: str, seed_help: str) -> Callable[[F], F]:
    """The options `profile` and `baseline` share, after their own PATH and --target."""

    def decorate(function: F) -> F:
        for option in reversed(
            [
                click.option(
                    "--answers", type=click.Path(path_type=Path), default=None, metavar="FILE", help="The brief (YAML)."
                ),
                click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON instead of text."),
                click.option(
                    "--out", "out_dir", type=click.Path(path_type=Path), default=None, metavar="DIR", help=out_help
                ),
                click.option("--seed", default=0, show_default=True, help=seed_help),
                rules_option,
            ]
        ):
            function = option(function)
        return engine_options("path")(function)

    return decorate


@click.command("profile")
@click.argument("path", type=PATH, required=False)
@click.option("--target", default=None, metavar="COL", help="The target column (enables target, leakage checks).")
@data_options("Write plots here.", "Seed for sampling (same seed, same output).")
@drop_option
def profile(
    path: Path | None,
    *,
    target: str | None,
    drop: tuple[str, ...],
    answers: Path | None,
    as_json: bool,
    out_dir: Path | None,
    seed: int,
    rules_dir: Path | None,
    engine: EngineChoice,
) -> None:
    """Profile a CSV or Parquet file: column types, missing values, outliers, correlations, target balance,
    leakage suspects, protected attributes, and where the data contradicts the brief."""
    # A target (given, or the brief's) brings the leakage checks, which the companion process runs.
    with companion_started_early(path is not None and (target is not None or answers is not None)):
        knowledge = load_rule_base(rules_dir)
        brief = with_dropped(_brief(answers, knowledge), drop)
        analysis = _analysed(path, target, brief, knowledge, out_dir=out_dir, seed=seed, engine=engine, fit=False)
    _emit(analysis, as_json=as_json, out_dir=out_dir, profile=True, baseline=False)


@click.command("baseline")
@click.argument("path", type=PATH, required=False)
@click.option("--target", required=True, metavar="COL", help="The target column.")
@positive_class_option
@data_options("Write plots and model.", "Seed for sampling, splits and models.")
@drop_option
@jobs_option
def baseline(
    path: Path | None,
    *,
    target: str,
    drop: tuple[str, ...],
    positive_class: str | None,
    answers: Path | None,
    as_json: bool,
    out_dir: Path | None,
    seed: int,
    rules_dir: Path | None,
    jobs: int | None,
    engine: EngineChoice,
) -> None:
    """Fit honest baselines (dummy, linear, gradient boosting) on a 60/20/20 split and report the brief's metric
    with 95 % intervals, the cost-optimal threshold, the learning curve, latency and model size."""
    from advisor.data.baseline.workers import using_jobs

    # The rule base (bundled or --rules) reads the answers and decides the primary metric of the baselines.
    with companion_started_early(path is not None, jobs), using_jobs(jobs):
        knowledge = load_rule_base(rules_dir)
        brief = with_positive_class(with_dropped(_brief(answers, knowledge), drop), positive_class)
        analysis = _analysed(path, target, brief, knowledge, out_dir=out_dir, seed=seed, engine=engine, fit=True)
    _emit(analysis, as_json=as_json, out_dir=out_dir, profile=False, baseline=True)


def _analysed(
    path: Path | None,
    target: str | None,
    brief: Brief,
    knowledge: KnowledgeBase,
    *,
    out_dir: Path | None,
    seed: int,
    engine: EngineChoice,
    fit: bool,
) -> DataAnalysis:
    """The file analysed as `profile` (fit=False) or `baseline` (fit=True) show it, with progress bars on a terminal."""
    from advisor.data import analyse

    return analyse(
        _path(path),
        target=target,
        brief=brief,
        out_dir=out_dir,
        seed=seed,
        run_baseline=fit,
        progress=None,
        knowledge=knowledge,
        engine=engine,
    )


def _path(path: Path | None) -> Path:
    if path is None:
        from advisor.errors import UsageError

        raise UsageError("no data given", place="PATH", hint="give a CSV or Parquet file, or --table NAME with Spark")
    return path


def register(group: click.Group) -> None:
    group.add_command(profile)
    group.add_command(baseline)
