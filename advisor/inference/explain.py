"""Explanations built from the engine's trace: HOW, WHY and WHY-NOT, as data and as text.

- HOW: the proof tree of a recommendation, from the rule that made it back through derived facts to the answers.
- WHY: for a question, the rules waiting on its answer and what each possible answer would change.
- WHY-NOT: for a rule that did not fire, its first failing condition with the expected and actual values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from advisor.brief.model import Brief
from advisor.inference.advice import Advice
from advisor.inference.engine import advise
from advisor.knowledge.conditions import Check, Trace, compile_condition, fact_paths, format_value, trace_condition

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

FactOrigin = Literal["answer", "computed", "dataset", "derived", "unknown"]


class Support(BaseModel):
    """A fact a rule relied on, and where its value came from."""

    fact: str
    value: Any
    origin: FactOrigin
    question: str | None = None
    derived_by: Proof | None = None


class Proof(BaseModel):
    """Why a rule fired: its title and rationale and the facts that made its condition true."""

    rule: str
    title: str
    because: str
    supports: list[Support] = Field(default_factory=list)


def how(advice: Advice, knowledge: KnowledgeBase, subject: str) -> Proof | None:
    """The proof of a recommendation, exclusion or risk (`metric:pr_auc`) or of a fired rule (its id)."""
    rule_id = subject
    for key, rule in _advised(advice):
        if key == subject:
            rule_id = rule
            break
    return _proof(advice, knowledge, rule_id, set())


def _advised(advice: Advice) -> list[tuple[str, str]]:
    """(key, rule) of every recommendation, exclusion and risk."""
    return [
        *((item.key, item.rule) for item in advice.recommendations),
        *((item.key, item.rule) for item in advice.exclusions),
        *((item.key, item.rule) for item in advice.risks),
    ]


def _proof(advice: Advice, knowledge: KnowledgeBase, rule_id: str, seen: set[str]) -> Proof | None:
    firing = advice.firing(rule_id)
    rule = knowledge.rule(rule_id)
    if firing is None or rule is None or rule_id in seen:
        return None
    seen = seen | {rule_id}
    supports = []
    for check in firing.trace.deciding_checks():
        supports.append(_support(advice, knowledge, check, seen))
    return Proof(rule=rule.id, title=rule.title, because=rule.because, supports=supports)


def _support(advice: Advice, knowledge: KnowledgeBase, check: Check, seen: set[str]) -> Support:
    spec = knowledge.facts.get(check.fact)
    origin: FactOrigin = spec.origin if spec is not None else "unknown"
    question = knowledge.question_for_fact(check.fact)
    derived_by = None
    if origin == "derived":
        asserter = next((f.rule for f in advice.firings if check.fact in f.asserted), None)
        derived_by = _proof(advice, knowledge, asserter, seen) if asserter else None
    return Support(
        fact=check.fact,
        value=check.actual,
        origin=origin,
        question=question.id if question else None,
        derived_by=derived_by,
    )


def render_how(proof: Proof, indent: int = 0) -> str:
    pad = "  " * indent
    lines = [f"{pad}rule {proof.rule}: {proof.title}"]
    for support in proof.supports:
        source = {
            "answer": f"answer to '{support.question}'" if support.question else "answers file",
            "computed": "computed from answers",
            "dataset": "measured on the data",
            "derived": "derived",
            "unknown": "unknown",
        }[support.origin]
        lines.append(f"{pad}  because {support.fact} is {format_value(support.value)} ({source})")
        if support.derived_by is not None:
            lines.append(render_how(support.derived_by, indent + 2))
    return "\n".join(lines)


# --- WHY ------------------------------------------------------------------------------------------------------------


class Waiting(BaseModel):
    """A rule whose outcome depends on the answer."""

    rule: str
    title: str
    step: str


class Effect(BaseModel):
    """What one possible answer would add to the advice."""

    answer: Any
    label: str
    adds: list[str] = Field(default_factory=list)


class Why(BaseModel):
    question: str
    fact: str
    prompt: str
    help: str
    waiting: list[Waiting] = Field(default_factory=list)
    effects: list[Effect] = Field(default_factory=list)


def _advice_keys(advice: Advice) -> dict[str, str]:
    keys = {
        f"{r.key}": f"recommends {r.label}{' (primary)' if r.strength == 'primary' else ''}"
        for r in advice.recommendations
    }
    keys |= {f"exclude:{e.key}": f"rules out {e.label}" for e in advice.exclusions}
    keys |= {f"risk:{r.key}": f"flags {r.label}" for r in advice.risks}
    return keys


def why(question_id: str, knowledge: KnowledgeBase, brief: Brief | None = None) -> Why | None:
    """Which rules wait on a question's answer and, for a choice, what each answer would add."""
    question = knowledge.question(question_id)
    if question is None:
        return None
    current = brief or Brief()
    base = advise(current, knowledge)
    facts = base.facts
    waiting = [
        Waiting(rule=rule.id, title=rule.title, step=str(rule.step))
        for rule in knowledge.rules
        if question.fact in fact_paths(rule.when)
        and not base.fired(rule.id)
        and compile_condition(rule.when)(facts) is None
    ]
    result = Why(question=question.id, fact=question.fact, prompt=question.prompt, help=question.help, waiting=waiting)
    spec = knowledge.facts[question.fact]
    if spec.kind in ("enum", "bool", "enum_list") and current.facts().get(question.fact) is None:
        before = _advice_keys(base)
        options: list[Any] = list(spec.values) if spec.kind != "bool" else [True, False]
        for value in options:
            trial = _with_answer(current, question.fact, [value] if spec.kind == "enum_list" else value)
            after = _advice_keys(advise(trial, knowledge))
            adds = [text for key, text in after.items() if key not in before]
            label = question.choice_label(value) if spec.kind != "bool" else format_value(value)
            result.effects.append(Effect(answer=value, label=label, adds=adds))
    return result


