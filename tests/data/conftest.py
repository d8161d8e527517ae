"""Shared data for the data-layer tests: the committed example slices, analysed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.brief import Brief
from advisor.data import DataAnalysis, analyse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHURN = EXAMPLES / "churn" / "data.csv"
LENDING = EXAMPLES / "lending" / "data.csv"
HOUSES = EXAMPLES / "house_prices" / "data.csv"


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
