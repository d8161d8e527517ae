"""Fit the baselines on a profiled table: split, search, cross-validate, test with intervals, diagnose, save."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType
from advisor.brief.model import Brief
from advisor.data.baseline.business import business_metric
from advisor.data.baseline.candidates import Candidate, candidates
from advisor.data.baseline.constants import best_constant, constant_strategies
from advisor.data.baseline.diagnostics import learning_curve, permutation_importances, serving_checks
from advisor.data.baseline.evaluate import (
    BOOTSTRAP,
    bootstrap_weights,
    group_bootstrap_weights,
    group_metrics,
    tune_threshold,
    with_interval,
)
from advisor.data.baseline.fit import Fitted, Parts, fit_candidate, refit, scored_on_test
from advisor.data.baseline.operating_point import METRIC_IDS as TOP_K_METRICS
from advisor.data.baseline.operating_point import capacity_of, operating_point, top_share_metric
from advisor.data.baseline.positive import choose_positive
from advisor.data.baseline.prepare import Prepared, prepare
from advisor.data.baseline.protected import protected_effect
from advisor.data.baseline.references import forecast_references, reference_for_verdict
from advisor.data.baseline.rows import MAX_MODEL_ROWS
from advisor.data.baseline.scoring import THRESHOLD_METRICS, Metric, mase_metric, metric, metrics_for
from advisor.data.baseline.screen import screen_features
from advisor.data.baseline.shift import split_shift
from advisor.data.baseline.split import Split, split_rows
from advisor.data.baseline.timeseries import (
    Season,
    block_length,
    detect_season,
    is_series,
    moving_block_weights,
    naive_scale,
    spacing,
)
from advisor.data.baseline.verdict import judge
from advisor.data.baseline.workers import run_all, worker_count
from advisor.data.leakage import IDENTIFIER_KIND
from advisor.data.models import BaselineResult, ModelResult
from advisor.data.profile import rounded
from advisor.data.profiling import Profiled
from advisor.data.progress import Steps
from advisor.errors import DataError

if TYPE_CHECKING:
    import numpy as np

IMBALANCED_SHARE = 0.2  # below this minority share the grids also try balanced class weights
DECISION_FALLBACK = "f1"  # precision or recall alone would tune to a degenerate threshold


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
    jobs: int | None = None,
) -> tuple[BaselineResult, Any]:
    """The baseline results and the best fitted pipeline; `jobs` worker processes fit the candidates (None: as
    `workers.using_jobs` says, else the free cores when the data is large enough), with the same result as one."""
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
            steps=steps or Steps(enabled=False),
            max_rows=max_rows,
            jobs=jobs,
        )


def _run(
    profiled: Profiled,
    brief: Brief,
    *,
    primary: str,
    primary_source: str,
    seed: int,
    out_dir: Path | None,
    steps: Steps,
    max_rows: int,
    jobs: int | None,
) -> tuple[BaselineResult, Any]:
    import numpy as np

    assert profiled.target is not None and profiled.task is not None
    task = profiled.task
    file = profiled.table.source.file
    prepared = prepare(profiled, max_rows, seed)
    positive_reason = _orient_positive(prepared, task, brief.data.positive_class, file)
    classes = len(prepared.labels) if task != TaskType.regression else 0
    by_file_order = bool(brief.data.temporal) and prepared.order is None
    split = split_rows(
        prepared.y,
        classification=task != TaskType.regression,
        order=prepared.order,
        by_file_order=by_file_order,
        seed=seed,
        groups=None if by_file_order else prepared.groups,
        entity=prepared.entity.column if prepared.entity is not None else "",
    )
    _check_split(split, file)
    x, y = prepared.x, prepared.y
    rows = {"train": split.train, "validation": split.validation, "test": split.test}
    series = split.ordered and task == TaskType.regression and is_series(prepared.order)
    season = detect_season(y[split.train], spacing(prepared.order)) if series else None
    if primary == "mase" and season is None:
        primary, primary_source = "mae", primary_source + "; MASE needs a series split in time, so MAE is used"
    capacity = capacity_of(brief.problem) if task == TaskType.binary_classification else None
    primary_measure = _measure(primary, y[split.train], season, capacity.share if capacity else None)
    measures = [primary_measure] + [m for m in metrics_for(task, _standard_primary(primary)) if m.id != primary]
    if season is not None and primary != "mase":
        measures.append(_measure("mase", y[split.train], season))
    binary = task == TaskType.binary_classification
    decision = None
    if binary:
        decision = (
            primary_measure if primary in THRESHOLD_METRICS - {"precision", "recall"} else metric(DECISION_FALLBACK)
        )
    screened = screen_features(x.iloc[split.train], y[split.train], prepared.kinds, task)
    kinds = screened.kinds
    x = x[kinds.all]
    parts = Parts(
        x={name: x.iloc[positions].reset_index(drop=True) for name, positions in rows.items()},
        y={name: y[positions] for name, positions in rows.items()},
        task=task,
        classes=classes,
        decision=decision,
    )
    y_test = parts.y["test"]
    weights, interval_method = _weights(len(y_test), seed, season, split)
    strategies = constant_strategies(parts.y["train"], task, classes, prepared.labels)
    chosen_constants = {m.id: best_constant(m, strategies, parts.y["train"]) for m in measures}
    primary_constant = chosen_constants[primary]
    minority = float(np.bincount(y).min() / len(y)) if task != TaskType.regression else 1.0
    pool = candidates(
        task,
        kinds,
        seed,
        dummy_params=primary_constant.dummy,
        dummy_description=f"the best constant for each metric (for {primary}: {primary_constant.name})",
        imbalanced=minority < IMBALANCED_SHARE,
        rows=len(parts.y["train"]),
        classes=classes,
    )
    results: list[ModelResult] = []
    fitted: dict[str, tuple[Any, Candidate, dict[str, Any], float | None]] = {}
    found_by_name: dict[str, Fitted] = {}
    workers = worker_count(jobs, len(pool), cells=len(split.train) * len(x.columns))
    tasks = [(candidate, parts, split, primary_measure, seed) for candidate in pool]
    fit_one = partial(fit_candidate, keep_model=workers == 1)
    with steps.step("Fitting baselines", total=len(pool)) as progress:
        for candidate, found in zip(pool, run_all(fit_one, tasks, workers), strict=True):
            if found.model is None:  # fitted in a worker: see `fit_candidate`
                found.candidate, found.model = candidate, refit(candidate, found.params, parts)
            parts.remember(found)
            found_by_name[candidate.name] = found
            model, params, threshold = found.model, found.params, found.threshold
            fitted[candidate.name] = (model, candidate, params, threshold)
            if candidate.name == "dummy":
                test = {
                    m.id: with_interval(m, y_test, chosen_constants[m.id].scores(len(y_test)), weights)
                    for m in measures
                }
            else:
                test = scored_on_test(measures, y_test, found.scores["test"], weights, threshold)
            results.append(
                ModelResult(
                    name=candidate.name,
                    description=candidate.description,
                    params=dict(params),
                    validation_score=rounded(found.validation_score),
                    test=test,
                    threshold=None if threshold is None else round(threshold, 6),
                    cv_mean=found.cv_mean,
                    cv_std=found.cv_std,
                )
            )
            progress.advance()
    if season is not None:
        results += forecast_references(
            y_ordered={name: parts.y[name] for name in ("train", "validation", "test")},
            season=season.lag,
            measures=measures,
            primary=primary_measure,
            weights=weights,
        )
    best_name = _best(results, primary_measure)
    best_model, best_candidate, best_params, best_threshold = fitted[best_name]
    with steps.step("Diagnosing the best model", total=3) as progress:
        curve = learning_curve(
            lambda: best_candidate.build(best_params),
            parts.x["train"],
            parts.y["train"],
            parts.x["validation"],
            parts.y["validation"],
            task=task,
            classes=classes,
            measure=primary_measure,
            full_scores=(found_by_name[best_name].scores["train"], found_by_name[best_name].scores["validation"]),
            recent=split.ordered,
            threshold=best_threshold if primary in THRESHOLD_METRICS else None,
        )
        progress.advance()
        importances = permutation_importances(
            best_model,
            parts.x["validation"],
            parts.y["validation"],
            task=task,
            classes=classes,
            measure=primary_measure,
            seed=seed,
            threshold=best_threshold if primary in THRESHOLD_METRICS else None,
        )
        progress.advance()
        checks = serving_checks(
            best_model,
            parts.x["test"],
            latency_ms=brief.serving.latency_ms,
            size_limit_mb=brief.serving.model_size_limit_mb,
        )
    cost_threshold = None
    costs = brief.costs
    if binary and costs.false_positive_cost is not None and costs.false_negative_cost is not None:
        dummy = fitted["dummy"][0]
        cost_threshold = tune_threshold(
            y_validation=parts.y["validation"],
            p_validation=parts.scores(best_model, "validation"),
            y_test=y_test,
            p_test=parts.scores(best_model, "test"),
            dummy_validation=parts.scores(dummy, "validation"),
            dummy_test=parts.scores(dummy, "test"),
            fp_cost=float(costs.false_positive_cost),
            fn_cost=float(costs.false_negative_cost),
        )
    best_scores = parts.scores(best_model, "test")
    operating = None
    if capacity is not None:  # the threshold and the business metric at the capacity the brief gives
        operating = operating_point(
            capacity,
            model_name=best_name,
            y_validation=parts.y["validation"],
            p_validation=parts.scores(best_model, "validation"),
            y_test=y_test,
            p_test=best_scores,
            weights=weights,
            cost_threshold=cost_threshold,
        )
    groups = group_metrics(
        prepared.protected.iloc[split.test].reset_index(drop=True),
        y=y_test,
        score=best_scores,
        task=task,
        primary=primary,
        measure=primary_measure,
        threshold=operating.threshold if operating else 0.5 if best_threshold is None else best_threshold,
    )
    best_result = next(result for result in results if result.name == best_name)
    reference = reference_for_verdict(results, primary_measure)
    verdict = judge(
        metric=primary,
        greater_is_better=primary_measure.greater_is_better,
        best=best_result,
        reference=reference,
        importances=importances,
        features=len(x.columns),
        suspects=[suspect.column for suspect in profiled.leakage if suspect.kind != IDENTIFIER_KIND],
    )
    shift = split_shift(
        x=parts.x,
        y=parts.y,
        task=task,
        kinds=kinds,
        models=results,
        primary=primary,
        greater_is_better=primary_measure.greater_is_better,
    )
    business = business_metric(
        stated_metric=brief.problem.baseline_metric,
        stated_value=brief.problem.baseline_value,
        required_improvement=brief.problem.required_improvement,
        task=task,
        y=y_test,
        model_scores=best_scores,
        reference_scores=parts.scores(fitted["dummy"][0], "test"),
        reference_name="the dummy",
        weights=weights,
        threshold=best_threshold,
        costs=(cost_threshold.false_positive_cost, cost_threshold.false_negative_cost, cost_threshold.threshold)
        if cost_threshold is not None
        else None,
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
        rows={name: len(positions) for name, positions in rows.items()},
        labelled_rows=prepared.labelled,
        features=list(x.columns),
        excluded_features=prepared.excluded,
        models=results,
        best_model=best_name,
        learning_curve=curve,
        importances=importances,
        threshold=cost_threshold,
        checks=checks,
        groups=groups,
        protected=protected,
        model_path=model_path,
        positive_class=prepared.labels[1] if binary else None,
        positive_class_reason=positive_reason,
        dummy_strategies={m.id: chosen_constants[m.id].name for m in measures},
        threshold_rule=(
            f"label metrics ({', '.join(sorted(THRESHOLD_METRICS & {m.id for m in measures}))}) are taken at each "
            f"model's threshold that maximises validation {decision.id}"
            if decision is not None
            else None
        ),
        verdict=verdict.text,
        verdict_kind=verdict.kind,
        suspicious_columns=verdict.columns,
        season=season.lag if season is not None else None,
        season_reason=season.reason if season is not None else None,
        interval_method=interval_method,
        shift=shift,
        business=business,
        operating_point=operating,
        feature_screen=screened.note,
        fitting_budget="; ".join(candidate.trimmed for candidate in pool if candidate.trimmed) or None,
    )
    return baseline, best_model


def _orient_positive(prepared: Prepared, task: TaskType, requested: str | None, file: str) -> str | None:
    """Re-code a binary target so 1 is the positive class (chosen by `choose_positive`); the reason, in words."""
    import numpy as np

    if task != TaskType.binary_classification or len(prepared.labels) != 2:
        return None
    counts = {label: int(np.sum(prepared.y == code)) for code, label in enumerate(prepared.labels)}
    chosen = choose_positive(counts, requested, file=file)
    if chosen.label != prepared.labels[1]:
        prepared.y = 1 - prepared.y
        prepared.labels = [prepared.labels[1], prepared.labels[0]]
    return chosen.reason


def _standard_primary(primary: str) -> str:
    if primary in TOP_K_METRICS.values():  # the standard ranking metric beside it
        return "pr_auc"
    return "mae" if primary == "mase" else primary


def _measure(metric_id: str, y_train: np.ndarray, season: Season | None, share: float | None = None) -> Metric:
    if metric_id in TOP_K_METRICS.values() and share is not None:
        return top_share_metric(metric_id.removesuffix("_at_k"), share)
    if metric_id == "mase":
        return mase_metric(naive_scale(y_train, season.lag if season is not None else 1))
    return metric(metric_id)


def _weights(rows: int, seed: int, season: Season | None, split: Split) -> tuple[np.ndarray, str]:
    if split.groups is not None:
        groups = split.groups[split.test]
        count = len(set(groups.tolist()))
        return (
            group_bootstrap_weights(groups, seed, BOOTSTRAP),
            f"bootstrap of the {count} test groups, each drawn whole ({BOOTSTRAP} resamples)",
        )
    if season is None:
        return bootstrap_weights(rows, seed), f"bootstrap of test rows ({BOOTSTRAP} resamples)"
    block = block_length(rows, season.lag)
    return (
        moving_block_weights(rows, seed, block, BOOTSTRAP),
        f"moving-block bootstrap of the test period ({BOOTSTRAP} resamples, blocks of {block} consecutive rows)",
    )


def _check_split(split: Split, file: str) -> None:
    smallest = min(len(split.train), len(split.validation), len(split.test))
    if smallest < 4:
        raise DataError(f"too few rows to split 60/20/20 (a part would have {smallest} rows)", file=file)


def _best(results: list[ModelResult], measure: Metric) -> str:
    """The fitted model with the best validation score (the dummy and the forecasts are references, not models)."""
    scored = [
        result
        for result in results
        if result.name not in {"dummy", "seasonal_naive", "last_value"} and result.validation_score is not None
    ]
    if not scored:
        return results[0].name
    chooser = max if measure.greater_is_better else min
    return chooser(scored, key=lambda result: result.validation_score or 0.0).name
