"""Load-time checks that cross files: facts, values, catalog items, question types, case expectations.

Each check names the file and line of the rule, question or case, the field, and the closest valid name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import Category
from advisor.errors import KnowledgeError
from advisor.knowledge.bibliography import Bibliography, Citation, UnknownSource
from advisor.knowledge.conditions import validate_condition
from advisor.knowledge.facts import DERIVED_PREFIX
from advisor.knowledge.per_item import placeholder_facts
from advisor.knowledge.questions import TYPE_FOR_KIND, Question
from advisor.knowledge.rules import Rule
from advisor.util.suggest import did_you_mean

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

RISK_CATEGORIES = {Category.risk.value, Category.legal.value}


def check_knowledge(knowledge: KnowledgeBase) -> list[KnowledgeError]:
    problems: list[KnowledgeError] = []
    for rule in knowledge.rules:
        problems += _located(knowledge, "rule", rule.id, _rule_problems(rule, knowledge))
    facts_asked: dict[str, str] = {}
    for question in knowledge.questions:
        found = list(_question_problems(question, knowledge))
        if question.fact in facts_asked:
            found.append(
                (
                    "fact",
                    f"{question.fact} is already asked by question {facts_asked[question.fact]}",
                    "one question per fact",
                )
            )
        facts_asked.setdefault(question.fact, question.id)
        problems += _located(knowledge, "question", question.id, found)
    for case in knowledge.cases:
        problems += _located(knowledge, "case", case.id, _case_problems(case, knowledge))
    bibliography = knowledge.bibliography
    if bibliography is not None:
        for rule in knowledge.rules:
            problems += _citation_problems(knowledge, bibliography, "rule", rule.id, rule.sources)
        for question in knowledge.questions:
            problems += _citation_problems(knowledge, bibliography, "question", question.id, question.sources)
    return problems


def _citation_problems(
    knowledge: KnowledgeBase, bibliography: Bibliography, kind: str, item_id: str, sources: list[str]
) -> list[KnowledgeError]:
    """Every citation must name a key of sources.yaml; the error points at the `sources:` line itself."""
    keys = bibliography.keys()
    path, line = knowledge.origins.get(f"{kind}-sources:{item_id}", knowledge.origin(kind, item_id))
    problems: list[KnowledgeError] = []
    for index, text in enumerate(sources):
        citation = Citation.parse(text)
        if bibliography.get(citation.key) is None:
            suggestion = did_you_mean(citation.key, keys)
            problems.append(
                UnknownSource(
                    f"unknown source '{citation.key}'",
                    file=path,
                    line=line,
                    item=f"{kind} {item_id}",
                    field=f"sources[{index}]",
                    hint=suggestion or "cite a key of sources.yaml (add the entry there), as 'key' or 'key: locator'",
                )
            )
    return problems


def _located(
    knowledge: KnowledgeBase, kind: str, item_id: str, found: Iterator[tuple[str, str, str | None]] | list[Any]
) -> list[KnowledgeError]:
    path, line = knowledge.origin(kind, item_id)
    return [
        KnowledgeError(problem, file=path, line=line, item=f"{kind} {item_id}", field=field, hint=hint)
        for field, problem, hint in found
    ]


def _item_problem(
    knowledge: KnowledgeBase, category: str, item: str, where: str
) -> Iterator[tuple[str, str, str | None]]:
    if knowledge.catalog.get(category, item) is None:
        hint = did_you_mean(item, knowledge.catalog.ids(category)) or "add it to catalog.yaml"
        yield where, f"'{category}:{item}' is not in the catalog", hint


def _rule_problems(rule: Rule, knowledge: KnowledgeBase) -> Iterator[tuple[str, str, str | None]]:
    yield from validate_condition(rule.when, knowledge.facts)
    for index, action in enumerate(rule.then):
        where = f"then[{index}]"
        for spec in [getattr(action, "recommend", None), getattr(action, "exclude", None)]:
            if spec is not None:
                yield from _item_problem(knowledge, str(spec.category), spec.item, f"{where}.item")
        risk = getattr(action, "risk", None)
        if risk is not None:
            if str(risk.category) not in RISK_CATEGORIES:
                yield f"{where}.risk.category", f"a risk's category must be risk or legal, not {risk.category}", None
            else:
                yield from _item_problem(knowledge, str(risk.category), risk.item, f"{where}.risk.item")
        assertion = getattr(action, "assert_", None)
        if assertion is not None:
            yield from _assert_problems(assertion.fact, assertion.value, knowledge, f"{where}.assert")
        for text in [getattr(action, "question", None), getattr(action, "checklist", None)]:
            for path in placeholder_facts(text or ""):
                spec = knowledge.facts.get(path)
                if spec is None or not spec.is_list:
                    hint = (
                        did_you_mean(path, knowledge.facts.paths()) or "name a list fact, e.g. dataset.leakage_columns"
                    )
                    yield where, f"'{{each {path}}}' needs a list fact; '{path}' is not one", hint


def _assert_problems(
    path: str, value: Any, knowledge: KnowledgeBase, where: str
) -> Iterator[tuple[str, str, str | None]]:
    spec = knowledge.facts.get(path)
    if spec is None or spec.origin != "derived":
        declared = [f"{DERIVED_PREFIX}{name}" for name in knowledge.derived]
        hint = did_you_mean(path, declared) or "declare it in derived.yaml; rules may only assert derived.* facts"
        yield f"{where}.fact", f"'{path}' is not a declared derived fact", hint
        return
    if not spec.accepts_scalar(value):
        yield (
            f"{where}.value",
            f"{value!r} is not a valid value of {path}: expected {spec.type_name()}",
            (did_you_mean(str(value), spec.values) if spec.values else None),
        )


def _question_problems(question: Question, knowledge: KnowledgeBase) -> Iterator[tuple[str, str, str | None]]:
    spec = knowledge.facts.get(question.fact)
    if spec is None:
        yield "fact", f"unknown fact '{question.fact}'", did_you_mean(question.fact, knowledge.facts.paths("answer"))
        return
    if spec.origin != "answer":
        yield "fact", f"{question.fact} is a {spec.origin} fact; questions fill answers only", None
        return
    expected_type = TYPE_FOR_KIND[spec.kind]
    if question.type != expected_type:
        yield "type", f"{question.fact} is {spec.type_name()}, so the question type must be {expected_type}", None
    if spec.values:
        offered = [choice.value for choice in question.choices]
        for index, value in enumerate(offered):
            if value not in spec.values:
                yield (
                    f"choices[{index}].value",
                    f"'{value}' is not a value of {question.fact}",
                    did_you_mean(value, spec.values),
                )
        missing = [value for value in spec.values if value not in offered]
        if question.choices and missing:
            yield "choices", f"no choice for {', '.join(missing)}", "offer every value of the fact"
    elif question.choices:
        yield "choices", f"{question.fact} is {spec.type_name()}; choices apply to choice questions only", None
    if question.default is not None:
        values = question.default if isinstance(question.default, list) and spec.is_list else [question.default]
        for value in values:
            if not spec.accepts_scalar(value) and not (spec.kind == "number" and isinstance(value, int)):
                yield (
                    "default",
                    f"{value!r} is not a valid value of {question.fact}",
                    (did_you_mean(str(value), spec.values) if spec.values else None),
                )
    if question.none is not None and question.type not in ("multi_choice", "text_list"):
        yield "none", f"a 'none' answer fits list questions only, not a {question.type} question", None
    yield from validate_condition(question.ask_when, knowledge.facts, "ask_when")


def _case_problems(case: Any, knowledge: KnowledgeBase) -> Iterator[tuple[str, str, str | None]]:
    for label, expectation in (("expect", case.expect), ("expect_not", case.expect_not)):
        for name, key in expectation.item_keys():
            category, _, item = key.partition(":")
            if category not in Category.__members__:
                yield (
                    f"{label}.{name}",
                    f"'{key}' must be written category:item",
                    did_you_mean(category, Category.__members__),
                )
            else:
                yield from _item_problem(knowledge, category, item, f"{label}.{name}")
        for rule_id in expectation.fired:
            if knowledge.rule(rule_id) is None:
                yield f"{label}.fired", f"no rule '{rule_id}'", did_you_mean(rule_id, [r.id for r in knowledge.rules])
        for path in expectation.derived:
            if path not in knowledge.facts or knowledge.facts[path].origin != "derived":
                yield f"{label}.derived", f"'{path}' is not a declared derived fact", None
    for index, question_id in enumerate(case.brief.skipped):
        if knowledge.question(question_id) is None:
            yield (
                f"brief.skipped[{index}]",
                f"no question '{question_id}'",
                did_you_mean(question_id, [q.id for q in knowledge.questions]),
            )
