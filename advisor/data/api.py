"""`advisor.profile` and `advisor.baseline`: the data commands from Python (a notebook shows the result).

They live in their own module because `advisor.data.profile` and `advisor.data.baseline` are submodules: functions
of those names in the package would be replaced by the submodules as soon as those are imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.data import analyse

if TYPE_CHECKING:
    from advisor.brief import Brief
    from advisor.data.models import DataAnalysis


def profile(path: Path | str, *, target: str | None = None, brief: Brief | None = None, seed: int = 0) -> DataAnalysis:
    """The profile of a file (no models), as `advisor profile` computes it."""
    from advisor.brief import Brief

    chosen = brief if brief is not None else Brief()
    return analyse(Path(path), target=target, brief=chosen, out_dir=None, seed=seed, run_baseline=False)


def baseline(
    path: Path | str,
    *,
    target: str,
    brief: Brief | None = None,
    out_dir: Path | None = None,
    seed: int = 0,
    jobs: int | None = None,
) -> DataAnalysis:
    """The profile and the baselines of a file, as `advisor baseline` computes them; `jobs` worker processes fit
    the baselines (None: the free cores, when the data is large enough to pay for them; any number, same result)."""
    from advisor.brief import Brief
    from advisor.data.baseline.workers import using_jobs

    chosen = brief if brief is not None else Brief()
    with using_jobs(jobs):
        return analyse(Path(path), target=target, brief=chosen, out_dir=out_dir, seed=seed, run_baseline=True)
