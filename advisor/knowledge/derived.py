"""Declarations of derived facts: facts no one answers, that rules assert (`derived.serving_mode`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.knowledge.facts import DERIVED_PREFIX, FactSpec


class DerivedFact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["bool", "enum", "number", "text"]
    values: list[str] = Field(default_factory=list)
    description: str = Field(min_length=10)

    def spec(self, name: str) -> FactSpec:
        return FactSpec(
            path=f"{DERIVED_PREFIX}{name}",
            kind=self.type,
            origin="derived",
            description=self.description,
            values=tuple(self.values),
        )
