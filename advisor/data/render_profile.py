"""The profile half of the data section in Markdown: source, warnings, contradictions, columns, target, plots."""

from __future__ import annotations

from advisor.data.models import DataAnalysis
from advisor.data.tables import number, share, table
from advisor.util.escape import md_code, md_text

MAX_COLUMN_ROWS = 60


def profile_markdown(analysis: DataAnalysis) -> list[str]:
    parts = ["## Data profile", _source(analysis)]
    if analysis.warnings:
        parts += ["### Warnings", "\n".join(f"- {md_text(warning)}" for warning in analysis.warnings)]
    if analysis.contradictions:
        rows: list[tuple[str, ...]] = [
            (item.fact, item.answered, item.measured, item.message) for item in analysis.contradictions
        ]
        parts += [
            "### Where the data contradicts the brief",
            table(["fact", "answered", "measured", "what it means"], rows),
        ]
    parts += ["### Summary", _summary(analysis)]
    parts += ["### Columns", _columns(analysis)]
    if analysis.target is not None:
        parts += ["### Target", _target(analysis)]
    if analysis.correlations:
        rows = [(f"{c.left} ~ {c.right}", number(c.pearson), number(c.spearman)) for c in analysis.correlations]
        parts += ["### Strongest correlations", table(["pair", "Pearson", "Spearman"], rows, [False, True, True])]
    parts += ["### Leakage suspects", _leakage(analysis)]
    parts += ["### Protected attributes", _protected(analysis)]
    profile_plots = [plot for plot in analysis.plots if plot.path != "plots/learning_curve.png"]
    if profile_plots:
        parts += ["### Plots", "\n\n".join(f"![{md_text(plot.title)}]({plot.path})" for plot in profile_plots)]
    return parts


def _source(analysis: DataAnalysis) -> str:
    source = analysis.source
    fmt = source.format.upper()
    if source.delimiter and source.delimiter != ",":
        fmt += f", delimiter {md_text(repr(source.delimiter))}"
    if source.encoding and source.encoding not in {"utf-8", "utf-8-sig"}:
        fmt += f", encoding {md_text(source.encoding)}"
    return (
        f"{md_code(source.file)} ({fmt}, {source.file_size_mb:,.1f} MB): {source.rows:,} row{'s' * (source.rows != 1)} "
        f"and {source.columns:,} column{'s' * (source.columns != 1)}. "
        f"{md_text(source.how[0].upper() + source.how[1:])}."
    )


def _summary(analysis: DataAnalysis) -> str:
    facts = analysis.facts
    rows = [
        ("missing cells", share(facts.missing_share)),
        ("worst column missing", share(facts.max_missing_share)),
        ("duplicate rows", share(facts.duplicate_row_share)),
        ("duplicate columns", facts.duplicate_columns),
        ("constant / near-constant columns", f"{facts.constant_columns} / {facts.near_constant_columns}"),
        ("skewed numeric columns (|skew| > 1)", facts.skewed_columns),
        ("heavy-tailed columns (excess kurtosis > 3)", facts.heavy_tailed_columns),
        ("largest IQR outlier share in a column", share(facts.outlier_share)),
        ("multivariate outliers (robust Mahalanobis)", share(facts.multivariate_outlier_share)),
        ("high-cardinality categorical columns (> 50 values)", facts.high_cardinality_columns),
        ("feature pairs with |r| > 0.9", facts.correlated_pairs),
        ("rows per column", number(facts.rows_per_column, 1)),
    ]
    return table(["measure", "value"], [(name, "–" if value is None else value) for name, value in rows], [False, True])


def _columns(analysis: DataAnalysis) -> str:
    rows = []
    for column in analysis.profile[:MAX_COLUMN_ROWS]:
        moments = "–" if column.mean is None else f"{number(column.mean)} ± {number(column.std)}"
        rows.append(
            (
                column.name,
                column.kind,
                share(column.missing_share),
                f"{column.distinct:,}",
                moments,
                number(column.skew, 2),
                ", ".join(column.notes) or "",
            )
        )
    text = table(
        ["column", "kind", "missing", "distinct", "mean ± sd", "skew", "notes"],
        rows,
        [False, False, True, True, True, True, False],
    )
    hidden = len(analysis.profile) - MAX_COLUMN_ROWS
    if hidden > 0:
        text += f"\n\n… and {hidden:,} more columns (all of them are in the JSON output)."
    return text


def _target(analysis: DataAnalysis) -> str:
    target = analysis.target
    assert target is not None
    kind = target.task_type.replace("_", " ")
    missing = f"; {share(target.missing_share)} of rows have no target" if target.missing_share else ""
    if not target.classes:
        return (
            f"{md_code(target.column)}: {kind}, mean {number(target.mean)}, sd {number(target.std)}, "
            f"skew {number(target.skew, 2)}{missing}."
        )
    total = sum(target.classes.values())
    rows = [(label, f"{count:,}", share(count / total)) for label, count in list(target.classes.items())[:20]]
    verdict = (
        f"{md_code(target.column)}: {kind} with {len(target.classes)} classes; "
        f"the rarest is {share(target.minority_share)} "
        f"of rows ({target.imbalance} imbalance, {target.ratio} minority to majority){missing}."
    )
    return verdict + "\n\n" + table(["class", "rows", "share"], rows, [False, True, True])


LEAK_KINDS = {
    "target_derived": "derived from the target",
    "reproduces_target": "reproduces the target with another column",
    "post_outcome": "recorded after the outcome?",
    "same_time": "recorded at the same event?",
    "identifier": "identifier",
}


def _leakage(analysis: DataAnalysis) -> str:
    dropped = ""
    if analysis.dropped_columns:
        names = ", ".join(md_code(name) for name in analysis.dropped_columns)
        dropped = f"\n\nDropped by you (left out of the checks and the features): {names}."
    if analysis.target is None:
        return "Not checked: no target column was given." + dropped
    checked = "".join(f"\n\nChecked: {line}." for line in analysis.checked)
    if not analysis.leakage:
        found = "None found: no column or pair of columns gives the target away, no identifier, no look-alike."
        return found + checked + dropped
    lines = [
        f"- {md_code(suspect.column)} ({LEAK_KINDS.get(suspect.kind, suspect.kind)}): {md_text(suspect.reason)}"
        for suspect in analysis.leakage
    ]
    ask = (
        "\n\nEach suspect is left out of the baseline's features (but those marked kept); say which are known when "
        "the prediction is made."
    )
    return "\n".join(lines) + ask + checked + dropped


def _protected(analysis: DataAnalysis) -> str:
    if not analysis.protected_columns:
        return "No column is named in the brief or named like a protected attribute."
    names = ", ".join(md_code(name) for name in analysis.protected_columns)
    policy = analysis.protected_policy or "left out of the baseline's features"
    return f"{names}: {md_text(policy)}; the baseline's quality is reported per group."
