"""Item 4: the questionnaire checks it can write before the first question and never loses answers after it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.interview.terminal import INTERVIEW_RULES, Terminal, terminal_env

TASK = "What kind of prediction is this?"
GOAL = "What is the business goal"
PEOPLE = "Does the data describe identifiable people?"
BINARY = "1"


def _start(tmp_path: Path, out: Path) -> Terminal:
    env = terminal_env() | {"HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "home").mkdir()
    (tmp_path / "tmp").mkdir()
    return Terminal("--out", str(out), "--rules", str(INTERVIEW_RULES), cwd=tmp_path, env=env)


def _break(out: Path) -> None:
    """The folder stops being writable mid-interview: it is replaced by a file."""
    if out.exists():
        shutil.rmtree(out)
    out.write_text("not a folder any more", encoding="utf-8")


def _fallback(output: str) -> dict[str, object]:
    found = re.search(r"saved instead in\s+(\S+\.yaml)", output)
    assert found, output
    data = yaml.safe_load(Path(found.group(1)).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.slow
@pytest.mark.parametrize("where", ["under a file", "under /proc"])
def test_an_unwritable_folder_is_refused_before_the_first_question(where: str, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = tmp_path / "file" / "out" if where == "under a file" else Path("/proc/advisor-interview")
    term = _start(tmp_path, out)
    assert term.exit_code() == 2
    assert term.output.startswith("advisor: error: ") and TASK not in term.output


@pytest.mark.slow
def test_ctrl_c_after_the_folder_broke_saves_to_a_fallback_it_prints(tmp_path: Path) -> None:
    out = tmp_path / "out"
    term = _start(tmp_path, out)
    term.expect(TASK)
    term.pick(BINARY)
    term.expect(GOAL)
    term.type("Catch fraud")
    term.expect(PEOPLE)
    _break(out)
    term.interrupt()
    term.expect("Resume with:")
    assert term.exit_code() == 130
    assert _fallback(term.output) == {"problem": {"goal": "Catch fraud", "task_type": "binary_classification"}}


@pytest.mark.slow
def test_a_failing_final_save_keeps_the_answers_and_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    term = _start(tmp_path, out)
    term.expect(TASK)
    term.pick(BINARY)
    term.expect(GOAL)
    term.type("skip all")
    term.expect("All done?")
    _break(out)
    term.pick("y")
    assert term.exit_code() == 2
    assert _fallback(term.output)["problem"] == {"task_type": "binary_classification"}
    assert "the report was not written" in term.output
