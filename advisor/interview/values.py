"""From what a person typed or picked to a fact's value, checked by the brief's own validation.

Every check that fails raises `AnswerRejected` with the reason in words ("must be greater than 0"), which the flow
shows before asking again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from advisor.brief.model import Brief
from advisor.knowledge.questions import Choice, Question
from advisor.util.validation import problems_of

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")
MULTIPLIERS = {"k": 1_000.0, "m": 1_000_000.0}
CURRENCY_FACT = "costs.currency"
# The value of the "none" option of a multi-choice question (enum values are lower_snake_case: it cannot clash).
NONE_PICKED = "(none)"
# Units whose numbers a percentage fits: a share (30% -> 0.30), a metric (accuracy 92% -> 0.92), or percent itself.
SHARE_UNITS = {"fraction", "metric units"}
PERCENT_UNITS = {"%", "percent"}
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₺": "TRY", "₪": "ILS"}
CURRENCY_CODE = re.compile(r"[a-z]{3}")
_SYMBOLS = "".join(CURRENCY_SYMBOLS)
CURRENCY_BEFORE = re.compile(rf"(?P<currency>[a-z]{{3}}\s|[{_SYMBOLS}]\s?)(?P<amount>[-\d.,_]+[km]?)")
CURRENCY_AFTER = re.compile(rf"(?P<amount>[-\d.,_]+[km]?)(?P<currency>\s?[{_SYMBOLS}]|\s[a-z]{{3}})")
# Other ways people write a question's unit after the number.
UNIT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ms": ("ms", "msec", "millisecond", "milliseconds"),
    "mb": ("mb", "megabyte", "megabytes"),
    "gb": ("gb", "gigabyte", "gigabytes"),
    "hours": ("h", "hr", "hrs", "hour", "hours"),
    "days": ("d", "day", "days"),
    "rows": ("rows", "row", "examples"),
    "columns": ("columns", "column", "cols", "features"),
    "per minute": ("per minute", "/min", "per min", "/ min"),
    "per prediction": ("per prediction", "each", "/prediction"),
}
YES_NO = [Choice(value="yes", label="Yes"), Choice(value="no", label="No")]


class AnswerRejected(ValueError):
    """The answer does not fit the question; `reason` says why in words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def choices_of(question: Question, knowledge: KnowledgeBase) -> list[Choice]:
    """The options of a choice question: its own list, else every value of the fact (labelled from the value)."""
    if question.type == "yes_no":
        return YES_NO
    if question.choices:
        return list(question.choices)
    spec = knowledge.facts.get(question.fact)
    values = spec.values if spec is not None else ()
    return [Choice(value=value, label=question.choice_label(value)) for value in values]


@dataclass(frozen=True)
class Reading:
    """What typed text says: the question's value and any other fact it states (`0.5 EUR` also states the currency)."""

    value: Any
    extra: dict[str, Any] = field(default_factory=dict)


def parse_typed(question: Question, text: str) -> Any:
    """The value of typed text for a text, list or number question."""
    return read_typed(question, text).value


def read_typed(question: Question, text: str, brief: Brief | None = None) -> Reading:
    """Typed text as the question's value, plus the facts it states on the side (a cost's currency)."""
    if question.type == "text":
        if question.fact == CURRENCY_FACT:
            return Reading(_currency_code(text.strip()) or text.strip().upper())
        return Reading(text.strip())
    if question.type == "text_list":
        if question.none is not None and text.strip().lower() in _none_words(question):
            return Reading([])
        items = [item.strip() for item in text.split(",")]
        return Reading([item for item in items if item])
    if question.type in ("number", "integer"):
        return _read_number(question, text, brief)
    raise AnswerRejected(f"a {question.type.replace('_', ' ')} question takes a pick from the list, not typed text")


def _none_words(question: Question) -> set[str]:
    return {"none", "no", "nothing", "n/a", "-", (question.none or "none").lower()}


def _currency_code(text: str) -> str | None:
    """`EUR`, `eur` or `€` as an ISO 4217 code; None when the text is not a currency."""
    if text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[text]
    return text.upper() if CURRENCY_CODE.fullmatch(text) else None


def _split_currency(text: str) -> tuple[str, str | None]:
    """`0.5 EUR`, `EUR 0.5`, `€0.5`, `0.5€` -> ("0.5", "EUR"); text without a currency is returned as it is."""
    for pattern in (CURRENCY_BEFORE, CURRENCY_AFTER):
        match = pattern.fullmatch(text)
        if match and (code := _currency_code(match.group("currency").strip())):
            return match.group("amount").strip(), code
    return text, None


