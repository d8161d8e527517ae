"""How many worker processes fit the independent baselines at once, and the map that uses them.

Each candidate (the dummy, the linear model, gradient boosting) is searched and cross-validated on its own, with its
own seed given explicitly (never a process's global random state) and one BLAS/OpenMP thread, so a worker computes
exactly what the parent would: the parallel and the sequential runs give byte-identical reports. Workers are loky
processes (scikit-learn's own, through joblib), started for one run and stopped when it ends: a reusable pool's idle
workers outlive the run for minutes, and a process that starts them (the companion, see advisor.data.companion)
would wait for them when it exits.

The count comes from the `jobs` argument, else from `using_jobs` (what `--jobs` sets for a whole command, the report
pipeline included), else from the machine: every free core (the cores less the 1-minute load average, this process
counted as free), but only for a training table of at least `PARALLEL_CELLS` cells. Below that, starting the workers
costs more than it saves: each imports pandas and scikit-learn (measured on flights, 12,000 x 18 training cells:
2 to 12 s of start-up by machine load, against 1.5 s for every candidate's search and cross-validation in one
process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from advisor.util import processes

T = TypeVar("T")

_JOBS: ContextVar[int | None] = ContextVar("baseline_jobs", default=None)
PARALLEL_CELLS = 2_000_000


@contextmanager
def using_jobs(jobs: int | None) -> Iterator[None]:
    """Within this block the baselines use `jobs` worker processes (None: every core)."""
    token = _JOBS.set(jobs)
    try:
        yield
    finally:
        _JOBS.reset(token)


def worker_count(jobs: int | None, tasks: int, cells: int) -> int:
    """The workers to start: as asked (else the free cores, for `cells` training cells enough to pay for them), never
    more than the tasks, at least one."""
    chosen = chosen_jobs(jobs)
    if chosen is None:
        chosen = free_cores() if cells >= PARALLEL_CELLS and processes.unasked_processes_safe() else 1
    return max(1, min(chosen, tasks))


def chosen_jobs(jobs: int | None) -> int | None:
    """The processes asked for: `jobs`, else what `using_jobs` set for the command; None when nobody said."""
    return jobs if jobs is not None else _JOBS.get()


def free_cores() -> int:
    import os

    from joblib import cpu_count

    cores = int(cpu_count())
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not measurable here: take every core
        return cores
    return max(1, min(cores, int(cores - busy + 1)))


def run_all(function: Callable[..., T], tasks: list[tuple[Any, ...]], workers: int) -> Iterator[T]:
    """`function(*task)` for each task, in the tasks' order; in this process when one worker is enough."""
    if workers <= 1:
        for task in tasks:
            yield function(*task)
        return
    from joblib.externals.loky import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as executor:
        yield from executor.map(function, *zip(*tasks, strict=True))
