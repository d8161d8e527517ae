"""Each family's preprocessing is fitted once, on the training split only, and the search fits on its arrays: the
predictions must be the whole pipeline's, and nothing of validation or test may reach the encoders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.brief.enums import TaskType
from advisor.brief.model import Brief
from advisor.data import analyse
from advisor.data.baseline.candidates import candidates
from advisor.data.baseline.evaluate import predict_scores
from advisor.data.baseline.fit import Parts, search, transformed
from advisor.data.baseline.scoring import metric

from .conftest import HOUSES, churn_kinds, churn_parts

FLIGHTS = Path(__file__).resolve().parents[1] / "fixtures" / "leaks" / "flights.csv"


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


def _blank_early(frame: pd.DataFrame, column: str, share: float) -> pd.DataFrame:
    """`column` missing in the first `share` of the rows, as a measure first reported part-way through the data."""
    early = frame.index < int(len(frame) * share)
    return frame.assign(**{column: frame[column].where(~early)})


# (data, target, the column first reported late, the brief): time-ordered tables, split in time
LATE_COLUMNS = [
    (FLIGHTS, "arr_delay", "distance", Brief()),  # split by time on `time_hour`
    (HOUSES, "price", "livingArea", Brief.model_validate({"data": {"temporal": True}})),  # split in file order
]


@pytest.mark.parametrize(("path", "target", "column", "brief"), LATE_COLUMNS)
def test_a_column_first_reported_after_the_training_period_does_not_break_the_trees(
    tmp_path: Path, path: Path, target: str, column: str, brief: Brief
) -> None:
    """The 2016 US election polls report `rawpoll_mcmullin` only from August: the training split (and the early
    time-ordered folds) hold no value of it, and histogram boosting could not bin an all-missing column."""
    frame = pd.read_csv(path)
    if "time_hour" in frame:
        frame = frame.sort_values("time_hour", kind="stable").reset_index(drop=True)
    late = tmp_path / "late.csv"
    _blank_early(frame, column, 0.7).to_csv(late, index=False)
    analysis = analyse(late, target=target, brief=brief, out_dir=None, run_baseline=True)
    assert analysis.baseline is not None
    assert column in analysis.baseline.features
    boosted = next(model for model in analysis.baseline.models if model.name == "hist_gradient_boosting")
    assert boosted.test and all(interval.value is not None for interval in boosted.test.values())
