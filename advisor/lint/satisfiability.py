"""Decide whether conditions can hold, hold together, or imply one another, by exhaustive finite search.

Conditions only compare facts with constants, so each fact needs only a few representative values to decide any
question about a given set of conditions: for an enum, the values the conditions name plus one they do not; for a
number, every threshold the conditions use and a point in each interval between them; for a list, the subsets of
the values `contains` tests; and always "unknown". Enumerating their product is exact for these conditions.

Derived facts are expanded into the conditions of the rules that assert them (`derived.serving_mode = online`
becomes "any of the conditions of the rules that assert online"), so reachability follows the chains.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from advisor.knowledge.conditions import (
    AllOf,
    AnyOf,
    Condition,
    NotOf,
    Predicate,
)
from advisor.knowledge.facts import FactSpace, FactSpec
from advisor.knowledge.rules import Rule
from advisor.lint.search import Node, compile_node, evaluate, exists, witness

MAX_ASSIGNMENTS = 200_000
MAX_EXPANSION = 200  # asserter conditions substituted into one condition
_OTHER_TEXT = "\u0000other"


@dataclass(frozen=True)
class _Reads:
    """What the search needs of one condition: the values its tests name, by fact (a fact's representative values
    depend on nothing else), how many representative values each fact gets, their product, the condition compiled."""

    named: dict[str, frozenset[Any]]
    counts: dict[str, int]
    size: int
    node: Node


TRUE: Condition = AllOf.model_construct(all_of=[])
FALSE: Condition = AnyOf.model_construct(any_of=[])


def _numeric_candidates(spec: FactSpec, thresholds: list[float]) -> list[Any]:
    points: list[float] = []
    ordered = sorted(set(thresholds))
    if not ordered:
        points = [spec.minimum + 1 if spec.minimum is not None else 1]
    else:
        step = 1 if spec.kind == "integer" else None
        points.append(ordered[0] - (step or max(abs(ordered[0]), 1.0)))
        if spec.minimum is not None and spec.minimum < ordered[0]:
            # A point inside the range below the lowest threshold: `latency_ms lt 30` must find 15 when 0 is excluded.
            points.append(spec.minimum + 1 if step else (spec.minimum + ordered[0]) / 2)
        for low, high in itertools.pairwise(ordered):
            points.append(low)
            middle = low + 1 if step else (low + high) / 2
            if middle < high:
                points.append(middle)
        points.append(ordered[-1])
        points.append(ordered[-1] + (step or max(abs(ordered[-1]), 1.0)))
    if spec.kind == "integer":
        points = [int(point) for point in points if float(point).is_integer()]
    return [point for point in dict.fromkeys(points) if spec.in_range(float(point))]


def _subsets(values: list[Any]) -> list[list[Any]]:
    if len(values) > 6:
        return [[], *[[value] for value in values], list(values)]
    return [list(combo) for size in range(len(values) + 1) for combo in itertools.combinations(values, size)]


def _named_values(tests: list[Predicate]) -> list[Any]:
    """The values the tests name, each once, in order."""
    named: list[Any] = []
    for test in tests:
        if test.op in ("in", "not_in") and isinstance(test.value, list):
            named.extend(test.value)
        elif test.op != "exists":
            named.append(test.value)
    return list(dict.fromkeys(named))


def candidates(spec: FactSpec, tests: list[Predicate]) -> list[Any]:
    """Representative values of one fact for the given predicates on it, "unknown" (None) included."""
    return candidates_named(spec, _named_values(tests))


def candidates_named(spec: FactSpec, named: list[Any]) -> list[Any]:
    """Representative values of one fact whose tests name these values (each once), "unknown" (None) included."""
    if spec.kind == "bool":
        values: list[Any] = [True, False]
    elif spec.kind == "enum":
        others = [value for value in spec.values if value not in named]
        values = [value for value in named if value in spec.values] + others[:1]
    elif spec.is_numeric:
        values = _numeric_candidates(spec, [float(value) for value in named if isinstance(value, (int, float))])
    elif spec.is_list:
        values = _subsets(named)
    else:
        values = [*named, _OTHER_TEXT]
    return [*values, None]


class Solver:
    """Satisfiability over one fact space, with derived facts expanded through the rules that assert them."""

    def __init__(self, space: FactSpace, rules: tuple[Rule, ...] | list[Rule], broken: set[str] | None = None) -> None:
        self.space = space
        # Rules with schema errors cannot be reasoned about: they count as "may fire" so that no rule downstream
        # of them is reported again; the schema error is the finding that matters.
        self.broken = broken or set()
        self._budget = MAX_EXPANSION
        self.asserters: dict[str, list[tuple[Rule, Any]]] = defaultdict(list)
        for rule in rules:
            for assertion in rule.assertions():
                self.asserters[assertion.fact].append((rule, assertion.value))
        # Memos: every check asks about the same expanded conditions, pair after pair. Keys hold the objects they
        # are keyed on (by identity) so that an id is never reused while it is remembered.
        self._expanded: dict[int, tuple[Rule, Condition]] = {}
        self._expansions: dict[tuple[str, str, str, tuple[str, ...]], tuple[Condition, int]] = {}
        self._cuts = 0  # how many tests the budget has left unexpanded so far
        self._read: dict[int, tuple[Condition, _Reads]] = {}
        self._nodes: dict[int, tuple[Condition, Node]] = {}
        self._candidates: dict[tuple[str, frozenset[Any]], list[Any]] = {}
        self._named_parts: dict[int, tuple[Condition, dict[str, frozenset[Any]]]] = {}
        self._joint: dict[tuple[int, int], tuple[Condition, Condition, bool | None]] = {}

    def expanded(self, rule: Rule) -> Condition:
        """`expand(rule.when)`, computed once per rule."""
        found = self._expanded.get(id(rule))
        if found is None:
            found = self._expanded[id(rule)] = (rule, self.expand(rule.when))
        return found[1]

    # --- expansion of derived facts ---------------------------------------------------------------------------------

    def expand(self, condition: Condition | None, stack: tuple[str, ...] = ()) -> Condition:
        """The condition with derived facts replaced by the conditions of the rules that assert them.

        Long chains multiply: each derived test becomes the disjunction of its asserters' conditions, which hold
        derived tests of their own. After MAX_EXPANSION asserter conditions the remaining derived tests stay as they
        are (free: a conservative over-approximation, as for order tests), so the work stays bounded; real rule bases
        stay far below it (the bundled one needs at most 20).
        """
        self._budget = MAX_EXPANSION
        return self._expand(condition, stack)

    def _expand(self, condition: Condition | None, stack: tuple[str, ...]) -> Condition:
        if condition is None:
            return TRUE
        if isinstance(condition, AllOf):
            return AllOf.model_construct(all_of=[self._expand(part, stack) for part in condition.all_of])
        if isinstance(condition, AnyOf):
            return AnyOf.model_construct(any_of=[self._expand(part, stack) for part in condition.any_of])
        if isinstance(condition, NotOf):
            return NotOf.model_construct(negated=self._expand(condition.negated, stack))
        return self._expand_predicate(condition, stack)

    def _expand_predicate(self, predicate: Predicate, stack: tuple[str, ...]) -> Condition:
        """The test expanded, remembered with what it cost: a remembered expansion that no budget cut short is the
        expansion whenever at least that much budget is left (and it is charged the same), so rules that read the
        same derived facts share their expansions. Equal tests (same fact, operator and value) expand alike."""
        spec = self.space.get(predicate.fact)
        if spec is None or spec.origin != "derived":
            return predicate
        key = (predicate.fact, predicate.op, repr(predicate.value), stack)
        found = self._expansions.get(key)
        if found is not None and self._budget >= found[1]:
            self._budget -= found[1]
            return found[0]
        budget, cuts = self._budget, self._cuts
        result = self._expand_test(predicate, stack)
        if self._cuts == cuts:
            self._expansions[key] = (result, budget - self._budget)
        return result

    def _expand_test(self, predicate: Predicate, stack: tuple[str, ...]) -> Condition:
        spec = self.space.get(predicate.fact)
        if spec is None or spec.origin != "derived" or predicate.fact in stack:
            return predicate
        op, value = predicate.op, predicate.value
        chosen: list[tuple[Rule, Any]]
        sources = self.asserters.get(predicate.fact, [])
        if op == "eq":
            chosen = [pair for pair in sources if pair[1] == value]
        elif op == "in":
            chosen = [pair for pair in sources if pair[1] in value]
        elif op == "ne":
            chosen = [pair for pair in sources if pair[1] != value]
        elif op == "not_in":
            chosen = [pair for pair in sources if pair[1] not in value]
        elif op == "exists" and value in (None, True):
            chosen = sources
        else:
            return predicate  # order tests and "exists: false" stay free: a conservative over-approximation
        if self._budget < len(chosen):
            self._cuts += 1
            return predicate  # the expansion budget is spent: this test stays free too
        self._budget -= len(chosen)
        inner = (*stack, predicate.fact)
        return AnyOf.model_construct(
            any_of=[TRUE if rule.id in self.broken else self._expand(rule.when, inner) for rule, _ in chosen]
        )

    # --- search ----------------------------------------------------------------------------------------------------

    def _reads(self, condition: Condition) -> _Reads:
        """What the search needs to know of one condition, worked out once."""
        found = self._read.get(id(condition))
        if found is not None:
            return found[1]
        named = self._named(condition)
        counts = {path: len(self._values(path, values)) for path, values in named.items()}
        reads = _Reads(named, counts, math.prod(counts.values()), compile_node(condition, self._nodes))
        self._read[id(condition)] = (condition, reads)
        return reads

    def _named(self, condition: Condition) -> dict[str, frozenset[Any]]:
        """The values the condition's tests name, by fact; remembered for every part, since expanded conditions
        share their expansions of derived facts (walking each in full would take most of the time)."""
        found = self._named_parts.get(id(condition))
        if found is not None:
            return found[1]
        result: dict[str, frozenset[Any]]
        if isinstance(condition, Predicate):
            result = {condition.fact: frozenset(_named_values([condition]))}
        elif isinstance(condition, NotOf):
            result = self._named(condition.negated)
        else:
            result = {}
            for part in condition.all_of if isinstance(condition, AllOf) else condition.any_of:
                for path, values in self._named(part).items():
                    known = result.get(path)
                    result[path] = values if known is None or known is values else known | values
        self._named_parts[id(condition)] = (condition, result)
        return result

    def _values(self, path: str, named: frozenset[Any]) -> list[Any]:
        """The representative values of a fact whose tests name `named` (in a fixed order: the answers never depend
        on it)."""
        key = (path, named)
        found = self._candidates.get(key)
        if found is None:
            spec = self.space.get(path)
            ordered = sorted(named, key=repr)
            found = self._candidates[key] = candidates_named(spec, ordered) if spec is not None else [None]
        return found

    def _size(self, parts: list[_Reads]) -> int:
        """The size of the product of representative values; for two conditions only the facts both read are
        worked out again (the rest is known from each alone)."""
        if len(parts) == 1:
            return parts[0].size
        if len(parts) != 2:
            return math.prod(len(values) for values in self._domains(parts).values())
        first, second = parts
        size, alone = first.size * second.size, 1
        for path in first.named.keys() & second.named.keys():
            alone *= first.counts[path] * second.counts[path]
            size *= len(self._values(path, first.named[path] | second.named[path]))
        return size // alone

    def _domains(self, parts: list[_Reads]) -> dict[str, list[Any]]:
        """The representative values of every fact the conditions read."""
        domains: dict[str, list[Any]] = {}
        for path in sorted({path for part in parts for path in part.named}):
            named = frozenset().union(*(part.named[path] for part in parts if path in part.named))
            domains[path] = self._values(path, named)
        return domains

    def _searchable(self, *conditions: Condition) -> tuple[dict[str, list[Any]] | None, list[_Reads]]:
        """The domains of the conditions' facts, or None when their product is larger than MAX_ASSIGNMENTS."""
        parts = [self._reads(condition) for condition in conditions]
        if self._size(parts) > MAX_ASSIGNMENTS:
            return None, parts
        return self._domains(parts), parts

    def assignments(self, *conditions: Condition) -> Iterator[Mapping[str, Any]] | None:
        """Every representative assignment of the facts the conditions read, or None when there are too many."""
        domains, _ = self._searchable(*conditions)
        if domains is None:
            return None
        paths = list(domains)
        return (dict(zip(paths, combo, strict=True)) for combo in itertools.product(*domains.values()))

    def satisfiable(self, condition: Condition) -> bool | None:
        """True if some answers make the condition true; None when the search would be too large to run."""
        domains, parts = self._searchable(condition)
        return None if domains is None else exists(domains, [parts[0].node])

    def jointly_satisfiable(self, first: Condition, second: Condition) -> bool | None:
        """Can both hold at once? Remembered per pair: the checks ask about the same pairs of rules."""
        key = (id(first), id(second)) if id(first) <= id(second) else (id(second), id(first))
        found = self._joint.get(key)
        if found is None:
            domains, parts = self._searchable(first, second)
            result = None if domains is None else exists(domains, [part.node for part in parts])
            found = self._joint[key] = (first, second, result)
        return found[2]

    def implies(self, premise: Condition, conclusion: Condition) -> bool | None:
        """True when every answer that makes `premise` true makes `conclusion` true too."""
        domains, parts = self._searchable(premise, conclusion)
        return None if domains is None else not exists(domains, [parts[0].node], [parts[1].node])

    def truth(self, condition: Condition, facts: Mapping[str, Any]) -> bool | None:
        """The condition's truth for one assignment."""
        return evaluate(self._reads(condition).node, facts)

    def witness(self, condition: Condition) -> dict[str, Any] | None:
        """One representative assignment that makes the condition true (None if there is none, or too many to
        search)."""
        domains, parts = self._searchable(condition)
        return None if domains is None else witness(domains, parts[0].node)
