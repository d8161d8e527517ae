"""The bundled rule base: its size per workflow step, its actions, its questions, and a clean lint."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from advisor.brief.enums import Step
from advisor.brief.model import Brief
from advisor.inference.advice import Advice
from advisor.inference.relevance import pending_questions
from advisor.knowledge.base import KnowledgeBase
from advisor.lint import LintReport, lint_knowledge

ACTION_KINDS = {"recommend", "exclude", "assert", "checklist", "question", "risk"}


@pytest.fixture(scope="module")
def report() -> LintReport:
    return lint_knowledge()


def test_at_least_150_rules_and_8_per_step(bundled_knowledge: KnowledgeBase) -> None:
    per_step = Counter(str(rule.step) for rule in bundled_knowledge.rules)
    assert sum(per_step.values()) >= 150
    thin = {step.value: per_step[step.value] for step in Step if per_step[step.value] < 8}
    assert thin == {}


def test_every_action_kind_is_used(bundled_knowledge: KnowledgeBase) -> None:
    used = {
        kind
        for rule in bundled_knowledge.rules
        for line in rule.describe_actions()
        for kind in ACTION_KINDS
        if _kind_of(line) == kind
    }
    assert used == ACTION_KINDS


def _kind_of(line: str) -> str:
    first = line.split(maxsplit=1)[0]
    return {"set": "assert", "raise": "risk", "checklist:": "checklist", "open": "question"}.get(first, first)


def test_every_rule_explains_itself(bundled_knowledge: KnowledgeBase) -> None:
    for rule in bundled_knowledge.rules:
        sentences = [part for part in re.split(r"(?<=[.!?])\s+", rule.because.strip()) if part]
        assert 2 <= len(sentences) <= 4, f"{rule.id}: the rationale should take 2-3 sentences"
        assert len(rule.because.split()) >= 20, f"{rule.id}: rationale too short"
        assert all(source.strip() for source in rule.sources), f"{rule.id}: empty source"


def test_every_step_writes_checklist_items_in_the_golden_cases(case_advice: dict[str, Advice]) -> None:
    steps = {str(item.step) for advice in case_advice.values() for item in advice.checklist}
    assert steps == {step.value for step in Step}


def test_every_recommended_item_has_a_label(bundled_knowledge: KnowledgeBase) -> None:
    for rule in bundled_knowledge.rules:
        for spec in [*rule.recommendations(), *rule.exclusions(), *rule.risks()]:
            found = bundled_knowledge.catalog.get(str(spec.category), spec.item)
            assert found is not None and found.label, f"{rule.id}: {spec.key} has no catalog label"


def test_bundled_rule_base_lints_clean(report: LintReport) -> None:
    assert [finding.format() for finding in report.errors] == []
    assert [finding.format() for finding in report.warnings] == []


def test_gap_check_runs_over_every_band(report: LintReport) -> None:
    # 10 task types x 5 size bands x 4 imbalance bands x 4 latency bands x 4 explainability levels
    assert report.combinations_checked == 10 * 5 * 4 * 4 * 4


def test_golden_cases_fire_most_rules(report: LintReport) -> None:
    assert report.rules_fired_by_cases >= 0.85 * report.rules


@pytest.mark.parametrize(
    ("answers", "asked", "not_asked"),
    [
        ({"problem": {"task_type": "regression"}}, "target_kind", "false_negative_cost"),
        ({"problem": {"task_type": "binary_classification"}}, "false_positive_cost", "target_kind"),
        (
            {"problem": {"task_type": "binary_classification"}, "costs": {"false_positive_cost": 5}},
            "false_negative_cost",
            "target_kind",
        ),
        ({"problem": {"task_type": "clustering"}}, "rows", "target_definition"),
        ({"serving": {"deployment_target": "mobile"}}, "model_size_limit_mb", "latency_ms"),
        ({"serving": {"deployment_target": "cloud"}}, "serving_budget", "model_size_limit_mb"),
        ({"legal": {"personal_data": False}}, "explainability", "special_category_data"),
    ],
)
def test_questions_are_asked_only_when_relevant(
    answers: dict[str, dict[str, object]], asked: str, not_asked: str, bundled_knowledge: KnowledgeBase
) -> None:
    pending = [question.id for question in pending_questions(Brief.model_validate(answers), bundled_knowledge)]
    assert asked in pending
    assert not_asked not in pending


def test_most_decisive_questions_come_first(bundled_knowledge: KnowledgeBase) -> None:
    pending = [question.id for question in pending_questions(Brief(), bundled_knowledge)]
    assert pending.index("task_type") < pending.index("domain") < pending.index("rows")
