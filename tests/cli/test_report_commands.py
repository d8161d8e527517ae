"""`advisor report` and `advisor run --example`: files written, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_run_example_writes_the_three_formats_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fraud"
    code, stdout, _ = run(["run", "--example", "fraud", "--out", str(out)], capsys)
    assert code == 0
    for name in ("design.md", "design.html", "design.json"):
        assert (out / name).is_file()
        assert str(out / name) in stdout
    assert "Recall@k" in stdout  # the analysts review 1 %: recall in that 1 % is the primary metric
    code, _, stderr = run(["run", "--example", "fraud", "--out", str(out)], capsys)
    assert code == 2
    assert "already holds" in stderr and "--force" in stderr and "Traceback" not in stderr


def test_unknown_example_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, stderr = run(["run", "--example", "frud"], capsys)
    assert code == 2
    assert "no bundled example 'frud'" in stderr and "fraud" in stderr


def test_example_list_names_every_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(["run", "--example", "list"], capsys)
    assert code == 0
    assert [line.split()[0] for line in stdout.splitlines()] == ["churn", "fraud", "house_prices", "lending"]


def test_report_from_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("problem:\n  task_type: regression\n  name: Demand\n")
    code, _, _ = run(["report", "--answers", str(answers), "--out", str(tmp_path / "r"), "--format", "json"], capsys)
    assert code == 0
    document = json.loads((tmp_path / "r" / "design.json").read_text())
    assert document["title"] == "Demand"
    assert not (tmp_path / "r" / "design.md").exists()


def test_bad_answers_name_the_field_and_suggest_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("problem:\n  task_typ: regression\n")
    code, _, stderr = run(["report", "--answers", str(answers), "--out", str(tmp_path / "r")], capsys)
    assert code == 2
    assert str(answers) in stderr and "task_typ" in stderr and "task_type" in stderr
    assert not (tmp_path / "r").exists()  # nothing half-written


def test_unknown_format_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("problem:\n  task_type: regression\n")
    code, _, stderr = run(["report", "--answers", str(answers), "--format", "pdf"], capsys)
    assert code == 2
    assert "--format" in stderr and "md, html, json" in stderr


def test_bad_data_is_refused_before_anything_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("problem:\n  task_type: binary_classification\n")
    data = tmp_path / "data.csv"
    data.write_text("churn,tenure\nyes,1\nno,2\n")
    out = tmp_path / "r"
    argv = ["report", "--answers", str(answers), "--data", str(data), "--target", "Churn", "--out", str(out)]
    code, _, stderr = run(argv, capsys)
    assert code == 2
    assert "no column named 'Churn'" in stderr and "did you mean 'churn'?" in stderr and "Traceback" not in stderr
    assert not out.exists()


@pytest.mark.slow
def test_data_answers_what_the_brief_left_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("problem:\n  name: Churn from the data alone\n")
    data = Path(__file__).parent.parent.parent / "examples" / "churn" / "data.csv"
    argv = ["report", "--answers", str(answers), "--data", str(data), "--target", "churn", "--out", str(tmp_path / "r")]
    code, _, _ = run(argv, capsys)
    assert code == 0
    document = json.loads((tmp_path / "r" / "design.json").read_text())
    measured = {answer["fact"] for answer in document["answers"] if answer["measured"]}
    assert {"problem.task_type", "data.rows", "data.imbalance"} <= measured
    primary = next(a for a in document["advice"] if a["category"] == "metric" and a.get("strength") == "primary")
    assert document["baseline"]["primary_metric"] == primary["item"]  # the baselines are judged as the report says
    assert "(measured on the data)" in (tmp_path / "r" / "design.md").read_text()
