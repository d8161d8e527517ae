"""Time the out-of-core scan alone (statistics, class counts, sample) on the flights-like large files, against a copy
of the package from before a change, runs alternating so both see the same load.

    python benchmarks/data_scan.py --before DIR [--rows 10000000] [--repeats 2] [--target arr_delay]

DIR holds an older package (`git archive BASE advisor rules reports/templates pyproject.toml | tar -x -C DIR`).
The files are built by data_flights.py's builder under benchmarks/out/ (never committed): `--rows` rows and a tenth
of them, for the scaling.
Each run is a fresh subprocess reporting wall time, peak resident memory, the file reads and the load average.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data_flights import DEFAULT_SOURCE, OUT, REPO, build_large, large_name, measure

SCAN = """
import json, resource, sys, time
start = time.perf_counter()
from pathlib import Path
from advisor.data.scan import scan
from advisor.data.sniff import sniff
result = scan(sniff(Path(sys.argv[1])), target=sys.argv[2] or None, sample_rows=100_000, seed=0)
print(json.dumps({"seconds": round(time.perf_counter() - start, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "sample": len(result.frame), "reads": getattr(result, "reads", 3)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a copy of the package before the change")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--target", default="arr_delay")
    arguments = parser.parse_args()
    results: dict[tuple[str, int], list[dict[str, float]]] = {}
    for rows in (arguments.rows // 10, arguments.rows):
        path = OUT / large_name(rows)
        build_large(arguments.source, rows, path)
        for _ in range(arguments.repeats):
            for label, code in (("before", arguments.before), ("after", REPO)):
                run = measure(SCAN, str(path), arguments.target, code=code)
                results.setdefault((label, rows), []).append(run)
                print(f"{label} {rows:,} rows: {run}", flush=True)
    print("\n| scan | before | after |\n|---|---|---|")
    for rows in (arguments.rows // 10, arguments.rows):
        cells = []
        for label in ("before", "after"):
            runs = results[(label, rows)]
            seconds = statistics.median(run["seconds"] for run in runs)
            peak = max(run["peak_mb"] for run in runs)
            loads = "/".join(f"{run['load']:.1f}" for run in runs)
            cells.append(f"{seconds:.1f} s, {peak:.0f} MiB, {runs[0]['reads']} reads (load {loads})")
        print(f"| {rows:,} rows | {cells[0]} | {cells[1]} |")
    for label in ("before", "after"):
        big = statistics.median(run["seconds"] for run in results[(label, arguments.rows)])
        small = statistics.median(run["seconds"] for run in results[(label, arguments.rows // 10)])
        print(f"scaling {label}: {big / small:.2f}x")


if __name__ == "__main__":
    main()
