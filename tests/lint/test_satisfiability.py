"""The solver's fast paths (remembered expansions and counts, the splitting search, one witness per rule) answer
exactly what the plain definitions answer: every assignment of the representative product tried in turn, every
expansion worked out afresh. Checked on random conditions and on small random rule bases with planted redundant
pairs, conflicts, contradictions and unreachable rules, over the real fact space."""

from __future__ import annotations

import itertools
import json
import random
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.conditions import AllOf, Condition, compile_condition
from advisor.knowledge.load import inspect_knowledge
from advisor.knowledge.rules import Rule
from advisor.lint import satisfiability
from advisor.lint.conflicts import check_conflicts
from advisor.lint.logic import check_reachability, check_redundancy
from advisor.lint.near_duplicates import check_near_duplicates
from advisor.lint.satisfiability import Solver

LINT_FIXTURES = Path(__file__).parent.parent / "fixtures" / "lint"
METRICS, FAMILIES = ["m1", "m2", "m3"], ["f1", "f2"]


class PlainSolver(Solver):
    """The definitions, without memory or search: expansions afresh, every assignment of the product tried."""

    def expanded(self, rule: Rule) -> Condition:
        return self.expand(rule.when)

    def _expand_predicate(self, predicate: Any, stack: tuple[str, ...]) -> Condition:
        return self._expand_test(predicate, stack)

    def satisfiable(self, condition: Condition) -> bool | None:
        found = self.assignments(condition)
        check = compile_condition(condition)
        return None if found is None else any(check(facts) is True for facts in found)

    def jointly_satisfiable(self, first: Condition, second: Condition) -> bool | None:
        found = self.assignments(first, second)
        check = compile_condition(AllOf.model_construct(all_of=[first, second]))
        return None if found is None else any(check(facts) is True for facts in found)

    def implies(self, premise: Condition, conclusion: Condition) -> bool | None:
        found = self.assignments(premise, conclusion)
        if found is None:
            return None
        check_premise, check_conclusion = compile_condition(premise), compile_condition(conclusion)
        return all(check_conclusion(facts) is True for facts in found if check_premise(facts) is True)

    def witness(self, condition: Condition) -> dict[str, Any] | None:
        check = compile_condition(condition)
        return next((dict(facts) for facts in self.assignments(condition) or () if check(facts) is True), None)

    def truth(self, condition: Condition, facts: Mapping[str, Any]) -> bool | None:
        return compile_condition(condition)(facts)


def _test(rng: random.Random) -> dict[str, Any]:
    return rng.choice(
        [
            lambda: {"fact": "problem.task_type", "op": "eq", "value": rng.choice(["regression", "clustering"])},
            lambda: {"fact": "problem.task_type", "op": "ne", "value": "ranking"},
            lambda: {"fact": "data.rows", "op": rng.choice(["lt", "ge", "gt"]), "value": rng.choice([50, 10000])},
            lambda: {"fact": "data.imbalance", "op": rng.choice(["in", "not_in"]), "value": ["mild", "severe"]},
            lambda: {"fact": "serving.latency_ms", "op": rng.choice(["lt", "ge"]), "value": rng.choice([30, 1000])},
            lambda: {"fact": "data.imbalance", "op": "exists", "value": rng.choice([True, False])},
            lambda: {"fact": "derived.flag", "op": "eq", "value": True},
            lambda: {"fact": "derived.mode", "op": "eq", "value": rng.choice(["x", "y"])},
        ]
    )()


def _condition(rng: random.Random, depth: int = 0) -> dict[str, Any]:
    roll = rng.random()
    if depth >= 2 or roll < 0.35:
        return _test(rng)
    if roll < 0.45:
        return {"not": _condition(rng, depth + 1)}
    return {rng.choice(["all", "any"]): [_condition(rng, depth + 1) for _ in range(rng.randint(1, 3))]}


def _rule(index: int, when: dict[str, Any], then: list[dict[str, Any]], priority: int, title: str) -> dict[str, Any]:
    return {
        "id": f"random.rule_{index:03d}",
        "step": "models",
        "title": title,
        "priority": priority,
        "when": when,
        "then": then,
        "because": "A random rule for the equivalence test.",
        "sources": ["fixture"],
    }


