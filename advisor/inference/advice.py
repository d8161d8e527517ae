"""What the engine returns: recommendations, exclusions, risks, checklist, open questions, conflicts and the trace."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.brief.enums import SEVERITY_RANK, Category, Severity, Step, Strength
from advisor.knowledge.conditions import Trace


class AdviceModel(BaseModel):
    model_config = ConfigDict(frozen=True, use_enum_values=True)


class Reason(AdviceModel):
    """A rule behind an item: its title, rationale, sources and the facts that made it fire."""

    rule: str
    step: Step
    title: str
    because: str
    sources: list[str]
    how: str
    priority: int


class Attributed(AdviceModel):
    """What every piece of advice says about where it comes from: the lead rule and its reasoning."""

    step: Step
    rule: str
    title: str
    because: str
    sources: list[str]
    how: str


class CatalogAdvice(Attributed):
    """Advice about one catalog item (recommended, excluded or a risk), known by its category and id."""

    category: Category
    item: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.category}:{self.item}"


class Recommendation(CatalogAdvice):
    strength: Strength
    note: str | None = None
    priority: int = 50
    supporting: list[Reason] = Field(default_factory=list)


class Exclusion(CatalogAdvice):
    pass


class Risk(CatalogAdvice):
    severity: Severity


class ChecklistItem(AdviceModel):
    step: Step
    text: str
    rule: str


class OpenQuestion(AdviceModel):
    step: Step
    text: str
    rule: str | None = None
    question: str | None = None


class Conflict(AdviceModel):
    """Two rules that disagreed, who won and why. Conflicts are always reported, never dropped silently."""

    kind: Literal["recommend_vs_exclude", "two_primaries", "derived_fact"]
    subject: str
    winners: list[str]
    losers: list[str]
    resolution: str


class Firing(AdviceModel):
    """One rule that fired: when (order), on what facts (trace) and what it derived."""

    order: int
    rule: str
    step: Step
    trace: Trace
    asserted: dict[str, Any] = Field(default_factory=dict)


class Advice(AdviceModel):
    recommendations: list[Recommendation] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    derived: dict[str, Any] = Field(default_factory=dict)
    firings: list[Firing] = Field(default_factory=list)
    facts: dict[str, Any] = Field(default_factory=dict, description="The known facts inference ended with.")

    def primary(self, category: str = "metric") -> Recommendation | None:
        for recommendation in self.recommendations:
            if recommendation.category == category and recommendation.strength == Strength.primary:
                return recommendation
        return None

    def items(self, category: str) -> list[Recommendation]:
        return [r for r in self.recommendations if r.category == category]

    def recommendation(self, key: str) -> Recommendation | None:
        return next((r for r in self.recommendations if r.key == key), None)

    def is_excluded(self, key: str) -> bool:
        return any(exclusion.key == key for exclusion in self.exclusions)

    def risk(self, key: str) -> Risk | None:
        return next((risk for risk in self.risks if risk.key == key), None)

    def fired(self, rule_id: str) -> bool:
        return any(firing.rule == rule_id for firing in self.firings)

    def firing(self, rule_id: str) -> Firing | None:
        return next((firing for firing in self.firings if firing.rule == rule_id), None)

    def top_risks(self, limit: int = 5) -> list[Risk]:
        ranked = sorted(self.risks, key=lambda risk: -SEVERITY_RANK[str(risk.severity)])
        return ranked[:limit]
