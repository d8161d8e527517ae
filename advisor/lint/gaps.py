"""The gap check: every combination of the key answers must get a primary metric and a model family.

`gaps.yaml` names the dimensions (facts) and their values (`all` for every value of an enum or yes/no fact, or a
list of representative values, e.g. one row count per data-size band), what each combination requires, and any
exemptions (with a reason). The check runs the real engine on every combination, so it sees chains and conflicts.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.brief.enums import Category, Strength
from advisor.brief.model import Brief
from advisor.inference.engine import infer
from advisor.inference.settle import Settled, rule_actions, settled_recommendations
from advisor.knowledge.compiled import CompiledRules, compile_rules
from advisor.knowledge.conditions import (
    AllOf,
    Condition,
    NotOf,
    Predicate,
    compile_condition,
    format_value,
    predicates,
    test_predicate,
)
from advisor.lint.config_files import read_model
from advisor.lint.findings import Finding

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase
    from advisor.knowledge.rules import Rule

MAX_REPORTED = 12


class Requirement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    category: Category
    strength: Strength | None = None

    def describe(self) -> str:
        noun = self.category.value.replace("_", " ")
        return f"{self.strength.value} {noun}" if self.strength is not None else noun


class Exemption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    when: Condition
    skip: list[Category] = Field(min_length=1)
    because: str = Field(min_length=10)


class GapConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    dimensions: dict[str, Literal["all"] | list[Any]] = Field(min_length=1)
    include_unknown: bool = False
    require: list[Requirement] = Field(min_length=1)
    exempt: list[Exemption] = Field(default_factory=list)


def _values(knowledge: KnowledgeBase, path: str, setting: Any, include_unknown: bool) -> list[Any] | None:
    spec = knowledge.facts.get(path)
    if spec is None:
        return None
    if setting == "all":
        values: list[Any] = list(spec.values) if spec.kind == "enum" else ([True, False] if spec.kind == "bool" else [])
    else:
        values = list(setting)
    return [*values, None] if include_unknown else values


def _brief_for(assignment: dict[str, Any]) -> Brief:
    nested: dict[str, dict[str, Any]] = {}
    for path, value in assignment.items():
        section, name = path.split(".", 1)
        if value is not None:
            nested.setdefault(section, {})[name] = value
    return Brief.model_validate(nested)


def _valid(fact: str, value: Any) -> bool:
    try:
        _brief_for({fact: value})
    except ValueError:
        return False
    return True


Outcomes = frozenset[bool | None]
ANY: Outcomes = frozenset({True, False, None})


def _outcomes(condition: Condition | None, known: set[str]) -> Outcomes:
    """What the condition can evaluate to when only the facts in `known` can have a value (all else unknown)."""
    if condition is None:
        return frozenset({True})
    if isinstance(condition, Predicate):
        if condition.fact in known:
            return ANY
        value = condition.value
        if condition.op == "exists":  # an unknown fact: `exists` is decided, every other test is unknown
            return frozenset({not (value is None or bool(value))})
        return frozenset({None})
    if isinstance(condition, NotOf):
        return frozenset(None if outcome is None else not outcome for outcome in _outcomes(condition.negated, known))
    parts = [
        _outcomes(part, known) for part in (condition.all_of if isinstance(condition, AllOf) else condition.any_of)
    ]
    decisive, other = (False, True) if isinstance(condition, AllOf) else (True, False)
    result: set[bool | None] = set()
    if any(decisive in part for part in parts):
        result.add(decisive)
    if all(other in part or None in part for part in parts) and any(None in part for part in parts):
        result.add(None)
    if all(other in part for part in parts):
        result.add(other)
    return frozenset(result)


def _rules_that_can_fire(knowledge: KnowledgeBase, answered: set[str]) -> tuple[Rule, ...]:
    """The rules whose condition can be true when only `answered` facts are given: derived facts count as known
    only while a rule that can fire asserts them (repeated until nothing changes). The others never fire in the
    gap check, so the engine runs without them and gives the same advice much faster on a large rule base."""
    derived = {path for path, spec in knowledge.facts.specs.items() if spec.origin == "derived"}
    known = answered | derived
    while True:
        kept = tuple(rule for rule in knowledge.rules if True in _outcomes(rule.when, known))
        asserted = {spec.fact for rule in kept for spec in rule.assertions()}
        narrowed = answered | (derived & asserted)
        if narrowed == known:
            return kept
        known = narrowed


class _Combinations:
    """The answer combinations, grouped by what the rules can tell apart.

    Only a few facts vary across the combinations. Two values of one fact are alike when every test the rules make
    on that fact (and every value they assert for it) comes out the same for both: `data.rows` 50,000 and 500,000
    are alike to rules that only test `rows ge 10000`. Combinations whose varying facts are alike value by value are
    indistinguishable to the engine (it reads facts only through those tests), so they fire the same rules in the
    same order: each such class is run once. Likewise, a rule's truth before anything fires is evaluated once per
    class of the facts it reads, not once per combination."""

    def __init__(self, compiled: CompiledRules, combinations: list[dict[str, Any]]) -> None:
        self.compiled = compiled
        self.combinations = combinations
        tests: dict[str, list[Predicate]] = defaultdict(list)
        asserted: dict[str, list[Any]] = defaultdict(list)
        for item in compiled.rules:
            for test in predicates(item.rule.when):
                tests[test.fact].append(test)
            for spec in item.assertions:
                asserted[spec.fact].append(spec.value)
        self.varying: list[str] = []
        self.classes: dict[str, dict[str, int]] = {}  # path -> repr of a value -> its class
        for path in sorted({path for facts in combinations for path in facts}):
            values = [facts.get(path) for facts in combinations]
            if values.count(values[0]) == len(values) and len({type(value) for value in values}) == 1:
                continue
            self.varying.append(path)
            outcomes: dict[tuple[Any, ...], int] = {}
            self.classes[path] = {}
            for value in values:
                key = _frozen(value)
                if key not in self.classes[path]:
                    outcome = tuple(test_predicate(test, value) for test in tests[path])
                    outcome += tuple(value == constant for constant in asserted[path])
                    self.classes[path][key] = outcomes.setdefault(outcome, len(outcomes))
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for index, item in enumerate(compiled.rules):
            groups[tuple(path for path in self.varying if path in item.reads)].append(index)
        self.groups = list(groups.items())
        self.memo: dict[tuple[int, tuple[int, ...]], list[int]] = {}

    def signature(self, number: int) -> tuple[int, ...]:
        """The class of each varying fact's value in this combination."""
        facts = self.combinations[number]
        return tuple(self.classes[path][_frozen(facts.get(path))] for path in self.varying)

    def matched(self, number: int) -> list[int]:
        """The indices of the rules true on this combination's facts before anything fires."""
        facts = self.combinations[number]
        rules = self.compiled.rules
        result: list[int] = []
        for group, (reads, members) in enumerate(self.groups):
            key = (group, tuple(self.classes[path][_frozen(facts.get(path))] for path in reads))
            true = self.memo.get(key)
            if true is None:
                true = [index for index in members if rules[index].evaluate(facts) is True]
                self.memo[key] = true
            result += true
        return result


