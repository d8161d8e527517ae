"""Scoring written answers against the rubric: what was covered, how well it was argued, and what was wrong.

An item is covered when an answer names it the right way round (a recommendation or key fact claimed, an exclusion
rejected, a risk raised) and earns credit by how it is argued (`reasons`): full with a reason, half when merely
named, nothing as one entry of an unexplained list or a hedge. Naming an excluded choice as one's own is a
contradiction, and a leaky or contradicting step (`wrong_practice`) is wrong practice: each loses the item's points
and costs its weight on top, quoting the rule's rationale.

Points are the items' weights times their credit, less the penalties. A step's score and the overall score follow
the same curve of the share of points earned, 100 x sqrt(share): a quarter of the points gives 50, half 71, two
thirds 82, all of them 100, so the score rises with every item covered and reaches 100 only when all are. The
overall score comes from all points together, so it always lies between the lowest and highest step score. The same
answers always give the same scorecard.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from advisor.brief.enums import STEP_TITLES, Step
from advisor.practice.concepts import ConceptBook, derived_key
from advisor.practice.judgement import Judgement
from advisor.practice.matching import Mention, PhraseBook, Reading
from advisor.practice.reasons import Credit, ScenarioFacts, StepText, stems
from advisor.practice.rubric import RubricItem
from advisor.practice.wrong_practice import Hit, SlowCadence, find_slow_cadences, find_wrong_practice

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase
    from advisor.practice.scenarios import Scenario

Status = Literal["covered", "partial", "missed", "contradicted"]


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
    credit: float = 0.0
    note: str | None = None
    found_in: str | None = None
    evidence: str | None = None

    @property
    def earned(self) -> float:
        return -self.weight if self.status == "contradicted" else self.credit * self.weight

    @property
    def lost(self) -> float:
        """Points this item cost against full credit: its weight, and as much again for a contradiction."""
        return self.weight - self.earned


class WrongPracticeResult(ScoredModel):
    id: str
    label: str
    step: str
    weight: float
    rule: str
    because: str
    found_in: str
    evidence: str


class StepResult(ScoredModel):
    step: str
    title: str
    answered: bool
    score: int | None
    earned: float
    possible: float
    items: list[ItemResult]
    wrong_practice: list[WrongPracticeResult] = []


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

    @property
    def wrong_practice(self) -> list[WrongPracticeResult]:
        return [found for step in self.steps for found in step.wrong_practice]


def percent(earned: float, possible: float) -> int:
    """The score of a share of points: 100 x sqrt(earned / possible), half up, 0 to 100."""
    if possible <= 0:
        return 0
    return int(math.sqrt(max(0.0, min(1.0, earned / possible))) * 100 + 0.5)


def phrase_book(knowledge: KnowledgeBase, concepts: ConceptBook) -> PhraseBook:
    """Phrases of every catalog item and derived value, so a longer phrase of any concept hides shorter ones."""
    keys = list(knowledge.catalog.item_keys()) + list(concepts.phrases) + _derived_keys(knowledge)
    return PhraseBook.build({key: concepts.phrases_for(key, knowledge) for key in dict.fromkeys(keys)})


def fact_book(knowledge: KnowledgeBase, concepts: ConceptBook) -> PhraseBook:
    """Phrases of the derived facts alone: a fact is named even inside a choice ("online" in "online service")."""
    return PhraseBook.build({key: concepts.phrases_for(key, knowledge) for key in _derived_keys(knowledge)})


def _derived_keys(knowledge: KnowledgeBase) -> list[str]:
    keys: list[str] = []
    for name, fact in knowledge.derived.items():
        values: list[object] = [True] if fact.type == "bool" else list(fact.values)
        keys.extend(key for value in values if (key := derived_key(f"derived.{name}", value)))
    return keys


@dataclass(frozen=True)
class _Read:
    """Everything found in the answers: concept mentions per step, wrong practice, slow cadences, step texts."""

    mentions: dict[str, list[tuple[str, Mention]]]  # concept key -> (step, mention), in workflow order
    texts: dict[str, StepText]
    hits: list[Hit]
    slow: list[SlowCadence]


def _read(
    answers: Mapping[str, str],
    books: tuple[PhraseBook, PhraseBook | None],
    *,
    judgement: Judgement,
    fired: frozenset[str],
    values: dict[str, object],
    facts_of_scenario: ScenarioFacts,
) -> _Read:
    book, facts = books
    mentions: list[tuple[str, Mention]] = []
    texts: dict[str, StepText] = {}
    hits: list[Hit] = []
    slow: list[SlowCadence] = []
    for step in Step:
        written = answers.get(step.value) or ""
        if not written.strip():
            continue
        reading = Reading.of(written)
        found = book.find(reading)
        cues = judgement.cues(reading)
        text = StepText(reading.normal, found, cues, judgement, facts_of_scenario)
        if facts is not None:  # facts hidden inside a longer phrase count as named, but give no reason
            seen = {(mention.start, mention.key) for mention in found}
            found += [mention for mention in facts.find(reading) if (mention.start, mention.key) not in seen]
        step_hits = find_wrong_practice(text, cues, step.value, judgement, fired)
        cancelled = {
            (mention.start, mention.key)
            for hit in step_hits
            for mention in found
            if mention.key in hit.practice.cancels and hit.span[0] <= mention.start < hit.span[1]
        }
        mentions += [(step.value, mention) for mention in found if (mention.start, mention.key) not in cancelled]
        texts[step.value] = text
        hits += step_hits
        slow += find_slow_cadences(text, cues, values)
    by_key: dict[str, list[tuple[str, Mention]]] = {}
    for step_id, mention in mentions:
        by_key.setdefault(mention.key, []).append((step_id, mention))
    return _Read(by_key, texts, hits, slow)


def _judge(item: RubricItem, read: _Read, because: frozenset[str]) -> ItemResult:
    own = [
        (step, mention, read.texts[step].polarity(mention))
        for step, mention in read.mentions.get(item.key, [])
        if mention.polarity != "descriptive"
    ]
    own.sort(key=lambda found: found[0] != item.step)  # evidence from the item's own step first, then workflow order
    result = ItemResult(
        key=item.key,
        kind=item.kind,
        label=item.label,
        step=item.step,
        weight=item.weight,
        essential=item.essential,
        status="missed",
        rule=item.rule,
        because=item.because,
    )
    if item.kind == "exclusion":
        # A choice is a contradiction; one entry of a list of alternatives is a hedge, which earns nothing anyway.
        # Once the answer rules the item out, naming it again is discussion ("k-NN searches every row"), unless it
        # is stated as the choice ("our headline metric is accuracy").
        rejected = any(found[2] == "negated" for found in own)
        chosen = [
            found
            for found in own
            if found[2] == "affirmed"
            and not read.texts[found[0]].in_list(found[1])
            and (not rejected or read.texts[found[0]].stated(found[1]))
        ]
        if chosen and item.contradiction_counts:
            step, mention, _ = chosen[0]
            return result.model_copy(update={"status": "contradicted", "found_in": step, "evidence": mention.snippet})
        own = [found for found in own if found[2] == "negated"]
    elif item.kind != "risk":
        own = [found for found in own if found[2] == "affirmed"]
    best: tuple[Credit, str, Mention] | None = None
    for step, mention, _ in own:
        credit = read.texts[step].credit(item, mention, because)
        if best is None or credit.share > best[0].share:
            best = (credit, step, mention)
    if best is None:
        return result
    credit, step, mention = best
    share, note = credit.share, credit.note
    slow = next((found for found in read.slow if item.key in found.cadence.items), None)
    if slow is not None:
        share, note = min(share, 0.5), f"you wrote {slow.stated}; the scenario needs {slow.needed}"
    status: Status = "covered" if share >= 1 else "partial" if share > 0 else "missed"
    update = {"status": status, "credit": share, "note": note, "found_in": step, "evidence": mention.snippet}
    return result.model_copy(update=update)


def _facts(scenario: Scenario) -> dict[str, object]:
    return {
        f"{section}.{name}": value
        for section, values in scenario.brief.answered().items()
        if isinstance(values, dict)
        for name, value in values.items()
    }


def score_answers(
    scenario: Scenario,
    rubric: list[RubricItem],
    answers: Mapping[str, str],
    book: PhraseBook,
    *,
    knowledge: KnowledgeBase,
    judgement: Judgement | None = None,
    fired: frozenset[str] = frozenset(),
    facts: PhraseBook | None = None,
) -> Scorecard:
    """Score answers (step id -> text) against the rubric; `facts` finds derived facts inside longer phrases."""
    judging = judgement if judgement is not None else Judgement()
    values = _facts(scenario)
    told = " ".join([scenario.prompt, *(str(value) for value in values.values() if isinstance(value, str))])
    keys = frozenset(item.key for item in rubric if item.kind == "derived")
    known = ScenarioFacts.of(told, values, keys, judging.generic_words)
    read = _read(answers, (book, facts), judgement=judging, fired=fired, values=values, facts_of_scenario=known)
    results: dict[str, list[ItemResult]] = {step.value: [] for step in Step}
    for item in rubric:
        results[item.step].append(_judge(item, read, stems(item.because, judging.generic_words)))
    wrong: dict[str, list[WrongPracticeResult]] = {step.value: [] for step in Step}
    for hit in read.hits:
        rule = knowledge.rule(hit.practice.rule)
        wrong[hit.practice.step].append(
            WrongPracticeResult(
                id=hit.practice.id,
                label=hit.practice.label,
                step=hit.practice.step,
                weight=hit.practice.weight,
                rule=hit.practice.rule,
                because=rule.because if rule is not None else "",
                found_in=hit.written_in,
                evidence=hit.evidence,
            )
        )
    steps = []
    total_earned = total_possible = 0.0
    for step in Step:
        items = results[step.value]
        found = [hit for hit in wrong[step.value] if hit.weight > 0]
        possible = sum(item.weight for item in items)
        earned = sum(item.earned for item in items) - sum(hit.weight for hit in found)
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
                wrong_practice=found,
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
