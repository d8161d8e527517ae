"""The interview's files: answers written atomically, the partial file of an interrupted run, the resume command."""

from __future__ import annotations

import os
import shlex
import tempfile
from pathlib import Path

from advisor.answers import dump_brief
from advisor.brief import Brief
from advisor.errors import OutputExistsError, UsageError

ANSWERS_NAME = "answers.yaml"
PARTIAL_NAME = "answers.partial.yaml"
REPORT_NAMES = ("design.md", "design.html", "design.json")


def write_atomic(path: Path, text: str) -> Path:
    """Write via a temporary file in the same folder, then rename: readers never see half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror or error}", file=path) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write: {error.strerror or error}", file=path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def save_answers(out_dir: Path, brief: Brief, *, partial: bool = False) -> Path:
    return write_atomic(out_dir / (PARTIAL_NAME if partial else ANSWERS_NAME), dump_brief(brief))


def check_out_dir(out_dir: Path, force: bool) -> None:
    """Refuse before the first question, not after the last, when the answers or a report would be overwritten."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("is a file, not a folder", file=out_dir, place="--out")
    existing = [name for name in (ANSWERS_NAME, *REPORT_NAMES) if (out_dir / name).exists()]
    if existing and not force:
        raise OutputExistsError(
            f"already holds {', '.join(existing)}",
            file=out_dir,
            hint="pass --force to overwrite, or choose another --out",
        )


def resume_command(partial: Path, out_dir: Path, rules_dir: Path | None, force: bool) -> str:
    """The exact command that continues an interrupted interview."""
    words = ["advisor", "interview", "--resume", str(partial), "--out", str(out_dir)]
    if rules_dir is not None:
        words += ["--rules", str(rules_dir)]
    if force:
        words.append("--force")
    return shlex.join(words)
