"""The "what's next" plan: five milestones whose exit criteria come from the advice and the brief."""

from __future__ import annotations

from advisor.answers import load_brief
from advisor.brief import Brief
from advisor.engine import advise
from advisor.knowledge import KnowledgeBase
from advisor.report.milestones import milestones
from tests.report.conftest import EXAMPLES

NAMES = ["Baseline", "First model", "Offline evaluation", "Shadow or A/B test", "Monitoring"]


def _plan(brief: Brief, knowledge: KnowledgeBase) -> dict[str, str]:
    return {m.name: f"{m.work} Exit: {m.exit}" for m in milestones(brief, knowledge, advise(brief, knowledge))}


def test_the_exit_criteria_quote_the_advice(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    plan = _plan(fraud_brief, bundled_knowledge)
    assert list(plan) == NAMES
    assert "PR-AUC (average precision)" in plan["First model"]  # the primary metric
    assert "95 % interval" in plan["First model"]  # the advice asks for bootstrap intervals
    assert "success at 0.55 or better" in plan["Offline evaluation"]  # today's 0.45 plus the agreed 0.1
    assert "threshold is tuned on validation" in plan["Offline evaluation"]  # costs given: cost-based threshold
    assert "Canary release with quick rollback" in plan["Shadow or A/B test"]  # the release the advice chose
    assert "p99 latency within 50 ms" in plan["Shadow or A/B test"]
    assert "90 days later" in plan["Monitoring"] and "weekly" in plan["Monitoring"]


def test_another_brief_gets_another_plan(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    house = load_brief(EXAMPLES / "house_prices" / "answers.yaml", bundled_knowledge)
    plan, fraud = _plan(house, bundled_knowledge), _plan(fraud_brief, bundled_knowledge)
    assert plan["First model"] != fraud["First model"]
    assert "threshold" not in plan["Offline evaluation"]  # a regression has no decision threshold
    bare = _plan(Brief.model_validate({"problem": {"task_type": "binary_classification"}}), bundled_knowledge)
    assert "p99" not in bare["Shadow or A/B test"]  # no latency budget, none invented
    assert "a shadow run" in bare["Shadow or A/B test"]
    assert "days later" not in bare["Monitoring"] and "retraining" not in bare["Monitoring"]
