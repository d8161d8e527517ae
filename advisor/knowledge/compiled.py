"""Rules ready to run: each condition compiled once, and for each fact the rules that read it.

The knowledge base compiles its rules once (`KnowledgeBase.compiled`); the engine only reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from advisor.knowledge.conditions import Evaluator, compile_condition, fact_paths
from advisor.knowledge.rules import AssertSpec, Rule


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    evaluate: Evaluator
    reads: frozenset[str]
    agenda_key: tuple[int, int, str]
    assertions: tuple[AssertSpec, ...] = ()


@dataclass(frozen=True)
class CompiledRules:
    """Rules ready to run: compiled conditions and, for each fact, the rules that read it."""

    rules: tuple[CompiledRule, ...]
    readers: Mapping[str, tuple[int, ...]]


def compile_rules(rules: tuple[Rule, ...] | list[Rule]) -> CompiledRules:
    compiled = tuple(
        CompiledRule(
            rule,
            compile_condition(rule.when),
            frozenset(fact_paths(rule.when)),
            rule.agenda_key,
            tuple(rule.assertions()),
        )
        for rule in rules
    )
    readers: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(compiled):
        for path in item.reads:
            readers[path].append(index)
    return CompiledRules(compiled, {path: tuple(indices) for path, indices in readers.items()})
