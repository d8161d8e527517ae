"""The model families fitted in worker processes give the same report, byte for byte (measured latencies aside),
as fitted one after the other in this one."""

from __future__ import annotations

from pathlib import Path

from advisor.cli import main
from advisor.data.baseline.workers import using_jobs, worker_count

from .conftest import HOUSES, masked_report


def test_worker_count_follows_the_request_then_the_size_of_the_data() -> None:
    assert worker_count(3, tasks=3, cells=10) == 3
    assert worker_count(8, tasks=3, cells=10) == 3
    assert worker_count(None, tasks=3, cells=10) == 1  # too small to pay for starting workers
    with using_jobs(2):
        assert worker_count(None, tasks=3, cells=10) == 2
    assert 1 <= worker_count(None, tasks=3, cells=10**9) <= 3


def test_parallel_and_sequential_baselines_write_the_same_report(tmp_path: Path) -> None:
    reports = {}
    for jobs in ("1", "3"):
        out = tmp_path / f"jobs{jobs}"
        assert main(["run", "--example", "churn", "--out", str(out), "--jobs", jobs]) == 0
        reports[jobs] = masked_report(out)
    assert reports["1"] == reports["3"]


def test_parallel_regression_baselines_match_through_the_api(tmp_path: Path) -> None:
    from advisor import baseline

    sequential = baseline(HOUSES, target="price", jobs=1)
    parallel = baseline(HOUSES, target="price", jobs=2)
    assert sequential.baseline is not None and parallel.baseline is not None
    left = sequential.baseline.model_dump(exclude={"checks"})
    right = parallel.baseline.model_dump(exclude={"checks"})
    assert left == right
