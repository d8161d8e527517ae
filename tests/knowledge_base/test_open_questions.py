"""Open questions: a skipped question and a rule's question about the same unknown fact are asked once."""

from __future__ import annotations

from itertools import combinations

from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.lint.near_duplicates import near_identical


def everything_skipped(knowledge: KnowledgeBase, task_type: str) -> Brief:
    skipped = [question.id for question in knowledge.questions if question.id != "task_type"]
    return Brief.model_validate({"problem": {"task_type": task_type}, "skipped": skipped})


def test_a_rule_asking_about_an_unknown_fact_replaces_the_skipped_prompt(bundled_knowledge: KnowledgeBase) -> None:
    advice = advise(everything_skipped(bundled_knowledge, "binary_classification"), bundled_knowledge)
    texts = [question.text for question in advice.open_questions]
    entity_prompt = bundled_knowledge.question_for_fact("problem.entity")
    collection_prompt = bundled_knowledge.question_for_fact("data.collection")
    assert entity_prompt is not None and collection_prompt is not None
    # problem.entity_unknown and data_sources.collection_unknown ask these better, with why it matters.
    assert entity_prompt.prompt not in texts
    assert collection_prompt.prompt not in texts
    assert any(question.rule == "problem.entity_unknown" for question in advice.open_questions)
    # A skipped question that no rule asks about is still listed.
    name = bundled_knowledge.question_for_fact("problem.name")
    assert name is not None and name.prompt in texts


def test_no_two_open_questions_are_near_identical(bundled_knowledge: KnowledgeBase) -> None:
    for task_type in ("binary_classification", "regression", "multiclass_classification", "forecasting"):
        advice = advise(everything_skipped(bundled_knowledge, task_type), bundled_knowledge)
        texts = [question.text for question in advice.open_questions]
        assert [(a, b) for a, b in combinations(texts, 2) if near_identical(a, b)] == []
