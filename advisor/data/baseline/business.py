"""Does the model beat what we do today? The brief's current-approach metric, measured on the test predictions.

The brief states the current approach's metric in words ("recall of churners in the top 10 % called", "median
absolute percentage error", "ROC AUC") and its value. When the words name something the predictions can give
(recall or precision in the top k %, precision at a recall, a standard metric, the cost per decision), it is
measured on the test split with the same intervals as every other figure and set beside the stated value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.brief.enums import TaskType
from advisor.data.baseline.evaluate import with_interval
from advisor.data.baseline.operating_point import top_share_metric
from advisor.data.baseline.scoring import Metric, at_threshold, metric
from advisor.data.models import BusinessMetric, Interval
from advisor.data.tables import number

if TYPE_CHECKING:
    import numpy as np

TOP_SHARE = re.compile(r"\b(recall|precision)\b.*?\b(?:top|at(?: an?)?)\s*(\d+(?:\.\d+)?)\s*%")
PRECISION_AT_RECALL = re.compile(
    r"\bprecision at (?:(\d+(?:\.\d+)?)\s*(%?)\s*recall|(?:an? )?recall of (\d+(?:\.\d+)?)\s*(%?))"
)
NAMED = (
    (re.compile(r"\bmedian absolute percentage error\b|\bmdape\b"), "mdape"),
    (re.compile(r"\bmean absolute percentage error\b|\bmape\b"), "mape"),
    (re.compile(r"\bmean absolute error\b|\bmae\b"), "mae"),
    (re.compile(r"\broot mean squared error\b|\brmse\b"), "rmse"),
    (re.compile(r"\broc[ -]?auc\b|\bauc\b"), "roc_auc"),
    (re.compile(r"\bpr[ -]?auc\b|\baverage precision\b"), "pr_auc"),
    (re.compile(r"\blog[ -]?loss\b"), "log_loss"),
    (re.compile(r"\baccuracy\b"), "accuracy"),
    (re.compile(r"\bf1\b"), "f1"),
    (re.compile(r"\br2\b|\br²|\br-squared\b"), "r2"),
    (re.compile(r"\bprecision\b"), "precision"),
    (re.compile(r"\brecall\b"), "recall"),
)
FRACTION_METRICS = frozenset(
    {
        "recall_at_k",
        "precision_at_k",
        "precision_at_recall",
        "mdape",
        "mape",
        "roc_auc",
        "pr_auc",
        "accuracy",
        "f1",
        "precision",
        "recall",
    }
)


@dataclass(frozen=True)
class Measured:
    measure: Metric
    label_metric: bool  # decided at the model's tuned threshold (precision, recall, F1, accuracy)


def business_metric(
    *,
    stated_metric: str | None,
    stated_value: float | None,
    required_improvement: float | None,
    task: TaskType,
    y: np.ndarray,
    model_scores: np.ndarray,
    reference_scores: np.ndarray,
    reference_name: str,
    weights: np.ndarray,
    threshold: float | None,
    costs: tuple[float, float, float] | None = None,
) -> BusinessMetric | None:
    """The stated metric on test for the model and a reference, or None when it cannot be computed here."""
    if not stated_metric or stated_value is None:
        return None
    measured = parse(stated_metric, task, costs)
    if measured is None:
        return None
    measure = measured.measure
    stated = stated_value / 100 if measure.id in FRACTION_METRICS and stated_value > 1 else stated_value
    if measured.label_metric and threshold is not None:
        model_scores = at_threshold(model_scores, threshold)
    model = with_interval(measure, y, model_scores, weights)
    reference = with_interval(measure, y, reference_scores, weights)
    goal = stated + (required_improvement or 0.0) * (1 if measure.greater_is_better else -1)
    return BusinessMetric(
        stated_metric=stated_metric,
        stated_value=stated,
        measured_as=measure.label,
        model=model,
        reference=reference,
        verdict=_verdict(
            model, stated, goal, measure.greater_is_better, reference_name=reference_name, reference=reference
        ),
    )


def parse(text: str, task: TaskType, costs: tuple[float, float, float] | None = None) -> Measured | None:
    """What the words name, as a metric on (y, score, weight). `costs` is (false-positive cost, false-negative cost,
    the cost-optimal threshold) when the brief gives costs: "cost per decision" is then measurable."""
    lowered = text.lower()
    binary = task == TaskType.binary_classification
    if binary and costs is not None and re.search(r"\bcosts?\b", lowered):
        return Measured(_cost_per_decision(*costs), False)
    found = PRECISION_AT_RECALL.search(lowered)
    if found and binary:
        number_text, percent = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        value = float(number_text)
        return Measured(_precision_at_recall(value / 100 if percent or value > 1 else value), False)
    found = TOP_SHARE.search(lowered)
    if found and binary:
        return Measured(top_share_metric(found.group(1), float(found.group(2)) / 100), False)
    for pattern, metric_id in NAMED:
        if not pattern.search(lowered):
            continue
        if metric_id == "mdape":
            if task != TaskType.regression:
                return None
            return Measured(Metric("mdape", "median absolute percentage error", False, _mdape), False)
        regression = metric_id in {"mape", "mae", "rmse", "r2"}
        if regression != (task == TaskType.regression):
            return None
        return Measured(metric(metric_id), metric_id in {"accuracy", "f1", "precision", "recall"})
    return None


def _precision_at_recall(target: float) -> Metric:
    def measure(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
        import numpy as np

        order = np.argsort(-score, kind="mergesort")
        w, hits = weight[order], y[order]
        caught = np.cumsum(w * hits)
        flagged = np.cumsum(w)
        if caught[-1] <= 0:
            return float("nan")
        reached = caught / caught[-1] >= target
        return float(np.max(caught[reached] / flagged[reached]))

    return Metric("precision_at_recall", f"precision at recall {target:.3g}", True, measure)


def _cost_per_decision(fp_cost: float, fn_cost: float, threshold: float) -> Metric:
    def measure(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
        import numpy as np

        flagged = score >= threshold
        cost = fp_cost * (flagged & (y == 0)) + fn_cost * (~flagged & (y == 1))
        return float(np.sum(weight * cost) / np.sum(weight))

    return Metric(
        "cost_per_decision", f"cost per decision at the cost-optimal threshold {threshold:.3g}", False, measure
    )


def _mdape(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
    import numpy as np

    errors = np.abs(y - score) / np.maximum(np.abs(y), 2.220446049250313e-16)
    order = np.argsort(errors)
    cumulative = np.cumsum(weight[order])
    return float(errors[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def _verdict(
    model: Interval, stated: float, goal: float, greater: bool, *, reference_name: str, reference: Interval
) -> str:
    if model.value is None or model.low is None or model.high is None:
        return "cannot be measured on this test split"
    above: Callable[[float, float], bool] = (lambda a, b: a > b) if greater else (lambda a, b: a < b)
    today = f"today's stated {number(stated)}"
    if above(model.low if greater else model.high, goal):
        head = (
            f"beats {today}" + (f" and the goal {number(goal)}" if goal != stated else "") + " with its whole interval"
        )
    elif above(model.value, stated):
        head = f"is better than {today} on the point estimate, but the interval reaches it: not yet certain"
    else:
        head = f"does not beat {today}"
    return f"{head} ({reference_name}: {number(reference.value)})"
