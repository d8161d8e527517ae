"""Interview practice: classic ML system design questions, answered step by step and scored against the engine.

The rubric of a scenario is the advice the engine gives for the scenario's canonical brief, so practice grows with
the rule base. `grade` is the whole pipeline for written answers; the command line adds prompts, a timer, history
and rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from advisor.inference.engine import advise
from advisor.practice.concepts import ConceptBook, load_concepts
from advisor.practice.judgement import Judgement, load_judgement
from advisor.practice.rubric import RubricItem, build_rubric
from advisor.practice.scoring import Scorecard, fact_book, phrase_book, score_answers

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase
    from advisor.practice.scenarios import Scenario

__all__ = ["Scorecard", "grade", "rubric_for"]


def rubric_for(scenario: Scenario, knowledge: KnowledgeBase, concepts: ConceptBook | None = None) -> list[RubricItem]:
    """The rubric of a scenario: the engine's advice for its brief, item by item."""
    book = concepts if concepts is not None else load_concepts(knowledge)
    return build_rubric(advise(scenario.brief, knowledge), knowledge, book)


def grade(
    scenario: Scenario,
    answers: Mapping[str, str],
    knowledge: KnowledgeBase,
    concepts: ConceptBook | None = None,
    judgement: Judgement | None = None,
) -> Scorecard:
    """Score written answers (step id -> text) for a scenario."""
    book = concepts if concepts is not None else load_concepts(knowledge)
    judging = judgement if judgement is not None else load_judgement(knowledge)
    advice = advise(scenario.brief, knowledge)
    fired = frozenset(firing.rule for firing in advice.firings)
    rubric = build_rubric(advice, knowledge, book)
    return score_answers(
        scenario,
        rubric,
        answers,
        phrase_book(knowledge, book),
        knowledge=knowledge,
        judgement=judging,
        fired=fired,
        facts=fact_book(knowledge, book),
    )
