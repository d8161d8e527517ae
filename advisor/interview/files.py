"""The interview's files: answers written atomically, the partial file of an interrupted run, the resume command."""

from __future__ import annotations

import os
import shlex
import tempfile
import time
from pathlib import Path

from advisor.brief.answers import dump_brief
from advisor.brief.model import Brief
from advisor.errors import InputError
from advisor.report.output import FILE_NAMES, check_writable, os_error, write_atomic

ANSWERS_NAME = "answers.yaml"
PARTIAL_NAME = "answers.partial.yaml"
REPORT_NAMES = tuple(FILE_NAMES.values())


__all__ = ["Saved", "check_out_dir", "resume_command", "save_answers", "save_answers_somewhere", "write_atomic"]


def save_answers(out_dir: Path, brief: Brief, *, partial: bool = False) -> Path:
    return write_atomic(out_dir / (PARTIAL_NAME if partial else ANSWERS_NAME), dump_brief(brief))


def check_out_dir(out_dir: Path, force: bool) -> None:
    """Refuse before the first question, not after the last, when the answers or a report would be overwritten
    or cannot be written at all (the folder is tried with a real file, then left as it was)."""
    check_writable(out_dir, [ANSWERS_NAME, *REPORT_NAMES], force=force)
    created: list[Path] = []
    try:
        for folder in [out_dir, *out_dir.parents]:
            if folder.exists():
                break
            created.append(folder)
        out_dir.mkdir(parents=True, exist_ok=True)
        descriptor, probe = tempfile.mkstemp(prefix=".advisor-probe-", dir=out_dir)
        os.close(descriptor)
        Path(probe).unlink()
    except OSError as error:
        raise os_error(error, out_dir, "cannot write the answers here") from None
    finally:
        for folder in created:  # a folder we made only to try it is removed again
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


class Saved:
    """Where the answers went: `path`, and `problem` when the chosen folder refused and a fallback was used."""

    def __init__(self, path: Path | None, problem: str | None = None, text: str | None = None) -> None:
        self.path = path
        self.problem = problem
        self.text = text  # the answers themselves, when no file at all could be written


def save_answers_somewhere(out_dir: Path, brief: Brief, *, partial: bool = False) -> Saved:
    """Save the answers in `out_dir`; if that fails (disk full, folder gone), in the home or temporary folder;
    if even that fails, hand the text back to be printed. Answers given are never lost."""
    try:
        return Saved(save_answers(out_dir, brief, partial=partial))
    except InputError as error:
        problem = error.message
    text = dump_brief(brief)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for folder in (Path.home(), Path(tempfile.gettempdir())):
        try:
            descriptor, name = tempfile.mkstemp(prefix=f"advisor-answers-{stamp}-", suffix=".yaml", dir=folder)
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.write(text)
            return Saved(Path(name), problem)
        except OSError:
            continue
    return Saved(None, problem, text)


def resume_command(partial: Path, out_dir: Path, rules_dir: Path | None, force: bool) -> str:
    """The exact command that continues an interrupted interview."""
    words = ["advisor", "interview", "--resume", str(partial), "--out", str(out_dir)]
    if rules_dir is not None:
        words += ["--rules", str(rules_dir)]
    if force:
        words.append("--force")
    return shlex.join(words)
