"""Each family's preprocessing is fitted once, on the training split only, and the search fits on its arrays: the
predictions must be the whole pipeline's, and nothing of validation or test may reach the encoders."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.brief.enums import TaskType
from advisor.data.baseline.candidates import candidates
from advisor.data.baseline.evaluate import predict_scores
from advisor.data.baseline.fit import Parts, search, transformed
from advisor.data.baseline.scoring import metric

from .conftest import churn_kinds, churn_parts


@pytest.mark.parametrize("family", ["logistic_regression", "hist_gradient_boosting"])
def test_preprocessing_learns_nothing_from_validation_or_test(family: str) -> None:
    parts = churn_parts()
    candidate = next(c for c in candidates(TaskType.binary_classification, churn_kinds(), 0) if c.name == family)
    features, arrays = transformed(candidate, parts)
    # Validation and test replaced by rows the training split never saw: other numbers, categories unheard of.
    hostile = Parts(
        x={
            "train": parts.x["train"],
            **{
                part: parts.x[part].assign(
                    tenure=parts.x[part]["tenure"] * 1000 + 5_000,
                    contract="Centennial",
                    payment_method=[f"unseen {index % 40}" for index in range(len(parts.x[part]))],
                )
                for part in ("validation", "test")
            },
        },
        y=parts.y,
        task=parts.task,
        classes=parts.classes,
        decision=parts.decision,
    )
    other_features, other_arrays = transformed(candidate, hostile)
    assert features is not None and other_features is not None
    np.testing.assert_array_equal(_dense(arrays["train"]), _dense(other_arrays["train"]))
    np.testing.assert_array_equal(
        _dense(features.transform(parts.x["validation"])), _dense(other_features.transform(parts.x["validation"]))
    )


def test_the_search_predicts_what_the_whole_pipeline_fitted_on_train_predicts() -> None:
    parts = churn_parts()
    measure = metric("roc_auc")
    for candidate in candidates(TaskType.binary_classification, churn_kinds(), 0):
        fitted = search(candidate, parts, measure)
        pipeline = candidate.build(fitted.params).fit(parts.x["train"], parts.y["train"])
        for part in ("train", "validation", "test"):
            expected = predict_scores(pipeline, parts.x[part], parts.task, parts.classes)
            np.testing.assert_allclose(fitted.scores[part], expected, rtol=0, atol=1e-12)
        # The assembled pipeline (what model.joblib holds) predicts from the file's columns like the plain one.
        assembled = predict_scores(fitted.model, parts.x["test"], parts.task, parts.classes)
        np.testing.assert_allclose(assembled, fitted.scores["test"], rtol=0, atol=1e-12)


def _dense(values: object) -> np.ndarray:
    return np.asarray(values.toarray() if hasattr(values, "toarray") else values)
