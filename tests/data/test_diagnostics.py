"""The permutation importance predicts every shuffled copy in one stacked call: it must be the importance one
shuffle at a time gives, on the file's own columns."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.brief.enums import TaskType
from advisor.data.baseline.candidates import candidates
from advisor.data.baseline.diagnostics import permutation_importances
from advisor.data.baseline.evaluate import predict_scores
from advisor.data.baseline.scoring import metric

from .conftest import churn_kinds, churn_parts


def test_stacked_permutation_importance_is_the_one_at_a_time_importance() -> None:
    parts = churn_parts()
    measure = metric("roc_auc")
    strong = candidates(TaskType.binary_classification, churn_kinds(), 0)[2]
    model = strong.build(strong.grid[0]).fit(parts.x["train"], parts.y["train"])
    x, y = parts.x["validation"], parts.y["validation"]
    batched = permutation_importances(model, x, y, task=parts.task, classes=2, measure=measure, seed=4)
    # The plain computation: shuffle one column, predict, score; in the same order of draws.
    generator = np.random.default_rng(4)
    base = measure.function(y, predict_scores(model, x, parts.task, 2), np.ones(len(y)))
    plain = {}
    for column in x.columns:
        drops = []
        for _ in range(2):
            shuffled = x.copy()
            shuffled[column] = x[column].to_numpy()[generator.permutation(len(x))]
            drops.append(base - measure.function(y, predict_scores(model, shuffled, parts.task, 2), np.ones(len(y))))
        plain[column] = (float(np.mean(drops)), float(np.std(drops)))
    assert {item.feature for item in batched} == set(x.columns)
    for item in batched:
        assert item.mean == pytest.approx(plain[item.feature][0], abs=1e-6)
        assert item.std == pytest.approx(plain[item.feature][1], abs=1e-6)
