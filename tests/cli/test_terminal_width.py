"""Every command's text fits the terminal it runs in (a real pseudo-terminal), and piped output has no padding.

The commands run on the bundled example data, in pseudo-terminals of 80, 60 and 120 columns: no line may be wider
than the terminal, the layout must use the room it is given, and nothing may be cut (every column name and value of
the profile appears whole in the output).
"""

from __future__ import annotations

import csv
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli.terminal import fit_lines, without_padding

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
CHURN = EXAMPLES / "churn"
LENDING = EXAMPLES / "lending" / "data.csv"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

pytestmark = pytest.mark.slow


def _environment() -> dict[str, str]:
    # The width must come from the terminal itself, not from a COLUMNS the test runner happens to export.
    return {key: value for key, value in os.environ.items() if key not in {"COLUMNS", "LINES"}} | {"NO_COLOR": "1"}


def in_terminal(columns: int, *args: str | Path) -> list[str]:
    """The lines `advisor ARGS` writes to standard output in a pseudo-terminal `columns` wide (stderr, with the
    progress display, goes elsewhere)."""
    import pexpect

    command = shlex.join([sys.executable, "-m", "advisor", *map(str, args)])
    child = pexpect.spawn(
        "bash",
        ["-c", f"exec {command} 2>/dev/null"],
        encoding="utf-8",
        timeout=180,
        dimensions=(24, columns),
        env=_environment(),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return ANSI.sub("", child.before or "").replace("\r\n", "\n").split("\n")


def piped(*args: str | Path, columns: int | None = None, data_dir: Path | None = None, cwd: Path | None = None) -> str:
    environment = _environment() | ({"COLUMNS": str(columns)} if columns else {})
    environment |= {"ADVISOR_DATA_DIR": str(data_dir)} if data_dir else {}
    result = subprocess.run(
        [sys.executable, "-m", "advisor", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _widest(lines: list[str]) -> int:
    return max(len(line) for line in lines)


def _words(lines: list[str]) -> set[str]:
    return {word.rstrip(";") for word in " ".join(lines).split()}


def test_profile_fits_80_columns_and_cuts_nothing() -> None:
    lines = in_terminal(80, "profile", LENDING, "--target", "Status")
    assert 70 <= _widest(lines) <= 80
    words = _words(lines)
    with LENDING.open(encoding="utf-8") as file:
        header = next(csv.reader(file))
    # Every column name appears whole: folded or cut names would be missing from the words.
    assert set(header) <= words
    assert not any(line.endswith("…") for line in lines)


def test_profile_follows_a_narrow_and_a_wide_terminal() -> None:
    narrow = in_terminal(60, "profile", LENDING, "--target", "Status")
    wide = in_terminal(120, "profile", LENDING, "--target", "Status")
    assert _widest(narrow) <= 60 and _widest(wide) <= 120
    # The wide terminal's layout uses its room: fewer, longer lines for the same words.
    assert _widest(wide) > 80 and len(wide) < len(narrow)
    assert _words(narrow) >= {"Seniority", "Expenses", "1,199"} and _words(wide) >= {"Seniority", "Expenses", "1,199"}


def test_baseline_fits_80_columns() -> None:
    answers = CHURN / "answers.yaml"
    lines = in_terminal(80, "baseline", CHURN / "data.csv", "--target", "churn", "--answers", answers)
    assert _widest(lines) <= 80
    text = " ".join(" ".join(lines).split())
    assert "Quality per group" in text and "true_positive_rate" in text and "Decision threshold" in text


@pytest.mark.parametrize("columns", [60, 80])
def test_rules_show_and_list_fit_the_terminal(columns: int) -> None:
    shown = in_terminal(columns, "rules", "show", "metrics.pr_auc_for_rare_positives")
    assert _widest(shown) <= columns
    assert "metrics.pr_auc_for_rare_positives:" in shown[0]
    listed = in_terminal(columns, "rules", "list", "--step", "metrics")
    assert _widest(listed) <= columns
    assert "metrics.pr_auc_for_rare_positives" in _words(listed) and listed[-2] == f"{listed[-2].split()[0]} rules"


def test_piped_output_has_no_trailing_spaces_and_80_columns() -> None:
    outputs = [
        piped("profile", CHURN / "data.csv", "--target", "churn"),
        piped("rules", "show", "metrics.pr_auc_for_rare_positives"),
        piped("rules", "list"),
    ]
    for output in outputs:
        lines = output.splitlines()
        assert lines and not [line for line in lines if line != line.rstrip()]
        assert _widest(lines) <= 80


def test_report_summary_and_practice_debrief_follow_columns_when_piped(tmp_path: Path) -> None:
    # (A word wider than the terminal, such as a long path, keeps a line of its own: the output folder is short.)
    summary = piped("run", "--example", "fraud", "--out", "report", columns=60, cwd=tmp_path).splitlines()
    assert summary[0].startswith("Design report for:") and _widest(summary) <= 60
    # A wrapped value continues under its own column.
    assert any(line.startswith(" " * 19) for line in summary)
    strong = Path(__file__).parent.parent / "practice" / "corpus" / "fraud" / "strong.yaml"
    args = ("practice", "--scenario", "fraud", "--answers-file", strong, "--model-answer", "--details")
    for columns in (60, 80):
        debrief = piped(*args, columns=columns, data_dir=tmp_path / "practice").splitlines()
        assert len(debrief) > 100 and _widest(debrief) <= columns
        assert not [line for line in debrief if line != line.rstrip()]


def test_fit_lines_wraps_with_a_hanging_indent_and_keeps_words_whole() -> None:
    text = "  because " + "word " * 20 + "a_very_long_identifier_that_cannot_break_anywhere_at_all_in_it"
    lines = fit_lines(text, 40).splitlines()
    assert lines[0].startswith("  because ") and all(line.startswith("    ") for line in lines[1:])
    assert "    a_very_long_identifier_that_cannot_break_anywhere_at_all_in_it" in lines
    assert all(len(line) <= 40 for line in lines if " " in line.strip())
    assert without_padding("a  \n b \n") == "a\n b\n"
