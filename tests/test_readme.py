"""The README stays true: its two opening commands, its answers-file example and its rule example."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from advisor.answers import parse_brief
from advisor.knowledge import KnowledgeBase
from advisor.rules import Rule

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


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
