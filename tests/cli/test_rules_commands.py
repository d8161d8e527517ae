"""`advisor rules ...` and `advisor schema`: output, exit codes and messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.cli import main

FIXTURES = Path(__file__).parent.parent / "fixtures"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_lint_of_bundled_rules_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "lint", "-q"], capsys)
    assert code == 0
    assert " 0 errors" in out


def test_lint_of_broken_rules_exits_2_listing_every_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "lint" / "_base", root)
    shutil.copytree(FIXTURES / "lint" / "schema_unknown_fact", root, dirs_exist_ok=True)
    shutil.copy(FIXTURES / "lint" / "contradiction" / "rules.yaml", root / "more_rules.yaml")
    code, out, _ = run(["rules", "lint", "--rules", str(root)], capsys)
    assert code == 2
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert any("unknown fact 'data.rowz'" in line and "did you mean 'data.rows'?" in line for line in errors)
    assert any("[contradiction]" in line for line in errors)


def test_missing_rules_folder_is_a_short_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(["rules", "list", "--rules", str(tmp_path / "nope")], capsys)
    assert code == 2 and out == ""
    assert (
        err.strip()
        == f"advisor: error: {tmp_path / 'nope'}: no such folder (--rules takes the folder that holds the rule files)"
    )
    assert "Traceback" not in err


def test_list_is_aligned_and_filterable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "list", "--rules", str(FIXTURES / "engine_rules"), "--step", "metrics"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "step", "pri", "title"]
    assert {line.split()[0] for line in lines[1:-1]} == {"chain.end", "primary.first", "primary.second"}
    assert len({line.index(" metrics ") for line in lines[1:-1]}) == 1
    assert lines[-1] == "3 rules"


def test_list_with_unknown_step_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["rules", "list", "--step", "metric"], capsys)
    assert code == 2 and "did you mean 'metrics'?" in err


def test_show_prints_condition_actions_rationale_sources_and_cases(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "show", "metrics.pr_auc_for_rare_positives"], capsys)
    assert code == 0
    assert "problem.task_type = binary_classification" in out
    assert "recommend metric:pr_auc (primary)" in out
    assert "because:" in out and "sources:" in out
    # Each citation with the entry it names in the bibliography (the line wraps to the width: compare the words).
    words = " ".join(out.split())
    assert "sklearn-scoring [Metrics and scoring: quantifying the quality of predictions (scikit-learn" in words
    assert "golden cases that fire it:" in out and "none" not in out.split("golden cases that fire it:")[1]


def test_show_unknown_rule_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["rules", "show", "metrics.pr_auc"], capsys)
    assert code == 2 and "did you mean 'metrics.pr_auc_for_rare_positives'?" in err


def test_why_why_not_and_how_against_an_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("data:\n  rows: 500\n")
    fixture = ["--rules", str(FIXTURES / "engine_rules"), "--answers", str(answers)]
    code, out, _ = run(["rules", "how", "metric:m_chain", *fixture], capsys)
    assert code == 0 and "rule chain.start" in out and "data.rows is 500" in out
    code, out, _ = run(["rules", "why-not", "primary.first", *fixture], capsys)
    assert code == 0 and "waits on unanswered facts: problem.task_type" in out
    code, out, _ = run(["rules", "why", "task_type", *fixture], capsys)
    assert code == 0 and "Rules waiting on this answer" in out


def test_bad_answers_file_is_exit_2_with_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("data:\n  rowz: 500\n")
    code, _, err = run(["rules", "how", "metric:m_chain", "--answers", str(answers)], capsys)
    assert code == 2
    assert (
        err.strip()
        == f"advisor: error: {answers}: line 2, field data.rowz: unknown field 'rowz' (did you mean 'rows'?)"
    )


def test_schema_documents_every_section_with_units(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0
    assert set(schema["properties"]) >= {"problem", "costs", "legal", "serving", "data", "compute", "skipped"}
    serving = schema["$defs"]["ServingFacts"]["properties"]["latency_ms"]
    assert serving["unit"] == "ms"


def test_unknown_command_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["nope"], capsys)
    assert code == 2 and "No such command" in err
