"""Settling: from what the rules fired to the final advice.

Conflicts are resolved by priority and always recorded: a recommend against an exclude of the same item (the higher
priority wins; a tie goes to the exclusion, the safer choice), and two primary items in one category (the higher
priority stays primary, the others become recommended). Items several rules recommend are merged, the
highest-priority rule leading and the others kept as supporting reasons. Everything is ordered by workflow step,
then by firing order, so the same facts always give the same advice.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from advisor.brief.enums import SEVERITY_RANK, STEP_ORDER, Category, Strength
from advisor.inference.advice import (
    Advice,
    ChecklistItem,
    Conflict,
    Exclusion,
    Firing,
    OpenQuestion,
    Reason,
    Recommendation,
    Risk,
)
from advisor.knowledge.conditions import Trace, predicates
from advisor.knowledge.per_item import expand
from advisor.knowledge.rules import RecommendSpec, RiskSpec, Rule

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.knowledge.base import KnowledgeBase

STRENGTH_RANK = {"primary": 0, "recommended": 1, "consider": 2}


class HasStep(Protocol):
    @property
    def step(self) -> str: ...


Ordered = TypeVar("Ordered", bound=HasStep)


@dataclass
class Fired:
    """What one firing contributed, before conflicts are settled."""

    order: int
    rule: Rule
    trace: Trace
    how: str

    def attribution(self) -> dict[str, Any]:
        rule = self.rule
        return {
            "step": rule.step,
            "rule": rule.id,
            "title": rule.title,
            "because": rule.because,
            "sources": list(rule.sources),
            "how": self.how,
        }

    def reason(self) -> Reason:
        return Reason(priority=self.rule.priority, **self.attribution())


@dataclass(kw_only=True)
class Outcome:
    """What inference produced, before conflicts are settled."""

    facts: dict[str, Any]
    fired: list[Fired] = field(default_factory=list)
    firings: list[Firing] = field(default_factory=list)
    asserted_by: dict[str, Fired] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)


def _lead(entries: list[Fired]) -> Fired:
    """The rule that speaks for an item: highest priority, then first fired."""
    return min(entries, key=lambda entry: (-entry.rule.priority, entry.order))


def _resolve_exclusions(
    recommended: dict[str, list[tuple[Fired, RecommendSpec]]],
    excluded: dict[str, list[Fired]],
    conflicts: list[Conflict],
) -> None:
    for key in [key for key in recommended if key in excluded]:
        for_it = max(entry.rule.priority for entry, _ in recommended[key])
        against = max(entry.rule.priority for entry in excluded[key])
        recommend_ids = sorted({entry.rule.id for entry, _ in recommended[key]})
        exclude_ids = sorted({entry.rule.id for entry in excluded[key]})
        if for_it > against:
            resolution = "recommended: the recommending rule has higher priority"
            conflicts.append(
                Conflict(
                    kind="recommend_vs_exclude",
                    subject=key,
                    winners=recommend_ids,
                    losers=exclude_ids,
                    resolution=resolution,
                )
            )
            del excluded[key]
        else:
            tie = " (a tie: the exclusion wins as the safer choice)" if for_it == against else ""
            conflicts.append(
                Conflict(
                    kind="recommend_vs_exclude",
                    subject=key,
                    winners=exclude_ids,
                    losers=recommend_ids,
                    resolution=f"excluded: the excluding rule has higher priority{tie}",
                )
            )
            del recommended[key]


def _strength(supporters: list[tuple[Fired, RecommendSpec]]) -> Strength:
    """The strongest strength any supporter gives the item."""
    return min((pair[1].strength for pair in supporters), key=lambda value: STRENGTH_RANK[str(value)])


def _recommendation(supporters: list[tuple[Fired, RecommendSpec]], knowledge: KnowledgeBase) -> Recommendation:
    ranked = sorted(supporters, key=lambda pair: (-pair[0].rule.priority, pair[0].order))
    lead, spec = ranked[0]
    return Recommendation(
        category=spec.category,
        item=spec.item,
        label=knowledge.catalog.label(spec.category, spec.item),
        strength=_strength(supporters),
        note=next((pair[1].note for pair in ranked if pair[1].note), None),
        priority=lead.rule.priority,
        supporting=[entry.reason() for entry, _ in ranked[1:]],
        **lead.attribution(),
    )


class Ranked(Protocol):
    """What deciding the primary item of a category looks at (a Recommendation has it)."""

    @property
    def category(self) -> Category: ...
    @property
    def key(self) -> str: ...
    @property
    def strength(self) -> Strength: ...
    @property
    def priority(self) -> int: ...


AnyRanked = TypeVar("AnyRanked", bound=Ranked)


def _primary_contests(recommendations: list[tuple[int, AnyRanked]]) -> list[tuple[AnyRanked, list[AnyRanked]]]:
    """Each category with two or more primary items: (the one that stays primary, the ones demoted). The highest
    priority wins, then the first fired."""
    primaries: dict[str, list[tuple[int, AnyRanked]]] = defaultdict(list)
    for order, recommendation in recommendations:
        if recommendation.strength == Strength.primary:
            primaries[str(recommendation.category)].append((order, recommendation))
    contests = []
    for contenders in primaries.values():
        if len(contenders) < 2:
            continue
        ranked = sorted(contenders, key=lambda pair: (-pair[1].priority, pair[0]))
        contests.append((ranked[0][1], [pair[1] for pair in ranked[1:]]))
    return contests


def _one_primary_per_category(
    recommendations: list[tuple[int, Recommendation]], conflicts: list[Conflict]
) -> list[tuple[int, Recommendation]]:
    demoted: set[str] = set()
    for winner, losers in _primary_contests(recommendations):
        demoted |= {loser.key for loser in losers}
        conflicts.append(
            Conflict(
                kind="two_primaries",
                subject=str(winner.category),
                winners=[winner.key],
                losers=[loser.key for loser in losers],
                resolution=f"{winner.label} stays primary (rule {winner.rule}, higher priority or fired first); "
                "the others become recommended",
            )
        )
    return [
        (order, rec.model_copy(update={"strength": Strength.recommended}) if rec.key in demoted else rec)
        for order, rec in recommendations
    ]


@dataclass(frozen=True)
class Settled:
    """A recommendation as settling leaves it, without what only a report shows (label, reasons, attribution)."""

    category: Category
    key: str
    strength: Strength
    priority: int


RuleActions = tuple[tuple[tuple[str, RecommendSpec], ...], tuple[str, ...]]


def rule_actions(rule: Rule) -> RuleActions:
    """What settling reads of a rule: its recommendations by item key, and the keys it excludes."""
    return tuple((spec.key, spec) for spec in rule.recommendations()), tuple(ref.key for ref in rule.exclusions())


def settled_recommendations(fired: list[Fired], actions: Mapping[str, RuleActions] | None = None) -> list[Settled]:
    """The recommendations `settle` would give for these firings, with their final strength, in no set order: the
    same decisions (exclusions by priority, strongest strength, one primary per category) at a fraction of the
    cost, for the linter's gap check. `actions`: `rule_actions` of each rule by id, when the caller keeps them."""
    recommended, excluded = _gather(fired, actions)
    _resolve_exclusions(recommended, excluded, [])
    settled = []
    for key, supporters in recommended.items():
        lead = _lead([entry for entry, _ in supporters])
        category = supporters[0][1].category
        settled.append((lead.order, Settled(category, key, _strength(supporters), lead.rule.priority)))
    demoted = {loser.key for _, losers in _primary_contests(settled) for loser in losers}
    return [
        dataclasses.replace(item, strength=Strength.recommended) if item.key in demoted else item for _, item in settled
    ]


