"""With the model `advisor baseline` saved: its quality decays on a seasonal shift and the rules say retrain; on data
from the same distribution it holds and they do not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from advisor.brief.model import Brief
from advisor.cli import main
from advisor.knowledge.base import KnowledgeBase
from advisor.monitor.run import MonitorRequest, advise_on, measure


def _fitted(reference: Path, folder: Path) -> Path:
    # Air time for a route depends on the season (winds aloft): a model of winter flights misjudges the summer.
    assert main(["baseline", str(reference), "--target", "air_time", "--out", str(folder), "--json"]) == 0
    return folder / "model.joblib"


@pytest.fixture(scope="module")
def seasons(
    split_files: Callable[[str], tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Path]:
    reference, current = split_files("seasons")
    return reference, current, _fitted(reference, tmp_path_factory.mktemp("winter-model"))


@pytest.fixture(scope="module")
def halves(
    split_files: Callable[[str], tuple[Path, Path]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Path]:
    reference, current = split_files("halves")
    return reference, current, _fitted(reference, tmp_path_factory.mktemp("halves-model"))


def test_quality_decays_on_a_seasonal_shift_and_the_rules_say_retrain(
    seasons: tuple[Path, Path, Path], bundled_knowledge: KnowledgeBase
) -> None:
    reference, current, model = seasons
    result = measure(MonitorRequest(reference=reference, current=current, target="air_time", model=model))
    assert result.model is not None and result.model.comparison is not None
    comparison = result.model.comparison
    assert comparison.metric == "rmse" and "test split" in comparison.reference_from
    assert comparison.degraded and comparison.change is not None and comparison.change < -0.05
    assert comparison.current_low is not None and comparison.reference_high is not None
    assert comparison.current_low > comparison.reference_high  # worse beyond both intervals
    advice = advise_on(result, Brief(), bundled_knowledge)
    assert advice.fired("monitoring.retrain_now")
    assert advice.recommendation("iteration:retrain_now") is not None


def test_quality_holds_on_the_same_distribution_and_the_rules_do_not_retrain(
    halves: tuple[Path, Path, Path], bundled_knowledge: KnowledgeBase
) -> None:
    reference, current, model = halves
    result = measure(MonitorRequest(reference=reference, current=current, target="air_time", model=model))
    assert result.model is not None and result.model.comparison is not None
    assert not result.model.comparison.degraded
    assert result.model.prediction_psi < 0.1
    advice = advise_on(result, Brief(), bundled_knowledge)
    assert not advice.fired("monitoring.retrain_now")
    assert advice.recommendation("iteration:retrain_now") is None
    assert advice.fired("monitoring.nothing_to_do")


def test_without_labels_the_report_says_what_cannot_be_concluded(
    seasons: tuple[Path, Path, Path], tmp_path: Path, bundled_knowledge: KnowledgeBase
) -> None:
    reference, current, model = seasons
    unlabelled = tmp_path / "unlabelled.csv"
    pd.read_csv(current).drop(columns=["air_time"]).to_csv(unlabelled, index=False)
    result = measure(MonitorRequest(reference=reference, current=unlabelled, target="air_time", model=model))
    assert result.model is not None and result.model.comparison is None and not result.model.labels
    assert any("cannot be measured" in text and "label shift" in text for text in result.model.conclusions)
    assert result.facts.labels_available is False and result.facts.metric_degraded is None
    assert not advise_on(result, Brief(), bundled_knowledge).fired("monitoring.retrain_now")
