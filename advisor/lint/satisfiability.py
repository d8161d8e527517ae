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
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from advisor.knowledge.conditions import (
    AllOf,
    AnyOf,
    Condition,
    NotOf,
    Predicate,
    compile_condition,
    predicates,
    test_predicate,
)
from advisor.knowledge.facts import FactSpace, FactSpec
from advisor.knowledge.rules import Rule

MAX_ASSIGNMENTS = 200_000
MAX_EXPANSION = 200  # asserter conditions substituted into one condition
_OTHER_TEXT = "\u0000other"

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


def candidates(spec: FactSpec, tests: list[Predicate]) -> list[Any]:
    """Representative values of one fact for the given predicates on it, "unknown" (None) included."""
    named: list[Any] = []
    for test in tests:
        if test.op in ("in", "not_in") and isinstance(test.value, list):
            named.extend(test.value)
        elif test.op != "exists":
            named.append(test.value)
    named = list(dict.fromkeys(named))
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
            return predicate  # the expansion budget is spent: this test stays free too
        self._budget -= len(chosen)
        inner = (*stack, predicate.fact)
        return AnyOf.model_construct(
            any_of=[TRUE if rule.id in self.broken else self._expand(rule.when, inner) for rule, _ in chosen]
        )

    # --- search ----------------------------------------------------------------------------------------------------

    def _domains(self, *conditions: Condition) -> tuple[dict[str, list[Predicate]], dict[str, list[Any]], int]:
        tests: dict[str, list[Predicate]] = defaultdict(list)
        for condition in conditions:
            for predicate in predicates(condition):
                tests[predicate.fact].append(predicate)
        domains: dict[str, list[Any]] = {}
        size = 1
        for path in sorted(tests):
            spec = self.space.get(path)
            domains[path] = candidates(spec, tests[path]) if spec is not None else [None]
            size *= len(domains[path])
        return tests, domains, size

    def assignments(self, *conditions: Condition) -> Iterator[Mapping[str, Any]] | None:
        """Every representative assignment of the facts the conditions read, or None when there are too many."""
        _, domains, size = self._domains(*conditions)
        if size > MAX_ASSIGNMENTS:
            return None
        paths = list(domains)
        return (dict(zip(paths, combo, strict=True)) for combo in itertools.product(*domains.values()))

    def satisfiable(self, condition: Condition) -> bool | None:
        """True if some answers make the condition true; None when the search would be too large to run."""
        found = self.assignments(condition)
        if found is None:
            return None
        check = compile_condition(condition)
        return any(check(facts) is True for facts in found)

    def jointly_satisfiable(self, first: Condition, second: Condition) -> bool | None:
        return self.satisfiable(AllOf.model_construct(all_of=[first, second]))

    def implies(self, premise: Condition, conclusion: Condition) -> bool | None:
        """True when every answer that makes `premise` true makes `conclusion` true too."""
        _, domains, size = self._domains(premise, conclusion)
        if size > MAX_ASSIGNMENTS:
            return None
        branches = _branches(premise)
        if branches is not None:
            return _implied_by_branches(branches, conclusion, domains)
        found = (dict(zip(domains, combo, strict=True)) for combo in itertools.product(*domains.values()))
        check_premise, check_conclusion = compile_condition(premise), compile_condition(conclusion)
        return all(check_conclusion(facts) is True for facts in found if check_premise(facts) is True)


MAX_BRANCHES = 256


def _branches(condition: Condition) -> list[list[Predicate]] | None:
    """The condition as a disjunction of conjunctions of single tests (None with a negation or too many)."""
    if isinstance(condition, Predicate):
        return [[condition]]
    if isinstance(condition, AnyOf):
        result: list[list[Predicate]] = []
        for part in condition.any_of:
            branches = _branches(part)
            if branches is None or len(result) + len(branches) > MAX_BRANCHES:
                return None
            result += branches
        return result
    if isinstance(condition, AllOf):
        combined: list[list[Predicate]] = [[]]
        for part in condition.all_of:
            branches = _branches(part)
            if branches is None or len(combined) * len(branches) > MAX_BRANCHES:
                return None
            combined = [left + right for left in combined for right in branches]
        return combined
    return None


def _implied_by_branches(
    branches: list[list[Predicate]], conclusion: Condition, domains: Mapping[str, list[Any]]
) -> bool:
    """Does each branch (a conjunction of tests) imply `conclusion`? A branch only limits the facts it tests, each on
    its own, so the conclusion is searched over its own facts alone, within the values the branch allows: the same
    representative values as the full product, without the facts the conclusion does not read."""
    check = compile_condition(conclusion)
    read = sorted({predicate.fact for predicate in predicates(conclusion)})
    for branch in branches:
        given: dict[str, list[Predicate]] = defaultdict(list)
        for test in branch:
            given[test.fact].append(test)
        allowed = {
            path: [value for value in domains[path] if all(test_predicate(t, value) is True for t in given[path])]
            for path in {*given, *read}
        }
        if any(not allowed[path] for path in given):
            continue  # this branch is never true: it implies anything
        for combo in itertools.product(*(allowed[path] for path in read)):
            if check(dict(zip(read, combo, strict=True))) is not True:
                return False
    return True
