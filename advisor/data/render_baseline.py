"""The baseline half of the data section in Markdown: models with intervals, verdicts, threshold, serving, groups."""

from __future__ import annotations

from advisor.data.models import BaselineResult, DataAnalysis, Interval
from advisor.data.tables import number, table
from advisor.util.escape import Markdown, md_code, md_text, with_code

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
    if baseline.fitting_budget:
        capped += f" {md_text(baseline.fitting_budget)}."
    parts = ["## Baselines"]
    if baseline.verdict_kind == "suspicious":
        reason = (baseline.verdict or "").removeprefix("suspicious: ")
        parts.append(f"> **Warning — too good to be true:** {with_code(reason)}.")
    parts += [
        (
            f"Target {md_code(baseline.target)} ({baseline.task_type.replace('_', ' ')}). "
            f"Split {md_text(baseline.split)}: "
            f"{rows['train']:,} training, {rows['validation']:,} validation and {rows['test']:,} test rows. "
            f"Primary metric **{baseline.primary_metric}** ({'higher' if baseline.greater_is_better else 'lower'} "
            f"is better): {md_text(baseline.primary_metric_source)}. Each model's settings were chosen on the "
            f"validation split; test figures carry a 95 % interval from a {baseline.interval_method}." + capped
        ),
        _positive(baseline),
        _models(baseline),
        _references(baseline),
        _verdict(baseline),
    ]
    if baseline.operating_point is not None:
        parts += ["### Operating point", _operating(baseline)]
    if baseline.business is not None:
        parts += ["### Against what we do today", _business(baseline)]
    if baseline.shift is not None:
        parts += ["### Shift between the splits", _shift(baseline)]
    if baseline.excluded_features or baseline.feature_screen:
        excluded = "\n".join(f"- {md_code(name)}: {md_text(why)}" for name, why in baseline.excluded_features.items())
        screen = f"- {md_text(baseline.feature_screen)}." if baseline.feature_screen else ""
        parts += ["### Columns left out of the features", "\n".join(line for line in (excluded, screen) if line)]
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


def _verdict(baseline: BaselineResult) -> str:
    if baseline.verdict is None:
        return ""
    return f"Verdict: {with_code(baseline.verdict)}."


def _positive(baseline: BaselineResult) -> str:
    if baseline.positive_class is None:
        return ""
    text = (
        f"Positive class: **{md_code(baseline.target)} = {md_text(baseline.positive_class)}** — "
        f"{with_code(baseline.positive_class_reason or '')}. "
        "F1, precision, recall, PR AUC and the costs below are about this class."
    )
    dummy = next((model for model in baseline.models if model.name == "dummy"), None)
    share = dummy.test.get("pr_auc") if dummy is not None else None
    if share is not None and share.value is not None and share.value > 0.5:
        text += (
            f" It is the majority class ({number(share.value)} of the test rows): PR AUC and F1 are high even for a "
            "constant, so read them against the dummy, or pass --positive-class with the other value to study the "
            "rarer class."
        )
    return text


def _references(baseline: BaselineResult) -> str:
    lines = []
    if baseline.dummy_strategies:
        strategies = "; ".join(f"{metric}: {name}" for metric, name in baseline.dummy_strategies.items())
        lines.append(f"The dummy is the best constant for each metric, chosen on the training split ({strategies}).")
    if baseline.threshold_rule:
        thresholds = ", ".join(
            f"{md_text(model.name)} {number(model.threshold)}"
            for model in baseline.models
            if model.threshold is not None
        )
        lines.append(f"Threshold: {baseline.threshold_rule} ({thresholds}).")
    if baseline.season is not None:
        lines.append(
            f"Series split in time: the seasonal-naive and last-value forecasts are references; season "
            f"{baseline.season} rows ({md_text(baseline.season_reason)})."
        )
    return " ".join(lines)


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
    point = baseline.operating_point
    if point is not None and point.cost_threshold_note:
        lines.append(
            f"{'**Over capacity:** ' if point.over_capacity else ''}{md_text(point.cost_threshold_note[0].upper())}"
            f"{md_text(point.cost_threshold_note[1:])}. The decision threshold is the one at the capacity "
            f"({number(point.threshold)}, see the operating point above); this saving is not the model's gain."
        )
    return "\n\n".join(lines)


