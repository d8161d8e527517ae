"""The monitoring report as Markdown, a standalone HTML page and JSON (the same content in each).

Column names and category values come from the person's files: every one goes through the report's Markdown
escaping, and the HTML converter runs with raw HTML disabled, as for the design report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from advisor import __version__
from advisor.inference.advice import Advice
from advisor.monitor import thresholds as limits
from advisor.monitor.models import MonitorResult
from advisor.util.escape import md_cell, md_text

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

RULE_PREFIX = "monitoring."
JSON_FORMAT_VERSION = 1
TITLE = "Monitoring report"


def monitoring_advice(advice: Advice, knowledge: KnowledgeBase) -> list[dict[str, Any]]:
    """What the monitoring rules said, one entry per rule that fired, in firing order: its title, the items it
    recommends or flags (also when another rule leads the same item), its checklist, why, and its sources."""
    entries: list[dict[str, Any]] = []
    for firing in advice.firings:
        rule = knowledge.rule(firing.rule)
        if rule is None or not rule.id.startswith(RULE_PREFIX):
            continue
        items = [
            item.label
            for item in advice.recommendations
            if item.rule == rule.id or rule.id in [reason.rule for reason in item.supporting]
        ]
        items += [f"risk: {item.label} ({item.severity})" for item in advice.risks if item.rule == rule.id]
        items += [f"not: {item.label}" for item in advice.exclusions if item.rule == rule.id]
        entries.append(
            {
                "rule": rule.id,
                "title": rule.title,
                "step": str(firing.step),
                "items": items,
                "checklist": [check.text for check in advice.checklist if check.rule == rule.id],
                "because": rule.because,
                "sources": list(rule.sources),
            }
        )
    return entries


def render_markdown(result: MonitorResult, said: list[dict[str, Any]]) -> str:
    lines: list[str] = [f"# {TITLE}", ""]
    verdict = "**Drift found.**" if result.drift_found else "**No drift found.**"
    lines += [
        f"{verdict} Reference `{md_text(Path(result.reference).name)}` ({result.reference_rows:,} rows) against "
        f"current `{md_text(Path(result.current).name)}` ({result.current_rows:,} rows).",
        "",
    ]
    lines += [f"- {md_text(how)}" for how in result.how]
    lines += [f"- warning: {md_text(warning)}" for warning in result.warnings]
    lines += ["", "## What to do", ""]
    if not said:
        lines.append("No monitoring rule fired.")
    for entry in said:
        lines += [f"### {md_text(entry['title'])}", ""]
        lines += [f"- {md_text(item)}" for item in entry["items"]]
        lines += [f"- [ ] {md_text(text)}" for text in entry["checklist"]]
        if entry["because"]:
            lines += ["", f"Why: {md_text(entry['because'])}"]
        if entry["sources"]:
            lines += ["", "Sources: " + ", ".join(md_text(source) for source in entry["sources"])]
        lines += ["", f"Rule `{entry['rule']}`, step {entry['step']}.", ""]
    lines += _features(result) + _categories(result) + _missing(result) + _domain(result) + _model(result)
    lines += _windows(result) + _skipped(result) + _plots(result)
    lines += ["## Thresholds", "", _thresholds(), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _features(result: MonitorResult) -> list[str]:
    lines = ["## Per-feature drift", ""]
    if not result.features:
        return [*lines, "No feature could be compared.", ""]
    lines += [
        "| column | kind | test | statistic | p (Holm) | PSI | JS distance | verdict | reference | current |",
        "|---|---|---|---:|---:|---:|---:|---|---|---|",
    ]
    for item in sorted(result.features, key=lambda feature: (-feature.psi, feature.column)):
        verdict = f"**{item.severity}**" if item.drifted else "none"
        js = "—" if item.js_distance is None else f"{item.js_distance:.3f}"
        lines.append(
            f"| {md_cell(item.column)} | {item.kind} | {item.test} | {item.statistic:.4g} | {_p(item.p_adjusted)} | "
            f"{item.psi:.3f} | {js} | {verdict} | {md_cell(item.reference_summary)} | {md_cell(item.current_summary)} |"
        )
    return [*lines, ""]


def _categories(result: MonitorResult) -> list[str]:
    rows = [item for item in result.features if item.new_categories or item.vanished_categories]
    if not rows:
        return []
    lines = [
        "## New and vanished categories",
        "",
        "| column | new (most frequent) | new share beyond chance | vanished |",
        "|---|---|---:|---|",
    ]
    for item in rows:
        lines.append(
            f"| {md_cell(item.column)} | {md_cell(', '.join(item.new_categories))} | {item.new_share:.1%} | "
            f"{md_cell(', '.join(item.vanished_categories))} |"
        )
    return [*lines, ""]


def _missing(result: MonitorResult) -> list[str]:
    lines = ["## Missing values", ""]
    if not result.missing and not result.broken:
        return [*lines, "No column misses values on either side.", ""]
    if result.missing:
        lines += ["| column | reference | current | p (Holm) | verdict |", "|---|---:|---:|---:|---|"]
        for change in result.missing:
            verdict = "**rose**" if change.increased else "stable"
            lines.append(
                f"| {md_cell(change.column)} | {change.reference_share:.1%} | {change.current_share:.1%} | "
                f"{_p(change.p_adjusted)} | {verdict} |"
            )
        lines.append("")
    for item in result.broken:
        lines.append(f"- **Broken column** {md_text(item.column)}: {md_text(item.reason)}.")
    return [*lines, ""] if result.broken else lines


def _domain(result: MonitorResult) -> list[str]:
    lines = ["## Multivariate check", ""]
    domain = result.domain
    if domain is None:
        return [*lines, "Not run (too few rows or no comparable feature).", ""]
    verdict = "can tell them apart" if domain.shifted else "cannot reliably tell them apart"
    lines.append(
        f"A gradient-boosting classifier trained to tell reference rows from current rows ({domain.rows_per_side:,} "
        f"per side, {domain.folds}-fold cross-validation) reaches ROC-AUC **{domain.auc:.3f}**: it {verdict} "
        f"(0.5 is chance; the alarm is at {limits.DOMAIN_AUC})."
    )
    if domain.top_features:
        shown = ", ".join(f"{md_text(name)} ({value:.3f})" for name, value in domain.top_features)
        lines += ["", f"Features it relies on most (drop in AUC when shuffled): {shown}."]
    return [*lines, ""]


def _model(result: MonitorResult) -> list[str]:
    model = result.model
    if model is None:
        return []
    lines = ["## The model", "", f"`{md_text(model.model)}` ({model.task.replace('_', ' ')}).", ""]
    comparison = model.comparison
    if comparison is not None:
        lines += [
            "| | value | 95 % interval | from |",
            "|---|---:|---|---|",
            f"| reference {comparison.metric} | {_n(comparison.reference)} | "
            f"{_n(comparison.reference_low)} – {_n(comparison.reference_high)} | "
            f"{md_cell(comparison.reference_from)} |",
            f"| current {comparison.metric} | {_n(comparison.current)} | "
            f"{_n(comparison.current_low)} – {_n(comparison.current_high)} | the current file (bootstrap) |",
            "",
        ]
    lines += [f"- {md_text(text)}" for text in model.conclusions]
    return [*lines, ""]


def _windows(result: MonitorResult) -> list[str]:
    windows = result.windows
    if windows is None:
        return []
    lines = [
        "## Over time",
        "",
        f"Current data cut into {md_text(windows.window)} windows of '{md_text(windows.time_column)}': "
        f"{md_text(windows.pattern)}.",
        "",
        "| window start | rows | score (mean PSI above noise) | features over 0.1 |",
        "|---|---:|---:|---:|",
    ]
    for item in windows.windows:
        lines.append(f"| {md_cell(item.start)} | {item.rows:,} | {item.score:.3f} | {item.drifted_features} |")
    return [*lines, ""]


def _skipped(result: MonitorResult) -> list[str]:
    if not result.skipped:
        return []
    return [
        "## Not compared",
        "",
        *[f"- {md_text(item.column)}: {md_text(item.reason)}" for item in result.skipped],
        "",
    ]


def _plots(result: MonitorResult) -> list[str]:
    if not result.plots:
        return []
    lines = ["## Plots", ""]
    for plot in result.plots:
        lines += [f"![{md_text(plot.title)}]({plot.path})", ""]
    return lines


def _thresholds() -> str:
    return (
        f"A feature has drifted when its test (Kolmogorov-Smirnov for numbers, chi-square for categories) is "
        f"significant at {limits.ALPHA} after Holm's correction over all tests of the run AND its PSI is at least "
        f"{limits.PSI_MODERATE} (moderate; {limits.PSI_MAJOR} and over: major). Missing rates count when they rise "
        f"by {limits.MISSING_POINTS:.0%} points or more, new categories when they hold {limits.NEW_CATEGORY_SHARE:.0%} "
        f"of current rows beyond chance, quality when it falls by {limits.METRIC_TOLERANCE:.0%} beyond both intervals. "
        "See docs/monitor.md."
    )


def _p(value: float) -> str:
    return "< 0.0001" if value < 1e-4 else f"{value:.4f}"


def _n(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"


def render_html(markdown_text: str, base_dir: Path) -> str:
    from advisor.report.html import markdown_to_html
    from advisor.report.templates import html_environment
    from advisor.util.resources import bundled

    body = markdown_to_html(markdown_text, base_dir)
    css = (bundled("templates") / "design.css").read_text(encoding="utf-8")
    page = (
        html_environment()
        .get_template("design.html.j2")
        .render(title=TITLE, version=__version__, css=Markup(css), body=Markup(body))
    )
    return page.rstrip("\n") + "\n"


def render_json(result: MonitorResult, said: list[dict[str, Any]]) -> str:
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "generator": {"advisor_version": __version__},
        "drift_found": result.drift_found,
        "facts": result.facts.model_dump(mode="json"),
        "advice": said,
        "result": result.model_dump(mode="json", exclude={"facts", "drift_found"}),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
