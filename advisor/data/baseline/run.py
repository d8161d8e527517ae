"""Fit the baselines on a profiled table: split, search, cross-validate, test with intervals, diagnose, save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.brief import Brief
from advisor.data.baseline.candidates import Candidate, candidates
from advisor.data.baseline.diagnostics import learning_curve, permutation_importances, serving_checks
from advisor.data.baseline.evaluate import (
    bootstrap_weights,
    group_metrics,
    predict_scores,
    tune_threshold,
    with_interval,
)
from advisor.data.baseline.prepare import prepare
from advisor.data.baseline.protected import protected_effect
from advisor.data.baseline.scoring import Metric, metric, metrics_for
from advisor.data.baseline.split import Split, split_rows
from advisor.data.models import BaselineResult, ModelResult
from advisor.data.profile import rounded
from advisor.data.profiling import Profiled
from advisor.data.progress import Steps
from advisor.enums import TaskType
from advisor.errors import DataError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MAX_MODEL_ROWS = 20_000
CV_ROWS = 4_000


def run_baseline(
    profiled: Profiled,
    brief: Brief,
    *,
    primary: str,
    primary_source: str,
    seed: int = 0,
    out_dir: Path | None = None,
    steps: Steps | None = None,
    max_rows: int = MAX_MODEL_ROWS,
) -> tuple[BaselineResult, Any]:
    """The baseline results and the best fitted pipeline."""
    from threadpoolctl import threadpool_limits

    # One thread: on a shared 2-core machine OpenMP's spinning threads made gradient boosting 20-60x slower.
    with threadpool_limits(limits=1):
        return _run(
            profiled,
            brief,
            primary=primary,
            primary_source=primary_source,
            seed=seed,
            out_dir=out_dir,
            steps=steps,
            max_rows=max_rows,
        )


def _run(
    profiled: Profiled,
    brief: Brief,
    *,
    primary: str,
    primary_source: str,
    seed: int,
    out_dir: Path | None,
    steps: Steps | None,
    max_rows: int,
) -> tuple[BaselineResult, Any]:
    steps = steps or Steps(enabled=False)
    assert profiled.target is not None and profiled.task is not None
    task = profiled.task
    prepared = prepare(profiled, max_rows, seed)
    classes = len(prepared.labels) if task != TaskType.regression else 0
    by_file_order = bool(brief.data.temporal) and prepared.order is None
    split = split_rows(
        prepared.y,
        classification=task != TaskType.regression,
        order=prepared.order,
        by_file_order=by_file_order,
        seed=seed,
    )
    _check_split(split, profiled.table.source.file)
    x, y = prepared.x, prepared.y
    parts = {name: (x.iloc[rows].reset_index(drop=True), y[rows]) for name, rows in _parts(split).items()}
    x_train, y_train = parts["train"]
    x_val, y_val = parts["validation"]
    x_test, y_test = parts["test"]
    measures = metrics_for(task, primary)
    primary_measure = metric(primary)
    weights = bootstrap_weights(len(y_test), seed)
    results: list[ModelResult] = []
    fitted: dict[str, tuple[Any, Candidate, dict[str, Any]]] = {}
    pool = candidates(task, prepared.kinds, seed)
    with steps.step("Fitting baselines", total=sum(len(candidate.grid) for candidate in pool)) as progress:
        for candidate in pool:
            model, params, validation = _search(
                candidate, parts=parts, task=task, classes=classes, measure=primary_measure, progress=progress
            )
            fitted[candidate.name] = (model, candidate, params)
            scores = predict_scores(model, x_test, task, classes)
            results.append(
                ModelResult(
                    name=candidate.name,
                    description=candidate.description,
                    params=dict(params),
                    validation_score=rounded(validation),
                    test={measure.id: with_interval(measure, y_test, scores, weights) for measure in measures},
                )
            )
    with steps.step("Cross-validating", total=len(pool)) as progress:
        for index, result in enumerate(results):
            _, candidate, params = fitted[result.name]
            mean, std = _cross_validate(
                candidate,
                params=params,
                x=x_train,
                y=y_train,
                split=split,
                task=task,
                classes=classes,
                measure=primary_measure,
                seed=seed,
            )
            results[index] = result.model_copy(update={"cv_mean": mean, "cv_std": std})
            progress.advance()
    best_name = _best(results, primary_measure)
    best_model, best_candidate, best_params = fitted[best_name]
    with steps.step("Diagnosing the best model", total=3) as progress:
        curve = learning_curve(
            lambda: best_candidate.build(best_params),
            x_train,
            y_train,
            x_val,
            y_val,
            task=task,
            classes=classes,
            measure=primary_measure,
            fitted_full=best_model,
        )
        progress.advance()
        importances = permutation_importances(
            best_model, x_val, y_val, task=task, classes=classes, measure=primary_measure, seed=seed
        )
        progress.advance()
        checks = serving_checks(
            best_model, x_test, latency_ms=brief.serving.latency_ms, size_limit_mb=brief.serving.model_size_limit_mb
        )
    threshold = None
    costs = brief.costs
    with_costs = costs.false_positive_cost is not None and costs.false_negative_cost is not None
    if task == TaskType.binary_classification and with_costs:
        dummy = fitted["dummy"][0]
        threshold = tune_threshold(
            y_validation=y_val,
            p_validation=predict_scores(best_model, x_val, task, classes),
            y_test=y_test,
            p_test=predict_scores(best_model, x_test, task, classes),
            dummy_validation=predict_scores(dummy, x_val, task, classes),
            dummy_test=predict_scores(dummy, x_test, task, classes),
            fp_cost=float(costs.false_positive_cost or 0.0),
            fn_cost=float(costs.false_negative_cost or 0.0),
        )
    protected_test = prepared.protected.iloc[split.test].reset_index(drop=True)
    groups = group_metrics(
        protected_test,
        y=y_test,
        score=predict_scores(best_model, x_test, task, classes),
        task=task,
        primary=primary,
    )
    protected = protected_effect(
        prepared, split, fitted=fitted, task=task, classes=classes, measure=primary_measure, seed=seed
    )
    model_path = None
    if out_dir is not None:
        import joblib

        out_dir.mkdir(parents=True, exist_ok=True)
        joblib.dump(best_model, out_dir / "model.joblib")
        model_path = "model.joblib"
    baseline = BaselineResult(
        target=profiled.target.column,
        task_type=task,
        primary_metric=primary,
        primary_metric_source=primary_source,
        greater_is_better=primary_measure.greater_is_better,
        split=split.how,
        rows={"train": len(split.train), "validation": len(split.validation), "test": len(split.test)},
        labelled_rows=prepared.labelled,
        features=list(x.columns),
        excluded_features=prepared.excluded,
        models=results,
        best_model=best_name,
        learning_curve=curve,
        importances=importances,
        threshold=threshold,
        checks=checks,
        groups=groups,
        protected=protected,
        model_path=model_path,
    )
    return baseline, best_model


def _parts(split: Split) -> dict[str, np.ndarray]:
    return {"train": split.train, "validation": split.validation, "test": split.test}


def _check_split(split: Split, file: str) -> None:
    smallest = min(len(split.train), len(split.validation), len(split.test))
    if smallest < 4:
        raise DataError(f"too few rows to split 60/20/20 (a part would have {smallest} rows)", file=file)


def _search(
    candidate: Candidate,
    *,
    parts: dict[str, tuple[pd.DataFrame, np.ndarray]],
    task: TaskType,
    classes: int,
    measure: Metric,
    progress: Any,
) -> tuple[Any, dict[str, Any], float]:
    """Fit each setting of the grid on train, keep the one with the best validation score."""
    import numpy as np

    x_train, y_train = parts["train"]
    x_val, y_val = parts["validation"]
    best: tuple[Any, dict[str, Any], float] | None = None
    for params in candidate.grid:
        model = candidate.build(params).fit(x_train, y_train)
        score = measure.function(y_val, predict_scores(model, x_val, task, classes), np.ones(len(y_val)))
        progress.advance()
        if best is None or _better(score, best[2], measure):
            best = (model, params, score)
    assert best is not None
    return best


def _better(score: float, than: float, measure: Metric) -> bool:
    import math

    if not math.isfinite(than):
        return math.isfinite(score)
    return score > than if measure.greater_is_better else score < than


def _cross_validate(
    candidate: Candidate,
    *,
    params: dict[str, Any],
    x: pd.DataFrame,
    y: np.ndarray,
    split: Split,
    task: TaskType,
    classes: int,
    measure: Metric,
    seed: int,
) -> tuple[float | None, float | None]:
    """k-fold on the training split (time-ordered folds for a time split), on at most 4,000 rows."""
    import numpy as np
    from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit

    rows = min(len(y), CV_ROWS)
    x, y = x.iloc[:rows], y[:rows]
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
        predicted = predict_scores(model, x.iloc[test_rows], task, classes)
        value = measure.function(y[test_rows], predicted, np.ones(len(test_rows)))
        if np.isfinite(value):
            scores.append(value)
    if not scores:
        return None, None
    return round(float(np.mean(scores)), 6), round(float(np.std(scores)), 6)


def _best(results: list[ModelResult], measure: Metric) -> str:
    scored = [result for result in results if result.name != "dummy" and result.validation_score is not None]
    if not scored:
        return results[0].name
    chooser = max if measure.greater_is_better else min
    return chooser(scored, key=lambda result: result.validation_score or 0.0).name
