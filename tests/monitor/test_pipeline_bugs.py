"""Drift over time and what looks like a pipeline bug: a unit change from one day on is a sudden jump, delays creeping
up month after month are gradual, and a column gone missing is a broken pipeline (fix it, do not retrain)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from advisor.brief.model import Brief
from advisor.knowledge.base import KnowledgeBase
from advisor.monitor.run import MonitorRequest, advise_on, measure
from tests.monitor.conftest import random_halves, write


def test_a_unit_change_from_october_is_a_sudden_jump(
    flights: pd.DataFrame, tmp_path: Path, bundled_knowledge: KnowledgeBase
) -> None:
    reference, current = random_halves(flights, 0)
    current = current.sort_values("time_hour").reset_index(drop=True)
    autumn = current["month"] >= 10
    current.loc[autumn, "distance"] = (current.loc[autumn, "distance"] * 1.609).round()  # miles became km
    request = MonitorRequest(
        reference=write(reference, tmp_path / "reference.csv"),
        current=write(current, tmp_path / "current.csv"),
        time_column="time_hour",
        window="30d",
        multivariate=False,
    )
    result = measure(request)
    assert result.windows is not None and result.windows.sudden and not result.windows.gradual
    # The jump shows in the first 30-day window holding October (windows start at the first flight's time).
    assert "'distance'" in result.windows.pattern and "window starting 2013-09-28" in result.windows.pattern
    advice = advise_on(result, Brief(), bundled_knowledge)
    assert advice.fired("monitoring.sudden_jump") and advice.risk("risk:pipeline_break") is not None


def test_delays_creeping_up_month_after_month_are_gradual_drift(
    flights: pd.DataFrame, tmp_path: Path, bundled_knowledge: KnowledgeBase
) -> None:
    reference, current = random_halves(flights, 3)
    current = current.sort_values("time_hour").reset_index(drop=True)
    current["dep_delay"] = current["dep_delay"] + 4 * (current["month"] - 1)
    request = MonitorRequest(
        reference=write(reference, tmp_path / "reference.csv"),
        current=write(current, tmp_path / "current.csv"),
        time_column="time_hour",
        window="30d",
        multivariate=False,
    )
    result = measure(request)
    assert result.windows is not None and result.windows.gradual and not result.windows.sudden
    assert "'dep_delay'" in result.windows.pattern
    advice = advise_on(result, Brief(), bundled_knowledge)
    assert advice.fired("monitoring.gradual_drift") and not advice.fired("monitoring.sudden_jump")


def test_the_same_file_over_time_windows_has_no_jump_and_no_trend(flights: pd.DataFrame, tmp_path: Path) -> None:
    reference, current = random_halves(flights, 1)
    request = MonitorRequest(
        reference=write(reference, tmp_path / "reference.csv"),
        current=write(current, tmp_path / "current.csv"),
        time_column="time_hour",
        window="30d",
        multivariate=False,
    )
    windows = measure(request).windows
    assert windows is not None and len(windows.windows) == 12
    assert not windows.sudden and not windows.gradual


def test_a_column_gone_missing_is_a_broken_pipeline_not_a_reason_to_retrain(
    flights: pd.DataFrame, tmp_path: Path, bundled_knowledge: KnowledgeBase
) -> None:
    reference, current = random_halves(flights, 2)
    current["dep_delay"] = np.nan
    current["origin"] = "EWR"
    request = MonitorRequest(
        reference=write(reference, tmp_path / "reference.csv"),
        current=write(current, tmp_path / "current.csv"),
        multivariate=False,
    )
    result = measure(request)
    assert {item.column for item in result.broken} == {"dep_delay", "origin"}
    assert result.facts.broken_columns == 2 and result.facts.missing_rate_increases == 1 and result.drift_found
    advice = advise_on(result, Brief(), bundled_knowledge)
    assert advice.fired("monitoring.broken_column") and advice.fired("monitoring.missing_values_rose")
    assert not advice.fired("monitoring.nothing_to_do") and not advice.fired("monitoring.investigate_features")
