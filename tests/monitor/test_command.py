"""`advisor monitor` as a person or a scheduler runs it: the files, the exit codes, the bad inputs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from advisor.cli import main
from advisor.util.escape import md_text
from tests.monitor.conftest import write


def test_report_files_exit_codes_and_determinism(
    split_files: Callable[[str], tuple[Path, Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference, current = split_files("months")
    out = tmp_path / "report"
    arguments = ["monitor", "--reference", str(reference), "--current", str(current), "--target", "arr_delay"]
    assert main([*arguments, "--out", str(out), "--fail-on", "drift"]) == 3
    assert sorted(path.name for path in out.iterdir()) == [
        ".advisor-manifest.json",
        "monitor.html",
        "monitor.json",
        "monitor.md",
        "plots",
    ]
    markdown = (out / "monitor.md").read_text(encoding="utf-8")
    assert "**Drift found.**" in markdown and "| month | numeric | Kolmogorov-Smirnov |" in markdown
    assert "](plots/drift.png)" in markdown
    html = (out / "monitor.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "<script" not in html
    document = json.loads((out / "monitor.json").read_text(encoding="utf-8"))
    assert document["drift_found"] is True and document["facts"]["drifted_features"] == 1
    assert {entry["rule"] for entry in document["advice"]} >= {"monitoring.investigate_features"}
    assert all(entry["because"] and entry["sources"] for entry in document["advice"])
    # An existing report is kept without --force; with it, the same inputs give the same bytes.
    capsys.readouterr()
    assert main([*arguments, "--out", str(out)]) == 2
    assert "already holds" in capsys.readouterr().err
    again = tmp_path / "again"
    assert main([*arguments, "--out", str(again)]) == 0  # no --fail-on: drift is reported, not an error
    for name in ("monitor.md", "monitor.json", "monitor.html", "plots/drift.png"):
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


def test_no_drift_exits_0_with_fail_on(split_files: Callable[[str], tuple[Path, Path]], tmp_path: Path) -> None:
    reference, current = split_files("halves")
    arguments = ["monitor", "--reference", str(reference), "--current", str(current), "--out", str(tmp_path / "r")]
    assert main([*arguments, "--fail-on", "drift"]) == 0
    assert "**No drift found.**" in (tmp_path / "r" / "monitor.md").read_text(encoding="utf-8")


def _bad(tmp_path: Path, capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    out = tmp_path / "out"
    capsys.readouterr()
    assert main(["monitor", *arguments, "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "Traceback" not in error and error.startswith("advisor: error: ")
    assert not out.exists()  # nothing half-written
    return error


def test_bad_inputs_exit_2_naming_the_file_and_the_problem(
    flights: pd.DataFrame, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = write(flights.iloc[:1000], tmp_path / "reference.csv")
    fewer = write(flights.iloc[1000:2000].drop(columns=["carrier"]), tmp_path / "fewer.csv")
    error = _bad(tmp_path, capsys, "--reference", str(reference), "--current", str(fewer))
    assert str(fewer) in error and "schema differs" in error and "'carrier'" in error
    empty = tmp_path / "empty.csv"
    empty.write_text(",".join(flights.columns) + "\n", encoding="utf-8")
    error = _bad(tmp_path, capsys, "--reference", str(reference), "--current", str(empty))
    assert str(empty) in error and "no rows" in error
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 20)
    error = _bad(tmp_path, capsys, "--reference", str(garbage), "--current", str(reference))
    assert str(garbage) in error
    missing = tmp_path / "missing.csv"
    assert str(missing) in _bad(tmp_path, capsys, "--reference", str(missing), "--current", str(reference))
    texts = flights.iloc[1000:2000].assign(distance="far")
    changed = write(texts, tmp_path / "changed.csv")
    error = _bad(tmp_path, capsys, "--reference", str(reference), "--current", str(changed))
    assert str(changed) in error and "column 'distance' is numeric in the reference" in error
    assert "--window" in _bad(
        tmp_path, capsys, "--reference", str(reference), "--current", str(reference), "--time-column", "time_hour"
    )
    error = _bad(
        tmp_path,
        capsys,
        "--reference",
        str(reference),
        "--current",
        str(reference),
        "--time-column",
        "time_hour",
        "--window",
        "soon",
    )
    assert "not a duration" in error


def test_a_model_that_does_not_fit_the_columns_or_is_not_a_model_exits_2(
    flights: pd.DataFrame, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "model"
    small = write(flights.iloc[:1500], tmp_path / "small.csv")
    assert main(["baseline", str(small), "--target", "arr_delay", "--out", str(folder), "--json"]) == 0
    model = folder / "model.joblib"
    reference = write(flights.iloc[:1500].drop(columns=["carrier"]), tmp_path / "reference.csv")
    current = write(flights.iloc[1500:3000].drop(columns=["carrier"]), tmp_path / "current.csv")
    error = _bad(tmp_path, capsys, "--reference", str(reference), "--current", str(current), "--model", str(model))
    assert str(current) in error and "'carrier'" in error and "the model expects" in error
    not_a_model = tmp_path / "model.joblib"
    not_a_model.write_text("not a pickle", encoding="utf-8")
    error = _bad(tmp_path, capsys, "--reference", str(small), "--current", str(small), "--model", str(not_a_model))
    assert str(not_a_model) in error and "not a model saved by 'advisor baseline'" in error


def test_column_names_and_categories_from_the_files_are_shown_never_run(flights: pd.DataFrame, tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>|*x*"
    reference = flights.iloc[:1500].rename(columns={"carrier": hostile})
    current = flights.iloc[1500:3000].rename(columns={"carrier": hostile})
    current[hostile] = "<img src=x onerror=alert(1)>"
    files = [write(reference, tmp_path / "reference.csv"), write(current, tmp_path / "current.csv")]
    out = tmp_path / "out"
    assert main(["monitor", "--reference", str(files[0]), "--current", str(files[1]), "--out", str(out)]) == 0
    html = (out / "monitor.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = (out / "monitor.md").read_text(encoding="utf-8")
    assert md_text(hostile) in markdown and "<script" not in markdown
