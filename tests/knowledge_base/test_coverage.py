"""rules/coverage.yaml carries every question and checklist item of both seeds, mapped to ids that exist."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from advisor.knowledge.base import KnowledgeBase
from advisor.lint.coverage import SeedCoverage, SeedItem


@pytest.fixture(scope="module")
def coverage(bundled_knowledge: KnowledgeBase) -> SeedCoverage:
    text = (bundled_knowledge.root / "coverage.yaml").read_text(encoding="utf-8")
    return SeedCoverage.model_validate(yaml.safe_load(text))


def carried(coverage: SeedCoverage) -> list[SeedItem]:
    return [item for item in coverage.items if item.out_of_scope is None]


def test_every_entry_maps_to_existing_ids(coverage: SeedCoverage, bundled_knowledge: KnowledgeBase) -> None:
    for item in carried(coverage):
        assert item.questions or item.rules, f"{item.id} maps to nothing"
        for rule_id in item.rules:
            assert bundled_knowledge.rule(rule_id) is not None, f"{item.id}: no rule {rule_id}"
        for question_id in item.questions:
            assert bundled_knowledge.question(question_id) is not None, f"{item.id}: no question {question_id}"


def test_entry_ids_are_unique(coverage: SeedCoverage) -> None:
    duplicates = [name for name, count in Counter(item.id for item in coverage.items).items() if count > 1]
    assert duplicates == []


def test_every_entry_with_rules_is_exercised_by_a_golden_case(coverage: SeedCoverage, fired_by_cases: set[str]) -> None:
    unexercised = [item.id for item in carried(coverage) if item.rules and not set(item.rules) & fired_by_cases]
    assert unexercised == []


def test_both_seeds_are_covered_step_by_step(coverage: SeedCoverage) -> None:
    seeds = Counter(item.seed.split()[0] + " " + " ".join(item.seed.split()[1:3]) for item in coverage.items)
    for step in range(1, 11):
        assert seeds[f"000 step {step}"] >= 2, f"seed 000 step {step} has too few entries"
    assert sum(count for key, count in seeds.items() if key.startswith("001")) >= 40


def test_seed_questions_of_steps_1_and_3_are_asked(coverage: SeedCoverage) -> None:
    """Every question seed 000 asks in steps 1 and 3 is a question of the questionnaire, except the metric-only ones."""
    for item in coverage.items:
        if item.seed in ("000 step 1", "000 step 3"):
            assert item.questions, f"{item.id} ({item.text}) is asked by no question"


def test_out_of_scope_entries_say_why(coverage: SeedCoverage) -> None:
    for item in coverage.items:
        if item.out_of_scope is not None:
            assert len(item.out_of_scope) > 30 and not item.rules
