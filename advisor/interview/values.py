"""From what a person typed or picked to a fact's value, checked by the brief's own validation.

Every check that fails raises `AnswerRejected` with the reason in words ("must be greater than 0"), which the flow
shows before asking again.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from advisor.brief import Brief
from advisor.questions import Choice, Question
from advisor.validation import problems_of

if TYPE_CHECKING:
    from advisor.knowledge import KnowledgeBase

THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")
MULTIPLIERS = {"k": 1_000.0, "m": 1_000_000.0}
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


def parse_typed(question: Question, text: str) -> Any:
    """The value of typed text for a text, list or number question."""
    if question.type == "text":
        return text.strip()
    if question.type == "text_list":
        items = [item.strip() for item in text.split(",")]
        return [item for item in items if item]
    if question.type in ("number", "integer"):
        return _parse_number(question, text)
    raise AnswerRejected(f"a {question.type.replace('_', ' ')} question takes a pick from the list, not typed text")


def _parse_number(question: Question, text: str) -> float | int:
    cleaned = text.strip().lower()
    unit = (question.unit or "").lower()
    if unit and cleaned.endswith(unit) and len(cleaned) > len(unit):
        cleaned = cleaned[: -len(unit)].strip()
    scale = 1.0
    if cleaned.endswith("%"):
        if unit != "fraction":
            raise AnswerRejected("a percentage only fits a share; type the number alone")
        cleaned, scale = cleaned[:-1].strip(), 0.01
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
        return int(value)
    return value


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


def describe(question: Question, value: Any, knowledge: KnowledgeBase) -> str:
    """An answer in words, as the summary shows it."""
    if value is None:
        return "(not answered)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if question.type == "multi_choice":
            labels = {choice.value: choice.label for choice in choices_of(question, knowledge)}
            return ", ".join(labels.get(str(item), str(item)) for item in value) or "(none)"
        return ", ".join(str(item) for item in value) or "(none)"
    if question.type == "choice":
        labels = {choice.value: choice.label for choice in choices_of(question, knowledge)}
        return labels.get(str(value), str(value))
    text = format_number(value) if isinstance(value, (int, float)) else str(value)
    return f"{text} {question.unit}" if question.unit and question.type in ("number", "integer") else text


def format_number(value: float) -> str:
    """A number as a person writes it: 50, 0.25, 1500000 (no exponent, no trailing .0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)
