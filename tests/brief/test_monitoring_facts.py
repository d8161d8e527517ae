"""The `monitoring.*` facts are part of the fact space, measured (never asked), and readable from a case's brief."""

from __future__ import annotations

from advisor.brief.monitoring_facts import MonitoringFacts
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.facts import brief_fact_space


def test_monitoring_facts_are_measured_facts_with_units_and_bounds() -> None:
    space = brief_fact_space()
    spec = space["monitoring.domain_auc"]
    assert spec.origin == "dataset" and spec.kind == "number" and spec.maximum == 1.0
    assert space["monitoring.drifted_share"].origin == "computed"
    assert space["monitoring.sudden_shift"].is_finite
    assert MonitoringFacts(drifted_features=2, features_compared=8).drifted_share == 0.25


def test_no_question_asks_a_monitoring_fact_and_every_monitoring_rule_has_a_golden_case(
    bundled_knowledge: KnowledgeBase,
) -> None:
    assert not [question for question in bundled_knowledge.questions if question.fact.startswith("monitoring.")]
    rules = [rule.id for rule in bundled_knowledge.rules if rule.id.startswith("monitoring.")]
    fired = {rule for case in bundled_knowledge.cases for rule in case.expect.fired}
    assert len(rules) >= 10 and set(rules) <= fired
