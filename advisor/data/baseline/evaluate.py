"""Scores on the test split with bootstrap intervals, the cost-optimal threshold, and metrics per protected group."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType
from advisor.data.baseline.scoring import THRESHOLD_METRICS, Metric, at_threshold, metric
from advisor.data.models import GroupMetrics, Interval, ThresholdResult
from advisor.data.profile import rounded

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

BOOTSTRAP = 200
THRESHOLD_CANDIDATES = 200
MIN_GROUP_ROWS = 20
MAX_GROUPS = 10
AGE_BINS = 4


def predict_scores(model: Any, frame: pd.DataFrame, task: TaskType, classes: int) -> np.ndarray:
    """Positive-class probability (binary), the probability matrix over all classes, or the prediction; `frame` is
    what the model takes (a frame for a whole pipeline, the transformed array for its final model)."""
    import numpy as np

    if task == TaskType.regression:
        return np.asarray(model.predict(frame), dtype="float64")
    probabilities = np.asarray(model.predict_proba(frame), dtype="float64")
    known = np.asarray(model.classes_, dtype=int)
    full = np.zeros((probabilities.shape[0], classes))
    full[:, known] = probabilities
    return full[:, 1] if task == TaskType.binary_classification else full


def bootstrap_weights(rows: int, seed: int, resamples: int = BOOTSTRAP) -> np.ndarray:
    """Row counts of each bootstrap resample; the same resamples score every model (a paired bootstrap)."""
    import numpy as np

    return group_bootstrap_weights(np.arange(rows), seed, resamples)


def group_bootstrap_weights(groups: np.ndarray, seed: int, resamples: int = BOOTSTRAP) -> np.ndarray:
    """Row counts of each resample when whole groups are drawn with replacement (a cluster bootstrap; a group per row
    is the plain bootstrap): the rows of one entity of a panel are not independent, and resampling them one by one
    would make the interval too narrow."""
    import numpy as np

    codes, inverse = np.unique(groups, return_inverse=True)
    generator = np.random.default_rng(seed)
    draws = generator.integers(0, len(codes), size=(resamples, len(codes)))
    counts = np.stack([np.bincount(row, minlength=len(codes)) for row in draws]).astype("float64")
    weights: np.ndarray = counts[:, inverse]
    return weights


def with_interval(measure: Metric, y: np.ndarray, score: np.ndarray, weights: np.ndarray) -> Interval:
    import numpy as np

    value = measure.function(y, score, np.ones(len(y)))
    resampled = np.array([measure.function(y, score, weight) for weight in weights])
    resampled = resampled[np.isfinite(resampled)]
    if len(resampled) == 0 or not math.isfinite(value):
        return Interval(value=_finite(value), low=_finite(value), high=_finite(value))
    low, high = np.percentile(resampled, [2.5, 97.5])
    return Interval(value=_finite(value), low=_finite(float(low)), high=_finite(float(high)))


def _finite(value: float) -> float | None:
    return rounded(value)


def expected_cost(y: np.ndarray, probability: np.ndarray, threshold: float, fp_cost: float, fn_cost: float) -> float:
    import numpy as np

    positive = probability >= threshold
    false_positives = np.sum(positive & (y == 0))
    false_negatives = np.sum(~positive & (y == 1))
    return float((fp_cost * false_positives + fn_cost * false_negatives) / len(y))


def best_threshold(y: np.ndarray, probability: np.ndarray, fp_cost: float, fn_cost: float) -> float:
    """The threshold that minimises the mean cost on these rows (ties go to the one nearest 0.5)."""
    import numpy as np

    quantiles = np.quantile(probability, np.linspace(0, 1, THRESHOLD_CANDIDATES))
    candidates = np.unique(np.r_[quantiles, 0.0, 0.5, 1.0 + 1e-9])
    costs = np.array([expected_cost(y, probability, t, fp_cost, fn_cost) for t in candidates])
    best = costs.min()
    tied = candidates[np.isclose(costs, best)]
    return float(tied[np.argmin(np.abs(tied - 0.5))])


def tune_threshold(
    *,
    y_validation: np.ndarray,
    p_validation: np.ndarray,
    y_test: np.ndarray,
    p_test: np.ndarray,
    dummy_validation: np.ndarray,
    dummy_test: np.ndarray,
    fp_cost: float,
    fn_cost: float,
) -> ThresholdResult:
    """Tune on validation, report on test; the dummy gets its own best threshold for a fair comparison."""
    threshold = best_threshold(y_validation, p_validation, fp_cost, fn_cost)
    dummy_threshold = best_threshold(y_validation, dummy_validation, fp_cost, fn_cost)
    return ThresholdResult(
        false_positive_cost=fp_cost,
        false_negative_cost=fn_cost,
        threshold=round(min(threshold, 1.0), 6),
        expected_cost=round(expected_cost(y_test, p_test, threshold, fp_cost, fn_cost), 6),
        expected_cost_at_half=round(expected_cost(y_test, p_test, 0.5, fp_cost, fn_cost), 6),
        dummy_expected_cost=round(expected_cost(y_test, dummy_test, dummy_threshold, fp_cost, fn_cost), 6),
    )


def group_metrics(
    frame: pd.DataFrame,
    *,
    y: np.ndarray,
    score: np.ndarray,
    task: TaskType,
    primary: str,
    measure: Metric | None = None,
    threshold: float = 0.5,
) -> list[GroupMetrics]:
    """Per group of each protected column (numbers in quartile bins): size, primary metric and error rates."""
    import numpy as np
    import pandas as pd

    primary_function = (measure or metric(primary)).function
    results = []
    for column in frame.columns:
        values = frame[column].reset_index(drop=True)
        if pd.api.types.is_numeric_dtype(values.dtype) and values.nunique() > MAX_GROUPS:
            values = pd.qcut(values, AGE_BINS, duplicates="drop").astype(str)
        labels = values.astype(object).where(values.notna(), "missing").astype(str)
        counts = labels.value_counts()
        for group in sorted(counts.index[:MAX_GROUPS], key=lambda label: (-int(counts[label]), label)):
            if counts[group] < MIN_GROUP_ROWS:
                continue
            mask = (labels == group).to_numpy()
            ones = np.ones(int(mask.sum()))
            shown = at_threshold(score[mask], threshold) if primary in THRESHOLD_METRICS else score[mask]
            measured = {primary: primary_function(y[mask], shown, ones)}
            if task == TaskType.binary_classification:
                predicted = score[mask] >= threshold
                actual = y[mask] == 1
                measured["positive_rate"] = float(predicted.mean())
                measured["true_positive_rate"] = float(predicted[actual].mean()) if actual.any() else float("nan")
                measured["false_positive_rate"] = float(predicted[~actual].mean()) if (~actual).any() else float("nan")
            elif task == TaskType.regression:
                measured["mean_error"] = float(np.mean(score[mask] - y[mask]))
            cleaned = {name: value for name, value in measured.items() if math.isfinite(value)}
            results.append(
                GroupMetrics(
                    column=column,
                    group=group,
                    rows=int(mask.sum()),
                    metrics={name: round(value, 6) for name, value in cleaned.items()},
                )
            )
    return results


def tune_decision(y: np.ndarray, probability: np.ndarray, measure: Metric) -> float:
    """The threshold on the positive-class probability that maximises a label metric on these (validation) rows;
    ties go to the one nearest 0.5."""
    import numpy as np

    from advisor.data.baseline.scoring import at_threshold

    quantiles = np.quantile(probability, np.linspace(0, 1, THRESHOLD_CANDIDATES)) if len(probability) else []
    candidates = np.unique(np.r_[quantiles, 0.5])
    ones = np.ones(len(y))
    values = np.array([measure.function(y, at_threshold(probability, t), ones) for t in candidates])
    signed = values if measure.greater_is_better else -values
    best = np.nanmax(signed)
    tied = candidates[np.isclose(signed, best)]
    return float(tied[np.argmin(np.abs(tied - 0.5))])
