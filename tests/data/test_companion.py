"""The companion process: the same report bytes with it and without it, scikit-learn kept out of the analysing
process, errors that reach the user as they would without it, and work redone here when the companion dies."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes

from advisor.cli import main
from advisor.data.companion import Companion, started_early

from .conftest import masked_report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEFAULT_CTRL_C = (
    "import os, signal, sys\n"
    "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'advisor', *sys.argv[1:]])\n"
)


def _cancer(folder: Path) -> tuple[Path, str]:
    cancer = load_breast_cancer(as_frame=True)
    path = folder / "cancer.csv"
    labels = np.where(cancer.target == 1, "benign", "malignant")
    cancer.frame.drop(columns="target").assign(diagnosis=labels).to_csv(path, index=False)
    return path, "diagnosis"


def _many_cancers(folder: Path) -> tuple[Path, str]:
    """Over 20,000 labelled rows, so the baselines fit on a stratified draw that the companion makes: 40 copies of
    the breast cancer table, each with its own small noise."""
    cancer = load_breast_cancer(as_frame=True)
    features = cancer.frame.drop(columns="target")
    rng = np.random.default_rng(0)
    copies = [features * (1 + rng.normal(0, 0.01, size=features.shape)) for _ in range(40)]
    frame = pd.concat(copies, ignore_index=True)
    frame["diagnosis"] = np.tile(np.where(cancer.target == 1, "benign", "malignant"), 40)
    path = folder / "many_cancers.csv"
    frame.to_csv(path, index=False)
    return path, "diagnosis"


def _diabetes(folder: Path) -> tuple[Path, str]:
    path = folder / "diabetes.csv"
    load_diabetes(as_frame=True).frame.to_csv(path, index=False)
    return path, "target"


def _report(data: Path, target: str, out: Path, jobs: int, answers: Path | None = None) -> tuple[int, str]:
    if answers is None:
        answers = out.parent / "answers.yaml"
        answers.write_text("{}\n")  # a brief that says nothing: the data alone
    argv = ["report", "--answers", str(answers), "--data", str(data), "--target", target, "--out", str(out)]
    argv += ["--jobs", str(jobs)]
    errors = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
        code = main(argv)
    return code, errors.getvalue()


def _files(folder: Path) -> dict[str, object]:
    """Every file the report wrote (the measured latencies masked), but the pickled model."""
    plots = {str(path.relative_to(folder)): path.read_bytes() for path in sorted((folder / "plots").iterdir())}
    return {**masked_report(folder), **plots}


@pytest.mark.parametrize(
    "dataset", [_cancer, _diabetes, _many_cancers], ids=["binary", "regression", "capped to 20,000 rows"]
)
def test_the_report_is_the_same_bytes_with_the_companion_and_without(tmp_path: Path, dataset: object) -> None:
    data, target = dataset(tmp_path)  # type: ignore[operator]
    alone, shared = tmp_path / "alone", tmp_path / "shared"
    assert _report(data, target, alone, jobs=1)[0] == 0
    assert _report(data, target, shared, jobs=2)[0] == 0
    written = _files(alone)
    assert {"design.json", "design.md", "design.html", "plots/histograms.png", "plots/learning_curve.png"} <= set(
        written
    )
    assert _files(shared) == written
    assert (shared / "model.joblib").is_file()  # saved by the companion, where the model was fitted


def test_the_lending_example_is_the_same_with_the_companion(tmp_path: Path) -> None:
    """A brief with protected columns and a capacity: the rule base's choices travel to the companion intact."""
    answers, data = EXAMPLES / "lending" / "answers.yaml", EXAMPLES / "lending" / "data.csv"
    assert _report(data, "Status", tmp_path / "alone", jobs=1, answers=answers)[0] == 0
    assert _report(data, "Status", tmp_path / "shared", jobs=2, answers=answers)[0] == 0
    assert _files(tmp_path / "shared") == _files(tmp_path / "alone")


def test_the_analysing_process_never_imports_scikit_learn(tmp_path: Path) -> None:
    data, target = _many_cancers(tmp_path)  # the capped rows are drawn by the companion too
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from advisor.brief.model import Brief\n"
        "from advisor.data import analyse\n"
        "from advisor.data.baseline.workers import using_jobs\n"
        f"data, out = Path({str(data)!r}), Path({str(tmp_path)!r})\n"
        "with using_jobs(2):\n"
        f"    analysis = analyse(data, target={target!r}, brief=Brief(), out_dir=out)\n"
        "assert analysis.baseline is not None and analysis.leakage is not None\n"
        "print(sorted(name for name in ('sklearn', 'scipy') if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "model.joblib").is_file() and (tmp_path / "plots" / "learning_curve.png").is_file()


def test_an_input_error_met_in_the_companion_reaches_the_user_as_exit_2(tmp_path: Path) -> None:
    """Every row's target is known but the only feature is the person's own drop: the baselines refuse the file."""
    data = tmp_path / "tiny.csv"
    data.write_text("x,y\n" + "".join(f"{index},{index % 2}\n" for index in range(40)))
    answers = tmp_path / "answers.yaml"
    answers.write_text("data:\n  drop_columns: [x]\n")
    for jobs in (1, 2):
        code, errors = _report(data, "y", tmp_path / f"out{jobs}", jobs=jobs, answers=answers)
        assert code == 2, errors
        assert "no usable feature columns" in errors and str(data) in errors and "Traceback" not in errors
        assert not (tmp_path / f"out{jobs}").exists()  # nothing half-written


