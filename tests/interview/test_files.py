from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from advisor.brief.answers import load_brief
from advisor.brief.model import Brief
from advisor.errors import OutputExistsError, UsageError
from advisor.interview.files import check_out_dir, resume_command, save_answers, write_atomic


def test_answers_are_written_atomically_and_read_back(tmp_path: Path) -> None:
    brief = Brief.model_validate({"problem": {"task_type": "regression"}, "skipped": ["goal"]})
    path = save_answers(tmp_path / "new" / "folder", brief, partial=True)
    assert path.name == "answers.partial.yaml"
    assert load_brief(path) == brief
    assert [p.name for p in path.parent.iterdir()] == ["answers.partial.yaml"]  # no temporary file left
    write_atomic(path, "problem: {}\n")
    assert path.read_text(encoding="utf-8") == "problem: {}\n"


def test_an_existing_report_or_answers_is_refused_before_the_first_question(tmp_path: Path) -> None:
    check_out_dir(tmp_path / "missing", force=False)
    (tmp_path / "answers.partial.yaml").write_text("{}", encoding="utf-8")
    check_out_dir(tmp_path, force=False)  # a partial file is what --resume continues from
    (tmp_path / "design.md").write_text("# old", encoding="utf-8")
    with pytest.raises(OutputExistsError) as refused:
        check_out_dir(tmp_path, force=False)
    assert (
        refused.value.message
        == f"{tmp_path}: already holds design.md (pass --force to overwrite, or choose another --out)"
    )
    check_out_dir(tmp_path, force=True)
    with pytest.raises(UsageError, match="is a file, not a folder"):
        check_out_dir(tmp_path / "design.md", force=True)


def test_the_resume_command_quotes_paths_and_keeps_the_options(tmp_path: Path) -> None:
    partial = tmp_path / "my answers" / "answers.partial.yaml"
    command = resume_command(partial, tmp_path / "my answers", Path("rules dir"), force=True)
    assert shlex.split(command) == [
        "advisor", "interview", "--resume", str(partial), "--out", str(tmp_path / "my answers"),
        "--rules", "rules dir", "--force",
    ]  # fmt: skip


def test_an_unwritable_folder_is_an_input_error_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot write"):
        write_atomic(blocker / "answers.yaml", "{}\n")
