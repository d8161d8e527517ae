"""Time the leakage checks alone on real data, and what they flag.

    python benchmarks/leakage.py [--source FILE] [--target COL] [--repeat 3]

Loads the file once (default: ../shared/data/flights.csv.gz, target arr_delay), infers column kinds, then runs
`leakage_suspects` `--repeat` times and prints the best wall time and the suspects with their kinds. The checks
work on a 2,000-row sample, so their cost does not grow with the file; the whole `advisor profile` is timed with
`time advisor profile FILE --target COL`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from advisor.data.columns import infer_columns
from advisor.data.leakage import leakage_suspects
from advisor.data.load import load_table
from advisor.data.target import detect_task

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "flights.csv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--target", default="arr_delay")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    table = load_table(arguments.source, target=arguments.target)
    columns = infer_columns(table.frame)
    task = detect_task(columns.frame[arguments.target], columns.kinds[arguments.target])
    timings = []
    for _ in range(arguments.repeat):
        start = time.perf_counter()
        suspects, checked = leakage_suspects(columns.frame, columns.kinds, arguments.target, task, 0)
        timings.append(time.perf_counter() - start)
    print(f"{arguments.source.name}: {len(table.frame):,} rows x {len(table.frame.columns)} columns, task {task.value}")
    print(f"leakage checks: best of {arguments.repeat}: {min(timings):.2f} s")
    print(checked.describe())
    for suspect in suspects:
        print(f"  {suspect.column:<16} {suspect.kind:<18} {suspect.reason}")


if __name__ == "__main__":
    main()