def test_work_handed_to_a_companion_that_died_is_done_here() -> None:
    with Companion.start(jobs=2) as companion:
        assert companion.running
        pid = companion.run(os.getpid).result()
        assert pid != os.getpid()
        os.kill(pid, signal.SIGKILL)
        assert companion.run(sum, [1, 2, 3]).result() == 6
        assert companion.run(os.getpid).result() == os.getpid()  # from now on, here


def test_without_a_second_process_the_work_is_done_here_when_asked_for() -> None:
    with Companion.start(jobs=1) as companion:
        assert not companion.running
        calls: list[int] = []
        outcome = companion.run(calls.append, 1)
        assert calls == []  # deferred: the caller goes on with its own work first
        outcome.result()
        assert calls == [1]


def test_ctrl_c_stops_both_processes_quietly_and_writes_nothing(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, as a terminal sends it: exit 130, no traceback from either process,
    no companion left behind, no report half-written."""
    data, target = _cancer(tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text("{}\n")
    out = tmp_path / "out"
    # As a terminal starts a command: Ctrl-C's default action restored (a test runner may ignore it), then the advisor.
    command = [sys.executable, "-c", DEFAULT_CTRL_C, "report", "--answers", str(answers), "--data", str(data)]
    process = subprocess.Popen(
        [*command, "--target", target, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    companions: list[int] = []
    for _ in range(600):  # the companion starts when the analysis begins
        companions = _children(process.pid)
        if companions or process.poll() is not None:
            break
        time.sleep(0.01)
    assert companions, "the companion never started"
    time.sleep(1.0)  # the companion has imported scikit-learn and is at work (or waiting for it)
    assert process.poll() is None, "the report finished before Ctrl-C"
    os.killpg(process.pid, signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors
    assert "Traceback" not in errors and "advisor: interrupted" in errors
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in companions) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in companions)
    assert not out.exists()


def _children(pid: int) -> list[int]:
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    return [int(child) for task in tasks for child in (task / "children").read_text().split()]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_run_with_workers_inside_the_companion_exits_when_done(tmp_path: Path) -> None:
    """`--jobs 3`: the companion fits the families in two workers of its own. Pooled workers idle for minutes before
    they exit, and the companion (then the command) waited for them: the run must end with its work."""
    command = [sys.executable, "-m", "advisor", "run", "--example", "churn", "--out", str(tmp_path / "out")]
    started = time.monotonic()
    result = subprocess.run([*command, "--jobs", "3"], capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 120  # the work itself takes seconds; waiting for idle workers took 300 s


def test_a_companion_started_early_is_the_one_the_analysis_takes_over() -> None:
    """The command starts the companion before it loads the rule base; the analysis then works in that process
    instead of starting a second one."""
    import multiprocessing

    others = {process.pid for process in multiprocessing.active_children()}  # left by earlier tests, if any
    with started_early(wanted=True, jobs=2):
        early = {process.pid for process in multiprocessing.active_children()} - others
        with Companion.start(jobs=2) as companion:
            assert {process.pid for process in multiprocessing.active_children()} - others == early
            assert companion.running and len(early) == 1
            assert companion.run(os.getpid).result() in early
    assert not {process.pid for process in multiprocessing.active_children()} - others


@pytest.mark.parametrize("taken_over", [False, True])
def test_an_early_companion_given_no_work_is_stopped_not_waited_for(taken_over: bool) -> None:
    """Not taken over (the command failed before its analysis), or taken over by an analysis with no target: the
    process is ended at once, not left to finish importing scikit-learn first."""
    import multiprocessing

    others = set(multiprocessing.active_children())  # left by earlier tests, if any
    with started_early(wanted=True, jobs=2):
        (process,) = set(multiprocessing.active_children()) - others
        if taken_over:
            Companion.start(wanted=False, jobs=2).close()
    process.join(timeout=30)
    assert process.exitcode == -signal.SIGTERM


@pytest.mark.parametrize(
    ("answers_text", "options", "named"),
    [
        ("problem: [not, a, mapping]\n", [], "answers"),  # refused after the companion started, as is
        ("problem: {name: fine}\n", ["--format", "md,pdf"], "--format"),  # checked after it started, too
    ],
    ids=["bad-answers", "bad-format"],
)
def test_a_command_that_fails_before_its_analysis_leaves_no_companion(
    tmp_path: Path, answers_text: str, options: list[str], named: str
) -> None:
    data, target = _cancer(tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text(answers_text)
    command = [sys.executable, "-m", "advisor", "report", "--answers", str(answers), "--data", str(data), *options]
    process = subprocess.Popen(
        [*command, "--target", target, "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its session holds the command and any process it started
    )
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 2 and "Traceback" not in errors
    assert (str(answers) if named == "answers" else named) in errors
    deadline = time.monotonic() + 10
    while _in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _in_session(process.pid)
    assert not (tmp_path / "out").exists()


def _in_session(session: int) -> list[int]:
    """The running processes of a session (by its leader's pid)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found
