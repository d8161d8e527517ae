"""How a fact is declared: an optional, documented pydantic field with its unit in the JSON Schema."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from pydantic.config import JsonDict


def fact_field(description: str, *, unit: str | None = None, **constraints: Any) -> Any:
    """A fact: None means "not known" (not answered, not measured), a state the rules reason about."""
    extra: JsonDict | None = {"unit": unit} if unit else None
    return Field(default=None, description=description, json_schema_extra=extra, **constraints)
