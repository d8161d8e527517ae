"""Time the baselines on flights, and the whole report, counting the scikit-learn calls that bound them.

    python benchmarks/baselines_flights.py [--source FILE] [--before DIR] [--jobs 1 2 ...] [--repeat N]

Each figure comes from a fresh subprocess (imports included in the report time, not in the baseline time):
1. the baselines alone (`run_baseline` on the profiled flights table, as `advisor report` runs it), with the number of
   model fits, model predictions, preprocessing fits and preprocessing transforms, counted by wrapping those methods
   of the scikit-learn classes the baselines use (in the parent process only: with workers, theirs are not
   counted); the latency check's own calls (a fixed 24 predictions, the measurement itself) are counted apart;
2. the whole `write_report()` on flights with benchmarks/flights_answers.yaml (what `advisor report` runs).

`--before DIR` is another source tree of the advisor (say `git archive <commit> | tar -x -C DIR`): its figures are
measured in the same run, interleaved with this tree's, so both see the same machine load; `uptime`'s load average is
printed with them. `--jobs` lists the worker counts to time this tree with (the older tree has no such option);
`--max-rows` raises the baselines' row cap, to see where worker processes start to pay.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "flights.csv.gz"
ANSWERS = REPO / "benchmarks" / "flights_answers.yaml"

COUNTING = """
import collections, functools, importlib
COUNTS = collections.Counter()
STATE = {"serving": False}
OURS = {"categorical", "numeric", "datetime", "text"}  # the advisor's preprocessing, not boosting's own encoder
def _count(module, name, methods, kind):
    cls = getattr(importlib.import_module(module), name)
    for method in methods:
        original = cls.__dict__.get(method)
        if original is None:
            continue
        def wrapped(self, *args, _original=original, _kind=kind, _method=method, **kwargs):
            if _kind != "features" or any(part[0] in OURS for part in self.transformers):
                fitting = _method in ("fit", "fit_transform")
                where = "latency check " if STATE["serving"] else ""
                COUNTS[where + _kind + (" fit" if fitting else " predict")] += 1
            return _original(self, *args, **kwargs)
        setattr(cls, method, functools.wraps(original)(wrapped))
for module, name in [
    ("sklearn.ensemble", "HistGradientBoostingClassifier"), ("sklearn.ensemble", "HistGradientBoostingRegressor"),
    ("sklearn.linear_model", "LogisticRegression"), ("sklearn.linear_model", "Ridge"),
    ("sklearn.dummy", "DummyClassifier"), ("sklearn.dummy", "DummyRegressor"),
]:
    _count(module, name, ["fit", "predict", "predict_proba"], "model")
_count("sklearn.compose", "ColumnTransformer", ["fit_transform", "transform"], "features")
import advisor.data.baseline.run as _run
_serving_checks = _run.serving_checks
def _serving(*args, **kwargs):
    STATE["serving"] = True
    try:
        return _serving_checks(*args, **kwargs)
    finally:
        STATE["serving"] = False
_run.serving_checks = _serving
"""

BASELINES = (
    COUNTING
    + """
import inspect, json, sys, time
from pathlib import Path
from advisor import load_brief, load_knowledge  # the public names: the same in an older package (--before)
from advisor.data.load import load_table
from advisor.data.profiling import profile_table
from advisor.data.baseline.primary import primary_metric
from advisor.data.baseline.run import run_baseline
from threadpoolctl import threadpool_limits
knowledge = load_knowledge()
brief = load_brief(Path(sys.argv[2]), knowledge)
jobs, max_rows = int(sys.argv[3]), int(sys.argv[4])
with threadpool_limits(limits=1):
    table = load_table(Path(sys.argv[1]), target="arr_delay", seed=0)
    profiled = profile_table(table, target="arr_delay", brief=brief, seed=0)
    primary, why = primary_metric(brief, profiled.facts, profiled.task, knowledge)
    options = {"jobs": jobs} if "jobs" in inspect.signature(run_baseline).parameters else {}
    start = time.perf_counter()
    baseline, _ = run_baseline(
        profiled, brief, primary=primary, primary_source=why, seed=0, max_rows=max_rows, **options
    )
    seconds = time.perf_counter() - start
best = next(model for model in baseline.models if model.name == baseline.best_model)
print(json.dumps({
    "seconds": round(seconds, 2), "counts": dict(sorted(COUNTS.items())), "best": baseline.best_model,
    "primary": baseline.primary_metric,
    "models": {model.name: {"validation": model.validation_score, "cv": model.cv_mean,
                            "test": model.test[baseline.primary_metric].model_dump()} for model in baseline.models},
    "importances": [(item.feature, item.mean) for item in baseline.importances[:5]],
    "curve": [(p.train_rows, p.validation_score) for p in baseline.learning_curve.points],
    "verdict": baseline.verdict_kind,
}))
"""
)

REPORT = """
import inspect, json, sys, time
start = time.perf_counter()
from pathlib import Path
from advisor import load_brief, load_knowledge  # the public names: the same in an older package (--before)
from advisor.report import DataRequest, write_report
knowledge = load_knowledge()
brief = load_brief(Path(sys.argv[3]), knowledge)
jobs = int(sys.argv[4])
try:
    from advisor.data.baseline.workers import using_jobs
except ImportError:
    import contextlib
    using_jobs = lambda jobs: contextlib.nullcontext()
with using_jobs(jobs):
    write_report(brief, knowledge, Path(sys.argv[2]), force=True, data=DataRequest(Path(sys.argv[1]), "arr_delay"))
print(json.dumps({"seconds": round(time.perf_counter() - start, 2)}))
"""


def measure(script: str, tree: Path, *arguments: str) -> dict[str, object]:
    # The child gets only the venv's PATH entries it needs: the tree under test comes first on PYTHONPATH.
    result = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark run failed in {tree}:\n{result.stderr[-3000:]}")
    measured: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--before", type=Path, default=None, help="an older source tree to measure alongside")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument(
        "--max-rows", type=int, default=20_000, help="rows the baselines fit on (the advisor's cap: 20,000)"
    )
    arguments = parser.parse_args()
    source = arguments.source if arguments.source.exists() else Path("/work/shared/data/flights.csv.gz")
    OUT.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[str, Path, int]] = []
    if arguments.before is not None:
        runs.append(("before", arguments.before.resolve(), 1))
    runs += [(f"after --jobs {jobs}", REPO, jobs) for jobs in arguments.jobs]
    for repeat in range(arguments.repeat):
        print(f"round {repeat + 1}")
        for label, tree, jobs in runs:
            measured = measure(BASELINES, tree, str(source), str(ANSWERS), str(jobs), str(arguments.max_rows))
            print(f"  baselines {label:<15} {measured['seconds']:>6} s  load {load()}  calls {measured['counts']}")
            print(f"    best {measured['best']}; models {json.dumps(measured['models'])}")
            print(f"    importances {measured['importances']}; curve {measured['curve']}; {measured['verdict']}")
        if arguments.skip_report:
            continue
        for label, tree, jobs in runs:
            out = OUT / ("report_" + label.replace(" ", "_").replace("-", ""))
            measured = measure(REPORT, tree, str(source), str(out), str(ANSWERS), str(jobs))
            print(f"  whole report {label:<15} {measured['seconds']:>6} s  load {load()}")


if __name__ == "__main__":
    main()
