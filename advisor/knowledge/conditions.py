"""The condition language shared by rules (`when`) and questions (`ask_when`).

A condition is data: `{all: [...]}`, `{any: [...]}`, `{not: ...}` or a predicate `{fact, op, value}`. It is never
code and never evaluated with `eval`.

Logic is three-valued (Kleene): a predicate on a fact nobody knows yet is *unknown* (None), not false. `all` is false
as soon as one part is false, `any` is true as soon as one part is true, `not` keeps unknown unknown, and a rule fires
only when its condition is true. This is what lets the questionnaire ask a question only while some rule is still
waiting on its answer, and lets WHY-NOT say "not answered" rather than "false".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from advisor.knowledge.facts import FactSpace, FactSpec
from advisor.util.suggest import did_you_mean

Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in", "contains", "exists"]
Truth = bool | None  # None: unknown

OP_SYMBOLS: dict[str, str] = {
    "eq": "=",
    "ne": "!=",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
    "in": "in",
    "not_in": "not in",
    "contains": "contains",
    "exists": "is known",
}
ORDER_OPS = frozenset({"lt", "le", "gt", "ge"})


class Predicate(BaseModel):
    """`{fact: data.rows, op: lt, value: 50}`: one test of one fact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: str
    op: Op
    value: Any = None

    def describe(self) -> str:
        if self.op == "exists":
            return f"{self.fact} {'is known' if self.value in (None, True) else 'is unknown'}"
        return f"{self.fact} {OP_SYMBOLS[self.op]} {format_value(self.value)}"


class AllOf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    all_of: list[Condition] = Field(alias="all", min_length=1)


class AnyOf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    any_of: list[Condition] = Field(alias="any", min_length=1)


class NotOf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    negated: Condition = Field(alias="not")


