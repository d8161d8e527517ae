"""The interview's files: answers written atomically, the partial file of an interrupted run, the resume command."""

from __future__ import annotations

import shlex
from pathlib import Path

from advisor.answers import dump_brief
from advisor.brief import Brief
from advisor.report.output import FILE_NAMES, check_writable, write_atomic

ANSWERS_NAME = "answers.yaml"
PARTIAL_NAME = "answers.partial.yaml"
REPORT_NAMES = tuple(FILE_NAMES.values())


__all__ = ["check_out_dir", "resume_command", "save_answers", "write_atomic"]


def save_answers(out_dir: Path, brief: Brief, *, partial: bool = False) -> Path:
    return write_atomic(out_dir / (PARTIAL_NAME if partial else ANSWERS_NAME), dump_brief(brief))


def check_out_dir(out_dir: Path, force: bool) -> None:
    """Refuse before the first question, not after the last, when the answers or a report would be overwritten."""
    check_writable(out_dir, [ANSWERS_NAME, *REPORT_NAMES], force=force)


def resume_command(partial: Path, out_dir: Path, rules_dir: Path | None, force: bool) -> str:
    """The exact command that continues an interrupted interview."""
    words = ["advisor", "interview", "--resume", str(partial), "--out", str(out_dir)]
    if rules_dir is not None:
        words += ["--rules", str(rules_dir)]
    if force:
        words.append("--force")
    return shlex.join(words)
