"""The fact space: every fact a rule may read, with its type, allowed values and unit.

Answer and data facts come from the pydantic model of the brief (so the model stays the single source of truth);
derived facts are declared by the rule base (`rules/derived.yaml`) and live under `derived.`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel
from pydantic.fields import ComputedFieldInfo, FieldInfo

from advisor.brief.model import SECTIONS

FactKind = Literal["enum", "enum_list", "bool", "integer", "number", "text", "text_list"]
FactOrigin = Literal["answer", "computed", "dataset", "derived"]

DERIVED_PREFIX = "derived."
MEASURED_SECTIONS = ("dataset", "monitoring")


@dataclass(frozen=True)
class FactSpec:
    """The type of one fact."""

    path: str
    kind: FactKind
    origin: FactOrigin
    description: str = ""
    values: tuple[str, ...] = ()
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False

    @property
    def is_list(self) -> bool:
        return self.kind in ("enum_list", "text_list")

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("integer", "number")

    @property
    def is_finite(self) -> bool:
        """True when the fact takes one of a known, small set of values (so the linter can enumerate it)."""
        return self.kind in ("enum", "bool")

    def type_name(self) -> str:
        if self.kind in ("enum", "enum_list"):
            listed = ", ".join(self.values)
            return f"{'a list of ' if self.kind == 'enum_list' else ''}one of [{listed}]"
        return {
            "bool": "true or false",
            "integer": "a whole number",
            "number": "a number",
            "text": "text",
            "text_list": "a list of text",
        }[self.kind]

    def accepts_scalar(self, value: Any) -> bool:
        """Whether `value` is a legal single value of this fact (an element, for list facts)."""
        if self.kind in ("enum", "enum_list"):
            return isinstance(value, str) and value in self.values
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "integer":
            return isinstance(value, int) and not isinstance(value, bool)
        if self.kind == "number":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        return isinstance(value, str)

    def in_range(self, value: float) -> bool:
        if self.minimum is not None and (value < self.minimum or (self.exclusive_minimum and value == self.minimum)):
            return False
        return self.maximum is None or value <= self.maximum


@dataclass(frozen=True)
class FactSpace:
    """All known facts by dotted path."""

    specs: Mapping[str, FactSpec] = field(default_factory=dict)

    def __contains__(self, path: object) -> bool:
        return path in self.specs

    def __getitem__(self, path: str) -> FactSpec:
        return self.specs[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self.specs)

    def __len__(self) -> int:
        return len(self.specs)

    def get(self, path: str) -> FactSpec | None:
        return self.specs.get(path)

    def paths(self, origin: FactOrigin | None = None) -> list[str]:
        return [path for path, spec in self.specs.items() if origin is None or spec.origin == origin]

    def with_derived(self, derived: Iterable[FactSpec]) -> FactSpace:
        merged = dict(self.specs)
        merged.update({spec.path: spec for spec in derived})
        return FactSpace(merged)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _kind_of(annotation: Any) -> tuple[FactKind, tuple[str, ...]]:
    annotation = _strip_optional(annotation)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, Enum):
            return "enum_list", tuple(member.value for member in item)
        return "text_list", ()
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum", tuple(member.value for member in annotation)
    simple: dict[Any, FactKind] = {bool: "bool", int: "integer", float: "number", str: "text"}
    if annotation in simple:
        return simple[annotation], ()
    raise TypeError(f"unsupported fact annotation {annotation!r}")  # a programming error in brief.py


def _bounds(info: FieldInfo) -> tuple[float | None, float | None, bool]:
    minimum: float | None = None
    maximum: float | None = None
    exclusive = False
    for constraint in info.metadata:
        if isinstance(constraint, annotated_types.Ge):
            minimum = float(constraint.ge)  # type: ignore[arg-type]
        elif isinstance(constraint, annotated_types.Gt):
            minimum, exclusive = float(constraint.gt), True  # type: ignore[arg-type]
        elif isinstance(constraint, annotated_types.Le):
            maximum = float(constraint.le)  # type: ignore[arg-type]
    return minimum, maximum, exclusive


def _unit(info: FieldInfo | ComputedFieldInfo) -> str | None:
    extra = info.json_schema_extra
    if isinstance(extra, dict):
        unit = extra.get("unit")
        return unit if isinstance(unit, str) else None
    return None


def _section_specs(section: str, model: type[BaseModel]) -> Iterator[FactSpec]:
    # Measured sections (the data layer, the monitor) are "dataset" facts: nobody answers them.
    origin: FactOrigin = "dataset" if section in MEASURED_SECTIONS else "answer"
    for name, info in model.model_fields.items():
        kind, values = _kind_of(info.annotation)
        minimum, maximum, exclusive = _bounds(info)
        yield FactSpec(
            path=f"{section}.{name}",
            kind=kind,
            origin=origin,
            description=info.description or "",
            values=values,
            unit=_unit(info),
            minimum=minimum,
            maximum=maximum,
            exclusive_minimum=exclusive,
        )
    for name, computed in model.model_computed_fields.items():
        kind, values = _kind_of(computed.return_type)
        yield FactSpec(
            path=f"{section}.{name}",
            kind=kind,
            origin="computed",
            description=computed.description or "",
            values=values,
            unit=_unit(computed),
        )


def brief_fact_space() -> FactSpace:
    """The facts of the brief model: answers, computed facts and dataset facts (no derived facts)."""
    specs: dict[str, FactSpec] = {}
    for section, model in SECTIONS.items():
        for spec in _section_specs(section, model):
            specs[spec.path] = spec
    return FactSpace(specs)
