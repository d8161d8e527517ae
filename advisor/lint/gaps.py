"""The gap check: every combination of the key answers must get a primary metric and a model family.

`gaps.yaml` names the dimensions (facts) and their values (`all` for every value of an enum or yes/no fact, or a
list of representative values, e.g. one row count per data-size band), what each combination requires, and any
exemptions (with a reason). The check runs the real engine on every combination, so it sees chains and conflicts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.brief import Brief
from advisor.conditions import Condition, compile_condition, format_value
from advisor.engine import advise
from advisor.enums import Category, Strength
from advisor.lint.config_files import read_model
from advisor.lint.findings import Finding

if TYPE_CHECKING:
    from advisor.knowledge import KnowledgeBase

MAX_REPORTED = 12


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    category: Category
    strength: Strength | None = None

    def describe(self) -> str:
        noun = self.category.value.replace("_", " ")
        return f"{self.strength.value} {noun}" if self.strength is not None else noun


class Exemption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    when: Condition
    skip: list[Category] = Field(min_length=1)
    because: str = Field(min_length=10)


class GapConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    dimensions: dict[str, Literal["all"] | list[Any]] = Field(min_length=1)
    include_unknown: bool = False
    require: list[Requirement] = Field(min_length=1)
    exempt: list[Exemption] = Field(default_factory=list)


def _values(knowledge: KnowledgeBase, path: str, setting: Any, include_unknown: bool) -> list[Any] | None:
    spec = knowledge.facts.get(path)
    if spec is None:
        return None
    if setting == "all":
        values: list[Any] = list(spec.values) if spec.kind == "enum" else ([True, False] if spec.kind == "bool" else [])
    else:
        values = list(setting)
    return [*values, None] if include_unknown else values


def _brief_for(assignment: dict[str, Any]) -> Brief:
    nested: dict[str, dict[str, Any]] = {}
    for path, value in assignment.items():
        section, name = path.split(".", 1)
        if value is not None:
            nested.setdefault(section, {})[name] = value
    return Brief.model_validate(nested)


def _valid(fact: str, value: Any) -> bool:
    try:
        _brief_for({fact: value})
    except ValueError:
        return False
    return True


def check_gaps(knowledge: KnowledgeBase) -> tuple[Iterator[Finding], int]:
    path = knowledge.root / "gaps.yaml"
    config, document, findings = read_model(path, GapConfig, "gaps")
    if config is None:
        if not findings:
            findings = [Finding("info", "gaps", "no gaps.yaml: the gap check did not run", str(path))]
        return iter(findings), 0
    axes: list[tuple[str, list[Any]]] = []
    for fact, setting in config.dimensions.items():
        values = _values(knowledge, fact, setting, config.include_unknown)
        line = document.line_of(("dimensions", fact)) if document else None
        if values is None:
            findings.append(Finding("error", "gaps", f"unknown fact '{fact}'", str(path), line, None, "dimensions"))
        elif not values:
            findings.append(
                Finding("error", "gaps", f"{fact} is not an enum or yes/no fact: list its values", str(path), line)
            )
        else:
            wrong = [value for value in values if value is not None and not _valid(fact, value)]
            if wrong:
                findings.append(Finding("error", "gaps", f"invalid value {wrong[0]!r} for {fact}", str(path), line))
            else:
                axes.append((fact, values))
    if any(finding.severity == "error" for finding in findings):
        return iter(findings), 0
    exemptions = [(compile_condition(exemption.when), set(exemption.skip)) for exemption in config.exempt]
    gaps: list[str] = []
    count = 0
    for combo in itertools.product(*[values for _, values in axes]):
        assignment = dict(zip([fact for fact, _ in axes], combo, strict=True))
        brief = _brief_for(assignment)
        facts = brief.facts()
        skipped: set[Category] = set()
        for condition, skip in exemptions:
            if condition(facts) is True:
                skipped |= skip
        advice = advise(brief, knowledge)
        count += 1
        for requirement in config.require:
            if requirement.category in skipped:
                continue
            items = advice.items(requirement.category.value)
            if requirement.strength is not None:
                items = [item for item in items if item.strength == requirement.strength.value]
            if not items:
                described = ", ".join(f"{fact} = {format_value(value)}" for fact, value in assignment.items())
                gaps.append(f"no {requirement.describe()} when {described}")
    for message in gaps[:MAX_REPORTED]:
        findings.append(
            Finding(
                "error",
                "gaps",
                message,
                str(path),
                None,
                None,
                None,
                "add a rule for this combination, or an exemption with a reason",
            )
        )
    if len(gaps) > MAX_REPORTED:
        findings.append(Finding("error", "gaps", f"... and {len(gaps) - MAX_REPORTED} more gaps", str(path)))
    return iter(findings), count
