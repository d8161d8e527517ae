"""The baseline half of the data section in Markdown: models with intervals, verdicts, threshold, serving, groups."""

from __future__ import annotations

from advisor.data.models import BaselineResult, DataAnalysis, Interval, ModelResult
from advisor.data.tables import number, table
from advisor.report.escape import Markdown, md_code, md_text

SHOWN_METRICS = 4


def baseline_markdown(analysis: DataAnalysis) -> list[str]:
    baseline = analysis.baseline
    if baseline is None:
        return []
    rows = baseline.rows
    used = sum(rows.values())
    capped = (
        f" The models use a sample of {used:,} of the {baseline.labelled_rows:,} rows with a target, to stay fast; "
        "the learning curve below says whether more rows would help."
        if used < baseline.labelled_rows
        else ""
    )
    parts = [
        "## Baselines",
        (
            f"Target {md_code(baseline.target)} ({baseline.task_type.replace('_', ' ')}). "
            f"Split {md_text(baseline.split)}: "
            f"{rows['train']:,} training, {rows['validation']:,} validation and {rows['test']:,} test rows. "
            f"Primary metric **{baseline.primary_metric}** ({'higher' if baseline.greater_is_better else 'lower'} "
            f"is better): {md_text(baseline.primary_metric_source)}. "
            "Each model's settings were chosen on the validation split; "
            "test figures carry a bootstrap 95 % interval." + capped
        ),
        _models(baseline),
        _verdict(baseline),
    ]
    if baseline.excluded_features:
        excluded = "\n".join(f"- {md_code(name)}: {md_text(why)}" for name, why in baseline.excluded_features.items())
        parts += ["### Columns left out of the features", excluded]
    if baseline.threshold is not None:
        parts += ["### Decision threshold", _threshold(baseline)]
    if baseline.learning_curve is not None:
        curve = baseline.learning_curve
        rows_table = [(f"{p.train_rows:,}", number(p.train_score), number(p.validation_score)) for p in curve.points]
        parts += [
            "### Learning curve",
            f"Verdict: {md_text(curve.verdict)}.",
            table(["training rows", "training", "validation"], rows_table, [True, True, True]),
        ]
        parts += [
            f"![{md_text(plot.title)}]({plot.path})"
            for plot in analysis.plots
            if plot.path == "plots/learning_curve.png"
        ]
    if baseline.importances:
        rows_table = [(item.feature, number(item.mean), number(item.std)) for item in baseline.importances]
        parts += [
            "### Permutation importance",
            f"Drop in validation {baseline.primary_metric} when one column is shuffled (best model).",
            table(["feature", "mean drop", "sd"], rows_table, [False, True, True]),
        ]
    if baseline.checks:
        parts += ["### Serving checks", _checks(baseline)]
    if baseline.groups:
        parts += ["### Quality per group", _groups(baseline)]
    if baseline.model_path:
        parts.append(
            f"The best pipeline ({md_text(baseline.best_model)}) is saved as {md_code(baseline.model_path)} (joblib)."
        )
    return parts


def _interval(interval: Interval | None) -> str:
    if interval is None:
        return "–"
    return Markdown(f"{number(interval.value)} [{number(interval.low)}, {number(interval.high)}]")


def _models(baseline: BaselineResult) -> str:
    metric_ids = list(baseline.models[0].test)[:SHOWN_METRICS] if baseline.models else []
    headers = ["model", f"validation {baseline.primary_metric}", "CV mean ± sd", *(f"test {m}" for m in metric_ids)]
    rows = []
    for model in baseline.models:
        name = Markdown(f"**{md_text(model.name)}**") if model.name == baseline.best_model else model.name
        cv = "–" if model.cv_mean is None else f"{number(model.cv_mean)} ± {number(model.cv_std)}"
        rows.append([name, number(model.validation_score), cv, *(_interval(model.test.get(m)) for m in metric_ids)])
    return table(headers, rows, [False, True, True, *([True] * len(metric_ids))])


def _by_name(baseline: BaselineResult, name: str) -> ModelResult | None:
    return next((model for model in baseline.models if model.name == name), None)


def _verdict(baseline: BaselineResult) -> str:
    best, dummy = _by_name(baseline, baseline.best_model), _by_name(baseline, "dummy")
    metric = baseline.primary_metric
    if best is None or dummy is None or metric not in best.test or metric not in dummy.test:
        return ""
    ours, theirs = best.test[metric], dummy.test[metric]
    if None in (ours.value, ours.low, ours.high, theirs.value, theirs.low, theirs.high):
        return f"Verdict: {metric} is undefined on this test split, so the models cannot be compared on it."
    assert ours.value is not None and theirs.value is not None
    assert ours.low is not None and ours.high is not None and theirs.low is not None and theirs.high is not None
    better = ours.value > theirs.value if baseline.greater_is_better else ours.value < theirs.value
    separated = ours.low > theirs.high or ours.high < theirs.low
    if better and separated:
        judgement = "clearly beats the dummy: the 95 % intervals do not overlap"
    elif better:
        judgement = "beats the dummy, but the intervals overlap: the gain is not yet certain"
    else:
        judgement = "does not beat the dummy: the features, as they are, carry little signal for this target"
    best_name = md_text(baseline.best_model)
    return f"Verdict: {best_name} ({metric} {number(ours.value)}) {judgement} (dummy {number(theirs.value)})."


def _threshold(baseline: BaselineResult) -> str:
    threshold = baseline.threshold
    assert threshold is not None
    saving = threshold.expected_cost_at_half - threshold.expected_cost
    lines = [
        f"Costs from the brief: a false positive costs {number(threshold.false_positive_cost)}, a false negative "
        f"{number(threshold.false_negative_cost)}. The threshold that minimises expected cost on validation is "
        f"**{number(threshold.threshold)}**.",
        table(
            ["decision rule (test split)", "expected cost per prediction"],
            [
                (f"{baseline.best_model} at the tuned threshold", number(threshold.expected_cost)),
                (f"{baseline.best_model} at 0.5", number(threshold.expected_cost_at_half)),
                ("dummy at its best threshold", number(threshold.dummy_expected_cost)),
            ],
            [False, True],
        ),
    ]
    if saving > 0:
        lines.append(f"Tuning the threshold saves {number(saving)} per prediction on test compared with 0.5.")
    else:
        lines.append("On test, the tuned threshold does not improve on 0.5.")
    return "\n\n".join(lines)


def _checks(baseline: BaselineResult) -> str:
    rows = []
    for check in baseline.checks:
        verdict = "no limit in the brief" if check.passed is None else ("pass" if check.passed else "FAIL")
        limit = "–" if check.limit is None else f"{number(check.limit)} {check.unit}"
        rows.append((check.name.replace("_", " "), f"{number(check.measured)} {check.unit}", limit, verdict))
    return table(["measure", "measured", "limit", "verdict"], rows, [False, True, True, False])


def _groups(baseline: BaselineResult) -> str:
    names = sorted({name for group in baseline.groups for name in group.metrics})
    ordered = [baseline.primary_metric] + [name for name in names if name != baseline.primary_metric]
    rows = [
        [group.column, group.group, f"{group.rows:,}", *(number(group.metrics.get(name)) for name in ordered)]
        for group in baseline.groups
    ]
    return (
        "Best model on the test split, per group of each protected column (numeric columns in quartiles):\n\n"
        + table(["column", "group", "rows", *ordered], rows, [False, False, True, *([True] * len(ordered))])
    )
