"""Writing a report all-or-nothing: the complete new folder is built beside the old one and swapped in one step.

A report is several files (design.md/html/json, plots/, model.joblib) that must agree with each other, so replacing
them one by one is not enough: a kill between two renames would leave a new design.html beside an old design.md.
Instead the whole output folder is rebuilt in a hidden staging folder beside it (same file system), together with
hard links to the files in it that the advisor did not write, and the two folders are exchanged by one atomic
`renameat2(RENAME_EXCHANGE)`; the old folder, now under the staging name, is then removed. Readers and a kill -9 at
any instant see either the whole old report or the whole new one. Concurrent writers are serialised by a lock on the
parent folder; leftovers of killed runs (`.advisor-staging-*`, `.advisor-old-*`) are removed by the next run.

`.advisor-manifest.json` in the output folder lists what the advisor wrote there: `--force` replaces exactly those
entries and never touches anything else (a user's own `plots/` folder makes the write refuse instead).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from advisor.errors import OutputExistsError, UsageError

FORMATS = ("md", "html", "json")
FILE_NAMES = {"md": "design.md", "html": "design.html", "json": "design.json"}
MANIFEST = ".advisor-manifest.json"
STAGING_PREFIX = ".advisor-staging-"
OLD_PREFIX = ".advisor-old-"
# Before manifests existed: the names the advisor wrote, and the only files it put in plots/.
LEGACY_NAMES = frozenset({*FILE_NAMES.values(), "model.joblib", "plots"})
LEGACY_PLOTS = frozenset({"histograms.png", "boxplots.png", "correlations.png", "target.png", "learning_curve.png"})
FAULT_VARIABLE = "ADVISOR_FAULT_AT"  # tests: kill -9 ourselves at this step of the commit


def _fault_point(step: str) -> None:
    """Fault injection for the kill test: `ADVISOR_FAULT_AT=exchange` kills the process right before that step."""
    if os.environ.get(FAULT_VARIABLE) == step:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def os_error(error: OSError, path: Path, doing: str = "cannot write") -> UsageError:
    """An OSError (full disk, read-only, name too long, no permission...) as a one-line input error."""
    reason = error.strerror or str(error)
    hint = {
        errno.ENOSPC: "free some space or choose another --out",
        errno.EDQUOT: "free some space or choose another --out",
        errno.EROFS: "choose a writable --out",
        errno.EACCES: "choose a folder you can write to",
        errno.ENAMETOOLONG: "choose a shorter name",
    }.get(error.errno or 0)
    return UsageError(f"{doing}: {reason}", file=path, hint=hint)


def _resolve(out_dir: Path) -> Path:
    """The real output folder (symlinks followed); a dangling symlink or a file is refused."""
    if out_dir.is_symlink() and not out_dir.exists():
        raise UsageError("is a symbolic link to nothing", file=out_dir, place="--out")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError("is a file, not a folder", file=out_dir, place="--out")
    try:
        return out_dir.resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop
        raise UsageError(f"cannot be resolved: {error}", file=out_dir, place="--out") from None


def read_manifest(out_dir: Path) -> set[str] | None:
    """The entries the advisor wrote in `out_dir` (None: no manifest, an older report or not ours)."""
    try:
        names = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8")).get("written", [])
    except (OSError, ValueError, AttributeError):
        return None
    return {name for name in names if isinstance(name, str) and "/" not in name and name not in {"", ".", ".."}}


def ours(out_dir: Path) -> set[str]:
    """What `--force` may replace in `out_dir`: the manifest's entries, or (older reports) the known names."""
    if not out_dir.is_dir():
        return set()
    listed = read_manifest(out_dir)
    if listed is not None:
        return {name for name in listed if os.path.lexists(out_dir / name)} | {MANIFEST}
    found = {name for name in LEGACY_NAMES if os.path.lexists(out_dir / name)}
    plots = out_dir / "plots"
    if "plots" in found and not (
        plots.is_dir() and not plots.is_symlink() and {p.name for p in plots.iterdir()} <= LEGACY_PLOTS
    ):
        found.discard("plots")  # a plots/ folder the advisor did not fill is the user's
    return found


def check_writable(out_dir: Path, names: Sequence[str], *, force: bool) -> None:
    """Refuse early (before any work) when `out_dir` cannot hold a report or would lose one without `force`.

    `names` are the entries about to be written; one that exists but is not ours is never replaced, even with force.
    """
    real = _resolve(out_dir)
    if not real.exists():
        _check_creatable(real)
        return
    mine = ours(real)
    foreign = [name for name in names if os.path.lexists(real / name) and name not in mine]
    if foreign:
        raise OutputExistsError(
            f"holds {', '.join(foreign)}, which the advisor did not write",
            file=out_dir,
            hint="move it away or choose another --out; --force replaces only what the advisor wrote",
        )
    existing = sorted(name for name in mine if name != MANIFEST and name in {*names, *LEGACY_NAMES})
    if existing and not force:
        raise OutputExistsError(
            f"already holds {', '.join(existing)}",
            file=out_dir,
            hint="pass --force to overwrite, or choose another --out",
        )


def _check_creatable(real: Path) -> None:
    parent = real.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError("cannot be created: its parent folder is not writable", file=real, place="--out")


