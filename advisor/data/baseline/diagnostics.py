"""What the best model says beyond its score: the learning curve, permutation importance, latency and size."""

from __future__ import annotations

import io
import time
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType
from advisor.data.baseline.evaluate import predict_scores
from advisor.data.baseline.scoring import Metric, at_threshold
from advisor.data.models import Check, CurvePoint, Importance, LearningCurve
from advisor.data.profile import rounded

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

CURVE_FRACTIONS = (0.25, 0.5, 1.0)
CURVE_TRAIN_SCORE_ROWS = 5_000
IMPORTANCE_ROWS = 800
IMPORTANCE_REPEATS = 2
MAX_IMPORTANCE_FEATURES = 60
REPORTED_IMPORTANCES = 15
SINGLE_ROW_CALLS = 20
BATCH_ROWS = 1_000
BATCH_CALLS = 3
BATCH_CELLS = 2_000_000  # shuffled copies stacked per prediction call: bounded in cells, so wide tables stay small
RISING = 0.01  # a last step that improves the validation score by over 1 % (relative) counts as still rising


def learning_curve(
    build: Any,
    x_train: pd.DataFrame,
    y_train: np.ndarray,
    x_validation: pd.DataFrame,
    y_validation: np.ndarray,
    *,
    task: TaskType,
    classes: int,
    measure: Metric,
    full_scores: tuple[np.ndarray, np.ndarray],
    recent: bool = False,
    threshold: float | None = None,
) -> LearningCurve:
    """Fit on growing parts of the training split and score on validation.

    The whole training split is the model the search already chose: its predictions on train and validation
    (`full_scores`) are the curve's last point as they stand, since it is exactly the pipeline that point would fit.
    Each smaller part fits a whole new pipeline, preprocessing included, on its rows alone: the encoders fitted on
    the whole training split would have seen rows the part does not have. The parts are prefixes of the (shuffled)
    training rows of a random split; for a split in time they are the most recent rows, growing backwards, so a
    smaller window is not also an older one."""
    import numpy as np

    def thresholded(predicted: np.ndarray) -> np.ndarray:
        return predicted if threshold is None else at_threshold(predicted, threshold)

    def scores(model: Any, frame: pd.DataFrame) -> np.ndarray:
        return thresholded(predict_scores(model, frame, task, classes))

    points = []
    rows = len(x_train)
    ones_validation = np.ones(len(y_validation))
    for fraction in CURVE_FRACTIONS:
        size = max(int(rows * fraction), 20)
        if size > rows or (fraction < 1.0 and size == rows):
            continue
        window = slice(rows - size, rows) if recent else slice(0, size)
        x_part, y_part = x_train.iloc[window], y_train[window]
        if fraction < 1.0 and len(np.unique(y_part)) < (2 if task != TaskType.regression else 1):
            continue
        scored = min(size, CURVE_TRAIN_SCORE_ROWS)
        if fraction == 1.0:
            train_scores, validation_scores = (thresholded(predicted) for predicted in full_scores)
            train_scores = train_scores[window][-scored:]
        else:
            model = build().fit(x_part, y_part)
            train_scores, validation_scores = scores(model, x_part.iloc[-scored:]), scores(model, x_validation)
        train_score = measure.function(y_part[-scored:], train_scores, np.ones(scored))
        validation_score = measure.function(y_validation, validation_scores, ones_validation)
        points.append(
            CurvePoint(train_rows=size, train_score=rounded(train_score), validation_score=rounded(validation_score))
        )
    verdict, helps = _verdict(points, measure)
    return LearningCurve(points=points, verdict=verdict, more_data_helps=helps)


def _verdict(points: list[CurvePoint], measure: Metric) -> tuple[str, bool | None]:
    scored = [point for point in points if point.validation_score is not None]
    if len(scored) < 2:
        return "too few rows to draw a learning curve", None
    last, previous = scored[-1], scored[-2]
    assert last.validation_score is not None and previous.validation_score is not None
    sign = 1 if measure.greater_is_better else -1
    gain = sign * (last.validation_score - previous.validation_score)
    relative = gain / max(abs(previous.validation_score), 1e-9)
    gap = sign * ((last.train_score or last.validation_score) - last.validation_score)
    gap_note = (
        f"; the gap between training and validation ({abs(gap):.3g}) suggests variance: regularise or add data"
        if gap > 0.1 * max(abs(last.validation_score), 1e-9)
        else ""
    )
    if relative > RISING:
        return (
            f"still improving: doubling the training rows from {previous.train_rows:,} to {last.train_rows:,} "
            f"improved validation {measure.label} by {relative:.1%}; more data is likely to help{gap_note}",
            True,
        )
    return (
        f"flat: doubling the training rows from {previous.train_rows:,} to {last.train_rows:,} changed validation "
        f"{measure.label} by {relative:+.1%}; more data alone is unlikely to help much, work on features or "
        f"the model{gap_note}",
        False,
    )


