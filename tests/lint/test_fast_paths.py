"""The linter's fast paths find exactly what the straightforward computations find.

The gap check reuses work across answer combinations (rules that cannot fire left out, starting truths evaluated once
per value, untraced firings, settling shared); the reference runs the full `advise` on every combination, as the gap
check did before. The near-duplicate check compares only candidate pairs; the reference compares every pair.
"""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.brief.enums import Category
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.conditions import compile_condition, format_value
from advisor.knowledge.load import inspect_knowledge, load_knowledge
from advisor.knowledge.rules import Rule
from advisor.lint.gaps import GapConfig, _brief_for, _values, find_gaps
from advisor.lint.near_duplicates import Text, _candidate_pairs, near_identical

LINT_FIXTURES = Path(__file__).parent.parent / "fixtures" / "lint"


def reference_gaps(knowledge: KnowledgeBase, config: GapConfig) -> tuple[list[str], int]:
    """The gap check as a plain loop: the whole rule base, `advise` on every combination."""
    axes = [
        (fact, _values(knowledge, fact, setting, config.include_unknown)) for fact, setting in config.dimensions.items()
    ]
    exemptions = [(compile_condition(exemption.when), set(exemption.skip)) for exemption in config.exempt]
    gaps: list[str] = []
    count = 0
    for combo in itertools.product(*[values or [] for _, values in axes]):
        assignment = dict(zip([fact for fact, _ in axes], combo, strict=True))
        brief = _brief_for(assignment)
        facts = brief.facts()
        skipped: set[Category] = set()
        for condition, skip in exemptions:
            if condition(facts) is True:
                skipped |= skip
        advice = advise(brief, knowledge)
        count += 1
        for requirement in config.require:
            if requirement.category in skipped:
                continue
            items = advice.items(requirement.category.value)
            if requirement.strength is not None:
                items = [item for item in items if item.strength == requirement.strength.value]
            if not items:
                described = ", ".join(f"{fact} = {format_value(value)}" for fact, value in assignment.items())
                gaps.append(f"no {requirement.describe()} when {described}")
    return gaps, count


def fast_gaps(knowledge: KnowledgeBase, config: GapConfig) -> tuple[list[str], int]:
    axes = [
        (fact, _values(knowledge, fact, setting, config.include_unknown)) for fact, setting in config.dimensions.items()
    ]
    return find_gaps(knowledge, config, [(fact, values or []) for fact, values in axes])


STRICT = {
    "require": [
        {"category": "metric", "strength": "primary"},
        {"category": "model_family", "strength": "primary"},
        {"category": "model_family"},
        {"category": "evaluation"},
        {"category": "deployment", "strength": "recommended"},
    ],
    "exempt": [
        {
            "when": {"fact": "problem.task_type", "op": "eq", "value": "clustering"},
            "skip": ["metric"],
            "because": "no labels, so the metric is a question of its own",
        }
    ],
}


def test_the_gap_check_on_the_bundled_rules_matches_advise_everywhere() -> None:
    """Stricter requirements than gaps.yaml's, so that there are gaps to find, on the real rules."""
    knowledge = load_knowledge()
    dimensions = {
        "problem.task_type": "all",
        "data.rows": [20, 500000],
        "data.imbalance": "all",
        "serving.latency_ms": [10, 5000],
        "legal.explainability": "all",
    }
    config = GapConfig.model_validate({"dimensions": dimensions, **STRICT})
    expected = reference_gaps(knowledge, config)
    assert expected[0], "the strict requirements should leave gaps in the bundled rules"
    assert fast_gaps(knowledge, config) == expected


