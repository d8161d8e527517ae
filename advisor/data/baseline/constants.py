"""The best constant for each metric: the dummy a model has to beat.

A single dummy cannot be fair to every metric: predicting the class shares scores F1 0 (it never flags anyone), while
flagging everyone scores F1 = 2p/(1+p). So for each metric the constant strategies are tried on the training split
and the best one there is scored on test: all-positive for F1 and recall, the prior for log loss and Brier, the most
frequent class for accuracy, the median for MAE, the mean for RMSE and R².
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType
from advisor.data.baseline.scoring import Metric

if TYPE_CHECKING:
    import numpy as np

TOP_K_METRICS = frozenset({"recall_at_k", "precision_at_k"})  # see operating_point.py


@dataclass(frozen=True)
class Constant:
    name: str
    value: np.ndarray  # the prediction for one row: a probability, a probability vector, or a number
    dummy: dict[str, Any]  # the same strategy as scikit-learn DummyClassifier/DummyRegressor parameters

    def scores(self, rows: int) -> np.ndarray:
        import numpy as np

        if self.value.ndim == 0:
            return np.full(rows, float(self.value))
        return np.tile(self.value, (rows, 1))


def constant_strategies(y_train: np.ndarray, task: TaskType, classes: int, labels: list[str]) -> list[Constant]:
    """Every constant worth trying, from the training split only."""
    import numpy as np

    if task == TaskType.regression:
        return [
            Constant("the training mean", np.asarray(float(np.mean(y_train))), {"strategy": "mean"}),
            Constant("the training median", np.asarray(float(np.median(y_train))), {"strategy": "median"}),
        ]
    shares = np.bincount(y_train, minlength=classes) / len(y_train)
    if task == TaskType.binary_classification:
        positive = labels[1] if len(labels) > 1 else "positive"
        return [
            Constant("the class shares (prior)", np.asarray(float(shares[1])), {"strategy": "prior"}),
            Constant(f"everyone positive ('{positive}')", np.asarray(1.0), {"strategy": "constant", "constant": 1}),
            Constant(f"everyone negative ('{labels[0]}')", np.asarray(0.0), {"strategy": "constant", "constant": 0}),
        ]
    found = [Constant("the class shares (prior)", shares, {"strategy": "prior"})]
    for code in range(classes):
        label = labels[code] if code < len(labels) else str(code)
        found.append(Constant(f"always '{label}'", np.eye(classes)[code], {"strategy": "constant", "constant": code}))
    return found


def best_constant(measure: Metric, strategies: list[Constant], y_train: np.ndarray) -> Constant:
    """The strategy that scores best on the training split for this metric. On ties the prior wins for a score
    metric and a fixed label for a label metric, so the name says what the constant does (flag everyone...)."""
    import math

    import numpy as np

    from advisor.data.baseline.scoring import THRESHOLD_METRICS

    if measure.id in TOP_K_METRICS:  # every constant ties there: it acts on a random pick of the capacity
        prior = next(s for s in strategies if s.dummy["strategy"] == "prior")
        return replace(prior, name="any constant: a random pick of the same size")
    if measure.id in THRESHOLD_METRICS:
        strategies = [s for s in strategies if s.dummy["strategy"] != "prior"] + [
            s for s in strategies if s.dummy["strategy"] == "prior"
        ]
    ones = np.ones(len(y_train))
    best: tuple[float, Constant] | None = None
    for strategy in strategies:
        value = measure.function(y_train, strategy.scores(len(y_train)), ones)
        if not math.isfinite(value):
            continue
        signed = value if measure.greater_is_better else -value
        if best is None or signed > best[0]:
            best = (signed, strategy)
    return best[1] if best is not None else strategies[0]
