"""Columns that hold protected attributes: named in the brief, or named like one (sex, race, age, ...)."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
