"""Fitting and scoring one candidate: the grid search on validation, the tuned threshold, k-fold CV, test scores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.data.baseline.candidates import Candidate
from advisor.data.baseline.evaluate import predict_scores, tune_decision, with_interval
from advisor.data.baseline.scoring import THRESHOLD_METRICS, Metric, at_threshold
from advisor.data.baseline.split import Split
from advisor.data.models import Interval
from advisor.enums import TaskType

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

CV_ROWS = 4_000


@dataclass
class Parts:
    """The three splits as frames and targets, and what the metrics need to score them."""

    x: dict[str, pd.DataFrame]
    y: dict[str, np.ndarray]
    task: TaskType
    classes: int
    decision: Metric | None  # the label metric whose validation optimum sets each model's threshold (binary only)

    def scores(self, model: Any, part: str) -> np.ndarray:
        return predict_scores(model, self.x[part], self.task, self.classes)


def scored_on_test(
    measures: list[Metric], y: np.ndarray, scores: np.ndarray, weights: np.ndarray, threshold: float | None
) -> dict[str, Interval]:
    intervals = {}
    for measure in measures:
        decided = threshold is not None and measure.id in THRESHOLD_METRICS
        shown = at_threshold(scores, threshold) if decided and threshold is not None else scores
        intervals[measure.id] = with_interval(measure, y, shown, weights)
    return intervals


def validation_score(model: Any, parts: Parts, measure: Metric, is_dummy: bool) -> tuple[float, float | None]:
    """The primary metric on validation, and the model's decision threshold tuned there (binary, not the dummy)."""
    import numpy as np

    scores = parts.scores(model, "validation")
    y = parts.y["validation"]
    threshold = None
    if parts.decision is not None and not is_dummy:
        threshold = tune_decision(y, scores, parts.decision)
        if measure.id in THRESHOLD_METRICS:
            scores = at_threshold(scores, threshold)
    return measure.function(y, scores, np.ones(len(y))), threshold


def search(
    candidate: Candidate, parts: Parts, measure: Metric, progress: Any
) -> tuple[Any, dict[str, Any], float, float | None]:
    """Fit each setting of the grid on train, keep the one with the best validation score."""
    best: tuple[Any, dict[str, Any], float, float | None] | None = None
    for params in candidate.grid:
        model = candidate.build(params).fit(parts.x["train"], parts.y["train"])
        score, threshold = validation_score(model, parts, measure, candidate.name == "dummy")
        progress.advance()
        if best is None or better(score, best[2], measure):
            best = (model, params, score, threshold)
    assert best is not None
    return best


def better(score: float, than: float, measure: Metric) -> bool:
    import math

    if not math.isfinite(than):
        return math.isfinite(score)
    return score > than if measure.greater_is_better else score < than


def cross_validate(
    candidate: Candidate,
    *,
    params: dict[str, Any],
    parts: Parts,
    split: Split,
    measure: Metric,
    seed: int,
    threshold: float | None,
) -> tuple[float | None, float | None]:
    """k-fold on the training split (time-ordered folds for a time split), on at most 4,000 rows.

    The training rows of a random split are in shuffled order (see `split_rows`), so the first 4,000 are a random
    sample whatever the file's order; label metrics use the threshold the model got on validation."""
    import numpy as np
    from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit

    task = parts.task
    x, y = parts.x["train"], parts.y["train"]
    rows = min(len(y), CV_ROWS)
    x, y = (x.iloc[-rows:], y[-rows:]) if split.ordered else (x.iloc[:rows], y[:rows])
    folds = 5 if rows <= 2_000 else 3
    if split.ordered:
        splitter: Any = TimeSeriesSplit(n_splits=folds)
    elif task != TaskType.regression and np.unique(y, return_counts=True)[1].min() >= folds:
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    else:
        splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    scores = []
    for train_rows, test_rows in splitter.split(x, y):
        if task != TaskType.regression and len(np.unique(y[train_rows])) < 2:
            continue
        model = candidate.build(params).fit(x.iloc[train_rows], y[train_rows])
        predicted = predict_scores(model, x.iloc[test_rows], task, parts.classes)
        if threshold is not None and measure.id in THRESHOLD_METRICS:
            predicted = at_threshold(predicted, threshold)
        value = measure.function(y[test_rows], predicted, np.ones(len(test_rows)))
        if np.isfinite(value):
            scores.append(value)
    if not scores:
        return None, None
    return round(float(np.mean(scores)), 6), round(float(np.std(scores)), 6)