def _with_answer(brief: Brief, path: str, value: Any) -> Brief:
    section, name = path.split(".", 1)
    data = brief.model_dump(mode="json", exclude_computed_fields=True)
    data.setdefault(section, {})[name] = value
    return Brief.model_validate(data)


def render_why(answer: Why) -> str:
    lines = [f"{answer.prompt}", f"  {answer.help}"]
    if answer.effects:
        lines.append("  What each answer changes:")
        for effect in answer.effects:
            change = (
                "; ".join(effect.adds[:4]) + (" ..." if len(effect.adds) > 4 else "") if effect.adds else "nothing new"
            )
            lines.append(f"    {effect.label}: {change}")
    if answer.waiting:
        lines.append(f"  Rules waiting on this answer ({len(answer.waiting)}):")
        lines += [f"    {item.rule}: {item.title}" for item in answer.waiting[:8]]
        if len(answer.waiting) > 8:
            lines.append(f"    ... and {len(answer.waiting) - 8} more")
    return "\n".join(lines)


# --- WHY-NOT --------------------------------------------------------------------------------------------------------


class WhyNot(BaseModel):
    rule: str
    title: str
    status: Literal["fired", "failed", "waiting"]
    checks: list[Check] = Field(default_factory=list)


def why_not(rule_id: str, advice: Advice, knowledge: KnowledgeBase) -> WhyNot | None:
    """Why a rule did not fire: the first failing condition, or the unanswered facts it waits on."""
    rule = knowledge.rule(rule_id)
    if rule is None:
        return None
    if advice.fired(rule_id):
        return WhyNot(rule=rule.id, title=rule.title, status="fired")
    trace = trace_condition(rule.when, advice.facts)
    if trace.result is False:
        return WhyNot(rule=rule.id, title=rule.title, status="failed", checks=_first_failure(trace))
    unknown = [check for check in trace.checks() if check.result is None]
    return WhyNot(rule=rule.id, title=rule.title, status="waiting", checks=unknown)


def _first_failure(trace: Trace) -> list[Check]:
    """The checks that made a false condition false: the first false part of `all`, every part of `any`."""
    if trace.check is not None:
        return [trace.check]
    if trace.kind == "all":
        first = next(part for part in trace.parts if part.result is False)
        return _first_failure(first)
    if trace.kind == "any":
        return [check for part in trace.parts for check in _first_failure(part)]
    # `not`: its inner condition held; the checks that made it hold are the reason.
    return list(trace.parts[0].deciding_checks())


def render_why_not(answer: WhyNot) -> str:
    if answer.status == "fired":
        return f"rule {answer.rule} fired: {answer.title}"
    if answer.status == "waiting":
        facts = ", ".join(dict.fromkeys(check.fact for check in answer.checks))
        return f"rule {answer.rule} did not fire: it waits on unanswered facts: {facts}"
    lines = [f"rule {answer.rule} did not fire: {answer.title}"]
    lines += [f"  {check.describe()}" for check in answer.checks]
    return "\n".join(lines)
