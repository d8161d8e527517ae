"""Columns the person drops (`--drop COL`, `data.drop_columns`): out of the checks and the features, said so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from advisor.brief.model import Brief
from advisor.data import analyse
from tests.data.conftest import HOUSES

FLIGHTS = Path(__file__).resolve().parents[1] / "fixtures" / "leaks" / "flights.csv"


def run(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *map(str, arguments)], capture_output=True, text=True, check=False
    )


def test_drop_on_the_command_line_re_evaluates_the_suspects() -> None:
    result = run("profile", FLIGHTS, "--target", "arr_delay", "--drop", "arr_time", "--drop", "air_time", "--json")
    assert result.returncode == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert analysis["dropped_columns"] == ["arr_time", "air_time"]
    suspects = {suspect["column"] for suspect in analysis["leakage"]}
    assert suspects == {"dep_delay", "dep_time"}  # dep_time - sched_dep_time rebuilds dep_delay
    assert analysis["facts"]["dropped_columns"] == ["arr_time", "air_time"]


def test_an_unknown_column_or_the_target_is_refused_with_a_suggestion() -> None:
    result = run("profile", FLIGHTS, "--target", "arr_delay", "--drop", "arr_tme")
    assert result.returncode == 2
    assert "no column named 'arr_tme' to drop" in result.stderr and "arr_time" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("profile", FLIGHTS, "--target", "arr_delay", "--drop", "arr_delay")
    assert result.returncode == 2 and "it is the target" in result.stderr


def test_answers_file_drop_columns_leave_the_baseline_features(tmp_path: Path) -> None:
    brief = Brief.model_validate({"data": {"drop_columns": ["landValue"]}, "legal": {"personal_data": False}})
    analysis = analyse(HOUSES, target="price", brief=brief, out_dir=None, run_baseline=True)
    assert analysis.baseline is not None
    assert "landValue" not in analysis.baseline.features
    assert analysis.baseline.excluded_features["landValue"] == "dropped by you"
    from advisor.data import render_data_markdown

    assert "Dropped by you" in render_data_markdown(analysis)


def test_report_takes_drop_too(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("problem:\n  target_column: arr_delay\n  task_type: regression\n", encoding="utf-8")
    out = tmp_path / "report"
    result = run(
        "report", "--answers", answers, "--data", FLIGHTS, "--no-baseline", "--drop", "arr_time", "--out", out,
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "design.json").read_text(encoding="utf-8"))
    assert report["data"]["dropped_columns"] == ["arr_time"]
    questions = [item["text"] for item in report["open_questions"]]
    assert not any("`arr_time`" in text for text in questions)
    assert any("`air_time`" in text for text in questions)
