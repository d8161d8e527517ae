"""Facts in words: an answer as its choice label, a rule's deciding facts as a phrase a reader understands.

The report never shows a raw fact id such as `problem.users is [operations_staff]`: the rule base's own fact
descriptions and choice labels say it ("Who uses the predictions: Operations staff (agents, reviewers)").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.inference.advice import Advice
    from advisor.knowledge.base import KnowledgeBase

ALWAYS = "applies to every project"


def format_value(value: Any, knowledge: KnowledgeBase, fact: str, currency: str | None = None) -> str:
    """An answer in words: choice labels for enums, yes/no for booleans, numbers without float noise, an empty list
    as the question's "none" answer, and a cost in the brief's own currency ("5 EUR per prediction")."""
    question = knowledge.question_for_fact(fact)
    if value is None:
        return "not known"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if not value:
            return question.none if question is not None and question.none else "none"
        return ", ".join(format_value(item, knowledge, fact) for item in value)
    unit = question.unit if question is not None else None
    spec = knowledge.facts.get(fact)
    if unit is None and spec is not None:
        unit = spec.unit
    if unit is not None and unit.startswith("currency"):
        unit = unit.replace("currency", currency or "(currency not given)", 1)
    if isinstance(value, float) and unit == "fraction":
        return f"{value:.3g} ({value:.1%})"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        text = f"{int(value):,}"  # 6,000,000 per minute, not 6e+06
    elif isinstance(value, float):
        text = f"{value:,.6g}" if abs(value) >= 1e-4 or value == 0 else f"{value:.3g}"
    elif isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, str) and question is not None and question.choices:
        return question.choice_label(value)
    elif isinstance(value, str) and spec is not None and value in spec.values:
        return value.replace("_", " ")
    else:
        return str(value)
    return f"{text} {unit}" if unit else text


def fact_name(knowledge: KnowledgeBase, fact: str) -> str:
    """What a fact is about, from its description: "Who uses the predictions", "Share of the rarest class"."""
    spec = knowledge.facts.get(fact)
    description = spec.description if spec is not None and spec.description else ""
    if not description:
        question = knowledge.question_for_fact(fact)
        description = question.prompt if question is not None else fact.rsplit(".", maxsplit=1)[-1].replace("_", " ")
    # The first clause is the name; the rest of a long description (thresholds, examples) is detail.
    name = description.split(": ")[0].split(" (")[0].split(", e.g.")[0].strip()
    head = name.split(", ")[0]
    if head != name and len(name.split()) >= 10 and len(head.split()) >= 3 and not name.endswith("?"):
        name = head
    return name.rstrip(".")


def fact_phrase(knowledge: KnowledgeBase, fact: str, value: Any, currency: str | None = None) -> str:
    """One deciding fact in words: "Who uses the predictions: Operations staff (agents, reviewers)"."""
    name = fact_name(knowledge, fact)
    shown = format_value(value, knowledge, fact, currency)
    return f"{name} {shown}" if name.endswith("?") else f"{name}: {shown}"


MEASURED = " (measured on the data)"


def deciding_facts(advice: Advice, rule_id: str) -> list[str]:
    """The facts whose values made a rule fire, in the order the rule tests them."""
    firing = advice.firing(rule_id)
    if firing is None:
        return []
    return list(dict.fromkeys(check.fact for check in firing.trace.deciding_checks()))


def reached_by(
    advice: Advice,
    knowledge: KnowledgeBase,
    rule_id: str,
    currency: str | None = None,
    measured: frozenset[str] = frozenset(),
) -> list[str]:
    """The facts that made a rule fire, each in words (marked when measured on the data rather than answered)."""
    phrases = [
        fact_phrase(knowledge, fact, advice.facts.get(fact), currency) + (MEASURED if fact in measured else "")
        for fact in deciding_facts(advice, rule_id)
    ]
    return phrases or [ALWAYS]
