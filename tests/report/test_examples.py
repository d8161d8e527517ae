"""The checked example reports under reports/examples/ are exactly what the current code and rules produce.

Measured latencies are the one part of a report that depends on the machine and the moment, not on the inputs: the
comparison masks those numbers (and the table padding they change), nothing else. Fitted models also depend on the
versions of scikit-learn and friends, which the report names: under other versions (an older Python, say) the
comparison leaves out the baselines and everything else must still match.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from advisor.brief.examples import example_names
from advisor.cli import main

REPO = Path(__file__).parent.parent.parent
CHECKED = REPO / "reports" / "examples"
REGENERATE = "advisor run --example {name} --out reports/examples/{name} --force"
TIMING = re.compile(r"\d[\d.,]* ms\b")


def _mask_markdown(text: str) -> str:
    lines, in_checks = [], False
    for line in text.splitlines():
        if line.startswith("#"):
            in_checks = line.strip() == "### Serving checks"
        masked = line
        if line.startswith("|"):
            masked = TIMING.sub("<ms>", line) if in_checks else line
            masked = re.sub(r"-{3,}", "---", re.sub(r" {2,}", " ", masked))
        lines.append(masked)
    return "\n".join(lines)


def _mask_html(text: str) -> str:
    return re.sub(r'(<td style="text-align: right;">)\d[\d.,]* ms(</td>)', r"\1<ms>\2", text)


def _mask_json(value: Any) -> Any:
    if isinstance(value, dict):
        masked = {key: _mask_json(item) for key, item in value.items()}
        if masked.get("unit") == "ms" and "measured" in masked:
            masked["measured"] = "<ms>"
        return masked
    if isinstance(value, list):
        return [_mask_json(item) for item in value]
    return value


MASKS = {
    "design.md": _mask_markdown,
    "design.html": _mask_html,
    "design.json": lambda text: json.dumps(_mask_json(json.loads(text)), indent=1),
}


def test_every_bundled_example_has_a_checked_report() -> None:
    assert set(example_names()) == {"churn", "fraud", "house_prices", "lending"}
    assert sorted(path.name for path in CHECKED.iterdir() if path.is_dir()) == sorted(example_names())


def test_masks_hide_timings_only() -> None:
    table = "### Serving checks\n\n| latency one row p50 |  4.103 ms | 500 ms | pass |\n"
    assert _mask_markdown(table) == "### Serving checks\n\n| latency one row p50 | <ms> | <ms> | pass |"
    assert _mask_markdown("| Latency budget | 50 ms |") == "| Latency budget | 50 ms |"


FITTED_SUMMARY_ROWS = ("**Protected attributes.**",)  # the decision record's lines that quote fitted scores
FITTED_SECTIONS = ("## Baselines", "## Baselines: details")


def _without_fitted_models(markdown: str) -> str:
    """The Markdown minus what fitted models decide: the Baselines sections and the decision record's lines and
    warnings that quote fitted scores."""
    kept, skipping, warnings = [], False, False
    for line in markdown.splitlines():
        if line.startswith("## "):
            skipping = line in FITTED_SECTIONS
        if line.startswith("**"):
            warnings = line == "**Warnings from the data**"
        fitted = warnings or line.startswith(FITTED_SUMMARY_ROWS)
        if not skipping and not fitted:
            kept.append(line)
    return "\n".join(kept)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(example_names()))
def test_checked_example_report_is_not_stale(name: str, tmp_path: Path) -> None:
    assert main(["run", "--example", name, "--out", str(tmp_path)]) == 0
    checked_libraries = json.loads((CHECKED / name / "design.json").read_text())["generator"]["libraries"]
    fresh_libraries = json.loads((tmp_path / "design.json").read_text())["generator"]["libraries"]
    stale = f"reports/examples/{name}/{{}} is stale: run `{REGENERATE.format(name=name)}`"
    if checked_libraries != fresh_libraries:
        fresh = _without_fitted_models((tmp_path / "design.md").read_text(encoding="utf-8"))
        checked = _without_fitted_models((CHECKED / name / "design.md").read_text(encoding="utf-8"))
        assert fresh == checked, stale.format("design.md")
        return
    for file, mask in MASKS.items():
        fresh = mask((tmp_path / file).read_text(encoding="utf-8"))
        checked = mask((CHECKED / name / file).read_text(encoding="utf-8"))
        assert fresh == checked, stale.format(file)


def test_without_fitted_models_drops_the_baselines_only() -> None:
    text = "## Data profile\nrows\n## Baselines\n| model | 0.4 |\n## Metrics\nPR-AUC\n## Baselines: details\n| a |"
    assert _without_fitted_models(text) == "## Data profile\nrows\n## Metrics\nPR-AUC"
    record = (
        "**Problem.** x\n**Protected attributes.** a: f1 0.4 without them\n\n"
        "**Warnings from the data**\n\n- beats\n\n**First five things to do**"
    )
    assert _without_fitted_models(record) == "**Problem.** x\n\n**First five things to do**"
