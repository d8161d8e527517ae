"""Coverage: golden cases pass, which rules they fire, and where each seed item is carried (coverage.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from advisor.inference.engine import advise
from advisor.knowledge.rules import RULE_ID_PATTERN
from advisor.lint.config_files import read_model
from advisor.lint.findings import Finding
from advisor.util.suggest import did_you_mean

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase


class SeedItem(BaseModel):
    """One question or checklist item of a seed document, in our words, and what carries it in the product."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=RULE_ID_PATTERN)
    seed: str = Field(min_length=3)
    text: str = Field(min_length=5)
    questions: list[str] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list)
    out_of_scope: str | None = None


class SeedCoverage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    items: list[SeedItem] = Field(min_length=1)


def fired_by_cases(knowledge: KnowledgeBase) -> tuple[set[str], list[Finding]]:
    """Run every golden case; return the rules they fire and a finding per failing expectation."""
    fired: set[str] = set()
    findings: list[Finding] = []
    for case in knowledge.cases:
        advice = advise(case.brief, knowledge, explain=False)
        fired |= {firing.rule for firing in advice.firings}
        path, line = knowledge.origin("case", case.id)
        findings += [
            Finding("error", "golden_case", failure, str(path), line, f"case {case.id}")
            for failure in case.failures(advice)
        ]
    return fired, findings


def check_seed_coverage(knowledge: KnowledgeBase, fired: set[str]) -> Iterator[Finding]:
    path = knowledge.root / "coverage.yaml"
    coverage, document, findings = read_model(path, SeedCoverage, "seed_coverage")
    yield from findings
    if coverage is None or document is None:
        return
    rule_ids = [rule.id for rule in knowledge.rules]
    question_ids = [question.id for question in knowledge.questions]
    seen: set[str] = set()
    for index, item in enumerate(coverage.items):
        line = document.line_of(("items", index))

        def problem(message: str, hint: str | None = None, *, entry: str = item.id, at: int | None = line) -> Finding:
            return Finding("error", "seed_coverage", message, str(path), at, f"seed item {entry}", None, hint)

        if item.id in seen:
            yield problem(f"duplicate seed item id '{item.id}'")
        seen.add(item.id)
        if item.out_of_scope is not None:
            continue
        if not item.questions and not item.rules:
            yield problem("maps to no question and no rule", "name the questions or rules that carry it")
        for rule_id in item.rules:
            if knowledge.rule(rule_id) is None:
                yield problem(f"no rule '{rule_id}'", did_you_mean(rule_id, rule_ids))
        for question_id in item.questions:
            if knowledge.question(question_id) is None:
                yield problem(f"no question '{question_id}'", did_you_mean(question_id, question_ids))
        if item.rules and not item.questions and not any(rule_id in fired for rule_id in item.rules):
            yield problem("maps only to rules that no golden case fires", "add a golden case that fires one of them")
