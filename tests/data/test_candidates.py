"""The boosting budget: many classes over wide features (free text) trim the boosted family to one setting and fewer
text terms, and say so; every other problem keeps the whole grid."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.brief.enums import TaskType
from advisor.data.baseline.candidates import BUDGET_TEXT_FEATURES, Candidate, candidates
from advisor.data.baseline.features import TEXT_FEATURES, FeatureKinds

TWEETS = FeatureKinds(numeric=["retweets", "favorites"], categorical=[], datetime=["created_at"], text=["text"])
CHURN = FeatureKinds(numeric=["tenure", "charges"], categorical=["contract", "payment"], datetime=[], text=[])
WIDE = FeatureKinds(numeric=[f"gene_{index}" for index in range(500)], categorical=[], datetime=[], text=[])


def _family(pool: list[Candidate], name: str) -> Candidate:
    return next(candidate for candidate in pool if candidate.name == name)


def _text_terms(candidate: Candidate) -> int | None:
    assert candidate.features is not None
    columns: Any = candidate.features()
    for name, pipeline, _ in columns.transformers:
        if name == "text":
            return int(pipeline.steps[-1][1].max_features)
    return None


# (task, kinds, training rows, classes, trimmed): a tweets export (19 author devices), churn, a 5-class table, a wide
# expression table as regression and as 8 classes.
CASES = [
    (TaskType.multiclass_classification, TWEETS, 12_000, 19, True),
    (TaskType.binary_classification, TWEETS, 12_000, 2, False),
    (TaskType.binary_classification, CHURN, 12_000, 2, False),
    (TaskType.multiclass_classification, CHURN, 12_000, 5, False),
    (TaskType.regression, WIDE, 12_000, 0, False),
    (TaskType.multiclass_classification, WIDE, 12_000, 8, True),
]


@pytest.mark.parametrize(("task", "kinds", "rows", "classes", "trimmed"), CASES)
def test_the_boosted_family_is_trimmed_only_over_the_budget(
    task: TaskType, kinds: FeatureKinds, rows: int, classes: int, trimmed: bool
) -> None:
    whole = _family(candidates(task, kinds, 0, imbalanced=True), "hist_gradient_boosting")
    pool = candidates(task, kinds, 0, imbalanced=True, rows=rows, classes=classes)
    boosted, linear = (
        _family(pool, "hist_gradient_boosting"),
        _family(pool, "logistic_regression" if classes else "ridge"),
    )
    assert len(boosted.grid) == (1 if trimmed else len(whole.grid))
    assert (boosted.trimmed is not None) == trimmed and linear.trimmed is None
    if boosted.trimmed is not None:
        assert boosted.grid == whole.grid[-1:]  # balanced weights, where the classes are imbalanced
        assert f"{rows:,} training rows" in boosted.trimmed and f"x {classes} trees per step" in boosted.trimmed
    if kinds.text:
        assert _text_terms(boosted) == (BUDGET_TEXT_FEATURES if trimmed else TEXT_FEATURES)
        assert _text_terms(linear) == TEXT_FEATURES  # the linear family, cheap on text, keeps its vocabulary
