"""Clarifying questions and the interviewer's answers, derived from a scenario's canonical brief.

Every fact the brief answers becomes one question: asked in the words of the rule base's questionnaire
(`questions.yaml`) when it has a question for that fact, otherwise from the fact's description; answered with the
brief's value in words (choice labels, units, yes / no).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import STEP_ORDER, Step

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.knowledge.base import KnowledgeBase
    from advisor.knowledge.facts import FactSpec
    from advisor.knowledge.questions import Question

# Which workflow step a section's facts belong to when no question says so.
SECTION_STEPS: dict[str, Step] = {
    "problem": Step.problem,
    "costs": Step.problem,
    "legal": Step.problem,
    "serving": Step.deployment,
    "data": Step.data_sources,
    "compute": Step.models,
    "dataset": Step.exploration,
    "monitoring": Step.iteration,
}


_ACRONYMS = {
    "us": "US", "eu": "EU", "uk": "UK", "gdpr": "GDPR", "ecoa": "ECOA", "fcra": "FCRA", "ccpa": "CCPA",
    "hipaa": "HIPAA", "coppa": "COPPA", "eu_ai_act": "EU AI Act",
}  # fmt: skip
# Facts the scenario's title and prompt already tell.
_SHOWN = frozenset({"problem.name"})
_AUXILIARIES = frozenset({"Is", "Are", "Does", "Do", "Can", "Would", "Must", "May", "Should", "Has", "Have", "Will"})


@dataclass(frozen=True)
class Clarification:
    fact: str
    step: str
    question: str
    answer: str


def _flatten(answered: dict[str, Any]) -> list[tuple[str, Any]]:
    return [
        (f"{section}.{name}", value)
        for section, values in answered.items()
        if isinstance(values, dict)
        for name, value in values.items()
    ]


def _number(value: float, unit: str | None, currency: str | None) -> str:
    if unit == "fraction":
        return f"{value * 100:g} %"
    shown = f"{int(value):,}" if float(value).is_integer() and abs(value) >= 1000 else f"{value:g}"
    if unit and unit.startswith("currency"):
        unit = unit.replace("currency", currency, 1) if currency else unit
    return f"{shown} {unit}" if unit else shown


def _one(value: Any, question: Question | None, spec: FactSpec | None, currency: str | None = None) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        unit = (question.unit if question is not None else None) or (spec.unit if spec is not None else None)
        return _number(value, unit, currency)
    if isinstance(value, str) and spec is not None and spec.kind in ("enum", "enum_list"):
        if question is not None and question.choices:
            return question.choice_label(value)
        return _ACRONYMS.get(value, value.replace("_", " "))
    return str(value)


def answer_text(value: Any, question: Question | None, spec: FactSpec | None, currency: str | None = None) -> str:
    """A brief's value in words: choice labels for choices, units for numbers, yes / no for flags."""
    if isinstance(value, list):
        return ", ".join(_one(item, question, spec) for item in value) or "none"
    return _one(value, question, spec, currency)


def _question_text(fact: str, question: Question | None, spec: FactSpec | None) -> str:
    if question is not None:
        return question.prompt
    description = spec.description.rstrip(".?") if spec is not None and spec.description else fact
    if description.split(" ", 1)[0] in _AUXILIARIES:
        return f"{description}?"  # already a question: "Is a GPU available for training?"
    if len(description) > 1 and not description[1].isupper():
        description = description[0].lower() + description[1:]
    return f"Can you tell me {description}?"


def clarifications(brief: Brief, knowledge: KnowledgeBase) -> list[Clarification]:
    """One question and answer per answered fact, in workflow order (questionnaire order within a step)."""
    position = {question.fact: index for index, question in enumerate(knowledge.questions)}
    found = []
    for index, (fact, value) in enumerate(_flatten(brief.answered())):
        if fact in _SHOWN:
            continue
        question = knowledge.question_for_fact(fact)
        spec = knowledge.facts.get(fact)
        step = question.step if question is not None else SECTION_STEPS.get(fact.split(".", 1)[0], Step.problem)
        found.append(
            (
                (STEP_ORDER[str(step)], position.get(fact, len(position) + index)),
                Clarification(
                    fact=fact,
                    step=str(step),
                    question=_question_text(fact, question, spec),
                    answer=answer_text(value, question, spec, brief.costs.currency),
                ),
            )
        )
    return [clarification for _, clarification in sorted(found, key=lambda pair: pair[0])]
