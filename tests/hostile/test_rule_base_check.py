"""Item 6: `advisor report` refuses a rule base that lint finds unsound, unless --unchecked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.conftest import run

LINT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint"


def _rule_base(tmp_path: Path, broken: str) -> Path:
    target = tmp_path / broken
    shutil.copytree(LINT_FIXTURES / "_base", target)
    shutil.copytree(LINT_FIXTURES / broken, target, dirs_exist_ok=True)
    return target


@pytest.mark.parametrize(("broken", "words"), [("conflict", "conflict: "), ("duplicate", "duplicate: ")])
def test_a_rule_base_with_lint_errors_is_refused_unless_unchecked(
    broken: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = _rule_base(tmp_path, broken)
    answers = tmp_path / "answers.yaml"
    answers.write_text("problem: {}\n", encoding="utf-8")
    command = ["report", "--answers", str(answers), "--rules", str(rules), "--out", str(tmp_path / "out")]
    code, out, err = run(command, capsys)
    assert (code, out) == (2, ""), err
    assert "lint finds" in err and words in err and "--unchecked" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    code, out, err = run([*command, "--unchecked"], capsys)
    assert code == 0, err
    assert (tmp_path / "out" / "design.md").is_file()