def permutation_importances(
    model: Any,
    x: pd.DataFrame,
    y: np.ndarray,
    *,
    task: TaskType,
    classes: int,
    measure: Metric,
    seed: int,
    threshold: float | None = None,
) -> list[Importance]:
    """Drop in the primary metric when one column is shuffled, on (at most) 800 validation rows.

    A column is one of the file's own columns, shuffled before any preprocessing, so an importance speaks of what
    the user has (not of a one-hot indicator or a date part). Every shuffled copy is stacked into a few large frames
    that the pipeline transforms and predicts in one call each: the preprocessing and the models work row by row
    once fitted, so a row's prediction does not depend on the rows beside it."""
    import numpy as np

    rows = min(len(x), IMPORTANCE_ROWS)
    x, y = x.iloc[:rows].reset_index(drop=True), y[:rows]
    ones = np.ones(rows)
    sign = 1.0 if measure.greater_is_better else -1.0

    def scores(frame: pd.DataFrame) -> np.ndarray:
        predicted = predict_scores(model, frame, task, classes)
        return predicted if threshold is None else at_threshold(predicted, threshold)

    base = measure.function(y, scores(x), ones)
    generator = np.random.default_rng(seed)
    columns = list(x.columns)[:MAX_IMPORTANCE_FEATURES]
    # Drawn in the same order as one shuffle at a time would draw them: column by column, repeat by repeat.
    shuffles = [(column, generator.permutation(rows)) for column in columns for _ in range(IMPORTANCE_REPEATS)]
    per_batch = max(1, BATCH_CELLS // max(rows * len(x.columns), 1))
    drops: dict[str, list[float]] = {column: [] for column in columns}
    for first in range(0, len(shuffles), per_batch):
        batch = shuffles[first : first + per_batch]
        predicted = scores(_stacked(x, batch))
        for index, (column, _) in enumerate(batch):
            score = measure.function(y, predicted[index * rows : (index + 1) * rows], ones)
            drops[column].append(sign * (base - score))
    results = []
    for column in columns:
        mean, spread = rounded(float(np.mean(drops[column]))), rounded(float(np.std(drops[column])))
        if mean is not None and spread is not None:
            results.append(Importance(feature=column, mean=mean, std=spread))
    results.sort(key=lambda item: (-item.mean, item.feature))
    return results[:REPORTED_IMPORTANCES]


def _stacked(x: pd.DataFrame, shuffles: list[tuple[str, np.ndarray]]) -> pd.DataFrame:
    """One copy of `x` per shuffle, one under the other, each with its column's rows in the shuffled order; every
    column keeps its dtype (one `take` per column)."""
    import numpy as np
    import pandas as pd

    rows = len(x)
    identity = np.arange(rows)
    stacked = {}
    for name in x.columns:
        order = np.concatenate([permutation if column == name else identity for column, permutation in shuffles])
        stacked[name] = x[name].take(order).reset_index(drop=True)
    frame: pd.DataFrame = pd.DataFrame(stacked, columns=x.columns)
    return frame


def serving_checks(
    model: Any, x: pd.DataFrame, *, latency_ms: float | None, size_limit_mb: float | None
) -> list[Check]:
    """p50 and p99 latency for one row and for a batch, and the pickled size, against the brief's limits."""
    import joblib
    import numpy as np

    one = x.iloc[:1]
    batch = x.iloc[: min(BATCH_ROWS, len(x))]
    predict = model.predict_proba if hasattr(model, "predict_proba") else model.predict
    predict(one)  # warm up caches before timing
    single = _timings(predict, one, SINGLE_ROW_CALLS)
    batched = _timings(predict, batch, BATCH_CALLS)
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    size_mb = buffer.tell() / 1_000_000
    return [
        _check("latency_one_row_p50", float(np.percentile(single, 50)), "ms", None),
        _check("latency_one_row_p99", float(np.percentile(single, 99)), "ms", latency_ms),
        _check(f"latency_batch_{len(batch)}_p50", float(np.percentile(batched, 50)), "ms", None),
        _check(f"latency_batch_{len(batch)}_p99", float(np.percentile(batched, 99)), "ms", None),
        _check("model_size", size_mb, "MB", size_limit_mb),
    ]


def _timings(predict: Any, frame: pd.DataFrame, calls: int) -> list[float]:
    timings = []
    for _ in range(calls):
        start = time.perf_counter()
        predict(frame)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _check(name: str, measured: float, unit: str, limit: float | None) -> Check:
    return Check(
        name=name,
        measured=round(measured, 3),
        unit=unit,
        limit=limit,
        passed=None if limit is None else measured <= limit,
    )
