"""Shared data for the data-layer tests: the committed example slices, analysed once per session."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse

if TYPE_CHECKING:
    from advisor.data.baseline.features import FeatureKinds
    from advisor.data.baseline.fit import Parts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHURN = EXAMPLES / "churn" / "data.csv"
LENDING = EXAMPLES / "lending" / "data.csv"
HOUSES = EXAMPLES / "house_prices" / "data.csv"


def churn_kinds() -> FeatureKinds:
    from advisor.data.baseline.features import FeatureKinds

    return FeatureKinds(
        numeric=["tenure", "monthly_charges", "total_charges"],
        categorical=["contract", "internet_service", "payment_method"],
        datetime=[],
        text=[],
    )


def churn_parts() -> Parts:
    """Six churn columns split 1,200 / 400 / 400 in file order, as the baselines' fitting functions take them."""
    import pandas as pd

    from advisor.brief.enums import TaskType
    from advisor.data.baseline.fit import Parts
    from advisor.data.baseline.scoring import metric

    frame = pd.read_csv(CHURN)
    y = (frame["churn"] == "Yes").to_numpy().astype(int)
    rows = {"train": slice(0, 1200), "validation": slice(1200, 1600), "test": slice(1600, 2000)}
    return Parts(
        x={name: frame[churn_kinds().all].iloc[part].reset_index(drop=True) for name, part in rows.items()},
        y={name: y[part] for name, part in rows.items()},
        task=TaskType.binary_classification,
        classes=2,
        decision=metric("f1"),
    )


def churn_brief() -> Brief:
    brief = Brief()
    brief.costs.false_positive_cost = 10.0
    brief.costs.false_negative_cost = 60.0
    brief.serving.latency_ms = 10_000.0
    brief.serving.model_size_limit_mb = 0.000001
    return brief


@pytest.fixture(scope="session")
def churn_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataAnalysis, Path]:
    out = tmp_path_factory.mktemp("churn")
    return analyse(CHURN, target="churn", brief=churn_brief(), out_dir=out), out


@pytest.fixture(scope="session")
def houses_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataAnalysis, Path]:
    out = tmp_path_factory.mktemp("houses")
    brief = Brief()
    brief.legal.personal_data = False
    return analyse(HOUSES, target="price", brief=brief, out_dir=out), out


TIMING = re.compile(r"\d[\d.,]* ms\b")


def masked_report(out: Path) -> dict[str, str]:
    """The report's three files with the measured latencies (machine noise, not results) masked."""
    data = _mask_latencies(json.loads((out / "design.json").read_text(encoding="utf-8")))
    markdown = "\n".join(
        re.sub(r" {2,}|-{3,}", " ", TIMING.sub("<ms>", line)) for line in (out / "design.md").read_text().splitlines()
    )
    html = TIMING.sub("<ms>", (out / "design.html").read_text(encoding="utf-8"))
    return {"design.json": json.dumps(data, indent=1), "design.md": markdown, "design.html": html}


def _mask_latencies(value: Any) -> Any:
    if isinstance(value, dict):
        masked = {key: _mask_latencies(item) for key, item in value.items()}
        if masked.get("unit") == "ms":
            masked["measured"] = masked["passed"] = None
        return masked
    if isinstance(value, list):
        return [_mask_latencies(item) for item in value]
    return value
