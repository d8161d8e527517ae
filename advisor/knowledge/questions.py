"""A question of the questionnaire: which fact it fills, how it is asked, and when it is relevant."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.brief.enums import Step
from advisor.knowledge.conditions import Condition
from advisor.knowledge.facts import FactKind
from advisor.knowledge.rules import RULE_ID_PATTERN

QuestionType = Literal["text", "text_list", "choice", "multi_choice", "number", "integer", "yes_no"]

# Which question type can fill which kind of fact.
TYPE_FOR_KIND: dict[FactKind, QuestionType] = {
    "text": "text",
    "text_list": "text_list",
    "enum": "choice",
    "enum_list": "multi_choice",
    "number": "number",
    "integer": "integer",
    "bool": "yes_no",
}


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str
    label: str = Field(min_length=1)
    help: str | None = None


class Question(BaseModel):
    """One prompt. `help` says what the answer changes; `ask_when` uses the rules' condition language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=RULE_ID_PATTERN)
    fact: str
    step: Step
    prompt: str = Field(min_length=5)
    help: str = Field(min_length=10)
    type: QuestionType
    choices: list[Choice] = Field(default_factory=list)
    default: Any = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    ask_when: Condition | None = None
    none: str | None = Field(
        default=None,
        description="For list questions where 'none' is a real answer (no protected attributes): the label of that "
        "answer. Picking it (or typing 'none') records an empty list, which is known, unlike a skip.",
    )
    sources: list[str] = Field(default_factory=list)

    def choice_label(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value.replace("_", " ")
