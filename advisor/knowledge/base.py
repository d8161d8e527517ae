"""The knowledge base: a loaded rule base's rules, questions, catalog, derived facts, golden cases,
sources and fact space, with where each item was written. `advisor.knowledge.load` builds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from advisor.knowledge.bibliography import Bibliography
from advisor.knowledge.cases import GoldenCase
from advisor.knowledge.catalog import Catalog
from advisor.knowledge.compiled import CompiledRules, compile_rules
from advisor.knowledge.derived import DerivedFact
from advisor.knowledge.facts import FactSpace
from advisor.knowledge.questions import Question
from advisor.knowledge.rules import Rule


@dataclass(eq=False)
class KnowledgeBase:
    """A loaded rule base: rules, questions, catalog, derived facts, golden cases and the fact space they use."""

    root: Path
    rules: tuple[Rule, ...] = ()
    questions: tuple[Question, ...] = ()
    catalog: Catalog = field(default_factory=Catalog)
    derived: dict[str, DerivedFact] = field(default_factory=dict)
    cases: tuple[GoldenCase, ...] = ()
    facts: FactSpace = field(default_factory=FactSpace)
    bibliography: Bibliography | None = None
    origins: dict[str, tuple[Path, int | None]] = field(default_factory=dict)

    @cached_property
    def compiled(self) -> CompiledRules:
        return compile_rules(self.rules)

    @cached_property
    def _rules_by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    def rule(self, rule_id: str) -> Rule | None:
        return self._rules_by_id.get(rule_id)

    def question(self, question_id: str) -> Question | None:
        return self._questions_by_id.get(question_id)

    def question_for_fact(self, path: str) -> Question | None:
        return next((question for question in self.questions if question.fact == path), None)

    def origin(self, kind: str, item_id: str) -> tuple[Path, int | None]:
        return self.origins.get(f"{kind}:{item_id}", (self.root, None))

    def where(self, kind: str, item_id: str) -> str:
        path, line = self.origin(kind, item_id)
        return f"{path}:{line}" if line else str(path)