def _strip_unit(text: str, unit: str) -> str:
    """The number without the question's unit or a usual spelling of it (`100 ms`, `100 milliseconds`, `2 h`)."""
    for spelling in sorted({unit, *UNIT_SPELLINGS.get(unit, ())}, key=len, reverse=True):
        if spelling and text.endswith(spelling) and len(text) > len(spelling):
            head = text[: -len(spelling)].strip()
            if head[-1:].isdigit() or head[-1:] in "%km":
                return head
    return text


def _read_number(question: Question, text: str, brief: Brief | None) -> Reading:
    cleaned = text.strip().lower()
    unit = (question.unit or "").lower()
    extra: dict[str, Any] = {}
    if unit.startswith("currency"):
        per = unit.removeprefix("currency").strip()
        for spelling in sorted({per, *UNIT_SPELLINGS.get(per, ())}, key=len, reverse=True):
            if spelling and cleaned.endswith(spelling) and len(cleaned) > len(spelling):
                cleaned = cleaned[: -len(spelling)].strip()
                break
        cleaned, code = _split_currency(cleaned)
        if code is not None:
            known = brief.costs.currency if brief is not None else None
            if known and _currency_code(known.strip().lower()) not in (None, code):
                raise AnswerRejected(f"the costs are in {known}; type this one in {known} too")
            extra[CURRENCY_FACT] = code
    elif unit:
        cleaned = _strip_unit(cleaned, unit)
    scale = 1.0
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
        if unit in PERCENT_UNITS:
            scale = 1.0
        elif unit in SHARE_UNITS:
            scale = 0.01
        else:
            raise AnswerRejected(f"a percentage only fits a share or a metric; type the number in {question.unit}")
    elif cleaned[-1:] in MULTIPLIERS and cleaned[:-1].strip()[-1:].isdigit():
        cleaned, scale = cleaned[:-1].strip(), MULTIPLIERS[cleaned[-1]]
    if THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned.replace("_", "")) * scale
    except ValueError:
        example = "5000" if question.type == "integer" else "0.25"
        raise AnswerRejected(f"'{text.strip()}' is not a number (type digits, e.g. {example})") from None
    if not math.isfinite(value):
        raise AnswerRejected("must be a finite number")
    if question.type == "integer":
        if value != int(value):
            raise AnswerRejected(f"must be a whole number, not {format_number(value)}")
        return Reading(int(value), extra)
    return Reading(round(value, 12) if scale != 1.0 else value, extra)


def check_bounds(question: Question, value: Any) -> None:
    """The question's own limits (the rule base may be stricter than the brief's type)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return
    if question.minimum is not None and value < question.minimum:
        raise AnswerRejected(f"must be at least {format_number(question.minimum)}")
    if question.maximum is not None and value > question.maximum:
        raise AnswerRejected(f"must be at most {format_number(question.maximum)}")


def with_value(brief: Brief, question: Question, value: Any) -> Brief:
    """A copy of the brief with the question's fact set to `value`, validated by the brief's own model."""
    section_name, field_name = question.fact.split(".", 1)
    trial = brief.model_copy(deep=True)
    section = getattr(trial, section_name, None)
    if section is None:
        raise AnswerRejected(f"the brief has no section '{section_name}'")
    try:
        setattr(section, field_name, value)
    except ValidationError as error:
        raise AnswerRejected(_reason(error)) from None
    if value is not None:
        trial.skipped = [item for item in trial.skipped if item != question.id]
    return trial


def _reason(error: ValidationError) -> str:
    problem = problems_of(error)[0].problem
    for prefix in ("input should be ", "value should be "):
        if problem.startswith(prefix):
            return "must be " + problem[len(prefix) :]
    return problem


def describe(question: Question, value: Any, knowledge: KnowledgeBase, currency: str | None = None) -> str:
    """An answer in words, as the summary shows it (a cost in the brief's currency when it is known)."""
    if value is None:
        return "(not answered)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and not value and question.none is not None:
        return question.none
    if isinstance(value, list):
        if question.type == "multi_choice":
            labels = {choice.value: choice.label for choice in choices_of(question, knowledge)}
            return ", ".join(labels.get(str(item), str(item)) for item in value) or "(none)"
        return ", ".join(str(item) for item in value) or "(none)"
    if question.type == "choice":
        labels = {choice.value: choice.label for choice in choices_of(question, knowledge)}
        return labels.get(str(value), str(value))
    text = format_number(value) if isinstance(value, (int, float)) else str(value)
    unit = question.unit
    if unit and unit.startswith("currency") and currency:
        unit = unit.replace("currency", currency, 1)
    return f"{text} {unit}" if unit and question.type in ("number", "integer") else text


def format_number(value: float) -> str:
    """A number as a person writes it: 50, 0.25, 1500000 (no exponent, no trailing .0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)
