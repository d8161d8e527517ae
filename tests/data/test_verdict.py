"""The verdict's importance check: one column carrying most of the importance is suspicious in a strong model (a leak
makes a model strong), a question in a moderately strong one (`sex` on the Titanic), and nothing in a weak one that
the column barely lifts above the reference; a column already suspected of leaking is suspicious from moderate
strength on."""

from __future__ import annotations

import pytest

from advisor.data.baseline.verdict import Verdict, judge
from advisor.data.models import Importance, Interval, ModelResult

CARRIED = [Importance(feature="text", mean=0.7, std=0.01)] + [
    Importance(feature=f"other_{index}", mean=0.1, std=0.01) for index in range(3)
]


def _model(name: str, metric: str, value: float, spread: float = 0.002) -> ModelResult:
    interval = Interval(value=value, low=value - spread, high=value + spread)
    return ModelResult(name=name, description=name, test={metric: interval})


# (metric, higher is better, the reference's score, a weak model's, a moderate one's, a strong one's): scores, errors
# and R²; the skill (share of the gap to a perfect score closed) is under 0.25, between 0.25 and 0.5, and over 0.5.
FAMILY = [
    ("f1_macro", True, 0.010, 0.038, 0.40, 0.62),  # a text task: the tweets' author device, many rare classes
    ("roc_auc", True, 0.5, 0.56, 0.7, 0.9),
    ("rmse", False, 40.0, 37.0, 28.0, 18.0),  # flights' delay: a departure delay leaked in halves the error
    ("r2", True, 0.0, 0.1, 0.4, 0.7),
    ("accuracy", True, 0.618, 0.65, 0.786, 0.9),  # the Titanic: `sex` carries a 0.786 model
]


def _judged(metric: str, greater: bool, reference: float, score: float, suspects: list[str]) -> Verdict:
    return judge(
        metric=metric,
        greater_is_better=greater,
        best=_model("linear", metric, score),
        reference=_model("dummy", metric, reference),
        importances=CARRIED,
        features=4,
        suspects=suspects,
    )


@pytest.mark.parametrize(("metric", "greater", "reference", "weak", "moderate", "strong"), FAMILY)
def test_one_column_carrying_a_model_is_suspicious_only_when_the_model_is_strong(
    metric: str, greater: bool, reference: float, weak: float, moderate: float, strong: float
) -> None:
    for score, expected in ((weak, "beats"), (moderate, "beats"), (strong, "suspicious")):
        verdict = _judged(metric, greater, reference, score, suspects=[])
        assert verdict.kind == expected, (metric, score, verdict.text)
        named = "carries 70% of the permutation importance" in verdict.text
        assert named == (score != weak), (metric, score, verdict.text)
        if score == moderate:  # a question beside the verdict, not a warning that voids it
            assert "clearly beats" in verdict.text and "confirm it is known when the prediction is made" in verdict.text
            assert verdict.columns == ["text"]


@pytest.mark.parametrize(("metric", "greater", "reference", "weak", "moderate", "strong"), FAMILY)
def test_a_dominant_leakage_suspect_makes_a_moderate_model_suspicious(
    metric: str, greater: bool, reference: float, weak: float, moderate: float, strong: float
) -> None:
    """ISLR's Default: the card `balance` is kept as a feature but asked about; carrying the model, it voids the
    scores until the person says it is known before the outcome."""
    assert _judged(metric, greater, reference, moderate, suspects=["text"]).kind == "suspicious"
    assert _judged(metric, greater, reference, weak, suspects=["text"]).kind == "beats"