def _touches(rule: Rule, categories: set[Category]) -> bool:
    return any(spec.category in categories for spec in rule.recommendations()) or any(
        ref.category in categories for ref in rule.exclusions()
    )


def _frozen(value: Any) -> str:
    """A hashable stand-in for a fact's value: facts are plain JSON values, equal exactly when their reprs are."""
    return repr(value)


def find_gaps(knowledge: KnowledgeBase, config: GapConfig, axes: list[tuple[str, list[Any]]]) -> tuple[list[str], int]:
    """Every gap (a requirement no advice meets, as a sentence) over the combinations of the axes' values, and how
    many combinations there are.

    What `advise` would recommend is computed with the engine's parts, reusing work across the combinations: the
    rules that cannot fire are left out, each rule's starting truth is evaluated once per value of the facts it
    reads, firings are not traced, and settling looks only at the firings that matter here."""
    exemptions = [(compile_condition(exemption.when), set(exemption.skip)) for exemption in config.exempt]
    gaps: list[str] = []
    combinations = []
    for combo in itertools.product(*[values for _, values in axes]):
        assignment = dict(zip([fact for fact, _ in axes], combo, strict=True))
        combinations.append((assignment, _brief_for(assignment).facts()))
    answered = {path for _, facts in combinations for path, value in facts.items() if value is not None}
    compiled = compile_rules(_rules_that_can_fire(knowledge, answered))
    classes = _Combinations(compiled, [facts for _, facts in combinations])
    # Only firings that recommend or exclude an item of a required category can change what is checked; the
    # combinations that fire the same of those in the same order (most of them) are settled once.
    required = {requirement.category for requirement in config.require}
    touches = {item.rule.id: _touches(item.rule, required) for item in compiled.rules}
    actions = {item.rule.id: rule_actions(item.rule) for item in compiled.rules}
    settled: dict[tuple[str, ...], list[Settled]] = {}
    outcomes: dict[tuple[int, ...], list[Settled]] = {}
    for number, (assignment, facts) in enumerate(combinations):
        skipped: set[Category] = set()
        for condition, skip in exemptions:
            if condition(facts) is True:
                skipped |= skip
        signature = classes.signature(number)
        if signature not in outcomes:
            fired = [entry for entry in infer(facts, compiled, classes.matched(number)) if touches[entry.rule.id]]
            key = tuple(entry.rule.id for entry in fired)
            if key not in settled:
                settled[key] = settled_recommendations(fired, actions)
            outcomes[signature] = settled[key]
        recommendations = outcomes[signature]
        for requirement in config.require:
            if requirement.category in skipped:
                continue
            items = [item for item in recommendations if item.category == requirement.category]
            if requirement.strength is not None:
                items = [item for item in items if item.strength == requirement.strength.value]
            if not items:
                described = ", ".join(f"{fact} = {format_value(value)}" for fact, value in assignment.items())
                gaps.append(f"no {requirement.describe()} when {described}")
    return gaps, len(combinations)