def _checks(baseline: BaselineResult) -> str:
    rows = []
    for check in baseline.checks:
        verdict = "no limit in the brief" if check.passed is None else ("pass" if check.passed else "FAIL")
        limit = "–" if check.limit is None else f"{number(check.limit)} {check.unit}"
        rows.append((check.name.replace("_", " "), f"{number(check.measured)} {check.unit}", limit, verdict))
    return table(["measure", "measured", "limit", "verdict"], rows, [False, True, True, False])


def _groups(baseline: BaselineResult) -> str:
    best = next((model for model in baseline.models if model.name == baseline.best_model), None)
    threshold = best.threshold if best is not None else None
    if baseline.operating_point is not None:  # the groups' rates are taken where the business acts
        threshold = baseline.operating_point.threshold
    names = sorted({name for group in baseline.groups for name in group.metrics})
    ordered = [baseline.primary_metric] + [name for name in names if name != baseline.primary_metric]
    rows = [
        [group.column, group.group, f"{group.rows:,}", *(number(group.metrics.get(name)) for name in ordered)]
        for group in baseline.groups
    ]
    return (
        "Best model on the test split, per group of each protected column (numeric columns in quartiles)"
        + (f"; rates at its decision threshold {number(threshold)}" if threshold is not None else "")
        + ":\n\n"
        + table(["column", "group", "rows", *ordered], rows, [False, False, True, *([True] * len(ordered))])
    )


def _operating(baseline: BaselineResult) -> str:
    point = baseline.operating_point
    assert point is not None
    rows = [
        (f"{md_text(baseline.best_model)}", _interval(point.model)),
        (f"best constant policy: {md_text(point.constant_policy)}", _interval(point.constant)),
        (Markdown("**gain over the constant policy**"), Markdown(f"**{_interval(point.gain)}**")),
    ]
    if point.over_stated is not None and point.stated_value is not None:
        rows.append((f"gain over today's stated {number(point.stated_value)}", _interval(point.over_stated)))
    flagged = point.flagged_share
    return "\n\n".join(
        [
            (
                f"Capacity: {number(point.capacity_share * 100)} % of the cases — {md_text(point.source)}. "
                f"The decision threshold is the score at that capacity on the validation split, "
                f"**{number(point.threshold)}**; on test it acts on {_percent(flagged.value)} of the cases "
                f"(95 % interval {_percent(flagged.low)} to {_percent(flagged.high)})."
            ),
            f"**Headline:** {md_text(point.headline)}.",
            table(["at the capacity (test split)", md_text(point.measured_as)], rows, [False, True]),
        ]
    )


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{number(share * 100, 1)} %"


def _business(baseline: BaselineResult) -> str:
    business = baseline.business
    assert business is not None
    return (
        f"The brief measures the current approach by *{md_text(business.stated_metric)}* = "
        f"{number(business.stated_value)}. Measured as {md_text(business.measured_as)} on the test split, "
        f"{md_text(baseline.best_model)} scores {_interval(business.model)}: it {with_code(business.verdict)}."
    )


def _shift(baseline: BaselineResult) -> str:
    shift = baseline.shift
    assert shift is not None
    means = ", ".join(f"{split} {number(value)}" for split, value in shift.target_means.items())
    smd = ", ".join(f"{split} {number(value)}" for split, value in shift.target_smd.items())
    winners = "; ".join(f"on {split}: {name}" for split, name in shift.winners.items())
    lines = [f"Target by split: {means} (standardised difference from train: {smd}). Best fitted model {winners}."]
    if shift.features:
        rows = [(md_code(item.feature), number(item.validation), number(item.test)) for item in shift.features]
        lines.append(table(["feature", "train → validation", "train → test"], rows, [False, True, True]))
    lines += [f"**Warning:** {with_code(warning)}" for warning in shift.warnings]
    return "\n\n".join(lines)
