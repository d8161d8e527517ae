"""Fitting and scoring one candidate: the grid search on validation, the tuned threshold, k-fold CV, test scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType
from advisor.data.baseline.candidates import Candidate
from advisor.data.baseline.evaluate import predict_scores, tune_decision, with_interval
from advisor.data.baseline.scoring import THRESHOLD_METRICS, Metric, at_threshold
from advisor.data.baseline.split import Split
from advisor.data.models import Interval

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
    known: dict[int, tuple[Any, dict[str, np.ndarray]]] = field(default_factory=dict)

    def scores(self, model: Any, part: str) -> np.ndarray:
        """The model's predictions on a split: those the search already made are reused, not predicted again."""
        known = self.known.get(id(model))
        if known is not None and known[0] is model and part in known[1]:
            return known[1][part]
        return predict_scores(model, self.x[part], self.task, self.classes)

    def remember(self, fitted: Fitted) -> None:
        self.known[id(fitted.model)] = (fitted.model, fitted.scores)


@dataclass
class Fitted:
    """One candidate after its search: the chosen setting's pipeline (fitted on train) and what it predicted."""

    candidate: Candidate
    model: Any
    params: dict[str, Any]
    validation_score: float
    threshold: float | None
    scores: dict[str, np.ndarray]  # on each split, before any threshold
    cv_mean: float | None = None
    cv_std: float | None = None


def scored_on_test(
    measures: list[Metric], y: np.ndarray, scores: np.ndarray, weights: np.ndarray, threshold: float | None
) -> dict[str, Interval]:
    intervals = {}
    for measure in measures:
        decided = threshold is not None and measure.id in THRESHOLD_METRICS
        shown = at_threshold(scores, threshold) if decided and threshold is not None else scores
        intervals[measure.id] = with_interval(measure, y, shown, weights)
    return intervals


def validation_score(scores: np.ndarray, parts: Parts, measure: Metric, is_dummy: bool) -> tuple[float, float | None]:
    """The primary metric on validation, and the model's decision threshold tuned there (binary, not the dummy)."""
    import numpy as np

    y = parts.y["validation"]
    threshold = None
    if parts.decision is not None and not is_dummy:
        threshold = tune_decision(y, scores, parts.decision)
        if measure.id in THRESHOLD_METRICS:
            scores = at_threshold(scores, threshold)
    return measure.function(y, scores, np.ones(len(y))), threshold


def transformed(candidate: Candidate, parts: Parts) -> tuple[Any | None, dict[str, Any]]:
    """The candidate's preprocessing fitted on the training split only, and the three splits as its model sees them.

    This is what `Pipeline.fit` and `Pipeline.predict` do, once per split instead of once per call: validation and
    test rows never reach `fit`, so nothing of them leaks into the encoders, scalers or vocabularies."""
    if candidate.features is None:
        return None, dict(parts.x)
    features = candidate.features()
    arrays = {"train": features.fit_transform(parts.x["train"], parts.y["train"])}
    for part in ("validation", "test"):
        arrays[part] = features.transform(parts.x[part])
    return features, arrays


def search(candidate: Candidate, parts: Parts, measure: Metric) -> Fitted:
    """Fit each setting of the grid on train (on the transformed arrays), keep the one with the best validation
    score; the chosen one becomes a whole pipeline, with its predictions on every split kept for the report."""
    features, arrays = transformed(candidate, parts)

    def predict(model: Any, part: str) -> np.ndarray:
        return predict_scores(model, arrays[part], parts.task, parts.classes)

    best: tuple[Any, dict[str, Any], float, float | None, np.ndarray] | None = None
    for params in candidate.grid:
        model = candidate.model(params).fit(arrays["train"], parts.y["train"])
        predicted = predict(model, "validation")
        score, threshold = validation_score(predicted, parts, measure, candidate.name == "dummy")
        if best is None or better(score, best[2], measure):
            best = (model, params, score, threshold, predicted)
    assert best is not None
    model, params, score, threshold, predicted = best
    scores = {"train": predict(model, "train"), "validation": predicted, "test": predict(model, "test")}
    return Fitted(candidate, _pipeline(features, model), params, score, threshold, scores)


def refit(candidate: Candidate, params: dict[str, Any], parts: Parts) -> Any:
    """The chosen setting's whole pipeline, fitted here on train exactly as `search` fits it."""
    if candidate.features is None:
        return _pipeline(None, candidate.model(params).fit(parts.x["train"], parts.y["train"]))
    features = candidate.features()
    train = features.fit_transform(parts.x["train"], parts.y["train"])
    return _pipeline(features, candidate.model(params).fit(train, parts.y["train"]))


def _pipeline(features: Any | None, model: Any) -> Any:
    from sklearn.pipeline import Pipeline

    steps = [] if features is None else [("features", features)]
    return Pipeline([*steps, ("model", model)])


def fit_candidate(
    candidate: Candidate, parts: Parts, split: Split, measure: Metric, seed: int, *, keep_model: bool = True
) -> Fitted:
    """The search and the cross-validation of one candidate: independent of the others, so it may run in a worker
    process (one BLAS/OpenMP thread there too, as in the parent), with the same result as in this one.

    A worker does not send its fitted pipeline back (`keep_model=False`): an unpickled copy predicts the same but
    pickles to a different size (shared objects such as numpy dtypes come back as copies), and the report states
    the saved model's size. The parent refits the chosen setting instead (`refit`), as a sequential run fits it."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        fitted = search(candidate, parts, measure)
        fitted.cv_mean, fitted.cv_std = cross_validate(
            candidate,
            params=fitted.params,
            parts=parts,
            split=split,
            measure=measure,
            seed=seed,
            threshold=fitted.threshold,
        )
    if not keep_model:
        fitted.model = None
    return fitted


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
    sample whatever the file's order; label metrics use the threshold the model got on validation. Nothing the search
    fitted can stand in for a fold's model: those saw every training row, the fold's held-out rows included (in the
    model and in the preprocessing), so each fold fits its own whole pipeline."""
    import numpy as np
    from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold, TimeSeriesSplit

    task = parts.task
    x, y = parts.x["train"], parts.y["train"]
    rows = min(len(y), CV_ROWS)
    x, y = (x.iloc[-rows:], y[-rows:]) if split.ordered else (x.iloc[:rows], y[:rows])
    folds = 5 if rows <= 2_000 else 3
    groups = split.groups[split.train][:rows] if split.groups is not None else None
    if groups is not None and len(np.unique(groups)) >= folds:  # each entity in one fold, as in the split
        splitter: Any = GroupKFold(n_splits=folds)
    elif split.ordered:
        splitter = TimeSeriesSplit(n_splits=folds)
    elif task != TaskType.regression and np.unique(y, return_counts=True)[1].min() >= folds:
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    else:
        splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    scores = []
    for train_rows, test_rows in splitter.split(x, y, groups):
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
