"""The inference engine: facts in, advice out. Pure: no files, no terminal, no pandas.

Forward chaining to a fixpoint. Every rule whose condition is true goes on the agenda; the agenda fires the best rule
first (higher priority, then more specific, then by id), each rule at most once. A rule that asserts a derived fact
wakes only the rules that read that fact, so inference costs one pass over the rules plus the work of the chains.
When firing ends, conflicts are settled by priority and listed: a recommend against an exclude of the same item, two
primary items in one category, two values for one derived fact.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisor.advice import (
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
from advisor.conditions import Evaluator, Trace, compile_condition, fact_paths, format_value, trace_condition
from advisor.enums import Step, Strength
from advisor.errors import RuleCycleError
from advisor.rules import RecommendSpec, Rule

if TYPE_CHECKING:
    from advisor.brief import Brief
    from advisor.knowledge import KnowledgeBase

STEP_ORDER = {step.value: index for index, step in enumerate(Step)}
STRENGTH_RANK = {"primary": 0, "recommended": 1, "consider": 2}
SEVERITY_RANK = {"critical": 0, "high": 1, "moderate": 2, "low": 3}
MAX_VALUE_CHANGES = 3


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    evaluate: Evaluator
    reads: frozenset[str]
    agenda_key: tuple[int, int, str]


@dataclass(frozen=True)
class CompiledRules:
    """Rules ready to run: compiled conditions and, for each fact, the rules that read it."""

    rules: tuple[CompiledRule, ...]
    readers: Mapping[str, tuple[int, ...]]


def compile_rules(rules: tuple[Rule, ...] | list[Rule]) -> CompiledRules:
    compiled = tuple(
        CompiledRule(rule, compile_condition(rule.when), frozenset(fact_paths(rule.when)), rule.agenda_key)
        for rule in rules
    )
    readers: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(compiled):
        for path in item.reads:
            readers[path].append(index)
    return CompiledRules(compiled, {path: tuple(indices) for path, indices in readers.items()})


@dataclass
class _Fired:
    """What one firing contributed, before conflicts are settled."""

    order: int
    rule: Rule
    trace: Trace
    how: str


@dataclass
class _Session:
    """Working memory of one inference run."""

    compiled: CompiledRules
    facts: dict[str, Any]
    max_firings: int
    fired: list[_Fired] = field(default_factory=list)
    asserted_by: dict[str, _Fired] = field(default_factory=dict)
    changes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    conflicts: list[Conflict] = field(default_factory=list)
    firings: list[Firing] = field(default_factory=list)

    def run(self) -> None:
        rules = self.compiled.rules
        matched = [item.evaluate(self.facts) is True for item in rules]
        done = [False] * len(rules)
        agenda = [(rules[index].agenda_key, index) for index, ok in enumerate(matched) if ok]
        heapq.heapify(agenda)
        while agenda:
            _, index = heapq.heappop(agenda)
            if done[index] or not matched[index]:
                continue  # a stale agenda entry: fired already, or a derived fact changed under it
            done[index] = True
            if len(self.fired) >= self.max_firings:
                raise RuleCycleError(
                    f"inference stopped after {self.max_firings} firings", place=f"rule {rules[index].rule.id}"
                )
            for path in self._fire(rules[index].rule):
                for reader in self.compiled.readers.get(path, ()):
                    if done[reader]:
                        continue
                    now = rules[reader].evaluate(self.facts) is True
                    if now and not matched[reader]:
                        heapq.heappush(agenda, (rules[reader].agenda_key, reader))
                    matched[reader] = now

    def _fire(self, rule: Rule) -> Iterator[str]:
        """Record the firing and apply its assertions; yield the derived facts whose value changed."""
        trace = trace_condition(rule.when, self.facts)
        entry = _Fired(order=len(self.fired) + 1, rule=rule, trace=trace, how=explain_trace(trace))
        self.fired.append(entry)
        asserted: dict[str, Any] = {}
        for spec in rule.assertions():
            if self._assert(entry, spec.fact, spec.value):
                asserted[spec.fact] = spec.value
                yield spec.fact
        self.firings.append(Firing(order=entry.order, rule=rule.id, step=rule.step, trace=trace, asserted=asserted))

    def _assert(self, entry: _Fired, path: str, value: Any) -> bool:
        previous = self.facts.get(path)
        if previous == value:
            return False
        if previous is not None:
            holder = self.asserted_by[path]
            keep = holder.rule.priority >= entry.rule.priority
            winner, loser = (holder, entry) if keep else (entry, holder)
            self.conflicts.append(
                Conflict(
                    kind="derived_fact",
                    subject=path,
                    winners=[winner.rule.id],
                    losers=[loser.rule.id],
                    resolution=(
                        f"{path} = {format_value(value if not keep else previous)} kept: "
                        + (
                            "the earlier rule has equal or higher priority"
                            if keep
                            else "the later rule has higher priority"
                        )
                    ),
                )
            )
            if keep:
                return False
        self.changes[path] += 1
        if self.changes[path] > MAX_VALUE_CHANGES:
            raise RuleCycleError(
                f"derived fact {path} changed value {self.changes[path]} times",
                place=f"rule {entry.rule.id}",
                hint="the rules that assert it form a cycle; run 'advisor rules lint'",
            )
        self.facts[path] = value
        self.asserted_by[path] = entry
        return True


def explain_trace(trace: Trace) -> str:
    """One line saying which facts made a condition true, e.g. 'data.imbalance is extreme; data.rows is 5000'."""
    if trace.kind == "always":
        return "always applies"
    parts = [f"{check.fact} is {format_value(check.actual)}" for check in trace.deciding_checks()]
    return "; ".join(dict.fromkeys(parts)) or "always applies"


def _reason(entry: _Fired) -> Reason:
    rule = entry.rule
    return Reason(
        rule=rule.id,
        step=rule.step,
        title=rule.title,
        because=rule.because,
        sources=list(rule.sources),
        how=entry.how,
        priority=rule.priority,
    )


def _settle(session: _Session, knowledge: KnowledgeBase, brief: Brief) -> Advice:
    """Resolve conflicts and build the advice, ordered by workflow step, then firing order."""
    catalog = knowledge.catalog
    recommended: dict[str, list[tuple[_Fired, RecommendSpec]]] = defaultdict(list)
    excluded: dict[str, list[_Fired]] = defaultdict(list)
    for entry in session.fired:
        for spec in entry.rule.recommendations():
            recommended[spec.key].append((entry, spec))
        for ref in entry.rule.exclusions():
            excluded[ref.key].append(entry)

    conflicts = list(session.conflicts)
    for key in [key for key in recommended if key in excluded]:
        for_it = max(entry.rule.priority for entry, _ in recommended[key])
        against = max(entry.rule.priority for entry in excluded[key])
        recommend_ids = sorted({entry.rule.id for entry, _ in recommended[key]})
        exclude_ids = sorted({entry.rule.id for entry in excluded[key]})
        if for_it > against:
            conflicts.append(
                Conflict(
                    kind="recommend_vs_exclude",
                    subject=key,
                    winners=recommend_ids,
                    losers=exclude_ids,
                    resolution="recommended: the recommending rule has higher priority",
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

    recommendations: list[tuple[int, Recommendation]] = []
    for supporters in recommended.values():
        ranked = sorted(supporters, key=lambda pair: (-pair[0].rule.priority, pair[0].order))
        lead, spec = ranked[0]
        strength = min((pair[1].strength for pair in supporters), key=lambda s: STRENGTH_RANK[str(s)])
        note = next((pair[1].note for pair in ranked if pair[1].note), None)
        rule = lead.rule
        recommendations.append(
            (
                lead.order,
                Recommendation(
                    category=spec.category,
                    item=spec.item,
                    label=catalog.label(spec.category, spec.item),
                    strength=strength,
                    step=rule.step,
                    rule=rule.id,
                    title=rule.title,
                    because=rule.because,
                    sources=list(rule.sources),
                    how=lead.how,
                    note=note,
                    priority=rule.priority,
                    supporting=[_reason(entry) for entry, _ in ranked[1:]],
                ),
            )
        )
    recommendations = _one_primary_per_category(recommendations, conflicts)

    exclusions = []
    for key, entries in excluded.items():
        lead = min(entries, key=lambda entry: (-entry.rule.priority, entry.order))
        category, item = key.split(":", 1)
        exclusions.append(
            (
                lead.order,
                Exclusion(
                    category=category,
                    item=item,
                    label=catalog.label(category, item),
                    step=lead.rule.step,
                    rule=lead.rule.id,
                    title=lead.rule.title,
                    because=lead.rule.because,
                    sources=list(lead.rule.sources),
                    how=lead.how,
                ),
            )
        )

    risks_by_key: dict[str, tuple[_Fired, Any]] = {}
    for entry in session.fired:
        for risk in entry.rule.risks():
            held = risks_by_key.get(risk.key)
            if held is None or SEVERITY_RANK[str(risk.severity)] < SEVERITY_RANK[str(held[1].severity)]:
                risks_by_key[risk.key] = (entry, risk)
    risks = [
        (
            entry.order,
            Risk(
                category=risk.category,
                item=risk.item,
                label=catalog.label(risk.category, risk.item),
                severity=risk.severity,
                step=entry.rule.step,
                rule=entry.rule.id,
                title=entry.rule.title,
                because=entry.rule.because,
                sources=list(entry.rule.sources),
                how=entry.how,
            ),
        )
        for entry, risk in risks_by_key.values()
    ]

    checklist: dict[str, tuple[int, ChecklistItem]] = {}
    questions: dict[str, tuple[int, OpenQuestion]] = {}
    for entry in session.fired:
        for text in entry.rule.checklist_items():
            checklist.setdefault(
                text, (entry.order, ChecklistItem(step=entry.rule.step, text=text, rule=entry.rule.id))
            )
        for text in entry.rule.open_questions():
            questions.setdefault(text, (entry.order, OpenQuestion(step=entry.rule.step, text=text, rule=entry.rule.id)))
    for position, question_id in enumerate(brief.skipped):
        question = knowledge.question(question_id)
        if question is not None:
            questions.setdefault(
                question.prompt,
                (
                    len(session.fired) + 1 + position,
                    OpenQuestion(step=question.step, text=question.prompt, question=question.id),
                ),
            )

    def by_step(pairs: list[tuple[int, Any]]) -> list[Any]:
        return [value for _, value in sorted(pairs, key=lambda pair: (STEP_ORDER[str(pair[1].step)], pair[0]))]

    known = {path: value for path, value in session.facts.items() if value is not None}
    derived = {path: known[path] for path in session.asserted_by if path in known}
    return Advice(
        recommendations=by_step(recommendations),
        exclusions=by_step(exclusions),
        risks=by_step(risks),
        checklist=by_step(list(checklist.values())),
        open_questions=by_step(list(questions.values())),
        conflicts=conflicts,
        derived=derived,
        firings=session.firings,
        facts=known,
    )


def _one_primary_per_category(
    recommendations: list[tuple[int, Recommendation]], conflicts: list[Conflict]
) -> list[tuple[int, Recommendation]]:
    primaries: dict[str, list[tuple[int, Recommendation]]] = defaultdict(list)
    for order, recommendation in recommendations:
        if recommendation.strength == Strength.primary:
            primaries[str(recommendation.category)].append((order, recommendation))
    demoted: set[str] = set()
    for category, contenders in primaries.items():
        if len(contenders) < 2:
            continue
        ranked = sorted(contenders, key=lambda pair: (-pair[1].priority, pair[0]))
        winner = ranked[0][1]
        losers = [pair[1] for pair in ranked[1:]]
        demoted |= {loser.key for loser in losers}
        conflicts.append(
            Conflict(
                kind="two_primaries",
                subject=category,
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


def advise(brief: Brief, knowledge: KnowledgeBase, *, max_firings: int = 100_000) -> Advice:
    """Run the rules of `knowledge` on the facts of `brief` and return the settled advice."""
    facts = brief.facts()
    session = _Session(compiled=knowledge.compiled, facts=facts, max_firings=max_firings)
    session.run()
    return _settle(session, knowledge, brief)