def check_gaps(knowledge: KnowledgeBase) -> tuple[Iterator[Finding], int]:
    path = knowledge.root / "gaps.yaml"
    config, document, findings = read_model(path, GapConfig, "gaps")
    if config is None:
        if not findings:
            findings = [Finding("info", "gaps", "no gaps.yaml: the gap check did not run", str(path))]
        return iter(findings), 0
    axes: list[tuple[str, list[Any]]] = []
    for fact, setting in config.dimensions.items():
        values = _values(knowledge, fact, setting, config.include_unknown)
        line = document.line_of(("dimensions", fact)) if document else None
        if values is None:
            findings.append(Finding("error", "gaps", f"unknown fact '{fact}'", str(path), line, None, "dimensions"))
        elif not values:
            findings.append(
                Finding("error", "gaps", f"{fact} is not an enum or yes/no fact: list its values", str(path), line)
            )
        else:
            wrong = [value for value in values if value is not None and not _valid(fact, value)]
            if wrong:
                findings.append(Finding("error", "gaps", f"invalid value {wrong[0]!r} for {fact}", str(path), line))
            else:
                axes.append((fact, values))
    if any(finding.severity == "error" for finding in findings):
        return iter(findings), 0
    gaps, count = find_gaps(knowledge, config, axes)
    for message in gaps[:MAX_REPORTED]:
        findings.append(
            Finding(
                "error",
                "gaps",
                message,
                str(path),
                None,
                None,
                None,
                "add a rule for this combination, or an exemption with a reason",
            )
        )
    if len(gaps) > MAX_REPORTED:
        findings.append(Finding("error", "gaps", f"... and {len(gaps) - MAX_REPORTED} more gaps", str(path)))
    return iter(findings), count
