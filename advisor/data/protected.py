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
