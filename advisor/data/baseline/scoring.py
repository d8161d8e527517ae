"""Metrics as weighted numpy functions, so a bootstrap is a vector of row weights and costs microseconds.

Every function takes `(y, score, weight)`: `y` the true values (0/1 for binary, class codes for multi-class, numbers
for regression), `score` the positive-class probability (binary), the probability matrix (multi-class) or the
prediction (regression), and `weight` a count per row (ones for the point estimate, multinomial counts for a bootstrap
resample). With unit weights each equals scikit-learn's metric of the same name (the tests check that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.brief.enums import TaskType

if TYPE_CHECKING:
    import numpy as np

MetricFunction = Callable[["np.ndarray", "np.ndarray", "np.ndarray"], float]
EPSILON = 1e-15


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    greater_is_better: bool
    function: MetricFunction


def _labels(score: np.ndarray) -> np.ndarray:
    import numpy as np

    return (score >= 0.5).astype(int) if score.ndim == 1 else np.argmax(score, axis=1)


def _confusion(y: np.ndarray, predicted: np.ndarray, weight: np.ndarray, classes: int) -> np.ndarray:
    import numpy as np

    flat = np.bincount(y * classes + predicted, weights=weight, minlength=classes * classes)
    return flat.reshape(classes, classes)


def _class_count(y: np.ndarray, score: np.ndarray) -> int:
    return 2 if score.ndim == 1 else int(score.shape[1])


def accuracy(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    return float(np.sum(weight * (_labels(score) == y)) / np.sum(weight))


def balanced_accuracy(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    matrix = _confusion(y, _labels(score), weight, _class_count(y, score))
    support = matrix.sum(axis=1)
    present = support > 0
    return float(np.mean(np.diag(matrix)[present] / support[present]))


def _precision_recall(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    true_positive = np.diag(matrix)
    predicted = matrix.sum(axis=0)
    actual = matrix.sum(axis=1)
    precision = np.divide(true_positive, predicted, out=np.zeros_like(true_positive), where=predicted > 0)
    recall = np.divide(true_positive, actual, out=np.zeros_like(true_positive), where=actual > 0)
    return precision, recall


def f1(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    """F1 of the positive class (binary) or the macro mean over classes present (multi-class)."""
    import numpy as np

    matrix = _confusion(y, _labels(score), weight, _class_count(y, score))
    precision, recall = _precision_recall(matrix)
    total = precision + recall
    scores = np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)
    if score.ndim == 1:
        return float(scores[1])
    present = (matrix.sum(axis=1) + matrix.sum(axis=0)) > 0
    return float(np.mean(scores[present]))


def f1_macro(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    """Macro F1: the unweighted mean of every class's F1 (both classes for a binary target)."""
    import numpy as np

    classes = _class_count(y, score)
    matrix = _confusion(y, _labels(score), weight, classes)
    precision, recall = _precision_recall(matrix)
    total = precision + recall
    scores = np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)
    present = (matrix.sum(axis=1) + matrix.sum(axis=0)) > 0
    return float(np.mean(scores[present]))


