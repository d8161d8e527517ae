"""Scoring written answers against the rubric: what was covered, missed or contradicted, per step and overall.

An item is covered when any step's answer names it the right way round: a recommendation or derived fact must be
claimed ("PR-AUC as the primary metric"), an exclusion rejected ("not accuracy"), a risk merely raised. Naming an
excluded item as a choice ("accuracy as the metric" when the advice excludes it) is a contradiction: the item's
points are lost and as many again are taken off, and the scorecard quotes the rule's rationale.

In each step the essential items (the primary choices, high and critical risks) count in full; the other items
(recommended, worth considering, exclusions, moderate risks, key facts) earn full marks once half of their weight is
covered, since no interview has time for every supporting point. A contradiction costs its weight on top of that.
Scores are integers from 0 to 100, and the same answers always give the same scorecard.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from advisor.enums import STEP_TITLES, Step
from advisor.practice.concepts import ConceptBook, derived_key
from advisor.practice.matching import Mention, PhraseBook
from advisor.practice.rubric import RubricItem

if TYPE_CHECKING:
    from advisor.knowledge import KnowledgeBase
    from advisor.practice.scenarios import Scenario

Status = Literal["covered", "missed", "contradicted"]
# An interview leaves no time to name every supporting point: covering this share of a step's breadth items (all but
# the primary choices and the high risks, which count in full) earns the step's breadth points.
BREADTH_SHARE = 0.5


class ScoredModel(BaseModel):
    model_config = ConfigDict(frozen=True)


class ItemResult(ScoredModel):
    key: str
    kind: str
    essential: bool
    label: str
    step: str
    weight: float
    status: Status
    rule: str
    because: str
    found_in: str | None = None
    evidence: str | None = None


class StepResult(ScoredModel):
    step: str
    title: str
    answered: bool
    score: int | None
    earned: float
    possible: float
    items: list[ItemResult]


class Scorecard(ScoredModel):
    scenario: str
    title: str
    score: int
    earned: float
    possible: float
    steps: list[StepResult]
    timed_out: bool = False
    elapsed_seconds: int | None = None
    time_limit_minutes: float | None = None
    model_answer: str | None = None
    model_answer_path: str | None = None

    @property
    def contradictions(self) -> list[ItemResult]:
        return [item for step in self.steps for item in step.items if item.status == "contradicted"]


def percent(earned: float, possible: float) -> int:
    """Earned over possible as an integer 0..100, half up (never banker's rounding, never below zero)."""
    if possible <= 0:
        return 0
    return int(max(0.0, min(1.0, earned / possible)) * 100 + 0.5)


def phrase_book(knowledge: KnowledgeBase, concepts: ConceptBook) -> PhraseBook:
    """Phrases of every catalog item and derived value, so a longer phrase of any concept hides shorter ones."""
    keys = list(knowledge.catalog.item_keys()) + list(concepts.phrases)
    for name, fact in knowledge.derived.items():
        values: list[object] = [True] if fact.type == "bool" else list(fact.values)
        keys.extend(key for value in values if (key := derived_key(f"derived.{name}", value)))
    return PhraseBook.build({key: concepts.phrases_for(key, knowledge) for key in dict.fromkeys(keys)})


def _judge(item: RubricItem, mentions: list[tuple[str, Mention]]) -> tuple[Status, tuple[str, Mention] | None]:
    own = [pair for pair in mentions if pair[1].key == item.key and pair[1].polarity != "descriptive"]
    # Prefer evidence from the item's own step, then the first mention in workflow order.
    own.sort(key=lambda pair: pair[0] != item.step)
    if item.kind == "exclusion":
        claimed = [pair for pair in own if pair[1].polarity == "affirmed"]
        if claimed and item.contradiction_counts:
            return "contradicted", claimed[0]
        rejected = [pair for pair in own if pair[1].polarity == "negated"]
        return ("covered", rejected[0]) if rejected else ("missed", None)
    if item.kind == "risk":
        return ("covered", own[0]) if own else ("missed", None)
    claimed = [pair for pair in own if pair[1].polarity == "affirmed"]
    return ("covered", claimed[0]) if claimed else ("missed", None)


def score_answers(
    scenario: Scenario,
    rubric: list[RubricItem],
    answers: Mapping[str, str],
    book: PhraseBook,
) -> Scorecard:
    """Score answers (step id -> text) against the rubric."""
    mentions = [(step.value, mention) for step in Step for mention in book.mentions(answers.get(step.value, "") or "")]
    results: dict[str, list[ItemResult]] = {step.value: [] for step in Step}
    for item in rubric:
        status, evidence = _judge(item, mentions)
        results[item.step].append(
            ItemResult(
                key=item.key,
                kind=item.kind,
                label=item.label,
                step=item.step,
                weight=item.weight,
                essential=item.essential,
                status=status,
                rule=item.rule,
                because=item.because,
                found_in=evidence[0] if evidence else None,
                evidence=evidence[1].snippet if evidence else None,
            )
        )
    steps = []
    total_earned = total_possible = 0.0
    for step in Step:
        items = results[step.value]
        earned, possible = _step_points(items)
        total_possible += possible
        total_earned += earned
        steps.append(
            StepResult(
                step=step.value,
                title=STEP_TITLES[step],
                answered=bool((answers.get(step.value) or "").strip()),
                score=percent(earned, possible) if possible else None,
                earned=earned,
                possible=possible,
                items=items,
            )
        )
    return Scorecard(
        scenario=scenario.id,
        title=scenario.title,
        score=percent(total_earned, total_possible),
        earned=total_earned,
        possible=total_possible,
        steps=steps,
    )


def _step_points(items: list[ItemResult]) -> tuple[float, float]:
    """Points earned and possible in one step: essentials in full, the breadth items up to their share."""
    essential = [item for item in items if item.essential]
    breadth = [item for item in items if not item.essential]
    breadth_possible = BREADTH_SHARE * sum(item.weight for item in breadth)
    breadth_earned = min(breadth_possible, sum(item.weight for item in breadth if item.status == "covered"))
    penalty = sum(item.weight for item in items if item.status == "contradicted")
    earned = sum(item.weight for item in essential if item.status == "covered") + breadth_earned - penalty
    return earned, sum(item.weight for item in essential) + breadth_possible
