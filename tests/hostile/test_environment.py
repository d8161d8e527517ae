"""Item 5: failures caused by the environment (full disk, odd paths) or by input are exit 2 with one message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import run, write_brief, write_table

STRACE = shutil.which("strace")


def _advisor(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [*prefix, sys.executable, "-m", "advisor", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=environment)


@pytest.mark.parametrize("where", ["proc", "too long", "dangling symlink", "under a file"])
def test_an_unusable_output_path_is_exit_2(where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write_brief(tmp_path / "answers.yaml")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    out = {
        "proc": Path("/proc/advisor-report"),
        "too long": tmp_path / ("n" * 300),
        "dangling symlink": tmp_path / "dangling",
        "under a file": tmp_path / "file" / "out",
    }[where]
    code, stdout, err = run(["report", "--answers", str(answers), "--out", str(out)], capsys)
    assert (code, stdout) == (2, ""), err
    assert err.startswith("advisor: error: ") and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(STRACE is None, reason="needs strace to inject the error at the system-call boundary")
@pytest.mark.parametrize("call", ["mkdir,mkdirat", "renameat2"])
def test_a_full_disk_is_exit_2_and_the_old_report_stays(call: str, tmp_path: Path) -> None:
    answers = write_brief(tmp_path / "answers.yaml", name="old")
    out = tmp_path / "out"
    assert _advisor("report", "--answers", str(answers), "--out", str(out)).returncode == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    write_brief(answers, name="new")
    inject = ("strace", "-f", "-qq", "-o", os.devnull, "-e", f"trace={call}", "-e", f"inject={call}:error=ENOSPC")
    done = _advisor("report", "--answers", str(answers), "--out", str(out), "--force", prefix=inject)
    if "ptrace" in done.stderr or "PTRACE" in done.stderr:
        pytest.skip("ptrace is not permitted here")
    assert done.returncode == 2, done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".advisor")] == []


def test_escape_sequences_from_data_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write_brief(tmp_path / "answers.yaml")
    table = write_table(tmp_path / "data.csv", ["\x1b]0;pwned\x07amount", "\x1b[2Jregion"], ["a\x1b[31m", "b"])
    for target in ("no-such-column", "label"):
        code, out, err = run(
            [
                "report",
                "--answers",
                str(answers),
                "--data",
                str(table),
                "--target",
                target,
                "--no-baseline",
                "--out",
                str(tmp_path / target),
                "--force",
            ],
            capsys,
        )
        assert code == (2 if target == "no-such-column" else 0), err
        assert "\x1b" not in out + err and "\x07" not in out + err
