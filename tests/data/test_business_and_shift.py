"""The brief's current-approach metric measured on the predictions, and shift between the splits, on real data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.brief.enums import TaskType
from advisor.brief.model import Brief
from advisor.data import analyse
from advisor.data.baseline.business import parse

from .conftest import CHURN, HOUSES

BINARY, REGRESSION = TaskType.binary_classification, TaskType.regression


@pytest.mark.parametrize(
    ("words", "task", "measured"),
    [
        ("recall of churners in the top 10 % called", BINARY, "recall in the top 10 % of scores"),
        ("recall at 1 % review rate", BINARY, "recall in the top 1 % of scores"),
        ("precision of the top 5% flagged", BINARY, "precision in the top 5 % of scores"),
        ("precision at 80 % recall", BINARY, "precision at recall 0.8"),
        ("ROC AUC", BINARY, "ROC AUC"),
        ("median absolute percentage error", REGRESSION, "median absolute percentage error"),
        ("mean absolute error in dollars", REGRESSION, "MAE"),
        ("ROC AUC", REGRESSION, None),
        ("customer satisfaction survey", BINARY, None),
    ],
)
def test_the_stated_metric_is_read_from_words(words: str, task: TaskType, measured: str | None) -> None:
    found = parse(words, task)
    assert (found.measure.label if found else None) == measured


def test_cost_per_decision_needs_the_briefs_costs() -> None:
    assert parse("cost per decision", BINARY) is None
    found = parse("average cost per decision", BINARY, (10.0, 60.0, 0.2))
    assert found is not None and found.measure.label.startswith("cost per decision")
    y, score = np.array([1, 0, 1, 0]), np.array([0.9, 0.3, 0.1, 0.1])
    # One false positive (0.3 >= 0.2) and one false negative (0.1 < 0.2): (10 + 60) / 4.
    assert found.measure.function(y, score, np.ones(4)) == pytest.approx(17.5)


def test_top_share_recall_counts_the_positives_caught() -> None:
    found = parse("recall in the top 10 %", BINARY)
    assert found is not None
    rng = np.random.default_rng(1)
    y = (rng.random(500) < 0.3).astype(int)
    score = rng.random(500) + 0.5 * y
    top = np.argsort(-score)[:50]
    assert found.measure.function(y, score, np.ones(500)) == pytest.approx(y[top].sum() / y.sum())


def test_churn_answers_measure_recall_in_the_top_tenth(tmp_path: Path) -> None:
    brief = Brief()
    brief.problem.baseline_metric = "recall of churners in the top 10 % called"
    brief.problem.baseline_value = 32  # a percentage is read as 0.32
    brief.problem.required_improvement = 0.1
    baseline = analyse(CHURN, target="churn", brief=brief, out_dir=None).baseline
    assert baseline is not None and baseline.business is not None
    business = baseline.business
    assert business.stated_value == pytest.approx(0.32)
    assert business.measured_as == "recall in the top 10 % of scores"
    assert business.model.low is not None and business.model.high is not None
    assert business.model.low <= (business.model.value or 0) <= business.model.high
    # Calling a random 10 % catches about 10 % of the churners: the reference says so.
    assert business.reference is not None and 0.0 < (business.reference.value or 0) < 0.2
    assert "today's stated 0.32" in business.verdict


def test_house_prices_measure_the_median_percentage_error() -> None:
    brief = Brief()
    brief.problem.baseline_metric = "median absolute percentage error"
    brief.problem.baseline_value = 0.15
    analysis = analyse(HOUSES, target="price", brief=brief, out_dir=None)
    business = analysis.baseline.business if analysis.baseline else None
    assert business is not None and business.measured_as == "median absolute percentage error"
    assert 0.05 < (business.model.value or 0) < 0.5
    assert business.reference is not None and (business.reference.value or 0) > (business.model.value or 0)


def test_a_sorted_file_split_in_file_order_warns_about_the_shift(tmp_path: Path) -> None:
    frame = pd.read_csv(HOUSES).sort_values("price", kind="mergesort")
    path = tmp_path / "sorted.csv"
    frame.to_csv(path, index=False)
    brief = Brief()
    brief.data.temporal = True  # split in file order: cheap houses train, dear ones test
    baseline = analyse(path, target="price", brief=brief, out_dir=None).baseline
    assert baseline is not None and baseline.shift is not None
    shift = baseline.shift
    assert shift.target_means["test"] > shift.target_means["validation"] > shift.target_means["train"]
    assert shift.target_smd["test"] > 1.0
    assert any(warning.startswith("The target differs between the splits") for warning in shift.warnings)
    assert shift.features and shift.features[0].test > 0.2
    assert any("Features shifted" in warning for warning in shift.warnings)
    assert set(shift.winners) == {"cross-validation", "validation", "test"}
    assert any("target differs" in alert for alert in baseline.alerts())


def test_a_random_split_of_the_same_file_does_not_warn(tmp_path: Path) -> None:
    baseline = analyse(HOUSES, target="price", brief=Brief(), out_dir=None).baseline
    assert baseline is not None and baseline.shift is not None
    assert all(abs(value) < 0.2 for value in baseline.shift.target_smd.values())
    assert not any("target differs" in warning for warning in baseline.shift.warnings)
