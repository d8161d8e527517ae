"""`advisor interview` in a real pseudo-terminal (TERM=xterm, NO_COLOR=1, 80x24), on the fixture rule base."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from .terminal import INTERVIEW_RULES, REPO, Terminal, terminal_env

TASK = "What kind of prediction is this?"
GOAL = "What is the business goal"
PEOPLE = "Does the data describe identifiable people?"
WHERE = "Where will the system be used?"
LATENCY = "What is the latency budget in milliseconds?"
ROWS = "How many labelled examples are there?"
SHARE = "What share of examples are positive?"
BINARY, REGRESSION, YES, SKIP, BACK, WHY = "1", "4", "1", "s", "b", "w"
DOWN = "\x1b[B"


def _answers(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_full_run_rejects_a_bad_value_records_a_skip_and_writes_the_answers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    term = Terminal("--out", str(out), "--rules", str(INTERVIEW_RULES), cwd=tmp_path)
    term.expect(TASK)
    term.pick(BINARY)
    term.expect(GOAL)
    term.type("Catch fraud before payout")
    term.expect(PEOPLE)
    term.pick(YES)
    term.expect(WHERE)  # a checkbox list: us, eu, uk, other
    term.child.send(DOWN + " " + DOWN + " ")
    term.type("")
    term.expect(LATENCY)
    term.type("0")
    term.expect("Not accepted: must be greater than 0. Try again.")
    term.expect(LATENCY)
    term.type("50")
    term.expect("question 6 of ~7")
    term.expect(ROWS)
    term.type("12k")
    term.expect(SHARE)
    term.type("skip")
    term.expect("Summary of your answers")
    summary = term.expect("All done?")
    assert "skipped: 7\u00a0positive_share" in summary
    term.pick("y")
    written = term.expect("design.json")
    assert term.exit_code() == 0
    assert f"{out / 'answers.yaml'}" in written and f"{out / 'design.md'}" in written
    assert _answers(out / "answers.yaml") == {
        "problem": {"goal": "Catch fraud before payout", "task_type": "binary_classification"},
        "legal": {"jurisdictions": ["eu", "uk"], "personal_data": True},
        "serving": {"latency_ms": 50.0},
        "data": {"rows": 12000},
        "skipped": ["positive_share"],
    }
    assert not (out / "answers.partial.yaml").exists()
    assert sorted(path.name for path in out.iterdir()) == [
        ".advisor-manifest.json",
        "answers.yaml",
        "design.html",
        "design.json",
        "design.md",
    ]
    report = json.loads((out / "design.json").read_text(encoding="utf-8"))
    assert "Catch fraud before payout" in json.dumps(report)
    assert "What share of examples are positive?" in json.dumps(report["open_questions"])


def test_back_why_and_skip_all_in_the_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    term = Terminal("--out", str(out), "--rules", str(INTERVIEW_RULES), cwd=tmp_path)
    term.expect(TASK)
    term.pick(WHY)
    term.expect("What each answer changes:")
    term.expect("regression: recommends MAE")
    term.expect(TASK)
    term.pick(BINARY)
    term.expect(GOAL)
    term.type("<")  # back to the task type
    term.expect(TASK)
    term.pick(REGRESSION)
    term.expect(GOAL)
    term.type("Predict weekly demand")
    term.expect(PEOPLE)
    term.pick(BACK)  # back to the goal, which offers the undone answer
    term.expect(GOAL)
    term.expect("Enter keeps 'Predict")
    term.type("")
    term.expect(PEOPLE)
    term.pick("x")  # skip all remaining
    term.expect("Skipped the remaining questions")
    summary = term.expect("All done?")
    assert SHARE not in summary  # regression: the share of positives is never asked
    term.pick("y")
    assert term.exit_code() == 0
    assert _answers(out / "answers.yaml") == {
        "problem": {"goal": "Predict weekly demand", "task_type": "regression"},
        "skipped": ["personal_data", "latency_ms", "rows"],
    }


def test_ctrl_c_saves_the_answers_and_resume_loses_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    term = Terminal("--out", str(out), "--rules", str(INTERVIEW_RULES), cwd=tmp_path)
    term.expect(TASK)
    term.pick(BINARY)
    term.expect(GOAL)
    term.type("Catch fraud")
    term.expect(PEOPLE)
    term.pick(SKIP)
    term.expect(LATENCY)
    term.interrupt()
    term.expect("Resume with:")
    assert term.exit_code() == 130
    partial = out / "answers.partial.yaml"
    assert _answers(partial) == {
        "problem": {"goal": "Catch fraud", "task_type": "binary_classification"},
        "skipped": ["personal_data"],
    }
    command = next(line.strip() for line in term.output.splitlines() if "--resume" in line)
    assert shlex.split(command) == [
        "advisor", "interview", "--resume", str(partial), "--out", str(out), "--rules", str(INTERVIEW_RULES)
    ]  # fmt: skip

    resumed = Terminal(argv=[sys.executable, "-m", *shlex.split(command)], cwd=tmp_path)
    before = resumed.expect(LATENCY)
    assert "Resuming" in before and "2 answers and 1 skipped question kept" in before
    assert TASK not in before and GOAL not in before and PEOPLE not in before
    assert "question 4 of ~6" in before
    resumed.type("80")
    resumed.expect(ROWS)
    resumed.type("5000")
    resumed.expect(SHARE)
    resumed.type("3%")
    resumed.expect("All done?")
    resumed.pick("y")
    assert resumed.exit_code() == 0
    assert _answers(out / "answers.yaml") == {
        "problem": {"goal": "Catch fraud", "task_type": "binary_classification"},
        "serving": {"latency_ms": 80.0},
        "data": {"rows": 5000, "positive_share": 0.03},
        "skipped": ["personal_data"],
    }
    assert not partial.exists()  # superseded by answers.yaml


def test_without_a_terminal_it_refuses_and_points_at_the_answers_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "interview", "--out", str(tmp_path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=terminal_env(),
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "advisor report --answers FILE" in result.stderr
    assert "Traceback" not in result.stderr


def test_our_own_output_is_styled_only_without_no_color(tmp_path: Path) -> None:
    plain = Terminal("--out", str(tmp_path / "a"), "--rules", str(INTERVIEW_RULES), cwd=tmp_path)
    assert "\r\nquestion 1 of ~6\r\n" in plain.expect(TASK)
    plain.interrupt()
    assert plain.exit_code() == 130

    env = terminal_env()
    del env["NO_COLOR"]
    styled = Terminal("--out", str(tmp_path / "b"), "--rules", str(INTERVIEW_RULES), cwd=tmp_path, env=env)
    assert "\x1b[2mquestion 1 of ~6\x1b[0m" in styled.expect(TASK)
    styled.interrupt()
    assert styled.exit_code() == 130
