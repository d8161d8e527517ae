"""`advisor profile` and `advisor baseline` as a person runs them: exit codes, messages, JSON, files written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *map(str, arguments)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"a,b\n", "header but no rows"),
        (b"a,b\n1,2\n3,4,5\n", "line 3"),
        (b"a,a\n1,2\n", "duplicate column name 'a'"),
        (bytes(range(256)) * 20, "binary data"),
    ],
)
def test_bad_files_exit_2_with_a_message_and_no_traceback(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = run("profile", path)
    assert result.returncode == 2
    assert expected in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_folder_and_wrong_target(tmp_path: Path) -> None:
    assert run("profile", tmp_path / "none.csv").returncode == 2
    assert "is a folder" in run("profile", tmp_path).stderr
    result = run("baseline", EXAMPLES / "churn" / "data.csv", "--target", "Churn")
    assert result.returncode == 2 and "did you mean 'churn'?" in result.stderr


def test_profile_json_and_out_folder(tmp_path: Path) -> None:
    result = run("profile", EXAMPLES / "lending" / "data.csv", "--target", "Status", "--json", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["facts"]["rows"] == 3000 and document["baseline"] is None
    assert document["protected_columns"] == ["Age", "Marital"]
    assert (tmp_path / "data.md").read_text().startswith("## Data profile")
    assert (tmp_path / "plots" / "histograms.png").is_file()
    assert not (tmp_path / "model.joblib").exists()


def test_baseline_text_with_answers(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("costs:\n  false_positive_cost: 1\n  false_negative_cost: 5\ndata:\n  rows: 1000000\n")
    result = run(
        "baseline",
        EXAMPLES / "lending" / "data.csv",
        "--target",
        "Status",
        "--answers",
        answers,
        "--out",
        tmp_path / "o",
    )
    assert result.returncode == 0, result.stderr
    assert "Baselines" in result.stdout and "Decision threshold" in result.stdout
    assert (tmp_path / "o" / "model.joblib").is_file()
    document = json.loads((tmp_path / "o" / "data.json").read_text())
    assert document["contradictions"][0]["fact"] == "data.rows"
    assert (
        document["baseline"]["threshold"]["expected_cost"] <= document["baseline"]["threshold"]["expected_cost_at_half"]
    )


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    import pexpect

    command = f"{sys.executable} -m advisor baseline {EXAMPLES / 'churn' / 'data.csv'} --target churn"
    child = pexpect.spawn(command, encoding="utf-8", timeout=120, dimensions=(40, 150))
    child.expect("Fitting baselines")
    child.expect("Baselines")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    piped = run("profile", EXAMPLES / "churn" / "data.csv", "--target", "churn")
    assert piped.returncode == 0 and "Profiling" not in piped.stderr and "━" not in piped.stderr
