"""The operating point the brief can afford (act on the top k %): threshold, business metric and gain, on real fits.

A family, not one case: the churn slice with "recall of churners in the top 10 % called" and costs that make the
cost-optimal threshold call nearly everyone; scikit-learn's breast cancer data with "precision in the top 5 %
reviewed" and with a capacity larger than the malignant share; scikit-learn's digits made fraud-like (3 % positives)
with a review rate; and a brief with no capacity, whose baselines stay as they were.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from advisor.brief.model import Brief, ProblemFacts, capacity_in_words
from advisor.data import DataAnalysis, analyse
from advisor.data.baseline.operating_point import capacity_threshold, top_share_metric
from advisor.data.models import BaselineResult, OperatingPoint
from advisor.data.render_baseline import baseline_markdown

from .conftest import CHURN


@pytest.mark.parametrize(
    ("words", "share"),
    [
        ("recall of churners in the top 10 % called", 0.1),
        ("precision in the top 5 % reviewed", 0.05),
        ("recall at 1 % review rate", 0.01),
        ("recall at a review rate of 2 %", 0.02),
        ("the 0.5 % of payments investigated", 0.005),
        ("ROC AUC", None),
        ("precision at 80 % recall", None),
        ("median absolute percentage error", None),
    ],
)
def test_a_capacity_is_read_from_the_baseline_metrics_words(words: str, share: float | None) -> None:
    assert capacity_in_words(words) == share
    assert ProblemFacts(baseline_metric=words).operating_share == share


def test_the_capacity_answer_is_a_finite_share_and_wins_over_the_words() -> None:
    assert ProblemFacts(capacity_share=0.2, baseline_metric="recall in the top 10 %").operating_share == 0.2
    for bad in (float("nan"), float("inf"), 0.0, -0.1, 1.5):
        with pytest.raises(ValidationError):
            ProblemFacts(capacity_share=bad)


def test_top_share_metrics_count_the_top_rows_and_split_ties_as_a_random_pick() -> None:
    rng = np.random.default_rng(3)
    y = (rng.random(1000) < 0.2).astype(int)
    score = rng.random(1000) + y
    top = np.argsort(-score)[:100]
    ones = np.ones(1000)
    assert top_share_metric("recall", 0.1).function(y, score, ones) == pytest.approx(y[top].sum() / y.sum())
    assert top_share_metric("precision", 0.1).function(y, score, ones) == pytest.approx(y[top].mean())
    # A constant cannot rank: whatever the row order, it finds k of the positives and the base rate in its pick.
    constant = np.zeros(1000)
    assert top_share_metric("recall", 0.1).function(y, constant, ones) == pytest.approx(0.1)
    assert top_share_metric("precision", 0.1).function(y[::-1], constant, ones) == pytest.approx(y.mean())


def test_the_capacity_threshold_acts_on_the_capacity() -> None:
    score = np.random.default_rng(4).random(400)
    threshold = capacity_threshold(score, 0.1)
    assert np.mean(score >= threshold) == pytest.approx(0.1)
    assert np.mean(score >= capacity_threshold(score, 1.0)) == 1.0


def _baseline(analysis: DataAnalysis) -> BaselineResult:
    assert analysis.baseline is not None
    return analysis.baseline


def _point(baseline: BaselineResult) -> OperatingPoint:
    assert baseline.operating_point is not None
    return baseline.operating_point


def _sure_gain(point: OperatingPoint) -> None:
    """The model beats the best constant policy at the capacity with its whole paired interval."""
    assert point.gain.low is not None and point.gain.low > 0
    assert point.model.value is not None and point.constant.value is not None
    assert point.gain.value == pytest.approx(point.model.value - point.constant.value, abs=1e-6)


@pytest.fixture(scope="module")
def churn_at_capacity() -> BaselineResult:
    brief = Brief()
    brief.problem.baseline_metric = "recall of churners in the top 10 % called"
    brief.problem.baseline_value = 0.32
    brief.costs.false_positive_cost = 15.0
    brief.costs.false_negative_cost = 400.0
    return _baseline(analyse(CHURN, target="churn", brief=brief, out_dir=None))


def test_churn_calls_the_top_tenth_not_everyone(churn_at_capacity: BaselineResult) -> None:
    baseline = churn_at_capacity
    point = _point(baseline)
    assert point.capacity_share == 0.1 and point.metric == "recall_at_k"
    # The engine's primary metric is recall in the top 10 %, so the models are judged (and chosen) there.
    assert baseline.primary_metric == "recall_at_k"
    assert "metrics.ranking_at_capacity" in baseline.primary_metric_source
    # The threshold is the score at the capacity on validation, and it holds on test.
    assert point.validation_share == pytest.approx(0.1, abs=0.01)
    assert point.flagged_share.value is not None and 0.05 <= point.flagged_share.value <= 0.15
    assert baseline.threshold is not None and point.threshold > baseline.threshold.threshold
    # The cost-optimal threshold calls most customers: said plainly, with the actions over capacity.
    assert point.over_capacity and point.cost_threshold_share is not None and point.cost_threshold_share > 0.5
    assert baseline.model_dump(mode="json")["operating_point"]["over_capacity"] is True  # design.json says it too
    assert "more actions per 1,000 cases" in (point.cost_threshold_note or "")
    assert any(alert.startswith("Operating point: the cost-optimal threshold") for alert in baseline.alerts())
    # The headline is the gain over a random 10 %, not the saving from tuning the threshold.
    assert point.constant.value == pytest.approx(0.1)
    _sure_gain(point)
    assert point.stated_value == pytest.approx(0.32) and point.over_stated is not None
    assert point.over_stated.value == pytest.approx((point.model.value or 0) - 0.32, abs=1e-6)
    best = next(model for model in baseline.models if model.name == baseline.best_model)
    assert best.test["recall_at_k"] == point.model
    dummy = next(model for model in baseline.models if model.name == "dummy")
    assert dummy.test["recall_at_k"].value == pytest.approx(0.1)
    assert baseline.verdict_kind == "beats"


def test_the_report_leads_with_the_gain_at_the_capacity(churn_at_capacity: BaselineResult) -> None:
    analysis = DataAnalysis.model_construct(baseline=churn_at_capacity, plots=[])
    text = "\n\n".join(baseline_markdown(analysis))
    assert text.index("### Operating point") < text.index("### Decision threshold")
    assert "**Headline:**" in text and "gain over the constant policy" in text
    assert "**Over capacity:**" in text and "this saving is not the model's gain" in text


def _breast_cancer(tmp_path: Path) -> Path:
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer(as_frame=True)
    frame = data.frame.copy()
    frame["diagnosis"] = np.where(frame.pop("target") == 0, "malignant", "benign")
    path = tmp_path / "breast_cancer.csv"
    frame.to_csv(path, index=False)
    return path


def test_breast_cancer_precision_in_the_top_five_percent_reviewed(tmp_path: Path) -> None:
    brief = Brief()
    brief.problem.baseline_metric = "precision in the top 5 % reviewed"
    brief.data.positive_class = "malignant"
    baseline = _baseline(analyse(_breast_cancer(tmp_path), target="diagnosis", brief=brief, out_dir=None))
    point = _point(baseline)
    assert point.metric == "precision_at_k" and baseline.primary_metric == "precision_at_k"
    assert point.validation_share == pytest.approx(0.05, abs=0.01)
    # A random 5 % is as malignant as the test split (about 37 %); the model's top 5 % nearly all are.
    assert point.constant.value == pytest.approx(212 / 569, abs=0.03)
    assert point.model.value is not None and point.model.value >= 0.9
    _sure_gain(point)
    assert point.cost_threshold_note is None and not point.over_capacity  # no costs in the brief


def test_a_capacity_larger_than_the_positive_share_caps_precision(tmp_path: Path) -> None:
    brief = Brief()
    brief.problem.capacity_share = 0.6  # more reviews than there are malignant cases (37 %)
    brief.data.positive_class = "malignant"
    baseline = _baseline(analyse(_breast_cancer(tmp_path), target="diagnosis", brief=brief, out_dir=None))
    point = _point(baseline)
    assert point.source.startswith("the brief's capacity") and point.metric == "precision_at_k"
    positives = baseline.shift.target_means["test"] if baseline.shift else 212 / 569
    # Even a perfect ranking fills 60 % with at most the 37 % malignant: precision is capped at 0.37 / 0.6.
    assert point.model.value is not None and point.model.value <= positives / 0.6 + 1e-6
    assert point.model.value >= 0.9 * positives / 0.6
    assert point.constant.value == pytest.approx(positives, abs=1e-6)
    _sure_gain(point)


def test_fraud_like_digits_with_a_review_rate(tmp_path: Path) -> None:
    """Digits made rare like fraud: every '7' is positive, thinned to 3 % of the rows; analysts review 5 %."""
    from sklearn.datasets import load_digits

    digits = load_digits(as_frame=True)
    frame = digits.frame.copy()
    positive = frame["target"] == 7
    keep = ~positive | (positive.cumsum() <= 50)
    frame = frame[keep].reset_index(drop=True)
    frame["fraud"] = np.where(frame.pop("target") == 7, "yes", "no")
    path = tmp_path / "digits_fraud.csv"
    frame.to_csv(path, index=False)
    brief = Brief()
    brief.problem.baseline_metric = "recall at a 5 % review rate"
    brief.costs.false_positive_cost = 5.0
    brief.costs.false_negative_cost = 120.0
    baseline = _baseline(analyse(path, target="fraud", brief=brief, out_dir=None))
    point = _point(baseline)
    assert baseline.positive_class == "yes" and point.metric == "recall_at_k"
    assert point.validation_share == pytest.approx(0.05, abs=0.01)
    assert point.constant.value == pytest.approx(0.05)
    _sure_gain(point)
    assert point.cost_threshold_share is not None and point.cost_threshold_note is not None


def test_without_a_capacity_the_baselines_are_unchanged(churn_run: tuple[DataAnalysis, Path]) -> None:
    baseline = _baseline(churn_run[0])
    assert baseline.operating_point is None
    assert baseline.primary_metric not in {"recall_at_k", "precision_at_k"}
    assert all("recall_at_k" not in model.test for model in baseline.models)
    assert not any(alert.startswith("Operating point") for alert in baseline.alerts())
    assert "### Operating point" not in "\n".join(baseline_markdown(churn_run[0]))
