"""Conflicts the rule base leaves to chance: two rules that can fire together, disagree, and share a priority."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from advisor.knowledge.conditions import format_value
from advisor.knowledge.rules import Rule
from advisor.lint.findings import Finding
from advisor.lint.satisfiability import Solver

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

HINT = "give one of them a higher priority so the engine's choice is explicit"


def _finding(knowledge: KnowledgeBase, rule: Rule, message: str) -> Finding:
    path, line = knowledge.origin("rule", rule.id)
    return Finding("error", "conflict", message, str(path), line, f"rule {rule.id}", "priority", HINT)


def check_conflicts(knowledge: KnowledgeBase, solver: Solver) -> Iterator[Finding]:
    expanded = {rule.id: solver.expanded(rule) for rule in knowledge.rules}

    def together(left: Rule, right: Rule) -> bool:
        return solver.jointly_satisfiable(expanded[left.id], expanded[right.id]) is not False

    recommenders: dict[str, list[Rule]] = defaultdict(list)
    excluders: dict[str, list[Rule]] = defaultdict(list)
    primaries: dict[str, list[tuple[Rule, str]]] = defaultdict(list)
    assertions: dict[str, list[tuple[Rule, Any]]] = defaultdict(list)
    for rule in knowledge.rules:
        if rule.id in solver.broken:
            continue
        for spec in rule.recommendations():
            recommenders[spec.key].append(rule)
            if str(spec.strength) == "primary":
                primaries[str(spec.category)].append((rule, spec.item))
        for ref in rule.exclusions():
            excluders[ref.key].append(rule)
        for assertion in rule.assertions():
            assertions[assertion.fact].append((rule, assertion.value))

    for key, against in excluders.items():
        for recommender in recommenders.get(key, []):
            for excluder in against:
                if recommender.priority == excluder.priority and together(recommender, excluder):
                    yield _finding(
                        knowledge,
                        recommender,
                        f"recommends {key}, which rule {excluder.id} excludes, at "
                        f"the same priority ({recommender.priority}), and both can fire together",
                    )

    for category, contenders in primaries.items():
        for index, (left, left_item) in enumerate(contenders):
            for right, right_item in contenders[index + 1 :]:
                if (
                    left_item != right_item
                    and left.priority == right.priority
                    and left.id != right.id
                    and together(left, right)
                ):
                    yield _finding(
                        knowledge,
                        left,
                        f"makes {category}:{left_item} primary while rule {right.id} makes "
                        f"{category}:{right_item} primary, at the same priority ({left.priority}), and both "
                        "can fire together",
                    )

    for fact, asserted in assertions.items():
        for index, (left, left_value) in enumerate(asserted):
            for right, right_value in asserted[index + 1 :]:
                if left_value != right_value and left.priority == right.priority and together(left, right):
                    yield _finding(
                        knowledge,
                        left,
                        f"sets {fact} = {format_value(left_value)} while rule {right.id} "
                        f"sets it to {format_value(right_value)}, at the same priority, and both can fire together",
                    )
