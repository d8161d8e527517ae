"""The README stays true: its two opening commands, its Quick start (run as written), its answers-file example and its
rule example. Its Python section runs in tests/test_api.py."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from advisor.brief.answers import parse_brief
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.rules import Rule

REPO = Path(__file__).parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    first = _blocks("sh")[0].strip().splitlines()
    assert len(first) == 2
    assert first[0].endswith("pip install . && advisor run --example churn")
    assert first[1].endswith('pip install -e ".[test]" && python -m pytest -q')
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q\n" in ci and 'pip install --quiet -e ".[test]"' in ci


def test_answers_example_is_a_valid_brief(bundled_knowledge: KnowledgeBase) -> None:
    example = next(block for block in _blocks("yaml") if block.startswith("problem:"))
    brief = parse_brief(yaml.safe_load(example), "README.md", bundled_knowledge)
    assert brief.problem.task_type == "binary_classification"


def test_rule_example_is_a_valid_rule(bundled_knowledge: KnowledgeBase) -> None:
    example = next(block for block in _blocks("yaml") if block.startswith("- id:"))
    rule = Rule.model_validate({**yaml.safe_load(example)[0], "step": "metrics"})
    assert bundled_knowledge.rule(rule.id) is not None  # the example is a real rule, shortened


# Running the README's commands as a newcomer would: from a folder laid out like a clone (examples/, rules/), with
# the `advisor` this environment installed (the install step itself is what .ci/run does in a fresh environment).
INTERACTIVE = {"interview", "practice"}
TIMEOUT = 120


def _commands(block: str) -> list[list[str]]:
    """Each line of a shell block as arguments, its trailing comment dropped."""
    return [shlex.split(line, comments=True) for line in block.strip().splitlines()]


def _advisor() -> str:
    installed = Path(sys.executable).parent / "advisor"
    return str(installed) if installed.exists() else shutil.which("advisor") or "advisor"


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    for name in ("examples", "rules"):
        (tmp_path / name).symlink_to(REPO / name, target_is_directory=True)
    return tmp_path


def _env(clone: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS", "LINES")}
    # Practice history goes to the test's folder; pexpect answers no cursor-position request (see tests/interview).
    env |= {"TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1", "ADVISOR_DATA_DIR": str(clone / "data")}
    return env


def _run(argv: list[str], clone: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_advisor(), *argv[1:]], cwd=clone, env=_env(clone), capture_output=True, text=True, timeout=600, check=False
    )


def _interview(argv: list[str], clone: Path) -> str:
    """A newcomer names the project, then types 'skip all' and confirms."""
    child = pexpect.spawn(
        _advisor(), argv[1:], cwd=str(clone), env=_env(clone), dimensions=(24, 80), encoding="utf-8", timeout=TIMEOUT
    )
    child.expect_exact("What is the project called?")
    child.send("Churn pilot\r")
    child.expect_exact("What business goal")
    child.send("skip all\r")
    child.expect_exact("All done?")
    child.send("y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def _practice(argv: list[str], clone: Path) -> str:
    """A newcomer answers the first step, finishes early and declines the model answer."""
    child = pexpect.spawn(
        _advisor(), argv[1:], cwd=str(clone), env=_env(clone), dimensions=(24, 80), encoding="utf-8", timeout=TIMEOUT
    )
    child.expect_exact("Step 1/10")
    child.sendline("Binary classification of each payment; fraud is rare, so PR-AUC, not accuracy.")
    child.expect_exact("Step 2/10")
    child.sendline("/done")
    child.expect(r"Overall score: \d+/100")
    child.expect_exact("Show the model answer now?")
    child.send("n\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def test_every_quick_start_command_runs_as_written(clone: Path) -> None:
    readme = README[README.index("## Quick start") :]
    block = _blocks("sh")[1]
    assert block in readme, "the Quick start block is the README's second shell block"
    commands = _commands(block)
    assert all(argv[0] == "advisor" for argv in commands)
    # Every file a line names exists where the line says (paths are relative to a clone).
    for argv in commands:
        for word in argv:
            if word.endswith((".csv", ".yaml")) and not word.startswith("my-project"):
                assert (clone / word).exists(), word

    for argv in commands:
        command = argv[1]
        if command == "interview":
            _interview(argv, clone)
            answers = yaml.safe_load((clone / "my-project" / "answers.yaml").read_text(encoding="utf-8"))
            assert answers["problem"]["name"] == "Churn pilot" and answers["skipped"]
        elif command == "practice":
            _practice(argv, clone)
        else:
            result = _run(argv, clone)
            assert result.returncode == 0, (argv, result.stderr)
            assert "Traceback" not in result.stderr
            if command == "report":
                design = json.loads((clone / "my-project" / "design.json").read_text(encoding="utf-8"))
                assert design["title"] == "Telco customer churn" and design["data"]["baseline"]["target"] == "churn"
                assert (clone / "my-project" / "answers.yaml").exists()  # --force replaced only the report
            if command == "run" and argv[-1] == "list":
                names = [line.split()[0] for line in result.stdout.splitlines()]
                assert ", ".join(names) in block  # the line's comment names every bundled example
            if command == "profile":
                assert "churn" in result.stdout and "2,000" in result.stdout
    assert {argv[1] for argv in commands} >= {"interview", "report", "run", "profile", "practice"}


def test_every_file_a_shell_block_names_exists() -> None:
    # The Development block is not run here (it runs this suite, CI and the benchmarks); the files it names must exist.
    named = {word for block in _blocks("sh") for argv in _commands(block) for word in argv}
    files = sorted(word for word in named if re.fullmatch(r"[\w./-]+\.(?:py|csv|yaml|sh)|\.ci/run", word))
    assert "benchmarks/engine.py" in files and ".ci/run" in files
    assert [name for name in files if not (REPO / name).exists() and not name.startswith("my-project/")] == []


def test_the_first_command_runs_the_bundled_example(clone: Path) -> None:
    first = _commands(_blocks("sh")[0])[0]
    # `python3 -m venv .venv && . .venv/bin/activate && pip install . && advisor run --example churn`: the install is
    # what .ci/run does in a fresh environment; the job itself runs here.
    job = first[len(first) - 1 - first[::-1].index("&&") + 1 :]
    assert job == ["advisor", "run", "--example", "churn"]
    result = _run(job, clone)
    assert result.returncode == 0, result.stderr
    out = clone / "advisor-report" / "churn"
    assert {"design.md", "design.html", "design.json", "plots", "model.joblib"} <= {p.name for p in out.iterdir()}
    assert "Design report for: Telco customer churn" in result.stdout
