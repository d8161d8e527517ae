"""`analyse`: read, profile, reconcile with the brief, fit baselines, draw plots, save the model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.brief.model import Brief
from advisor.data.baseline.positive import name_positive_class
from advisor.data.baseline.rows import MAX_MODEL_ROWS, cap_rows
from advisor.data.baseline.workers import chosen_jobs
from advisor.data.companion import Companion, Outcome
from advisor.data.load import LARGE_FILE_MB, SAMPLE_ROWS, load_table
from advisor.data.models import BaselineResult, DataAnalysis
from advisor.data.profiling import profile_table
from advisor.data.progress import Steps
from advisor.data.reconcile import reconcile

if TYPE_CHECKING:
    from advisor.data.engine import EngineChoice
    from advisor.data.profiling import Profiled
    from advisor.knowledge.base import KnowledgeBase


def analyse(
    path: Path,
    *,
    target: str | None,
    brief: Brief,
    out_dir: Path | None,
    seed: int = 0,
    run_baseline: bool = True,
    progress: bool | None = False,
    large_file_mb: float = LARGE_FILE_MB,
    sample_rows: int = SAMPLE_ROWS,
    knowledge: KnowledgeBase | None = None,
    engine: EngineChoice | None = None,
) -> DataAnalysis:
    """Everything the data says, as one JSON-serialisable, deterministic result.

    `target` defaults to the brief's `problem.target_column` when the file has that column. Plots go to
    `out_dir/plots/` and the best pipeline to `out_dir/model.joblib` (nothing is written without `out_dir`).
    `progress=None` shows progress bars when stderr is a terminal. `knowledge` is the rule base whose primary
    metric judges the baselines (the bundled one when not given).
    """
    from threadpoolctl import threadpool_limits

    # One thread for BLAS and OpenMP: on a shared 2-core machine spinning worker threads cost far more than they
    # gain on data of this size (gradient boosting ran 20-60x slower with two), and results stay identical.
    with threadpool_limits(limits=1):
        return _analyse(
            path,
            target=target,
            brief=brief,
            out_dir=out_dir,
            seed=seed,
            run_baseline=run_baseline,
            progress=progress,
            large_file_mb=large_file_mb,
            sample_rows=sample_rows,
            knowledge=knowledge,
            engine=engine,
        )


def _analyse(
    path: Path,
    *,
    target: str | None,
    brief: Brief,
    out_dir: Path | None,
    seed: int,
    run_baseline: bool,
    progress: bool | None,
    large_file_mb: float,
    sample_rows: int,
    knowledge: KnowledgeBase | None,
    engine: EngineChoice | None,
) -> DataAnalysis:
    wanted = target is not None or brief.problem.target_column is not None  # the file may lack the brief's target
    with Steps(progress) as steps, Companion.start(wanted=wanted) as companion:
        with steps.step("Reading " + path.name):
            table = load_table(
                path, target=target, seed=seed, large_file_mb=large_file_mb, sample_rows=sample_rows, engine=engine
            )
        if target is None and brief.problem.target_column in table.frame.columns:
            target = brief.problem.target_column
        with steps.step("Profiling"):
            capped_rows = MAX_MODEL_ROWS if run_baseline else None
            profiled = profile_table(
                table, target=target, brief=brief, seed=seed, companion=companion, capped_rows=capped_rows
            )
        name_positive_class(profiled.facts, profiled.target, brief.data.positive_class, file=table.source.file)
        contradictions = reconcile(brief, profiled.facts, target=target, columns=list(table.frame.columns))
        analysis = DataAnalysis(
            source=table.source,
            facts=profiled.facts,
            profile=profiled.profile,
            target=profiled.target,
            correlations=profiled.relations.correlations,
            leakage=profiled.leakage,
            checked=profiled.checked,
            dropped_columns=profiled.dropped,
            protected_columns=profiled.protected,
            warnings=profiled.warnings,
            contradictions=contradictions,
        )
        if profiled.protected:
            from advisor.data.protected import protected_policy

            profiled.drop_protected, profiled.protected_why = protected_policy(brief, profiled.facts, knowledge)
            analysis.protected_policy = profiled.protected_why
        fitted: Outcome[BaselineResult] | None = None
        primary: str | None = None
        if target is not None and run_baseline and profiled.task is not None:
            from advisor.data.baseline.handover import fit_baselines
            from advisor.data.baseline.primary import primary_metric

            primary, why = primary_metric(brief, profiled.facts, profiled.task, knowledge)
            # Fitted in the companion while the plots are drawn here.
            handed = _rows_for_baselines(profiled, companion, seed) if companion.running else profiled
            options = {"primary": primary, "primary_source": why, "seed": seed, "out_dir": out_dir}
            fitted = companion.run(fit_baselines, handed, brief, **options, jobs=_baseline_jobs(companion))
        if out_dir is not None:
            from advisor.data.plots import draw_profile_plots

            with steps.step("Drawing plots"):
                numeric = [name for name in profiled.columns.of_kind("numeric") if name != target]
                analysis.plots.extend(draw_profile_plots(profiled.frame, numeric, profiled.target, out_dir, seed))
        if fitted is not None and primary is not None:
            with steps.step("Fitting baselines"):
                analysis.baseline = fitted.result()
            curve = analysis.baseline.learning_curve
            if out_dir is not None and curve is not None and len(curve.points) > 1:
                from advisor.data.plots import draw_learning_curve

                analysis.plots.append(draw_learning_curve(curve, primary, out_dir))
    return analysis


def _rows_for_baselines(profiled: Profiled, companion: Companion, seed: int) -> Profiled:
    """`profiled` with only the rows the baselines fit on, to hand to the companion instead of the whole table: the
    labelled rows, capped (by the companion, with scikit-learn) exactly as `prepare` caps them, and their count."""
    assert profiled.target is not None and profiled.task is not None
    frame, target = profiled.frame, profiled.target.column
    known = frame[target].notna()
    labelled = int(known.sum())
    rows: Any = known
    if labelled > MAX_MODEL_ROWS:
        drawn = profiled.capped or companion.run(cap_rows, frame[target][known], profiled.task, MAX_MODEL_ROWS, seed)
        rows = drawn.result()
    kept = frame.loc[rows]
    table, columns = replace(profiled.table, frame=kept), replace(profiled.columns, frame=kept)
    return replace(profiled, table=table, columns=columns, labelled_rows=labelled, capped=None)  # a handle stays here


def _baseline_jobs(companion: Companion) -> int | None:
    """The processes the baselines may use: what was asked for, less the companion when they run in it."""
    asked = chosen_jobs(None)
    if asked is None or not companion.running:
        return asked
    return max(1, asked - 1)
