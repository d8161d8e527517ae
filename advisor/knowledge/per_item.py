"""Question and checklist texts that name each item of a list fact: `Is {each dataset.leakage_post_outcome} known?`.

A text holding one `{each <fact>}` placeholder becomes one text per item of that list fact, the item in backticks
(`Is `air_time` known?`); with the fact empty or unknown it yields nothing. Plain substitution, never evaluation:
rules stay data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

EACH = re.compile(r"\{each (?P<fact>[a-z_]+\.[a-z_]+)\}")


def expand(text: str, facts: Mapping[str, Any]) -> list[str]:
    match = EACH.search(text)
    if match is None:
        return [text]
    values = facts.get(match.group("fact"))
    if not isinstance(values, list):
        return []
    return [f"{text[: match.start()]}`{value}`{text[match.end() :]}" for value in values]


def placeholder_facts(text: str) -> list[str]:
    """The facts a text names in `{each ...}` placeholders (for the linter)."""
    return [match.group("fact") for match in EACH.finditer(text)]
