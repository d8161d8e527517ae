"""The graph of facts: cycles among derived facts and dead ends (facts nobody uses, asks or derives)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from advisor.knowledge.conditions import fact_paths
from advisor.lint.findings import Finding

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase


def _derived_edges(knowledge: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    """derived fact read -> [(rule, derived fact asserted)]."""
    edges: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rule in knowledge.rules:
        asserted = [spec.fact for spec in rule.assertions()]
        for read in fact_paths(rule.when):
            spec = knowledge.facts.get(read)
            if spec is not None and spec.origin == "derived":
                edges[read] += [(rule.id, target) for target in asserted]
    return edges


def check_cycles(knowledge: KnowledgeBase) -> Iterator[Finding]:
    edges = _derived_edges(knowledge)
    state: dict[str, str] = {}
    reported: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> Iterator[Finding]:
        state[node] = "open"
        for rule_id, target in edges.get(node, []):
            if state.get(target) == "open":
                cycle = [*path[path.index(target) :], node] if target in path else [node]
                members = frozenset(cycle)
                if members not in reported:
                    reported.add(members)
                    described = " -> ".join([*cycle, target])
                    file, line = knowledge.origin("rule", rule_id)
                    yield Finding(
                        "error",
                        "cycle",
                        f"derived facts form a cycle: {described}",
                        str(file),
                        line,
                        f"rule {rule_id}",
                        "then",
                        "a derived fact must not depend on itself; break the chain",
                    )
            elif target not in state:
                yield from visit(target, [*path, node])
        state[node] = "done"

    for start in sorted(edges):
        if start not in state:
            yield from visit(start, [])


def check_dead_ends(knowledge: KnowledgeBase) -> Iterator[Finding]:
    read: set[str] = set()
    for rule in knowledge.rules:
        read |= fact_paths(rule.when)
    for question in knowledge.questions:
        read |= fact_paths(question.ask_when)
    asserted = {spec.fact for rule in knowledge.rules for spec in rule.assertions()}
    asked = {question.fact for question in knowledge.questions}
    root = knowledge.root / "derived.yaml"
    for name in knowledge.derived:
        path = f"derived.{name}"
        _, line = knowledge.origin("derived", name)
        if path not in asserted:
            yield Finding(
                "error",
                "dead_end",
                f"derived fact {path} is declared but no rule asserts it",
                str(root),
                line,
                f"derived fact {name}",
                None,
                "assert it in a rule or remove the declaration",
            )
        elif path not in read:
            yield Finding(
                "warning",
                "dead_end",
                f"derived fact {path} is asserted but no rule reads it",
                str(root),
                line,
                f"derived fact {name}",
                None,
                "use it in a condition or stop deriving it",
            )
    for path in sorted(read):
        spec = knowledge.facts.get(path)
        if spec is not None and spec.origin == "answer" and path not in asked:
            question_file = knowledge.root / "questions.yaml"
            yield Finding(
                "warning",
                "dead_end",
                f"{path} is read by rules but no question asks it",
                str(question_file),
                None,
                None,
                None,
                "add a question, or it can only come from an answers file",
            )
    used: set[str] = set()
    for rule in knowledge.rules:
        used |= {spec.key for spec in rule.recommendations()}
        used |= {ref.key for ref in rule.exclusions()}
        used |= {risk.key for risk in rule.risks()}
    for key in knowledge.catalog.item_keys():
        if key not in used:
            file, line = knowledge.origin("item", key)
            yield Finding(
                "warning",
                "dead_end",
                "never recommended, excluded or raised by any rule",
                str(file),
                line,
                f"item {key}",
                None,
                "use it in a rule or remove it",
            )
