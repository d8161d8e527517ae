"""The whole monitoring job: read both files, measure drift, turn it into facts, advise, write the report atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.monitor.facts import drift_found, monitoring_facts
from advisor.monitor.models import FeatureDrift, MissingChange, MonitorResult, Skipped

if TYPE_CHECKING:
    import pandas as pd

    from advisor.brief.model import Brief
    from advisor.inference.advice import Advice
    from advisor.knowledge.base import KnowledgeBase
    from advisor.monitor.inputs import Inputs

FILE_NAMES = {"md": "monitor.md", "html": "monitor.html", "json": "monitor.json"}
RULE_PREFIX = "monitoring."


@dataclass(frozen=True)
class MonitorRequest:
    reference: Path
    current: Path
    target: str | None = None
    model: Path | None = None
    time_column: str | None = None
    window: str | None = None
    seed: int = 0
    multivariate: bool = True


@dataclass
class MonitorOutcome:
    result: MonitorResult
    advice: Advice
    files: list[Path] = field(default_factory=list)


def measure(request: MonitorRequest, plots_dir: Path | None = None) -> MonitorResult:
    """Every measurement of the run (no advice): what the tests and `monitor` share."""
    from advisor.monitor.inputs import read_inputs
    from advisor.monitor.model_check import check_model, load_model
    from advisor.monitor.multivariate import domain_check
    from advisor.monitor.windows import parse_window, window_drift

    if request.window is not None:
        parse_window(request.window)  # a bad --window is refused before any file is read
    model = load_model(request.model) if request.model is not None else None
    inputs = read_inputs(
        request.reference,
        request.current,
        target=request.target,
        time_column=request.time_column,
        seed=request.seed,
    )
    result = univariate(inputs)
    result.reference, result.current = str(request.reference), str(request.current)
    result.target = request.target
    compared = {item.column: inputs.kinds[item.column] for item in result.features}
    if request.multivariate:
        result.domain = domain_check(inputs.reference, inputs.current, compared, seed=request.seed)
    if model is not None and request.model is not None:
        result.model = check_model(
            model,
            request.model,
            inputs.reference,
            inputs.current,
            current_path=request.current,
            target=request.target,
            seed=request.seed,
        )
    if request.time_column is not None and request.window is not None:
        result.windows = window_drift(
            inputs.reference, inputs.current, compared, time_column=request.time_column, window=request.window
        )
    if plots_dir is not None:
        from advisor.monitor.plots import draw_drift_plots

        result.plots = draw_drift_plots(
            inputs.reference, inputs.current, result.features, result.windows, plots_dir, request.seed
        )
    result.facts = monitoring_facts(result)
    result.drift_found = drift_found(result.facts)
    return result


def univariate(inputs: Inputs) -> MonitorResult:
    """Per-feature tests, missing rates and broken columns, corrected together."""
    from advisor.monitor import thresholds as limits
    from advisor.monitor.statistics import categorical_drift, judge, missing_change, numeric_drift

    features: list[FeatureDrift] = []
    missing: list[MissingChange] = []
    broken: list[Skipped] = []
    skipped = [Skipped(column=name, reason=why) for name, why in inputs.skipped.items()]
    for name, kind in inputs.kinds.items():
        reference, current = inputs.reference[name], inputs.current[name]
        change = missing_change(name, reference, current)
        if change is not None:
            missing.append(change)
        if reference.nunique(dropna=True) < 2:
            skipped.append(Skipped(column=name, reason="a single value in the reference: nothing to compare"))
            continue
        why_broken = _broken(reference, current)
        if why_broken:
            broken.append(Skipped(column=name, reason=why_broken))
            continue
        if min(reference.notna().sum(), current.notna().sum()) < limits.MIN_ROWS_PER_SIDE:
            skipped.append(Skipped(column=name, reason=f"fewer than {limits.MIN_ROWS_PER_SIDE} values on one side"))
            continue
        drift = numeric_drift if kind == "numeric" else categorical_drift
        features.append(drift(name, reference, current))
    judge(features, missing)
    return MonitorResult(
        reference="",
        current="",
        reference_rows=inputs.reference_rows,
        current_rows=inputs.current_rows,
        how=inputs.how,
        features=features,
        missing=missing,
        broken=broken,
        skipped=skipped,
        warnings=inputs.warnings,
    )


def _broken(reference: pd.Series, current: pd.Series) -> str | None:
    """A column that varies in the reference but is all missing, or a single value, in the current data."""
    if current.notna().sum() == 0:
        return "all missing in the current data"
    if current.nunique(dropna=True) == 1:
        return f"constant in the current data (always {str(current.dropna().iloc[0])[:30]})"
    return None


def advise_on(result: MonitorResult, brief: Brief, knowledge: KnowledgeBase) -> Advice:
    """The engine on the brief plus the `monitoring.*` facts."""
    from advisor.inference.engine import advise

    measured = brief.model_copy(deep=True, update={"monitoring": result.facts})
    return advise(measured, knowledge)


def run_monitor(
    request: MonitorRequest,
    brief: Brief,
    knowledge: KnowledgeBase,
    out_dir: Path,
    *,
    formats: tuple[str, ...] = ("md", "html", "json"),
    force: bool = False,
) -> MonitorOutcome:
    """Measure, advise, and write monitor.md, .html, .json and plots/ into `out_dir`, atomically."""
    from advisor.monitor.render import monitoring_advice, render_html, render_json, render_markdown
    from advisor.report.output import check_writable, staged

    names = [FILE_NAMES[name] for name in formats]
    check_writable(out_dir, names, force=force)
    with staged(out_dir, force=force) as staging:
        result = measure(request, plots_dir=staging if "md" in formats or "html" in formats else None)
        advice = advise_on(result, brief, knowledge)
        said = monitoring_advice(advice, knowledge)
        markdown_text = render_markdown(result, said)
        renderers = {
            "md": lambda: markdown_text,
            "html": lambda: render_html(markdown_text, staging),
            "json": lambda: render_json(result, said),
        }
        for name in formats:
            (staging / FILE_NAMES[name]).write_text(renderers[name](), encoding="utf-8", newline="\n")
        if "md" not in formats:
            _drop(staging / "plots")
        staged_names = sorted(path.name for path in staging.iterdir())
    ordered = names + [name for name in staged_names if name not in names]
    return MonitorOutcome(result=result, advice=advice, files=[out_dir / name for name in ordered])


def _drop(path: Path) -> None:
    import shutil

    if path.is_dir():
        shutil.rmtree(path)
