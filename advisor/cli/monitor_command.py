"""`advisor monitor`: compare current data with the reference the model was built on; advise; write the report.

Exit codes: 0 done (drift or not, unless --fail-on), 3 with `--fail-on drift` when drift was found (or with
`--fail-on degradation` when the model's quality fell), 2 bad input, 1 a bug. pandas, scipy, scikit-learn and
matplotlib are imported only when the command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from advisor.cli.app import load_rule_base, rules_option
from advisor.cli.terminal import fit_lines

PATH = click.Path(path_type=Path)


@click.command("monitor")
@click.option("--reference", required=True, type=PATH, metavar="PATH", help="The data the model was built on.")
@click.option("--current", required=True, type=PATH, metavar="PATH", help="The new data to compare with it.")
@click.option("--target", default=None, metavar="COL", help="The target column (not compared as a feature).")
@click.option(
    "--model", "model_path", type=PATH, default=None, metavar="PATH", help="model.joblib from 'advisor baseline'."
)
@click.option("--answers", type=PATH, default=None, metavar="FILE", help="The brief (YAML), for the rules.")
@click.option("--out", "out_dir", type=PATH, default=Path("monitor-report"), show_default=True, metavar="DIR")
@click.option("--time-column", default=None, metavar="COL", help="Cut the current data into time windows by COL.")
@click.option("--window", default=None, metavar="WIDTH", help="Window width with --time-column, e.g. 7d or 12h.")
@click.option(
    "--fail-on",
    type=click.Choice(["drift", "degradation"]),
    default=None,
    help="Exit with code 3 when drift (or a quality drop) is found: for CI and schedulers.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing monitoring report in DIR.")
@click.option("--seed", default=0, show_default=True, help="Seed for samples, the classifier and the bootstrap.")
@rules_option
def monitor(
    *,
    reference: Path,
    current: Path,
    target: str | None,
    model_path: Path | None,
    answers: Path | None,
    out_dir: Path,
    time_column: str | None,
    window: str | None,
    fail_on: str | None,
    force: bool,
    seed: int,
    rules_dir: Path | None,
) -> int:
    """Compare new data with the data the model was built on: per-feature drift (PSI, Kolmogorov-Smirnov,
    chi-square, Holm-corrected), new categories, missing rates, a reference-vs-current classifier, and with --model
    the predictions and quality. The rules turn what moved into advice: retrain, investigate, fix the pipeline, or
    nothing to do. Exit 3 with --fail-on when it finds what it was asked to fail on."""
    from advisor.brief.model import Brief
    from advisor.errors import UsageError
    from advisor.monitor import thresholds
    from advisor.monitor.run import MonitorRequest, run_monitor

    if (time_column is None) != (window is None):
        raise UsageError(
            "--time-column and --window go together", place="--window" if window is None else "--time-column"
        )
    knowledge = load_rule_base(rules_dir)
    brief = Brief()
    if answers is not None:
        from advisor.brief.answers import load_brief

        brief = load_brief(answers, knowledge)
    request = MonitorRequest(
        reference=reference,
        current=current,
        target=target,
        model=model_path,
        time_column=time_column,
        window=window,
        seed=seed,
    )
    outcome = run_monitor(request, brief, knowledge, out_dir, force=force)
    result = outcome.result
    for warning in result.warnings:
        click.echo(f"advisor: warning: {warning}", err=True)
    facts = result.facts
    lines = [
        f"{'Drift found' if result.drift_found else 'No drift found'}: {facts.drifted_features} of "
        f"{facts.features_compared} features drifted (max PSI {facts.max_psi:.3f})"
        + (f", reference-vs-current ROC-AUC {facts.domain_auc:.3f}" if facts.domain_auc is not None else "")
        + (f", {facts.broken_columns} broken column(s)" if facts.broken_columns else "")
        + (", quality fell" if facts.metric_degraded else "")
    ]
    fired = sorted({firing.rule for firing in outcome.advice.firings if firing.rule.startswith("monitoring.")})
    if fired:
        lines.append("Advice: " + ", ".join(fired))
    lines.append(f"Written to {out_dir}/: " + ", ".join(path.name for path in outcome.files))
    click.echo(fit_lines("\n".join(lines)))
    failed = (fail_on == "drift" and result.drift_found) or (fail_on == "degradation" and bool(facts.metric_degraded))
    return thresholds.FAIL_EXIT_CODE if failed else 0


def register(group: click.Group) -> None:
    group.add_command(monitor)
