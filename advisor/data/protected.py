"""Columns that hold protected attributes (named in the brief, or named like one: sex, race, age, ...), and whether
the rule base keeps them as features.

The rules exclude protected attributes from the features for regulated decisions (lending, insurance, hiring,
housing, policing, justice, migration, ...); elsewhere (a clinical or survival model) they stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from advisor.brief.measured import fill_from_data

if TYPE_CHECKING:
    from advisor.brief.dataset_facts import DatasetFacts
    from advisor.brief.model import Brief
    from advisor.knowledge.base import KnowledgeBase

PROTECTED_TOKENS = frozenset(
    {
        "sex", "gender", "race", "racial", "ethnicity", "ethnic", "religion", "religious", "age", "marital",
        "married", "disability", "disabled", "pregnant", "pregnancy", "nationality", "citizenship", "female",
        "male", "afam", "black", "hispanic", "senior", "veteran", "orientation", "caste",
    }
)  # fmt: skip
# Name word -> the protected attribute (advisor.brief.enums.ProtectedAttribute) it records.
ATTRIBUTE_OF_TOKEN = {
    "sex": "sex", "gender": "sex", "female": "sex", "male": "sex",
    "race": "race", "racial": "race", "black": "race", "afam": "race", "hispanic": "race", "caste": "race",
    "ethnicity": "national_origin", "ethnic": "national_origin", "nationality": "national_origin",
    "citizenship": "national_origin",
    "religion": "religion", "religious": "religion",
    "age": "age", "senior": "age",
    "marital": "marital_status", "married": "marital_status",
    "disability": "disability", "disabled": "disability",
    "pregnant": "pregnancy", "pregnancy": "pregnancy",
    "orientation": "sexual_orientation",
}  # fmt: skip
TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_tokens(name: str) -> list[str]:
    """`senior_citizen` -> [senior, citizen]; `applicantRace` -> [applicant, race]."""
    return [token.lower() for token in TOKEN.findall(name)]


def looks_protected(name: str) -> bool:
    return any(token in PROTECTED_TOKENS for token in name_tokens(name))


def protected_columns(columns: Iterable[str], declared: Iterable[str] | None, *, by_name: bool = True) -> list[str]:
    """Declared columns that exist in the data and (with `by_name`) those named like a protected attribute."""
    declared_set = {name.lower() for name in declared or ()}
    return [name for name in columns if name.lower() in declared_set or (by_name and looks_protected(name))]


def attributes_of(columns: Iterable[str]) -> list[str]:
    """The protected attributes the columns' names record (`applicantRace` -> race), each once, sorted."""
    tokens = {token for name in columns for token in name_tokens(name)}
    found = {ATTRIBUTE_OF_TOKEN[token] for token in tokens if token in ATTRIBUTE_OF_TOKEN}
    return sorted(found)


def protected_policy(brief: Brief, facts: DatasetFacts, knowledge: KnowledgeBase | None) -> tuple[bool, str]:
    """Whether the rules drop protected attributes from the features, and why, in words."""
    from advisor.inference.engine import advise
    from advisor.knowledge.load import load_knowledge

    informed, _ = fill_from_data(brief, facts)
    advice = advise(informed, knowledge if knowledge is not None else load_knowledge())
    exclusion = next(
        (item for item in advice.exclusions if item.category == "feature" and item.item == "protected_attributes"),
        None,
    )
    if exclusion is not None:
        return True, f"left out of the features by rule {exclusion.rule} ({exclusion.title})"
    domain = informed.problem.domain or "not stated"
    return False, f"kept as features: no rule excludes them for this decision (domain: {domain})"
