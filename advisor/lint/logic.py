"""Rules that can never fire, and rules that add nothing: contradictions, unreachable, duplicate and subsumed rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from advisor.knowledge.conditions import AllOf, AnyOf, Condition, Predicate, fact_paths, predicates
from advisor.knowledge.rules import Rule
from advisor.lint.findings import Finding
from advisor.lint.satisfiability import Solver

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

ActionKey = tuple[Any, ...]


def action_keys(rule: Rule) -> frozenset[ActionKey]:
    """What a rule does, as comparable tuples."""
    keys: set[ActionKey] = set()
    keys |= {("recommend", spec.key, str(spec.strength)) for spec in rule.recommendations()}
    keys |= {("exclude", ref.key) for ref in rule.exclusions()}
    keys |= {("assert", spec.fact, repr(spec.value)) for spec in rule.assertions()}
    keys |= {("risk", spec.key, str(spec.severity)) for spec in rule.risks()}
    keys |= {("checklist", text) for text in rule.checklist_items()}
    keys |= {("question", text) for text in rule.open_questions()}
    return frozenset(keys)


def _finding(
    knowledge: KnowledgeBase, rule: Rule, check: str, message: str, hint: str | None = None, *, severity: str = "error"
) -> Finding:
    path, line = knowledge.origin("rule", rule.id)
    return Finding(severity, check, message, str(path), line, f"rule {rule.id}", "when", hint)  # type: ignore[arg-type]


def _missing_derivations(knowledge: KnowledgeBase, solver: Solver, rule: Rule) -> list[str]:
    missing = []
    for test in predicates(rule.when):
        spec = knowledge.facts.get(test.fact)
        if spec is None or spec.origin != "derived" or test.op not in ("eq", "in"):
            continue
        wanted = test.value if isinstance(test.value, list) else [test.value]
        produced = {repr(value) for _, value in solver.asserters.get(test.fact, [])}
        missing += [f"{test.fact} = {value}" for value in wanted if repr(value) not in produced]
    return missing


def check_reachability(knowledge: KnowledgeBase, solver: Solver) -> Iterator[Finding]:
    for rule in knowledge.rules:
        if rule.when is None or rule.id in solver.broken:
            continue
        alone = solver.satisfiable(rule.when)
        if alone is None:
            yield _finding(
                knowledge,
                rule,
                "contradiction",
                "too many answer combinations to check this condition",
                "split it into smaller rules",
                severity="warning",
            )
            continue
        if not alone:
            yield _finding(
                knowledge,
                rule,
                "contradiction",
                "self-contradictory condition: no answers make it true",
                "look for two tests of one fact that exclude each other",
            )
            continue
        if solver.satisfiable(solver.expanded(rule)) is False:
            missing = _missing_derivations(knowledge, solver, rule)
            detail = (
                f"no rule asserts {', '.join(missing)}"
                if missing
                else "the rules that derive its facts never fire together with it"
            )
            yield _finding(
                knowledge,
                rule,
                "unreachable",
                f"unreachable rule: {detail}",
                "assert the derived value in some rule, or change this condition",
            )


def required_facts(condition: Condition | None) -> frozenset[str]:
    """Facts that must be known for the condition to be true (an unknown fact makes every test but a negative
    `exists` unknown, never true)."""
    if isinstance(condition, Predicate):
        value = condition.value
        absent = condition.op == "exists" and not (value is None or bool(value))
        return frozenset() if absent else frozenset({condition.fact})
    if isinstance(condition, AllOf):
        return frozenset().union(*(required_facts(part) for part in condition.all_of))
    if isinstance(condition, AnyOf) and condition.any_of:
        return frozenset.intersection(*(required_facts(part) for part in condition.any_of))
    return frozenset()  # a negation, or nothing: no claim


def check_redundancy(knowledge: KnowledgeBase, solver: Solver) -> Iterator[Finding]:
    """Duplicates (same condition, same actions) and subsumed rules (a broader rule already does all they do).

    Most pairs are ruled out without a full search: an answer that makes `second` true (found once per rule) serves
    as a counterexample. If `first` needs a fact that `second` never reads, a witness leaves it unknown; otherwise the
    witnesses are tried on `first`. Only the pairs that survive are searched in full.
    """
    by_action: dict[ActionKey, list[Rule]] = defaultdict(list)
    actions = {rule.id: action_keys(rule) for rule in knowledge.rules}
    for rule in knowledge.rules:
        if rule.id in solver.broken:
            continue
        for key in actions[rule.id]:
            by_action[key].append(rule)
    expanded = {rule.id: solver.expanded(rule) for rule in knowledge.rules}
    reads = {rule_id: fact_paths(condition) for rule_id, condition in expanded.items()}
    required = {rule_id: required_facts(condition) for rule_id, condition in expanded.items()}
    witnesses: dict[str, list[Mapping[str, Any]]] = {}

    def implies(premise: str, conclusion: str) -> bool | None:
        if premise not in witnesses:
            found = solver.witness(expanded[premise])
            witnesses[premise] = [] if found is None else [found]
        if witnesses[premise] and not required[conclusion] <= reads[premise]:
            return False
        if any(solver.truth(expanded[conclusion], facts) is not True for facts in witnesses[premise]):
            return False
        return solver.implies(expanded[premise], expanded[conclusion])

    seen: set[tuple[str, str]] = set()
    for group in by_action.values():
        for first in group:
            for second in group:
                pair = (first.id, second.id)
                if first.id == second.id or pair in seen:
                    continue
                seen.add(pair)
                # Is `second` redundant because `first` does everything it does whenever it fires?
                if not actions[second.id] <= actions[first.id]:
                    continue
                if implies(second.id, first.id) is not True:
                    continue
                same = actions[second.id] == actions[first.id] and implies(first.id, second.id) is True
                if same and (second.id, first.id) in seen and first.id < second.id:
                    continue
                if same:
                    yield _finding(
                        knowledge,
                        second,
                        "duplicate",
                        f"duplicates rule {first.id}: same condition, same actions",
                        "remove one of them",
                    )
                else:
                    yield _finding(
                        knowledge,
                        second,
                        "subsumed",
                        f"subsumed by rule {first.id}: whenever this rule fires, {first.id} fires too and "
                        "does everything this rule does",
                        "remove it, or give it an action of its own",
                    )