def _random_base(rng: random.Random, folder: Path) -> KnowledgeBase:
    """Forty random rules (derived facts asserted by some, read by others), then planted findings: an exact copy
    (duplicate), a narrower copy (subsumed), a rule excluding what another recommends at its priority (conflict),
    two contradictory tests (contradiction), a derived value nobody asserts (unreachable); titles repeat."""
    rules = []
    for index in range(40):
        then: list[dict[str, Any]] = [
            {"recommend": {"category": "metric", "item": rng.choice(METRICS), "strength": "primary"}}
        ]
        if rng.random() < 0.3:
            then.append({"exclude": {"category": "model_family", "item": rng.choice(FAMILIES)}})
        if index < 8:
            then.append({"assert": {"fact": "derived.flag", "value": True}})
        elif index < 14:
            then.append({"assert": {"fact": "derived.mode", "value": "x"}})
        when = _condition(rng)
        if index < 14:  # the asserters read only answers: chains, never a cycle
            when = {"all": [_test(rng) for _ in range(2)]}
            for test in when["all"]:
                if test["fact"].startswith("derived."):
                    test.update({"fact": "data.rows", "op": "ge", "value": 10})
        rules.append(_rule(index, when, then, rng.choice([40, 50]), rng.choice(["Same title", f"Title {index}"])))
    planted = [
        _rule(40, rules[20]["when"], rules[20]["then"], 50, "Same title"),
        _rule(41, {"all": [rules[21]["when"], _test(rng)]}, rules[21]["then"], 50, "Same title"),
        _rule(42, rules[22]["when"], [{"exclude": {"category": "metric", "item": "m1"}}], 50, "Excludes m1"),
        _rule(
            43,
            {"all": [{"fact": "data.rows", "op": "lt", "value": 50}, {"fact": "data.rows", "op": "ge", "value": 50}]},
            [{"checklist": "Never shown"}],
            50,
            "Contradiction",
        ),
        _rule(44, {"fact": "derived.mode", "op": "eq", "value": "y"}, [{"checklist": "Never"}], 50, "Unreachable"),
        _rule(45, rules[22]["when"], [{"recommend": {"category": "metric", "item": "m1"}}], 50, "Recommends m1"),
    ]
    both = [{"fact": "derived.mode", "op": "eq", "value": "x"}, {"fact": "derived.flag", "op": "eq", "value": True}]
    for index, tests in ((46, both), (47, both[::-1])):  # both derived facts, in either order
        planted.append(_rule(index, {"all": [*tests, _test(rng)]}, [{"checklist": "Both derived"}], 50, "Both"))
    shutil.copytree(LINT_FIXTURES / "_base", folder)
    catalog = {
        "catalog": {
            "metric": {item: {"label": f"Metric {item}", "description": "A metric for the test."} for item in METRICS},
            "model_family": {
                item: {"label": f"Family {item}", "description": "A family for the test."} for item in FAMILIES
            },
        }
    }
    (folder / "catalog.yaml").write_text(yaml.safe_dump(catalog), encoding="utf-8")
    document = json.loads(json.dumps({"rules": rules + planted}))  # shared parts would be written as YAML aliases
    (folder / "rules.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    knowledge, problems = inspect_knowledge(folder)
    assert not problems and len(knowledge.rules) == len(rules) + len(planted), problems
    return knowledge


@pytest.mark.parametrize(
    ("seed", "budget", "assignments"), [(0, None, None), (1, None, 40), (2, 9, None), (3, 12, 200), (4, 9, 40)]
)
def test_the_checks_find_what_the_plain_definitions_find(
    seed: int, budget: int | None, assignments: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With small limits too: an expansion budget of 9 or 12 expands one of derived.flag (8 asserters) and
    derived.mode (6) but not both, so remembered expansions meet budgets that must cut them short; a small
    MAX_ASSIGNMENTS makes many questions too large, so the sizes worked out from each rule alone are tested."""
    if budget is not None:
        monkeypatch.setattr(satisfiability, "MAX_EXPANSION", budget)
    if assignments is not None:
        monkeypatch.setattr(satisfiability, "MAX_ASSIGNMENTS", assignments)
    knowledge = _random_base(random.Random(seed), tmp_path / "rules")

    def run(solver: Solver) -> list[Any]:
        return [
            *check_reachability(knowledge, solver),
            *check_redundancy(knowledge, solver),
            *check_conflicts(knowledge, solver),
            *check_near_duplicates(knowledge, solver),
        ]

    solver, plain = Solver(knowledge.facts, knowledge.rules), PlainSolver(knowledge.facts, knowledge.rules)
    for rule in knowledge.rules:
        assert solver.expanded(rule) == plain.expand(rule.when), rule.id
    fast = run(solver)
    assert fast == run(plain)
    found = {finding.check for finding in fast}
    assert {"duplicate", "subsumed", "conflict", "contradiction", "unreachable", "near_duplicate"} <= found, found


@pytest.mark.parametrize(("seed", "assignments"), [(0, None), (1, 30), (2, 100)])
def test_solver_answers_match_the_product_on_random_conditions(
    seed: int, assignments: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random nested conditions (negations, unknowns, derived facts expanded or not), one by one and in pairs; with
    a small MAX_ASSIGNMENTS too, so that some questions are too large and the solver must say so (None)."""
    if assignments is not None:
        monkeypatch.setattr(satisfiability, "MAX_ASSIGNMENTS", assignments)
    rng = random.Random(seed)
    knowledge = _random_base(random.Random(seed + 10), tmp_path / "rules")
    fast, plain = Solver(knowledge.facts, knowledge.rules), PlainSolver(knowledge.facts, knowledge.rules)
    conditions: list[Condition] = []
    for _ in range(30):
        rule = Rule.model_validate(_rule(0, _condition(rng), [{"checklist": "Check it"}], 50, "A condition"))
        assert rule.when is not None
        conditions += [rule.when, fast.expand(rule.when)]
    outcomes = set()
    for condition in conditions:
        assert fast.satisfiable(condition) == plain.satisfiable(condition)
        found = fast.witness(condition)
        assert (found is not None) == (plain.satisfiable(condition) is True)
        if found is not None:
            assert compile_condition(condition)(found) is True
    for first, second in itertools.product(conditions[:24], repeat=2):
        implied = fast.implies(first, second)
        assert implied == plain.implies(first, second)
        assert fast.jointly_satisfiable(first, second) == plain.jointly_satisfiable(first, second)
        outcomes.add(implied)
    assert outcomes == ({True, False} if assignments is None else {True, False, None})