def _random_rules(rng: random.Random) -> list[dict[str, Any]]:
    """Rules in three layers (answers -> derived.flag -> derived.mode -> advice: chains, never a cycle), with
    exclusions, primaries and shared priorities, so that settling has conflicts to resolve."""
    answer_tests = [
        lambda: {"fact": "problem.task_type", "op": "eq", "value": rng.choice(["regression", "clustering", "ranking"])},
        lambda: {"fact": "data.rows", "op": rng.choice(["lt", "ge"]), "value": rng.choice([50, 10000, 100000])},
        lambda: {"fact": "data.imbalance", "op": "in", "value": rng.sample(["balanced", "mild", "severe"], 2)},
        lambda: {"fact": "serving.latency_ms", "op": rng.choice(["lt", "ge"]), "value": rng.choice([30, 1000])},
        lambda: {"fact": "data.imbalance", "op": "exists", "value": rng.choice([True, False])},
    ]
    rules = []
    for index in range(60):
        layer = 0 if index < 30 else (1 if index < 45 else 2)
        tests = [rng.choice(answer_tests)() for _ in range(rng.randint(1, 2))]
        if layer == 1:
            tests.append({"fact": "derived.flag", "op": "eq", "value": True})
        if layer == 2:
            tests.append({"fact": "derived.mode", "op": "eq", "value": rng.choice(["x", "y"])})
        when: dict[str, Any] = {rng.choice(["all", "any"]): tests}
        if rng.random() < 0.15:
            when = {"not": when}
        then: list[dict[str, Any]] = []
        for _ in range(rng.randint(1, 2)):
            category, items = rng.choice([("metric", ["m1", "m2", "m3"]), ("model_family", ["f1", "f2"])])
            strength = rng.choice(["primary", "recommended", "consider"])
            then.append({"recommend": {"category": category, "item": rng.choice(items), "strength": strength}})
        if rng.random() < 0.25:
            category, items = rng.choice([("metric", ["m1", "m2", "m3"]), ("model_family", ["f1", "f2"])])
            then.append({"exclude": {"category": category, "item": rng.choice(items)}})
        if layer == 0 and index % 10 == 0:
            then.append({"assert": {"fact": "derived.flag", "value": True}})
        if layer == 1 and index % 5 == 0:
            then.append({"assert": {"fact": "derived.mode", "value": rng.choice(["x", "y"])}})
        rules.append(
            {
                "id": f"random.rule_{index:02d}",
                "step": "models",
                "title": f"Random rule {index}",
                "priority": rng.choice([40, 50, 60]),
                "when": when,
                "then": then,
                "because": "A random rule for the equivalence test.",
                "sources": ["fixture"],
            }
        )
    return rules


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_gap_check_on_random_rules_matches_advise_everywhere(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    folder = tmp_path / "rules"
    shutil.copytree(LINT_FIXTURES / "_base", folder)
    catalog = {
        "catalog": {
            "metric": {
                item: {"label": f"Metric {item}", "description": "A metric for the test."}
                for item in ("m1", "m2", "m3")
            },
            "model_family": {
                item: {"label": f"Family {item}", "description": "A family for the test."} for item in ("f1", "f2")
            },
        }
    }
    (folder / "catalog.yaml").write_text(yaml.safe_dump(catalog), encoding="utf-8")
    (folder / "rules.yaml").write_text(yaml.safe_dump({"rules": _random_rules(rng)}), encoding="utf-8")
    knowledge, problems = inspect_knowledge(folder)
    assert not [problem for problem in problems if "rule" in (problem.item or "")], problems
    dimensions: dict[str, Any] = {
        "problem.task_type": ["regression", "clustering", "ranking"],
        "data.rows": [20, 5000, 500000],
        "data.imbalance": "all",
        "serving.latency_ms": [10, 500, 5000],
    }
    config = GapConfig.model_validate(
        {
            "dimensions": dimensions,
            "include_unknown": seed == 2,
            "require": [
                {"category": "metric", "strength": "primary"},
                {"category": "model_family", "strength": "primary"},
                {"category": "metric", "strength": "consider"},
                {"category": "metric", "strength": "recommended"},  # where demoted primaries go
                {"category": "model_family"},
            ],
            "exempt": STRICT["exempt"],
        }
    )
    expected = reference_gaps(knowledge, config)
    assert 0 < len(expected[0]) < expected[1] * len(config.require), "the random rules should leave some gaps, not all"
    assert fast_gaps(knowledge, config) == expected


def _rule(rule_id: str) -> Rule:
    return Rule.model_validate(
        {
            "id": rule_id,
            "step": "models",
            "title": "A rule",
            "then": [{"checklist": "Do it"}],
            "because": "Because the test says so.",
            "sources": ["fixture"],
        }
    )


@pytest.mark.parametrize("seed", range(6))
def test_near_duplicate_candidates_miss_no_near_identical_pair(seed: int) -> None:
    """Random short and long texts over a small vocabulary (many near-identical pairs, repeated words, empty texts),
    some from rules whose pairs must not count: the candidates keep every near-identical pair of the full product."""
    rng = random.Random(seed)
    vocabulary = ["log", "loss", "the", "model", "drift", "weekly", "score", "of", "data", "a"]
    rules = [_rule(f"r.rule_{index}") for index in range(8)]
    excluded = {rules[0].id, rules[1].id}
    texts = []
    for index in range(120):
        words = [rng.choice(vocabulary) for _ in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 8]))]
        text = " ".join(words).capitalize() + rng.choice(["", ".", "?"])
        rule = rng.choice([None, *rules])
        texts.append(Text("rule title", text, f"item {index}", Path("x.yaml"), index, rule))
    for names in (False, True):
        expected = [
            (first, second)
            for first, second in itertools.combinations(range(len(texts)), 2)
            if near_identical(texts[first].text, texts[second].text, names=names)
            and not (
                texts[first].rule is not None
                and texts[second].rule is not None
                and ({texts[first].rule.id, texts[second].rule.id} & excluded)  # type: ignore[union-attr]
            )
        ]
        found = [
            pair
            for pair in _candidate_pairs(texts, excluded)
            if near_identical(texts[pair[0]].text, texts[pair[1]].text, names=names)
        ]
        assert found == expected
        assert len(expected) > 50


def _without_explanations(value: Any) -> Any:
    """The advice as data, without what `explain=False` leaves out (traces and the "how" of each reason)."""
    if isinstance(value, dict):
        return {key: _without_explanations(item) for key, item in value.items() if key not in ("trace", "how")}
    if isinstance(value, list):
        return [_without_explanations(item) for item in value]
    return value


def test_golden_cases_get_the_same_advice_without_explanations() -> None:
    knowledge = load_knowledge()
    assert len(knowledge.cases) > 20
    for case in knowledge.cases:
        full, lean = advise(case.brief, knowledge), advise(case.brief, knowledge, explain=False)
        assert full.firings and any(firing.trace.parts for firing in full.firings)
        assert _without_explanations(lean.model_dump(mode="json")) == _without_explanations(
            full.model_dump(mode="json")
        ), case.id
        assert case.failures(lean) == case.failures(full), case.id
