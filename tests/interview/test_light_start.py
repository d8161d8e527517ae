"""The questionnaire starts light: neither `advisor interview --help` nor a started interview imports pandas,
scikit-learn or matplotlib (checked in sys.modules of the real process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .terminal import INTERVIEW_RULES, REPO, Terminal, terminal_env

HEAVY = ("pandas", "sklearn", "matplotlib", "scipy", "duckdb", "pyarrow")
PROBE = """
import sys
from advisor.cli import main
code = main({argv!r})
heavy = sorted({{name.split('.')[0] for name in sys.modules}} & {heavy!r})
print('HEAVY=' + ','.join(heavy) + '.')
sys.exit(code)
"""


def _probe(argv: list[str]) -> list[str]:
    return [sys.executable, "-c", PROBE.format(argv=argv, heavy=set(HEAVY))]


def test_interview_help_imports_no_heavy_library() -> None:
    result = subprocess.run(
        _probe(["interview", "--help"]), capture_output=True, text=True, env=terminal_env(), cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "--resume FILE" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "HEAVY=."


def test_a_started_interview_imports_no_heavy_library(tmp_path: Path) -> None:
    argv = ["interview", "--out", str(tmp_path / "out"), "--rules", str(INTERVIEW_RULES)]
    term = Terminal(argv=_probe(argv), cwd=tmp_path)
    term.expect("What kind of prediction is this?")
    term.pick("w")  # the why? explanation runs the engine for every answer
    term.expect("What each answer changes:")
    term.expect("What kind of prediction is this?")
    term.interrupt()
    term.expect("HEAVY=")
    assert term.expect(".").strip() == ""
    assert term.exit_code() == 130