@contextmanager
def staged(out_dir: Path, *, force: bool, names: Sequence[str] = ()) -> Iterator[Path]:
    """Yield an empty staging folder beside `out_dir`; when the block succeeds, swap it in as the whole report.

    The files the caller writes into the staging folder become the report; everything in `out_dir` the advisor did
    not write is carried over. On any error (or a kill) `out_dir` is left exactly as it was.
    """
    real = _resolve(out_dir)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        container = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{real.name[:80]}-", dir=real.parent))
        staging = container / "report"
        staging.mkdir()
        in_use = _hold(container)  # a concurrent run's sweep leaves a folder that is still being built alone
    except OSError as error:
        raise os_error(error, out_dir) from None
    try:
        yield staging
        written = sorted(path.name for path in staging.iterdir())
        _write_manifest(staging, written)
        with _locked(real.parent):
            _sweep(real.parent, real.name, keep=container)
            check_writable(real, list({*names, *written}), force=force)
            _commit(container, real)
    except OSError as error:
        raise os_error(error, out_dir) from None
    finally:
        _clean_container(container, real)
        os.close(in_use)


def _write_manifest(staging: Path, written: list[str]) -> None:
    document = {"written": [*written, MANIFEST], "note": "files the ML Design Advisor wrote; --force replaces them"}
    (staging / MANIFEST).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")


def _commit(container: Path, real: Path) -> None:
    """Carry the user's entries over (hard links), then exchange the folders in one atomic step."""
    staging = container / "report"
    new_inode = staging.stat().st_ino
    if not real.exists():
        staging.chmod(0o777 & ~_umask())
        _record(container, new_inode, None)
        _fault_point("exchange")
        staging.rename(real)  # fails (ENOTEMPTY/EEXIST) if a folder appeared meanwhile: nothing is lost
        return
    mine = ours(real)
    staged_names = {path.name for path in staging.iterdir()}
    for entry in sorted(real.iterdir()):
        if entry.name in mine or entry.name in staged_names:
            continue
        if entry.is_dir() and not entry.is_symlink():
            raise UsageError(
                f"holds a folder the advisor did not write ({entry.name}/)",
                file=real,
                hint="give the report a folder of its own",
            )
        _fault_point("link")
        try:
            os.link(entry, staging / entry.name, follow_symlinks=False)
        except OSError:
            shutil.copy2(entry, staging / entry.name, follow_symlinks=False)
    staging.chmod(real.stat().st_mode & 0o7777)
    _record(container, new_inode, real.stat().st_ino)
    _fault_point("exchange")
    _exchange(staging, real)
    _fault_point("cleanup")


def _record(container: Path, new_inode: int, old_inode: int | None) -> None:
    """Note which folder is which, so a killed run's leftovers can tell the new report from the retired one."""
    state = json.dumps({"new": new_inode, "old": old_inode})
    (container / "state.json").write_text(state, encoding="utf-8")


def _clean_container(container: Path, real: Path) -> None:
    """Remove a staging container: an unswapped report wholesale; a retired folder entry by entry, giving back
    anything the advisor did not write and that is not a link to a file still in `real`."""
    staging = container / "report"
    try:
        state = json.loads((container / "state.json").read_text(encoding="utf-8"))
        new_inode = int(state["new"])
    except (OSError, ValueError, KeyError, TypeError):
        new_inode = None
    try:
        swapped = staging.is_dir() and new_inode is not None and staging.stat().st_ino != new_inode
    except OSError:
        swapped = False
    if swapped:
        mine = ours(staging) | {MANIFEST}
        for entry in list(staging.iterdir()):
            target = real / entry.name
            if entry.name in mine or _same_file(entry, target):
                _delete(entry)
            elif not os.path.lexists(target):
                entry.rename(target)  # created by someone while we swapped: give it back
        if any(staging.iterdir()):
            return  # something we cannot place: keep it for the person to look at
    shutil.rmtree(container, ignore_errors=True)


def _same_file(left: Path, right: Path) -> bool:
    try:
        return os.path.samestat(os.lstat(left), os.lstat(right))
    except OSError:
        return False


def _delete(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def _sweep(parent: Path, name: str, keep: Path) -> None:
    """Remove the staging folders of killed runs for this output folder (under the lock, so none is in use)."""
    for leftover in parent.glob(f"{STAGING_PREFIX}{name[:80]}-*"):
        if leftover == keep or not leftover.is_dir() or leftover.is_symlink():
            continue
        try:
            descriptor = _hold(leftover, wait=False)
        except OSError:
            continue  # still held by a live run
        try:
            _clean_container(leftover, parent / name)
        finally:
            os.close(descriptor)


def _hold(folder: Path, *, wait: bool = True) -> int:
    """An open descriptor with an exclusive flock on `folder` (released when closed or when the process dies)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        import fcntl

        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except ImportError:  # pragma: no cover - not POSIX
        pass
    except OSError:
        os.close(descriptor)
        raise
    return descriptor


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the parent folder: one commit at a time (flock is released when a writer dies)."""
    descriptor = _hold(folder)
    try:
        yield
    finally:
        os.close(descriptor)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders atomically (Linux renameat2); elsewhere fall back to two renames (a short window)."""
    libc_name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) if libc_name else None
    if renameat2 is not None:
        result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
        if result == 0:
            return
        code = ctypes.get_errno()
        if code not in {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}:
            raise OSError(code, os.strerror(code), str(second))
    retired = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{second.name[:80]}-", dir=second.parent))
    retired.rmdir()
    second.rename(retired)
    first.rename(second)
    retired.rename(first)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, text: str) -> Path:
    """Write one text file via a temporary file in the same folder and a rename: readers never see half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise os_error(error, path) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise os_error(error, path) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
