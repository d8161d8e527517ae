"""The rubric of a scenario: the engine's own advice for the scenario's brief, as items a written answer can cover.

Nothing here is listed per scenario. Every recommendation (primary, recommended, consider), exclusion, risk and
derived fact (the serving mode, rare positives, on-device) of the advice becomes an item with a weight, the step it
belongs to, the phrases that name it and the rule's rationale, so the rubric grows with the rule base.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from advisor.brief.enums import STEP_ORDER, Category
from advisor.practice.concepts import ConceptBook, derived_key

if TYPE_CHECKING:
    from advisor.inference.advice import Advice, Exclusion, Recommendation, Risk
    from advisor.knowledge.base import KnowledgeBase

ItemKind = Literal["primary", "recommended", "consider", "exclusion", "risk", "derived"]

KIND_WEIGHT: dict[str, float] = {
    "primary": 3.0,
    "recommended": 2.0,
    "consider": 1.0,
    "exclusion": 2.0,
    "derived": 1.0,
}
RISK_WEIGHT: dict[str, float] = {"low": 1.0, "moderate": 1.0, "high": 2.0, "critical": 3.0}
ESSENTIAL_RISK_WEIGHT = RISK_WEIGHT["high"]

# Categories where naming an item is choosing it: naming an excluded one is a contradiction. Elsewhere (features,
# legal, risks ...) an excluded item is often named while discussing it ("check proxies of protected attributes").
CHOICE_CATEGORIES = frozenset(
    {
        Category.metric.value,
        Category.model_family.value,
        Category.deployment.value,
        Category.data_strategy.value,
        Category.evaluation.value,
        Category.tuning.value,
    }
)


@dataclass(frozen=True)
class RubricItem:
    """One thing a strong answer says, with why it matters."""

    key: str
    kind: ItemKind
    step: str
    label: str
    weight: float
    rule: str
    because: str
    phrases: tuple[str, ...]

    @property
    def essential(self) -> bool:
        """A primary choice or a high risk: what no strong answer leaves out. (Ruling out an excluded item earns
        points, but is not required: naming it as a choice is what costs.)"""
        return self.kind == "primary" or (self.kind == "risk" and self.weight >= ESSENTIAL_RISK_WEIGHT)

    @property
    def contradiction_counts(self) -> bool:
        """Whether naming this (excluded) item as a choice costs points."""
        return self.kind == "exclusion" and self.key.split(":", 1)[0] in CHOICE_CATEGORIES


def _derived_items(advice: Advice, knowledge: KnowledgeBase, concepts: ConceptBook) -> Iterable[RubricItem]:
    for firing in advice.firings:
        for fact, value in firing.asserted.items():
            if advice.derived.get(fact) != value:
                continue  # overruled by a higher-priority rule
            key = derived_key(fact, value)
            rule = knowledge.rule(firing.rule)
            if key is None or rule is None:
                continue
            name = fact.removeprefix("derived.").replace("_", " ")
            label = name.capitalize() + (f": {value}" if isinstance(value, str) else "")
            yield RubricItem(
                key=key,
                kind="derived",
                step=str(rule.step),
                label=label,
                weight=KIND_WEIGHT["derived"],
                rule=rule.id,
                because=rule.because,
                phrases=concepts.phrases_for(key, knowledge),
            )


def build_rubric(advice: Advice, knowledge: KnowledgeBase, concepts: ConceptBook) -> list[RubricItem]:
    """The rubric items of the advice, ordered by workflow step, then as the advice lists them."""

    def item(advised: Recommendation | Exclusion | Risk, kind: ItemKind, weight: float) -> RubricItem:
        return RubricItem(
            key=advised.key,
            kind=kind,
            step=str(advised.step),
            label=advised.label,
            weight=weight,
            rule=advised.rule,
            because=advised.because,
            phrases=concepts.phrases_for(advised.key, knowledge),
        )

    items: list[RubricItem] = []
    for recommendation in advice.recommendations:
        kind: ItemKind = str(recommendation.strength)  # type: ignore[assignment]
        items.append(item(recommendation, kind, KIND_WEIGHT[kind]))
    items += [item(exclusion, "exclusion", KIND_WEIGHT["exclusion"]) for exclusion in advice.exclusions]
    items += [item(risk, "risk", RISK_WEIGHT[str(risk.severity)]) for risk in advice.risks]
    items.extend(_derived_items(advice, knowledge, concepts))
    unique = {(item.kind, item.key): item for item in reversed(items)}  # the first of duplicates wins
    ordered = [item for item in items if unique.get((item.kind, item.key)) is item]
    return sorted(ordered, key=lambda item: STEP_ORDER[item.step])  # stable: keeps the advice's order in a step