def _gather(
    fired: list[Fired], actions: Mapping[str, RuleActions] | None = None
) -> tuple[dict[str, list[tuple[Fired, RecommendSpec]]], dict[str, list[Fired]]]:
    """What the firings recommend and exclude, by item key, in firing order."""
    recommended: dict[str, list[tuple[Fired, RecommendSpec]]] = defaultdict(list)
    excluded: dict[str, list[Fired]] = defaultdict(list)
    for entry in fired:
        recommends, excludes = actions[entry.rule.id] if actions is not None else rule_actions(entry.rule)
        for key, spec in recommends:
            recommended[key].append((entry, spec))
        for key in excludes:
            excluded[key].append(entry)
    return recommended, excluded


def _risks(fired: list[Fired], knowledge: KnowledgeBase) -> list[tuple[int, Risk]]:
    """One risk per item, at its highest severity."""
    chosen: dict[str, tuple[Fired, RiskSpec]] = {}
    for entry in fired:
        for risk in entry.rule.risks():
            held = chosen.get(risk.key)
            if held is None or SEVERITY_RANK[str(risk.severity)] > SEVERITY_RANK[str(held[1].severity)]:
                chosen[risk.key] = (entry, risk)
    return [
        (
            entry.order,
            Risk(
                category=risk.category,
                item=risk.item,
                severity=risk.severity,
                label=knowledge.catalog.label(risk.category, risk.item),
                **entry.attribution(),
            ),
        )
        for entry, risk in chosen.values()
    ]


