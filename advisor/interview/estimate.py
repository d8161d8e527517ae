"""How many questions are still to come: an honest estimate for the progress line ("question 7 of ~52").

Only counting the questions that are relevant right now undercounts badly: most questions wait on an earlier answer
(no latency question before "when are predictions needed?"), so the total grew from ~37 to 63 as the person answered.
The estimate counts every question not yet answered or skipped whose `ask_when` is not already false and whose answer
could still change some rule, with unanswered facts left unknown (three-valued logic). A question waiting on an
unanswered fact is thus counted; one that an answer has ruled out is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.brief.model import SECTIONS
from advisor.knowledge.conditions import PENDING, compile_condition, fact_paths

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.knowledge.base import KnowledgeBase
    from advisor.knowledge.questions import Question


def remaining_questions(brief: Brief, facts: dict[str, object], knowledge: KnowledgeBase) -> int:
    """The number of questions that may still be asked, given the answers so far (`facts`: the advice's facts)."""
    known = brief.facts()
    done = {question.fact for question in knowledge.questions if question.id in brief.skipped}
    done |= {fact for fact, value in known.items() if value is not None}
    open_facts = {question.fact for question in knowledge.questions} - done
    return sum(
        1
        for question in knowledge.questions
        if question.fact in open_facts
        and _may_be_asked(question, facts, open_facts)
        and _may_matter(question, facts, knowledge)
    )


def _may_be_asked(question: Question, facts: dict[str, object], open_facts: set[str]) -> bool:
    """`ask_when` holds, or is unknown and waits on a fact some question may still fill. A gate on a skipped fact
    stays unknown for good: its question will never come."""
    gate = compile_condition(question.ask_when)(facts)
    if gate is not None:
        return gate
    waits_on = fact_paths(question.ask_when)
    return any(fact in open_facts or not fact.startswith(ANSWER_SECTIONS) for fact in waits_on)


ANSWER_SECTIONS = tuple(f"{section}." for section in SECTIONS)


def _may_matter(question: Question, facts: dict[str, object], knowledge: KnowledgeBase) -> bool:
    """As `advisor.inference.relevance`: some rule reading the fact may still fire with the answer or without it."""
    readers = [rule for rule in knowledge.rules if question.fact in fact_paths(rule.when)]
    if not readers:
        return True
    unanswered, answered = {**facts, question.fact: None}, {**facts, question.fact: PENDING}
    return any(
        compile_condition(rule.when)(unanswered) is not False or compile_condition(rule.when)(answered) is not False
        for rule in readers
    )
