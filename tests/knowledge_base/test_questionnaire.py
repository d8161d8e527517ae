"""Walking the questionnaire reaches every answer the rich example briefs hold, and skips what no rule needs."""

from __future__ import annotations

import pytest

from advisor.brief.model import Brief
from advisor.inference.relevance import pending_questions
from advisor.knowledge.base import KnowledgeBase


def walk(case_id: str, knowledge: KnowledgeBase) -> tuple[list[str], set[str]]:
    """Answer each pending question from the case's brief (skip when it has no answer); return asked and answered."""
    case = next(case for case in knowledge.cases if case.id == case_id)
    target = case.brief.facts()
    brief = Brief()
    asked: list[str] = []
    while pending := pending_questions(brief, knowledge):
        question = pending[0]
        asked.append(question.id)
        value = target.get(question.fact)
        if value is None:
            brief.skipped.append(question.id)
        else:
            section, name = question.fact.split(".")
            setattr(getattr(brief, section), name, value)
    answered = {question.id for question in knowledge.questions if target.get(question.fact) is not None}
    return asked, answered


@pytest.mark.parametrize(
    ("case_id", "not_needed"),
    [
        ("fraud", set()),
        ("house_prices", set()),
        # A US lender is asked about automation too: fully automated US credit decisions need human review.
        ("lending", set()),
        ("churn", {"automation", "gpu_available"}),
    ],
)
def test_walk_reaches_every_answer_that_matters(
    case_id: str, not_needed: set[str], bundled_knowledge: KnowledgeBase
) -> None:
    asked, answered = walk(case_id, bundled_knowledge)
    assert answered - set(asked) == not_needed
    assert len(asked) == len(set(asked)), "a question was asked twice"


def test_walk_asks_in_workflow_order(bundled_knowledge: KnowledgeBase) -> None:
    asked, _ = walk("fraud", bundled_knowledge)
    steps = [str(bundled_knowledge.question(question_id).step) for question_id in asked]  # type: ignore[union-attr]
    order = ["problem", "metrics", "data_sources", "models", "deployment"]
    assert [order.index(step) for step in steps] == sorted(order.index(step) for step in steps)
