"""The baselines as the analysis hands them to its companion process: a light module (it imports no scikit-learn
until called), so the process that only hands the work over never loads scikit-learn."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.data.models import BaselineResult
    from advisor.data.profiling import Profiled


def fit_baselines(
    profiled: Profiled,
    brief: Brief,
    *,
    primary: str,
    primary_source: str,
    seed: int,
    out_dir: Path | None,
    jobs: int | None,
) -> BaselineResult:
    """`run_baseline`'s result; the fitted model is saved under `out_dir` where it was fitted, never sent back."""
    from advisor.data.baseline.run import run_baseline

    result, _ = run_baseline(
        profiled, brief, primary=primary, primary_source=primary_source, seed=seed, out_dir=out_dir, jobs=jobs
    )
    return result
