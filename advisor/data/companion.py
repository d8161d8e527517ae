"""A second process for the scikit-learn side of an analysis: the leakage checks and the baselines.

On flights, importing scikit-learn (with the scipy.stats it pulls in) is a second of one core, the leakage checks and
the baselines another two, and the profile and the plots, which need pandas and matplotlib only, about two more. A
companion process started when the analysis begins imports scikit-learn while this process reads the file; it then
measures the leakage while this process profiles the columns, and fits the baselines while this process draws the
plots. This process never imports scikit-learn, and both cores work.

The companion runs the same functions on the same inputs as this process would, so the files and the report are the
same bytes with or without it; if it cannot start, the work is done here instead, when its result is asked for, and
if it dies the work is redone here. It is used when `--jobs` (or `jobs=`) allows two processes, and by default when
this process may use two cores or more and starting a process is safe (see `advisor.util.processes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# What the leakage checks and the baselines import: loaded while this process reads the file.
WARM_MODULES = (
    "advisor.data.baseline.run",
    "advisor.data.leakage",
    "sklearn.compose",
    "sklearn.dummy",
    "sklearn.ensemble",
    "sklearn.impute",
    "sklearn.linear_model",
    "sklearn.metrics",
    "sklearn.model_selection",
    "sklearn.pipeline",
    "sklearn.preprocessing",
    "sklearn.tree",
)


def _warm_up() -> None:
    """Import what the companion's work needs before the work arrives; Ctrl-C is the parent's to handle."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib
    from multiprocessing.util import Finalize

    # When the pool lets the companion go, it leaves at once: its results are delivered, and tearing down an
    # interpreter full of scikit-learn took a quarter of a second that the analysing process waited for.
    Finalize(None, _leave, exitpriority=0)

    for name in WARM_MODULES:
        importlib.import_module(name)


@contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Ctrl-C ignored for the instant a process is started, which then ignores it from its first instruction; the
    analysing process handles Ctrl-C and the companion goes with it. Only the main thread can set this."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _leave() -> None:
    import os
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_EARLY: list[ProcessPoolExecutor] = []  # a companion started by `started_early`, not yet taken over


@contextmanager
def started_early(*, wanted: bool, jobs: int | None = None) -> Iterator[None]:
    """A companion started now, for an analysis started inside the block to take over: its imports (a second of one
    core) then overlap the loading of the rule base and the brief as well as the reading of the file. One not taken
    over (the command failed first, or the analysis has no target) is stopped when the block ends, without waiting
    for its imports."""
    executor = _spawn(jobs) if wanted else None
    if executor is not None:
        _EARLY.append(executor)
    try:
        yield
    finally:
        if executor is not None and executor in _EARLY:
            _EARLY.remove(executor)
            _discard(executor)


def _spawn(jobs: int | None) -> ProcessPoolExecutor | None:
    """The companion's process, started, when two processes are allowed; None otherwise."""
    import multiprocessing

    from advisor.data.baseline.workers import chosen_jobs
    from advisor.util import processes

    allowed = chosen_jobs(jobs)
    if allowed is None:
        # Every core this process may use, busy or not: the companion's start-up costs a fraction of a second of
        # CPU, so on a loaded machine it loses little, and it wins seconds whenever a core is idle.
        allowed = usable_cores() if processes.unasked_processes_safe() else 1
    if allowed < 2:
        return None
    try:
        # "spawn", never "fork": this process has reader and BLAS threads, and forking those can deadlock.
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_warm_up)
        with _ctrl_c_ignored():  # inherited: Ctrl-C never interrupts the companion, even while it starts
            executor.submit(int)  # the pool starts its process at the first task: start it (and its imports) now
        return executor
    except (OSError, ValueError):  # no processes or semaphores here (some sandboxes): work in this process
        return None


def _discard(executor: ProcessPoolExecutor | None) -> None:
    """Stop a companion that was given no work, without waiting for its imports to finish."""
    if executor is None:
        return
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    # The process only imports: ending it loses nothing.
    for process in list(getattr(executor, "_processes", {}).values()):
        process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)


class Companion:
    """One warmed-up worker process; `run` hands it a function and gives back a handle to its result. Without the
    process, `run` defers the call to the handle's `result()`, so callers are written once for both cases."""

    def __init__(self, executor: ProcessPoolExecutor | None) -> None:
        self._executor = executor
        self._given_work = False

    @property
    def running(self) -> bool:
        """Whether a process takes the work (else `run` computes it here, when its result is asked for)."""
        return self._executor is not None

    @classmethod
    def start(cls, *, wanted: bool = True, jobs: int | None = None) -> Companion:
        """A companion process when it is `wanted` and two processes are allowed (`jobs`, else `--jobs`, else two
        usable cores); otherwise a stand-in that does the work in this process. One started early (`started_early`)
        is taken over instead of starting another."""
        early = _EARLY.pop() if _EARLY else None
        if not wanted:
            _discard(early)
            return cls(None)
        return cls(early if early is not None else _spawn(jobs))

    def run(self, function: Callable[..., T], *arguments: Any, **options: Any) -> Outcome[T]:
        """`function(*arguments, **options)` in the companion, or here at `result()` time without one."""
        future: Future[T] | None = None
        if self._executor is not None:
            self._given_work = True
            try:
                future = self._executor.submit(function, *arguments, **options)
            except RuntimeError:  # the pool broke or shut down: do the work here
                future = None
        return Outcome(future, function, arguments, options)

    def close(self) -> None:
        """Stop the process and wait for it. Not waiting would save a tenth of a second, but then Python 3.11's exit
        can write to the pool's closed wake-up pipe and print a traceback after the user's message."""
        if self._executor is not None:
            if self._given_work:
                self._executor.shutdown(wait=True, cancel_futures=True)
            else:  # the analysis needed no scikit-learn after all (no target in the file)
                _discard(self._executor)
            self._executor = None

    def __enter__(self) -> Companion:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Outcome(Generic[T]):
    """The result of work handed to the companion; computed here instead if the companion could not do it."""

    def __init__(
        self,
        future: Future[T] | None,
        function: Callable[..., T],
        arguments: tuple[Any, ...],
        options: dict[str, Any],
    ) -> None:
        self._future = future
        self._function = function
        self._arguments = arguments
        self._options = options

    def result(self) -> T:
        """The function's value; its exception (one of ours, or a bug) is raised here as it would be in this process."""
        from concurrent.futures.process import BrokenProcessPool

        if self._future is not None:
            try:
                return self._future.result()
            except BrokenProcessPool:  # the process died (killed, out of memory): the work is redone here
                pass
        return self._function(*self._arguments, **self._options)
