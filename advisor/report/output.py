"""Writing a report so that nothing is ever half-written: everything is staged, then moved into place.

Files are written into a hidden staging folder inside the output folder (same file system, so the final moves are
atomic renames); only when every file is ready are they moved over. An existing report is kept unless `force`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from advisor.errors import OutputExistsError, UsageError

FORMATS = ("md", "html", "json")
FILE_NAMES = {"md": "design.md", "html": "design.html", "json": "design.json"}


def check_writable(out_dir: Path, names: Sequence[str], *, force: bool) -> None:
    """Refuse early (before any work) when `out_dir` is a file or would lose a report without `force`."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("is a file, not a folder", file=out_dir, place="--out")
    existing = [name for name in names if (out_dir / name).exists()]
    if existing and not force:
        raise OutputExistsError(
            f"already holds {', '.join(existing)}",
            file=out_dir,
            hint="pass --force to overwrite, or choose another --out",
        )


@contextmanager
def staged(out_dir: Path, *, force: bool) -> Iterator[Path]:
    """Yield a staging folder; on success move its files into `out_dir`; on any error leave `out_dir` as it was."""
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".advisor-staging-", dir=out_dir))
    try:
        yield staging
        names = sorted(path.name for path in staging.iterdir())
        check_writable(out_dir, names, force=force)
        for name in names:
            target = out_dir / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            (staging / name).replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if created and not any(out_dir.iterdir()):
            out_dir.rmdir()  # a failed first run leaves no empty folder behind


def write_atomic(path: Path, text: str) -> Path:
    """Write one text file via a temporary file in the same folder and a rename: readers never see half a file."""
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
