"""The "what's next" plan: five milestones whose exit criteria come from the advice and the brief."""

from __future__ import annotations

from advisor.brief.answers import load_brief
from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.report.milestones import milestones
from tests.report.conftest import EXAMPLES

NAMES = ["Baseline", "First model", "Offline evaluation", "Shadow or A/B test", "Monitoring"]


def _plan(brief: Brief, knowledge: KnowledgeBase) -> dict[str, str]:
    return {m.name: f"{m.work} Exit: {m.exit}" for m in milestones(brief, knowledge, advise(brief, knowledge))}


def test_the_exit_criteria_quote_the_advice(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    plan = _plan(fraud_brief, bundled_knowledge)
    assert list(plan) == NAMES
    assert "Recall@k" in plan["First model"]  # the primary metric: analysts review 1 %
    assert "95 % interval" in plan["First model"]  # the advice asks for bootstrap intervals
    assert "success at 0.55 or better" in plan["Offline evaluation"]  # today's 0.45 plus the agreed 0.1
    assert "threshold sits at the capacity (top 1 %)" in plan["Offline evaluation"]  # a capacity beats the costs
    uncapped = fraud_brief.model_copy(
        update={"problem": fraud_brief.problem.model_copy(update={"baseline_metric": "share of fraud caught"})}
    )
    plan_without = _plan(uncapped, bundled_knowledge)
    assert "threshold is tuned on validation" in plan_without["Offline evaluation"]  # costs alone: cost threshold
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