def _condition_kind(raw: Any) -> str | None:
    if isinstance(raw, BaseModel):
        return {AllOf: "all", AnyOf: "any", NotOf: "not", Predicate: "fact"}.get(type(raw))
    if isinstance(raw, dict):
        for key in ("all", "any", "not", "fact"):
            if key in raw:
                return key
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[Predicate, Tag("fact")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys all, any, not or fact",
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


def format_value(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    return str(value)


def predicates(condition: Condition | None) -> Iterator[Predicate]:
    """Every predicate in the condition, depth first."""
    if condition is None:
        return
    if isinstance(condition, Predicate):
        yield condition
    elif isinstance(condition, AllOf):
        for part in condition.all_of:
            yield from predicates(part)
    elif isinstance(condition, AnyOf):
        for part in condition.any_of:
            yield from predicates(part)
    else:
        yield from predicates(condition.negated)


def fact_paths(condition: Condition | None) -> set[str]:
    return {predicate.fact for predicate in predicates(condition)}


def render_condition(condition: Condition | None, indent: int = 0) -> list[str]:
    """The condition as indented lines, for people: `all of:` / `any of:` / `not:` over predicates."""
    pad = "  " * indent
    if condition is None:
        return [f"{pad}always"]
    if isinstance(condition, Predicate):
        return [f"{pad}{condition.describe()}"]
    if isinstance(condition, NotOf):
        return [f"{pad}not:", *render_condition(condition.negated, indent + 1)]
    head, parts = ("all of:", condition.all_of) if isinstance(condition, AllOf) else ("any of:", condition.any_of)
    return [f"{pad}{head}"] + [line for part in parts for line in render_condition(part, indent + 1)]


def specificity(condition: Condition | None) -> int:
    """How many tests a condition makes: more specific rules go first among equal priorities."""
    return sum(1 for _ in predicates(condition))


# --- evaluation -----------------------------------------------------------------------------------------------------


class _Pending:
    """The value of a fact about to be asked: it will be known (`exists` holds) but not what it is (all else unknown).

    Question relevance uses it to ask "could an answer change this rule?" without trying every possible value.
    """

    def __repr__(self) -> str:
        return "PENDING"


PENDING: Any = _Pending()


def test_predicate(predicate: Predicate, actual: Any) -> Truth:
    """The truth of one predicate for a fact's value (None when the fact is unknown)."""
    op, expected = predicate.op, predicate.value
    if op == "exists":
        return (actual is not None) == (expected is None or bool(expected))
    if actual is None or actual is PENDING:
        return None
    if op == "eq":
        return bool(actual == expected)
    if op == "ne":
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "contains":
        if isinstance(actual, str):
            return str(expected).lower() in actual.lower()
        return expected in actual
    if op == "lt":
        return bool(actual < expected)
    if op == "le":
        return bool(actual <= expected)
    if op == "gt":
        return bool(actual > expected)
    return bool(actual >= expected)


Evaluator = Callable[[Mapping[str, Any]], Truth]


def compile_condition(condition: Condition | None) -> Evaluator:
    """Turn a condition into a closure over a flat fact mapping; conditions are checked once, evaluated often."""
    if condition is None:
        return lambda facts: True
    if isinstance(condition, Predicate):
        path, predicate = condition.fact, condition
        return lambda facts: test_predicate(predicate, facts.get(path))
    if isinstance(condition, NotOf):
        inner = compile_condition(condition.negated)

        def negate(facts: Mapping[str, Any]) -> Truth:
            value = inner(facts)
            return None if value is None else not value

        return negate
    if isinstance(condition, AllOf):
        parts = [compile_condition(part) for part in condition.all_of]

        def conjunction(facts: Mapping[str, Any]) -> Truth:
            unknown = False
            for part in parts:
                value = part(facts)
                if value is False:
                    return False
                unknown = unknown or value is None
            return None if unknown else True

        return conjunction
    parts = [compile_condition(part) for part in condition.any_of]

    def disjunction(facts: Mapping[str, Any]) -> Truth:
        unknown = False
        for part in parts:
            value = part(facts)
            if value is True:
                return True
            unknown = unknown or value is None
        return None if unknown else False

    return disjunction


class Check(BaseModel):
    """One predicate as it was tested: the fact, what the rule expected and what the fact held."""

    fact: str
    op: Op
    expected: Any = None
    actual: Any = None
    result: Truth = None

    def describe(self) -> str:
        verdict = {True: "holds", False: "fails", None: "unknown"}[self.result]
        test = Predicate(fact=self.fact, op=self.op, value=self.expected).describe()
        return f"{test} ({verdict}: {self.fact} is {format_value(self.actual)})"


class Trace(BaseModel):
    """The evaluation tree of a condition, for HOW and WHY-NOT."""

    kind: Literal["all", "any", "not", "predicate", "always"]
    result: Truth
    check: Check | None = None
    parts: list[Trace] = Field(default_factory=list)

    def checks(self) -> Iterator[Check]:
        if self.check is not None:
            yield self.check
        for part in self.parts:
            yield from part.checks()

    def deciding_checks(self) -> Iterator[Check]:
        """The checks that made the condition come out as it did (for `any`, only its first true part)."""
        if self.check is not None:
            yield self.check
        elif self.kind == "any":
            winner = next((part for part in self.parts if part.result is True), None)
            if winner is not None:
                yield from winner.deciding_checks()
        else:
            for part in self.parts:
                yield from part.deciding_checks()


def trace_condition(condition: Condition | None, facts: Mapping[str, Any]) -> Trace:
    """Evaluate every part of the condition (no short cut) and keep the results."""
    if condition is None:
        return Trace(kind="always", result=True)
    if isinstance(condition, Predicate):
        actual = facts.get(condition.fact)
        truth = test_predicate(condition, actual)
        check = Check(fact=condition.fact, op=condition.op, expected=condition.value, actual=actual, result=truth)
        return Trace(kind="predicate", result=truth, check=check)
    if isinstance(condition, NotOf):
        inner = trace_condition(condition.negated, facts)
        return Trace(kind="not", result=None if inner.result is None else not inner.result, parts=[inner])
    if isinstance(condition, AllOf):
        parts = [trace_condition(part, facts) for part in condition.all_of]
        results = [part.result for part in parts]
        every: Truth = False if False in results else (None if None in results else True)
        return Trace(kind="all", result=every, parts=parts)
    parts = [trace_condition(part, facts) for part in condition.any_of]
    outcomes = [part.result for part in parts]
    either: Truth = True if True in outcomes else (None if None in outcomes else False)
    return Trace(kind="any", result=either, parts=parts)


# --- validation against the fact space ------------------------------------------------------------------------------

Problem = tuple[str, str, str | None]  # (field inside the condition, what is wrong, hint)


def validate_condition(condition: Condition | None, space: FactSpace, field: str = "when") -> Iterator[Problem]:
    """Unknown facts, operators that do not fit the fact's type, and values the fact cannot take."""
    if condition is None:
        return
    if isinstance(condition, AllOf):
        for index, part in enumerate(condition.all_of):
            yield from validate_condition(part, space, f"{field}.all[{index}]")
    elif isinstance(condition, AnyOf):
        for index, part in enumerate(condition.any_of):
            yield from validate_condition(part, space, f"{field}.any[{index}]")
    elif isinstance(condition, NotOf):
        yield from validate_condition(condition.negated, space, f"{field}.not")
    else:
        yield from _validate_predicate(condition, space, field)


def _validate_predicate(predicate: Predicate, space: FactSpace, field: str) -> Iterator[Problem]:
    spec = space.get(predicate.fact)
    if spec is None:
        yield f"{field}.fact", f"unknown fact '{predicate.fact}'", did_you_mean(predicate.fact, space)
        return
    op, value = predicate.op, predicate.value
    where = f"{field}.value"
    if op == "exists":
        if value is not None and not isinstance(value, bool):
            yield where, "'exists' takes true or false", "write value: true (or leave it out)"
        return
    if spec.is_list and op not in ("contains",):
        yield f"{field}.op", f"'{op}' does not apply to the list fact {spec.path}", "use op: contains"
        return
    if op in ORDER_OPS and not spec.is_numeric:
        yield f"{field}.op", f"'{op}' needs a numeric fact; {spec.path} is {spec.type_name()}", "use eq, ne or in"
        return
    if op == "contains" and not (spec.is_list or spec.kind == "text"):
        yield f"{field}.op", f"'contains' needs a list or text fact; {spec.path} is {spec.type_name()}", "use eq or in"
        return
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            yield where, f"'{op}' needs a non-empty list of values", None
            return
        for index, item in enumerate(value):
            yield from _validate_value(spec, item, f"{where}[{index}]")
        return
    yield from _validate_value(spec, value, where)


def _validate_value(spec: FactSpec, value: Any, where: str) -> Iterator[Problem]:
    if not spec.accepts_scalar(value):
        hint = did_you_mean(str(value), spec.values) if spec.values else None
        yield where, f"{format_value(value)!s} is not a valid value of {spec.path}: expected {spec.type_name()}", hint
        return
    if spec.is_numeric and not spec.in_range(float(value)):
        bounds = f"{spec.minimum if spec.minimum is not None else '-inf'} to {spec.maximum or 'inf'}"
        yield where, f"{value} is outside the range of {spec.path} ({bounds})", None
