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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisor.errors import RuleCycleError
from advisor.inference.advice import Advice, Conflict, Firing
from advisor.inference.settle import Fired, Outcome, settle
from advisor.knowledge.compiled import CompiledRule, CompiledRules
from advisor.knowledge.conditions import Trace, format_value, trace_condition

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.knowledge.base import KnowledgeBase

MAX_VALUE_CHANGES = 3
UNTRACED = Trace(kind="always", result=None)  # stands in for the trace of a firing nobody will explain


@dataclass(kw_only=True)
class _Session(Outcome):
    """Working memory of one inference run: the outcome being built, plus what drives it."""

    compiled: CompiledRules
    max_firings: int
    traced: bool = True  # False: no trace or explanation per firing (what only a report shows: the slow part)
    recorded: bool = True  # False: no Firing records either (only `fired`, for settling)
    changes: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def run(self, initially: Iterable[int] | None = None) -> None:
        """Fire to a fixpoint. `initially`: the indices of the rules true on the starting facts, when the caller
        already knows them (the linter's gap check reuses them across answer combinations); else all are tested."""
        rules = self.compiled.rules
        if initially is None:
            initially = [index for index, item in enumerate(rules) if item.evaluate(self.facts) is True]
        matched = bytearray(len(rules))
        done = bytearray(len(rules))
        agenda = []
        for index in initially:
            matched[index] = True
            agenda.append((rules[index].agenda_key, index))
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
            for path in self._fire(rules[index]):
                for reader in self.compiled.readers.get(path, ()):
                    if done[reader]:
                        continue
                    now = rules[reader].evaluate(self.facts) is True
                    if now and not matched[reader]:
                        heapq.heappush(agenda, (rules[reader].agenda_key, reader))
                    matched[reader] = now

    def _fire(self, compiled: CompiledRule) -> list[str]:
        """Record the firing and apply its assertions; return the derived facts whose value changed."""
        rule = compiled.rule
        if self.traced:
            trace = trace_condition(rule.when, self.facts)
            entry = Fired(order=len(self.fired) + 1, rule=rule, trace=trace, how=explain_trace(trace))
        else:
            entry = Fired(order=len(self.fired) + 1, rule=rule, trace=UNTRACED, how="")
        self.fired.append(entry)
        asserted: dict[str, Any] = {}
        for spec in compiled.assertions:
            if self._assert(entry, spec.fact, spec.value):
                asserted[spec.fact] = spec.value
        if self.recorded:
            if self.traced:
                firing = Firing(order=entry.order, rule=rule.id, step=rule.step, trace=entry.trace, asserted=asserted)
            else:  # built from our own checked values: validation would only cost time
                firing = Firing.model_construct(
                    order=entry.order, rule=rule.id, step=rule.step, trace=UNTRACED, asserted=asserted
                )
            self.firings.append(firing)
        return list(asserted)

    def _assert(self, entry: Fired, path: str, value: Any) -> bool:
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


def advise(brief: Brief, knowledge: KnowledgeBase, *, max_firings: int = 100_000, explain: bool = True) -> Advice:
    """Run the rules of `knowledge` on the facts of `brief` and return the settled advice.

    `explain=False` leaves out how each rule's condition held (traces, the "how" of each reason): the same advice
    otherwise, for callers that check it rather than show it (the linter's golden cases)."""
    facts = brief.facts()
    session = _Session(compiled=knowledge.compiled, facts=facts, max_firings=max_firings, traced=explain)
    session.run()
    return settle(session, knowledge, brief)


def infer(
    facts: Mapping[str, Any],
    compiled: CompiledRules,
    initially: Iterable[int] | None = None,
    *,
    max_firings: int = 100_000,
) -> list[Fired]:
    """The rules that fire on `facts`, in firing order, without traces: what `advise` settles, for callers that run
    the engine thousands of times and need only what fired (the linter's gap check). `initially` as in `run`."""
    session = _Session(compiled=compiled, facts=dict(facts), max_firings=max_firings, traced=False, recorded=False)
    session.run(initially)
    return session.fired
