"""The verdict's importance check: one column carrying most of the importance is suspicious in a strong model (a leak
makes a model strong), not in a weak one that the column barely lifts above the reference."""

from __future__ import annotations

import pytest

from advisor.data.baseline.verdict import judge
from advisor.data.models import Importance, Interval, ModelResult

CARRIED = [Importance(feature="text", mean=0.7, std=0.01)] + [
    Importance(feature=f"other_{index}", mean=0.1, std=0.01) for index in range(3)
]


def _model(name: str, metric: str, value: float, spread: float = 0.002) -> ModelResult:
    interval = Interval(value=value, low=value - spread, high=value + spread)
    return ModelResult(name=name, description=name, test={metric: interval})


# (metric, higher is better, the reference's score, a weak model's, a strong model's): scores, errors and R².
FAMILY = [
    ("f1_macro", True, 0.010, 0.038, 0.62),  # a text task: the tweets' author device, many rare classes
    ("roc_auc", True, 0.5, 0.56, 0.9),
    ("rmse", False, 40.0, 37.0, 18.0),  # flights' delay: a departure delay leaked in halves the error
    ("r2", True, 0.0, 0.1, 0.7),
]


@pytest.mark.parametrize(("metric", "greater", "reference", "weak", "strong"), FAMILY)
def test_one_column_carrying_a_weak_model_is_not_too_good_to_be_true(
    metric: str, greater: bool, reference: float, weak: float, strong: float
) -> None:
    for score, expected in ((weak, "beats"), (strong, "suspicious")):
        verdict = judge(
            metric=metric,
            greater_is_better=greater,
            best=_model("linear", metric, score),
            reference=_model("dummy", metric, reference),
            importances=CARRIED,
            features=4,
            suspects=[],
        )
        assert verdict.kind == expected, (metric, score, verdict.text)
        assert ("carries 70% of the permutation importance" in verdict.text) == (expected == "suspicious")
