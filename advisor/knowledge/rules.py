"""A rule: when a condition holds, recommend, exclude, derive, ask or warn, and say why.

Rules are data in `rules/*.yaml`; this module holds their typed form. Every rule must give its rationale (`because`)
and where the knowledge comes from (`sources`).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from advisor.brief.enums import Category, Severity, Step, Strength
from advisor.knowledge.conditions import Condition, specificity

RULE_ID_PATTERN = r"^[a-z0-9_]+(\.[a-z0-9_]+)*$"
DEFAULT_PRIORITY = 50


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True, populate_by_name=True)


class ItemRef(Frozen):
    """An item of the catalog, e.g. category `metric`, item `pr_auc`."""

    category: Category
    item: str = Field(pattern=RULE_ID_PATTERN)

    @property
    def key(self) -> str:
        return f"{self.category}:{self.item}"


class RecommendSpec(ItemRef):
    strength: Strength = Strength.recommended
    note: str | None = None


class RiskSpec(Frozen):
    """A risk or a legal flag: category `risk` or `legal`."""

    item: str = Field(pattern=RULE_ID_PATTERN)
    category: Category = Category.risk
    severity: Severity = Severity.moderate

    @property
    def key(self) -> str:
        return f"{self.category}:{self.item}"


class AssertSpec(Frozen):
    """Set a derived fact, e.g. `{fact: derived.serving_mode, value: online}`."""

    fact: str
    value: Any


class Recommend(Frozen):
    recommend: RecommendSpec


class Exclude(Frozen):
    exclude: ItemRef


class Assert(Frozen):
    assert_: AssertSpec = Field(alias="assert")


class Checklist(Frozen):
    checklist: str = Field(min_length=3)


class Ask(Frozen):
    question: str = Field(min_length=3)


class Risk(Frozen):
    risk: RiskSpec


ACTION_KEYS = ("recommend", "exclude", "assert", "checklist", "question", "risk")


def _action_kind(raw: Any) -> str | None:
    if isinstance(raw, BaseModel):
        kinds: dict[type[BaseModel], str] = {
            Recommend: "recommend",
            Exclude: "exclude",
            Assert: "assert",
            Checklist: "checklist",
            Ask: "question",
            Risk: "risk",
        }
        return kinds.get(type(raw))
    if isinstance(raw, dict) and len(raw) == 1:
        key = next(iter(raw))
        return key if key in ACTION_KEYS else None
    return None


Action = Annotated[
    Annotated[Recommend, Tag("recommend")]
    | Annotated[Exclude, Tag("exclude")]
    | Annotated[Assert, Tag("assert")]
    | Annotated[Checklist, Tag("checklist")]
    | Annotated[Ask, Tag("question")]
    | Annotated[Risk, Tag("risk")],
    Discriminator(
        _action_kind,
        custom_error_type="action",
        custom_error_message="an action is a mapping with exactly one of the keys " + ", ".join(ACTION_KEYS),
    ),
]


class Rule(Frozen):
    """One piece of advice with its condition, rationale and sources."""

    id: str = Field(pattern=RULE_ID_PATTERN)
    step: Step
    title: str = Field(min_length=3)
    priority: int = Field(default=DEFAULT_PRIORITY, ge=0, le=100)
    when: Condition | None = None
    then: list[Action] = Field(min_length=1)
    because: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)

    @property
    def specificity(self) -> int:
        return specificity(self.when)

    @property
    def agenda_key(self) -> tuple[int, int, str]:
        """Higher priority first, then more specific, then by id: the engine's deterministic order."""
        return (-self.priority, -self.specificity, self.id)

    def recommendations(self) -> list[RecommendSpec]:
        return [action.recommend for action in self.then if isinstance(action, Recommend)]

    def exclusions(self) -> list[ItemRef]:
        return [action.exclude for action in self.then if isinstance(action, Exclude)]

    def assertions(self) -> list[AssertSpec]:
        return [action.assert_ for action in self.then if isinstance(action, Assert)]

    def risks(self) -> list[RiskSpec]:
        return [action.risk for action in self.then if isinstance(action, Risk)]

    def checklist_items(self) -> list[str]:
        return [action.checklist for action in self.then if isinstance(action, Checklist)]

    def open_questions(self) -> list[str]:
        return [action.question for action in self.then if isinstance(action, Ask)]

    def describe_actions(self) -> list[str]:
        """Each action in one line, for people."""
        lines = []
        for action in self.then:
            if isinstance(action, Recommend):
                spec = action.recommend
                lines.append(f"recommend {spec.key} ({spec.strength})" + (f": {spec.note}" if spec.note else ""))
            elif isinstance(action, Exclude):
                lines.append(f"exclude {action.exclude.key}")
            elif isinstance(action, Assert):
                lines.append(f"set {action.assert_.fact} = {action.assert_.value}")
            elif isinstance(action, Risk):
                lines.append(f"raise {action.risk.key} ({action.risk.severity})")
            elif isinstance(action, Checklist):
                lines.append(f"checklist: {action.checklist}")
            else:
                lines.append(f"open question: {action.question}")
        return lines