def precision(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    values, _ = _precision_recall(_confusion(y, _labels(score), weight, _class_count(y, score)))
    return float(values[1] if score.ndim == 1 else values.mean())


def recall(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    _, values = _precision_recall(_confusion(y, _labels(score), weight, _class_count(y, score)))
    return float(values[1] if score.ndim == 1 else values.mean())


def matthews(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    matrix = _confusion(y, _labels(score), weight, _class_count(y, score))
    total, correct = matrix.sum(), np.trace(matrix)
    predicted, actual = matrix.sum(axis=0), matrix.sum(axis=1)
    numerator = correct * total - predicted @ actual
    denominator = np.sqrt((total**2 - predicted @ predicted) * (total**2 - actual @ actual))
    return float(numerator / denominator) if denominator > 0 else 0.0


def log_loss(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    if score.ndim == 1:
        chosen = np.where(y == 1, score, 1 - score)
    else:
        normalised = score / score.sum(axis=1, keepdims=True)
        chosen = normalised[np.arange(len(y)), y]
    return float(-np.sum(weight * np.log(np.clip(chosen, EPSILON, 1.0))) / np.sum(weight))


def brier(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    if score.ndim == 1:
        return float(np.sum(weight * (score - y) ** 2) / np.sum(weight))
    onehot = np.eye(score.shape[1])[y]
    return float(np.sum(weight * ((score - onehot) ** 2).sum(axis=1)) / np.sum(weight))


def _sorted_groups(score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Order by descending score and the index where each run of tied scores ends."""
    import numpy as np

    order = np.argsort(-score, kind="mergesort")
    ordered = score[order]
    ends = np.r_[np.nonzero(np.diff(ordered))[0], len(ordered) - 1]
    return order, ends


def roc_auc(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    """Binary ROC AUC (trapezoid over tied-score groups); one-vs-rest macro mean for multi-class."""
    import numpy as np

    if score.ndim == 2:
        values = [roc_auc((y == k).astype(int), score[:, k], weight) for k in range(score.shape[1])]
        return float(np.nanmean(values))
    order, ends = _sorted_groups(score)
    positives = np.cumsum(weight[order] * y[order])[ends]
    negatives = np.cumsum(weight[order] * (1 - y[order]))[ends]
    if positives[-1] == 0 or negatives[-1] == 0:
        return float("nan")
    tpr = np.r_[0.0, positives / positives[-1]]
    fpr = np.r_[0.0, negatives / negatives[-1]]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def average_precision(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    """Area under the precision-recall curve as scikit-learn's average_precision_score (step-wise)."""
    import numpy as np

    if score.ndim == 2:
        values = [average_precision((y == k).astype(int), score[:, k], weight) for k in range(score.shape[1])]
        return float(np.nanmean(values))
    order, ends = _sorted_groups(score)
    true_positive = np.cumsum(weight[order] * y[order])[ends]
    false_positive = np.cumsum(weight[order] * (1 - y[order]))[ends]
    if true_positive[-1] == 0:
        return float("nan")
    predicted = true_positive + false_positive
    precision_at = np.divide(true_positive, predicted, out=np.zeros_like(predicted), where=predicted > 0)
    recall_at = np.r_[0.0, true_positive / true_positive[-1]]
    return float(np.sum(np.diff(recall_at) * precision_at))


def rmse(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    return float(np.sqrt(np.sum(weight * (y - score) ** 2) / np.sum(weight)))


def mse(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    return rmse(y, score, weight) ** 2


def mae(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    return float(np.sum(weight * np.abs(y - score)) / np.sum(weight))


def r2(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    mean = np.sum(weight * y) / np.sum(weight)
    total = np.sum(weight * (y - mean) ** 2)
    return float(1 - np.sum(weight * (y - score) ** 2) / total) if total > 0 else float("nan")


def mape(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    ratio = np.abs(y - score) / np.maximum(np.abs(y), 2.220446049250313e-16)
    return float(np.sum(weight * ratio) / np.sum(weight))


def rmsle(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    difference = np.log1p(np.clip(score, 0, None)) - np.log1p(np.clip(y, 0, None))
    return float(np.sqrt(np.sum(weight * difference**2) / np.sum(weight)))


CLASSIFICATION = [
    Metric("roc_auc", "ROC AUC", True, roc_auc),
    Metric("pr_auc", "PR AUC (average precision)", True, average_precision),
    Metric("log_loss", "Log loss", False, log_loss),
    Metric("brier_score", "Brier score", False, brier),
    Metric("f1", "F1", True, f1),
    Metric("f1_macro", "F1 (macro)", True, f1_macro),
    Metric("accuracy", "Accuracy", True, accuracy),
    Metric("balanced_accuracy", "Balanced accuracy", True, balanced_accuracy),
    Metric("precision", "Precision", True, precision),
    Metric("recall", "Recall", True, recall),
    Metric("matthews_corrcoef", "Matthews correlation", True, matthews),
]
REGRESSION = [
    Metric("rmse", "RMSE", False, rmse),
    Metric("mae", "MAE", False, mae),
    Metric("r2", "R²", True, r2),
    Metric("mse", "MSE", False, mse),
    Metric("explained_variance", "R² (explained variance)", True, r2),
    Metric("mape", "MAPE", False, mape),
    Metric("rmsle", "RMSLE", False, rmsle),
]
STANDARD = {
    TaskType.binary_classification: ["roc_auc", "pr_auc", "log_loss", "f1", "accuracy", "balanced_accuracy"],
    TaskType.multiclass_classification: ["accuracy", "balanced_accuracy", "f1_macro", "log_loss"],
    TaskType.regression: ["rmse", "mae", "r2"],
}
DEFAULT_PRIMARY = {
    TaskType.binary_classification: "roc_auc",
    TaskType.multiclass_classification: "log_loss",
    TaskType.regression: "rmse",
}
BY_ID = {metric.id: metric for metric in CLASSIFICATION + REGRESSION}


# Metrics of a decision (a label), not of a score: for a binary target they depend on the threshold.
THRESHOLD_METRICS = frozenset(
    {"f1", "f1_macro", "precision", "recall", "accuracy", "balanced_accuracy", "matthews_corrcoef"}
)


def at_threshold(score: np.ndarray, threshold: float) -> np.ndarray:
    """Scores shifted so that `score >= threshold` becomes `shifted >= 0.5`: label metrics then decide there."""
    return score - threshold + 0.5


def mase_metric(scale: float) -> Metric:
    """Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal-naive forecast (`scale`)."""

    def mase(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
        return mae(y, score, weight) / scale if scale > 0 else float("nan")

    return Metric("mase", "MASE (against the seasonal-naive scale)", False, mase)


def metric(metric_id: str) -> Metric:
    return BY_ID[metric_id]


def supports(metric_id: str, task: TaskType) -> bool:
    if metric_id == "mase":  # its scale comes from the training series, see `mase_metric`
        return task == TaskType.regression
    pool = REGRESSION if task == TaskType.regression else CLASSIFICATION
    return any(candidate.id == metric_id for candidate in pool)


def metrics_for(task: TaskType, primary: str) -> list[Metric]:
    """The primary metric first, then the task's standard ones."""
    ids = [primary] + [metric_id for metric_id in STANDARD[task] if metric_id != primary]
    return [BY_ID[metric_id] for metric_id in ids]
