"""Turn pydantic validation errors into our messages: a readable field path, the problem, a did-you-mean hint."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from advisor.util.suggest import did_you_mean
from advisor.util.yaml_source import KeyPath

# Discriminator tags of our tagged unions: pydantic puts them in error locations; the YAML does not have them.
UNION_TAGS = frozenset({"all", "any", "not", "fact", "recommend", "exclude", "assert", "checklist", "question", "risk"})
PREDICATE_FIELDS = frozenset({"fact", "op", "value"})


@dataclass(frozen=True)
class FieldProblem:
    loc: KeyPath
    problem: str
    hint: str | None

    @property
    def field(self) -> str:
        return format_loc(self.loc)


def format_loc(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def clean_loc(loc: Iterable[str | int]) -> KeyPath:
    """Drop the union tags pydantic adds, so the location matches the keys in the file."""
    parts = list(loc)
    cleaned: list[str | int] = []
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else None
        is_tag = (
            isinstance(part, str)
            and part in UNION_TAGS
            and (following == part or (part == "fact" and following in PREDICATE_FIELDS))
        )
        if not is_tag and not (isinstance(part, str) and part.startswith(("tagged-union[", "function-"))):
            cleaned.append(part)
    return tuple(cleaned)


def model_field_names(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every field name and alias of a model and of the models nested in it."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
        for nested in _nested_models(info.annotation):
            names |= model_field_names(nested, seen)
    return names


def _nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _nested_models(typing.get_args(annotation)[0])
    elif origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _nested_models(arg)


def _expected_values(error: ErrorDetails) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return re.findall(r"'([^']*)'", expected)


def _describe(error: ErrorDetails, allowed_names: Callable[[KeyPath], Iterable[str]]) -> tuple[str, str | None]:
    kind = error["type"]
    value = error.get("input")
    loc = clean_loc(error["loc"])
    if kind == "missing":
        return "missing required field", None
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        return f"unknown field '{name}'", did_you_mean(name, allowed_names(loc[:-1]))
    if kind in ("enum", "literal_error"):
        options = _expected_values(error)
        return f"'{value}' is not one of: {', '.join(options)}", did_you_mean(str(value), options)
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid id", "use lower_snake_case words, optionally joined by dots"
    if kind in ("too_short", "string_too_short"):
        least = int((error.get("ctx") or {}).get("min_length", 1))
        unit = "characters" if kind == "string_too_short" else "items"
        return ("must not be empty" if least <= 1 else f"is too short: at least {least} {unit}"), None
    if kind in ("condition", "action"):
        return str(error["msg"]), None
    message = str(error["msg"])
    return message[0].lower() + message[1:], None


def problems_of(
    error: ValidationError, allowed_names: Callable[[KeyPath], Iterable[str]] | None = None
) -> list[FieldProblem]:
    """One FieldProblem per pydantic error, in the order pydantic reports them."""
    names = allowed_names or (lambda _loc: ())
    problems: list[FieldProblem] = []
    for detail in error.errors():
        problem, hint = _describe(detail, names)
        problems.append(FieldProblem(clean_loc(detail["loc"]), problem, hint))
    return problems
