"""The interactive interview through a real pseudo-terminal: clarifying questions, answers, the clock, the scorecard."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from advisor.knowledge.load import load_knowledge
from advisor.practice.clarify import clarifications
from advisor.practice.scenarios import find_scenario

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


def spawn(args: list[str], data_dir: Path, *, answer_cursor_requests: bool = False) -> pexpect.spawn:
    env = {
        **os.environ,
        "TERM": "xterm",
        "NO_COLOR": "1",
        "PYTHONPATH": str(REPO),
        "ADVISOR_DATA_DIR": str(data_dir),
    }
    if not answer_cursor_requests:
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # pexpect is no terminal emulator: do not wait for cursor reports
    return pexpect.spawn(
        sys.executable,
        ["-m", "advisor", "practice", *args],
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
        cwd=str(REPO),
    )


def test_interview_with_a_clarifying_question(data_dir: Path) -> None:
    knowledge = load_knowledge()
    fraud = find_scenario("fraud", knowledge)
    # The menu lists topics by section of the brief, then that section's questions in workflow order.
    first = next(item for item in clarifications(fraud.brief, knowledge) if item.fact.startswith("problem."))
    child = spawn(["--scenario", "fraud", "--time-limit", "30"], data_dir)
    child.expect_exact("Practice: Card fraud on an online marketplace")
    child.expect_exact("Step 1/10: Problem and constraints")
    child.expect(r"\[elapsed 00:0\d \| remaining 29:5\d\] Problem and constraints:")
    child.sendline("?")
    child.expect_exact("Ask the interviewer about:")
    child.send("\r")  # the first topic: the problem and the business
    child.expect_exact("Your question:")
    child.expect_exact(first.question[:25])  # a long question wraps at 80 columns
    child.send("\r")  # the first question of the topic
    child.expect_exact(f"Interviewer: {first.answer[:40]}")
    child.expect(r"remaining \d\d:\d\d\] Problem and constraints:")
    child.sendline("Binary classification of each payment; fraud is a rare event.")
    child.expect_exact("Step 2/10: Metrics")
    child.expect(r"remaining \d\d:\d\d\] Metrics:")
    child.sendline("PR-AUC as the primary metric, not accuracy; tune the decision threshold from the costs.")
    child.expect(r"remaining \d\d:\d\d\] Data sources:")
    child.sendline("/done")
    child.expect_exact("Scorecard: Card fraud on an online marketplace")
    child.expect(r"Overall score: (\d+)/100")
    score = int(child.match.group(1))
    child.expect_exact("Biggest misses")
    child.expect_exact(" 2 Metrics")
    child.expect_exact(f"Overall score: {score}/100")
    child.expect_exact("Show the model answer now?")
    child.send("y")
    child.expect_exact("Model answer (the design report of the scenario's brief)")
    child.expect_exact("Marketplace payment fraud")
    child.expect_exact(f"Overall score: {score}/100")  # the score again after the long read
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert 0 < score < 80
    (attempt,) = [json.loads(line) for line in (data_dir / "practice_history.jsonl").read_text().splitlines()]
    assert attempt["scenario"] == "fraud" and attempt["score"] == score and attempt["mode"] == "interactive"


def test_at_80_columns_the_whole_toolbar_shows_and_the_score_is_on_the_last_screen(data_dir: Path) -> None:
    child = spawn(["--scenario", "fraud", "--time-limit", "30"], data_dir, answer_cursor_requests=True)
    child.expect_exact("\x1b[6n")
    child.send("\x1b[16;1R")  # where the cursor is: prompt_toolkit now draws its toolbar
    child.expect(r"remaining \d\d:\d\d \| \? ask \| empty: next step \| /done: finish")
    child.sendline("Fraud is rare (0.2 %), so PR-AUC is the primary metric, not accuracy.")
    child.expect_exact("\x1b[6n")
    child.send("\x1b[16;1R")
    child.expect_exact("/done: finish")
    child.sendline("/done")
    child.expect_exact("Show the model answer now?")
    shown = ANSI.sub("", child.before)
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    last_screen = shown.replace("\r", "").split("\n")[-23:]  # 24 rows, one for the question
    assert any(re.fullmatch(r"Overall score: \d+/100\s*", line) for line in last_screen), last_screen
    assert all(len(line.rstrip()) <= 80 for line in shown.replace("\r", "").split("\n"))


def test_when_time_is_up_what_was_typed_is_scored(data_dir: Path, tmp_path: Path) -> None:
    child = spawn(
        ["--scenario", "fraud", "--time-limit", "0.05", "--out", str(tmp_path), "--details"],
        data_dir,
        answer_cursor_requests=True,
    )
    child.expect_exact("\x1b[6n")
    child.send("\x1b[16;1R")  # where the cursor is: prompt_toolkit now draws its toolbar
    child.expect_exact("/done: finish")
    child.send("Fraud is rare, so PR-AUC as the primary metric")  # no Enter: the clock ends the answer
    child.expect_exact("Time is up: scoring what you wrote.")
    child.expect(r"Overall score: (\d+)/100")
    assert int(child.match.group(1)) > 0
    child.expect_exact("Time was up: scored what was written by then.")
    child.expect_exact("(under Problem and constraints)")
    child.expect_exact(str(tmp_path / "fraud-model-answer.md"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_without_a_scenario_the_least_practised_is_offered(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    practised = {"when": "2026-01-01T00:00:00+00:00", "scenario": "ads_ctr", "title": "Ads", "score": 50}
    (data_dir / "practice_history.jsonl").write_text(
        json.dumps({**practised, "steps": {}, "mode": "interactive"}) + "\n"
    )
    child = spawn(["--time-limit", "30"], data_dir)
    child.expect_exact("Which question do you want to practise?")
    child.send("\r")
    child.expect(r"Practice: (.+?)\r")
    title = child.match.group(1)
    child.expect(r"Problem and constraints:")
    child.sendline("/done")
    child.expect(r"Overall score: 0/100")
    child.expect_exact("Show the model answer now?")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert title == "Search query autocomplete"  # ads_ctr was practised once: the next by name, never practised