def _texts(
    fired: list[Fired], brief: Brief, knowledge: KnowledgeBase, facts: dict[str, Any]
) -> tuple[list[tuple[int, ChecklistItem]], list[tuple[int, OpenQuestion]]]:
    """Checklist items and open questions, each text once (one per item of an `{each fact}` list); skipped
    questions become open questions.

    A skipped question is left out when a fired rule already asks about its fact because that fact is unknown: the
    rule's question says more (why it matters), and the two would ask the same thing twice."""
    asked_by_rules = {
        test.fact
        for entry in fired
        if entry.rule.open_questions()
        for test in predicates(entry.rule.when)
        if test.op == "exists" and test.value is False
    }
    checklist: dict[str, tuple[int, ChecklistItem]] = {}
    questions: dict[str, tuple[int, OpenQuestion]] = {}
    for entry in fired:
        for template in entry.rule.checklist_items():
            for text in expand(template, facts):
                checklist.setdefault(
                    text, (entry.order, ChecklistItem(step=entry.rule.step, text=text, rule=entry.rule.id))
                )
        for template in entry.rule.open_questions():
            for text in expand(template, facts):
                item = OpenQuestion(step=entry.rule.step, text=text, rule=entry.rule.id)
                questions.setdefault(text, (entry.order, item))
    for position, question_id in enumerate(brief.skipped):
        question = knowledge.question(question_id)
        if question is not None and question.fact not in asked_by_rules:
            item = OpenQuestion(step=question.step, text=question.prompt, question=question.id)
            questions.setdefault(question.prompt, (len(fired) + 1 + position, item))
    return list(checklist.values()), list(questions.values())


def _by_step(pairs: list[tuple[int, Ordered]]) -> list[Ordered]:
    return [value for _, value in sorted(pairs, key=lambda pair: (STEP_ORDER[str(pair[1].step)], pair[0]))]


def settle(outcome: Outcome, knowledge: KnowledgeBase, brief: Brief) -> Advice:
    """Resolve conflicts and build the advice."""
    recommended, excluded = _gather(outcome.fired)
    conflicts = list(outcome.conflicts)
    _resolve_exclusions(recommended, excluded, conflicts)
    recommendations = _one_primary_per_category(
        [
            (_lead([entry for entry, _ in supporters]).order, _recommendation(supporters, knowledge))
            for supporters in recommended.values()
        ],
        conflicts,
    )
    exclusions = []
    for key, entries in excluded.items():
        lead = _lead(entries)
        category, item = key.split(":", 1)
        exclusion = Exclusion(
            category=category, item=item, label=knowledge.catalog.label(category, item), **lead.attribution()
        )
        exclusions.append((lead.order, exclusion))
    checklist, questions = _texts(outcome.fired, brief, knowledge, outcome.facts)
    known = {path: value for path, value in outcome.facts.items() if value is not None}
    return Advice(
        recommendations=_by_step(recommendations),
        exclusions=_by_step(exclusions),
        risks=_by_step(_risks(outcome.fired, knowledge)),
        checklist=_by_step(checklist),
        open_questions=_by_step(questions),
        conflicts=conflicts,
        derived={path: known[path] for path in outcome.asserted_by if path in known},
        firings=outcome.firings,
        facts=known,
    )
