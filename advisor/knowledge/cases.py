"""Golden cases: a brief and the advice it must and must not produce (`rules/cases/*.yaml`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.brief.model import Brief
from advisor.inference.advice import Advice
from advisor.knowledge.rules import RULE_ID_PATTERN


class Expectation(BaseModel):
    """Items are written `category:item` (`metric:pr_auc`); risks as `risk:item` or `legal:item`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    recommend: list[str] = Field(default_factory=list)
    primary: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    risk: list[str] = Field(default_factory=list)
    fired: list[str] = Field(default_factory=list)
    derived: dict[str, Any] = Field(default_factory=dict)

    def item_keys(self) -> list[tuple[str, str]]:
        """(field, key) for every catalog item named here."""
        return [(name, key) for name in ("recommend", "primary", "exclude", "risk") for key in getattr(self, name)]


class GoldenCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=RULE_ID_PATTERN)
    title: str = Field(min_length=3)
    description: str = ""
    brief: Brief
    expect: Expectation = Field(default_factory=Expectation)
    expect_not: Expectation = Field(default_factory=Expectation)

    def failures(self, advice: Advice) -> list[str]:
        """What the advice gets wrong for this case; empty when it passes."""
        return _missing(self.expect, advice) + _forbidden(self.expect_not, advice)


def _primary_of(advice: Advice, key: str) -> bool:
    category, _, item = key.partition(":")
    primary = advice.primary(category)
    return primary is not None and primary.item == item


def _missing(expect: Expectation, advice: Advice) -> list[str]:
    problems: list[str] = []
    for key in expect.recommend:
        if advice.recommendation(key) is None:
            why = " (it was excluded)" if advice.is_excluded(key) else ""
            problems.append(f"expected {key} to be recommended{why}")
    for key in expect.primary:
        if not _primary_of(advice, key):
            current = advice.primary(key.partition(":")[0])
            problems.append(f"expected {key} to be primary, got {current.key if current else 'none'}")
    problems += [f"expected {key} to be excluded" for key in expect.exclude if not advice.is_excluded(key)]
    problems += [f"expected risk {key} to be raised" for key in expect.risk if advice.risk(key) is None]
    problems += [f"expected rule {rule} to fire" for rule in expect.fired if not advice.fired(rule)]
    for path, value in expect.derived.items():
        if advice.derived.get(path) != value:
            problems.append(f"expected {path} = {value!r}, got {advice.derived.get(path)!r}")
    return problems


def _forbidden(expect_not: Expectation, advice: Advice) -> list[str]:
    problems: list[str] = []
    for key in expect_not.recommend:
        found = advice.recommendation(key)
        if found is not None:
            problems.append(f"{key} must not be recommended, but rule {found.rule} recommends it")
    problems += [f"{key} must not be primary" for key in expect_not.primary if _primary_of(advice, key)]
    problems += [f"{key} must not be excluded" for key in expect_not.exclude if advice.is_excluded(key)]
    problems += [f"risk {key} must not be raised" for key in expect_not.risk if advice.risk(key) is not None]
    problems += [f"rule {rule} must not fire" for rule in expect_not.fired if advice.fired(rule)]
    for path, value in expect_not.derived.items():
        if advice.derived.get(path) == value:
            problems.append(f"{path} must not be {value!r}")
    return problems
