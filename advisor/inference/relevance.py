"""Which questions are worth asking now: the questionnaire asks a question only when its `ask_when` holds and some
rule could still use the answer (or the report shows it directly). Pure: facts in, questions out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.brief.enums import STEP_ORDER
from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.knowledge.conditions import PENDING, Condition, compile_condition, fact_paths
from advisor.knowledge.questions import Question

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase


def ordered_questions(knowledge: KnowledgeBase) -> list[Question]:
    """All questions in workflow order (by step, then as written in questions.yaml)."""
    indexed = list(enumerate(knowledge.questions))
    return [question for _, question in sorted(indexed, key=lambda pair: (STEP_ORDER[str(pair[1].step)], pair[0]))]


def is_relevant(question: Question, brief: Brief, knowledge: KnowledgeBase) -> bool:
    """True when the question's `ask_when` holds and its answer can still change some rule's outcome."""
    facts = advise(brief, knowledge).facts
    return _relevant(question, facts, knowledge)


def _relevant(question: Question, facts: dict[str, object], knowledge: KnowledgeBase) -> bool:
    if compile_condition(question.ask_when)(facts) is not True:
        return False
    readers = [rule for rule in knowledge.rules if question.fact in fact_paths(rule.when)]
    if not readers:
        return True  # the report uses the answer directly (goal, stakeholders, ...)
    unanswered, answered = {**facts, question.fact: None}, {**facts, question.fact: PENDING}

    def answer_matters(condition: Condition | None) -> bool:
        # A rule that may still fire without the answer, or that an answer could make fire (an `exists` test on an
        # unanswered fact is false now, but not once the question is answered).
        evaluate = compile_condition(condition)
        return evaluate(unanswered) is not False or evaluate(answered) is not False

    return any(answer_matters(rule.when) for rule in readers)


def pending_questions(brief: Brief, knowledge: KnowledgeBase) -> list[Question]:
    """Relevant questions not yet answered or skipped, in workflow order."""
    facts = advise(brief, knowledge).facts
    known = brief.facts()
    return [
        question
        for question in ordered_questions(knowledge)
        if known.get(question.fact) is None
        and question.id not in brief.skipped
        and _relevant(question, facts, knowledge)
    ]
