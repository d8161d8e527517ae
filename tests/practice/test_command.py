"""`advisor practice` without prompts: written answers, JSON, the model answer, history and errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from advisor.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def strong_file(tmp_path: Path, strong_fraud: dict[str, str]) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(strong_fraud, sort_keys=False))
    return path


def test_written_answers_get_a_debrief_that_starts_and_ends_with_the_score(
    strong_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["practice", "--scenario", "fraud", "--answers-file", str(strong_file)], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Scorecard: Card fraud on an online marketplace"
    score = re.fullmatch(r"Overall score: (\d+)/100 .*", lines[1])
    assert score is not None and lines[-1] == f"Overall score: {score.group(1)}/100"
    assert "Biggest misses" in out and " 2 Metrics " in out and "10 Iteration " in out
    assert "Model answer" not in out and "--model-answer shows the model answer" in out  # only on request
    assert len(lines) < 60  # readable: not 1,400 lines
    assert all(len(line) <= 80 for line in lines)
    assert "\x1b[" not in out  # not a terminal: plain text


def test_the_model_answer_is_text_on_request(strong_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["practice", "--scenario", "fraud", "--answers-file", str(strong_file), "--model-answer"]
    code, out, err = run(argv, capsys)
    assert code == 0, err
    model = out[out.index("Model answer (the design report of the scenario's brief)") :]
    assert "Marketplace payment fraud" in model and "PR-AUC" in model
    assert "\\_" not in model and "pr_auc_for_rare_positives" in model  # rendered, not escaped Markdown
    assert "| Aspect |" not in model and "# Marketplace" not in model  # tables and headings laid out as text
    assert all(len(line) <= 80 for line in out.splitlines())
    assert re.fullmatch(r"Overall score: \d+/100", out.splitlines()[-1])  # the score last, after the long read


def test_missed_items_say_why_they_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("metrics: We would report accuracy.\n")
    code, out, _ = run(["practice", "--scenario", "fraud", "--answers-file", str(path), "--details"], capsys)
    assert code == 0
    biggest = out[out.index("Biggest misses") :]
    assert biggest.splitlines()[1] == "1. Accuracy"  # a contradiction costs twice its weight: the biggest miss
    assert "why (metrics.pr_auc_for_rare_positives):" in biggest
    assert "[!] Accuracy" in out and "the advice rules it out (metrics.pr_auc_for_rare_positives)" in out
    assert "[ ] PR-AUC (average precision)" in out and "why it matters" in out


def test_json_scorecard_is_deterministic(strong_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["practice", "--scenario", "fraud", "--answers-file", str(strong_file), "--json"]
    first = run(argv, capsys)
    second = run(argv, capsys)
    assert first[0] == 0 and first[1] == second[1]
    card = json.loads(first[1])
    assert card["scenario"] == "fraud" and card["score"] >= 80
    assert [step["step"] for step in card["steps"]][:2] == ["problem", "metrics"]
    assert card["model_answer"] is None
    _, out, _ = run([*argv, "--model-answer"], capsys)
    assert json.loads(out)["model_answer"].startswith("# Marketplace payment fraud")


def test_out_writes_the_model_answer(strong_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    argv = ["practice", "--scenario", "fraud", "--answers-file", str(strong_file), "--out", str(out_dir), "--json"]
    code, out, _ = run(argv, capsys)
    assert code == 0
    written = out_dir / "fraud-model-answer.md"
    assert json.loads(out)["model_answer_path"] == str(written)
    assert written.read_text().startswith("# Marketplace payment fraud")


def test_unknown_step_is_exit_2_with_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("problem: fine\nmetrix: PR-AUC\n")
    code, out, err = run(["practice", "--scenario", "fraud", "--answers-file", str(path)], capsys)
    assert code == 2 and out == ""
    assert f"{path}: line 2: unknown step 'metrix' (did you mean 'metrics'?)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("- a list\n", "expected a mapping of workflow step"),
        ("metrics: [1, 2]\n", "must be text"),
        ("a: [\n", "invalid YAML"),
    ],
)
def test_bad_answers_files_are_exit_2(
    content: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content)
    code, _, err = run(["practice", "--scenario", "fraud", "--answers-file", str(path)], capsys)
    assert code == 2 and problem in err


def test_unknown_scenario_and_missing_scenario_are_exit_2(
    strong_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["practice", "--scenario", "churnn", "--answers-file", str(strong_file)], capsys)
    assert code == 2 and "no scenario 'churnn' (did you mean 'churn'?)" in err
    code, _, err = run(["practice", "--answers-file", str(strong_file)], capsys)
    assert code == 2 and "--answers-file needs --scenario NAME" in err


def test_without_a_terminal_it_asks_for_an_answers_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["practice", "--scenario", "fraud"], capsys)
    assert code == 2 and "use --answers-file FILE" in err


def test_list_names_every_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["practice", "--list"], capsys)
    assert code == 0
    assert any(line.startswith("fraud ") and "Card fraud" in line for line in out.splitlines())
    assert len(out.splitlines()) >= 10


def test_history_records_and_shows_attempts(
    strong_file: Path, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["practice", "--history"], capsys)
    assert code == 0 and "No practice attempts yet" in out
    weak = tmp_path / "weak.yaml"
    weak.write_text("metrics: PR-AUC\n")
    for scenario, path in (("fraud", weak), ("churn", weak), ("fraud", strong_file)):
        assert run(["practice", "--scenario", scenario, "--answers-file", str(path), "--json"], capsys)[0] == 0
    lines = (data_dir / "practice_history.jsonl").read_text().splitlines()
    attempts = [json.loads(line) for line in lines]
    assert [attempt["scenario"] for attempt in attempts] == ["fraud", "churn", "fraud"]
    weak_score, strong_score = attempts[0]["score"], attempts[2]["score"]
    assert strong_score > weak_score and attempts[0]["mode"] == "answers_file"
    with (data_dir / "practice_history.jsonl").open("a") as stream:
        stream.write("{not json\n")
    code, out, _ = run(["practice", "--history"], capsys)
    assert code == 0
    fraud_row = next(line.split() for line in out.splitlines() if line.startswith("fraud"))
    trend = f"{strong_score - weak_score:+d}"
    assert fraud_row == ["fraud", "2", str(strong_score), str(strong_score), trend, str(weak_score), str(strong_score)]
    churn_row = next(line.split() for line in out.splitlines() if line.startswith("churn"))
    assert churn_row[1] == "1" and churn_row[4] == "first"
    assert "(1 unreadable line in the history skipped)" in out


def test_practice_imports_no_heavy_library(strong_file: Path) -> None:
    probe = (
        "import sys\nfrom advisor.cli import main\n"
        f"code = main(['practice', '--scenario', 'fraud', '--answers-file', {str(strong_file)!r}, '--json'])\n"
        "heavy = {'pandas', 'sklearn', 'matplotlib', 'scipy'} & {name.split('.')[0] for name in sys.modules}\n"
        "sys.exit(code or len(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_an_unwritable_history_only_warns(
    strong_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(blocker / "data"))
    code, out, err = run(["practice", "--scenario", "fraud", "--answers-file", str(strong_file), "--json"], capsys)
    assert code == 0 and json.loads(out)["scenario"] == "fraud"
    assert err.startswith("advisor: warning: ") and "cannot save the attempt" in err


def test_another_rule_base_brings_its_own_questions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--rules DIR` reads DIR/scenarios: a new question is practised without code, judged by concepts alone when
    the rule base has no judgement.yaml."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "rules", rules)
    (rules / "scenarios" / "judgement.yaml").unlink()
    fraud = yaml.safe_load((rules / "scenarios" / "fraud.yaml").read_text())
    fraud["title"] = "Fraud on a ticket resale site"
    (rules / "scenarios" / "ticket_fraud.yaml").write_text(yaml.safe_dump(fraud))
    code, out, _ = run(["practice", "--rules", str(rules), "--list"], capsys)
    assert code == 0 and "ticket_fraud" in out and "judgement" not in out and "concepts" not in out
    answers = tmp_path / "answers.yaml"
    answers.write_text("metrics: PR-AUC because fraud is rare.\ntraining: SMOTE on the whole data, then split.\n")
    argv = ["practice", "--rules", str(rules), "--scenario", "ticket_fraud", "--answers-file", str(answers), "--json"]
    code, out, err = run(argv, capsys)
    assert code == 0, err
    card = json.loads(out)
    assert card["title"] == "Fraud on a ticket resale site" and card["score"] > 0
    assert not [found for step in card["steps"] for found in step["wrong_practice"]]  # no patterns in this base
