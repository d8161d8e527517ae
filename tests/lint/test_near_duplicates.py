"""The near-duplicate measure: the pairs the issue named are near-identical, different advice is not; identical
texts are reported as a group that keeps every pair."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.load import inspect_knowledge
from advisor.lint.near_duplicates import (
    JACCARD_THRESHOLD,
    RATIO_THRESHOLD,
    check_near_duplicates,
    near_identical,
    similarity,
)
from advisor.lint.satisfiability import Solver

LINT_FIXTURES = Path(__file__).parent.parent / "fixtures" / "lint"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Choose the decision threshold from the business costs", "Choose a decision threshold from business costs"),
        (
            "How was the data collected (who recorded it, when, and which filters)?",
            "How was the data collected (who recorded it and when, with which filters)?",
        ),
        ("Score probabilities with log loss", "Score the probabilities with log-loss"),
        ("Log loss", "log-loss"),
    ],
)
def test_rewordings_are_near_identical(first: str, second: str) -> None:
    assert near_identical(first, second)


@pytest.mark.parametrize(
    ("first", "second", "names"),
    [
        ("Precision@k", "Precision", True),
        ("Mean absolute scaled error (MASE)", "Mean absolute error (MAE)", True),
        ("Train on the past, test on the future", "Keep the class shares in every slice", False),
        ("Start with a linear model for classification", "Use gradient boosting for large tabular data", False),
    ],
)
def test_different_advice_is_not(first: str, second: str, names: bool) -> None:
    assert not near_identical(first, second, names=names)


def test_similarity_is_symmetric_and_bounded() -> None:
    jaccard, ratio = similarity("Monitor feature drift weekly", "Monitor the drift of features weekly")
    assert (jaccard, ratio) == similarity("Monitor the drift of features weekly", "Monitor feature drift weekly")
    assert 0 <= jaccard <= 1 and 0 <= ratio <= 1
    assert 0 < JACCARD_THRESHOLD < 1 and 0 < RATIO_THRESHOLD < 1


def _base_with(rules: list[dict[str, Any]], folder: Path) -> KnowledgeBase:
    shutil.copytree(LINT_FIXTURES / "_base", folder)
    (folder / "rules.yaml").write_text(yaml.safe_dump({"rules": rules}), encoding="utf-8")
    knowledge, problems = inspect_knowledge(folder)
    assert not problems and len(knowledge.rules) == len(rules), problems
    return knowledge


def _titled(rule_id: str, title: str, when: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": rule_id,
        "step": "metrics",
        "title": title,
        "when": when,
        "then": [{"recommend": {"category": "metric", "item": "m1"}}],
        "because": f"A reason of its own for {rule_id}, so that only the titles repeat.",
        "sources": ["fixture"],
    }


@pytest.mark.parametrize("broken", [set(), {"same.r1"}, {"same.r0", "same.r1", "same.r2"}])
def test_identical_texts_are_grouped_and_every_pair_stays_findable(broken: set[str], tmp_path: Path) -> None:
    """Five rules share a title (one with other case and punctuation); which of them can fire together is a graph,
    not a clique. The group warning lists exactly the rules that the pairwise definition pairs with another (never a
    broken rule), each pair of the definition lies inside it, and two rules alone with one title still get the pair
    warning."""
    rows = [("lt", 50), ("lt", 100), ("ge", 1000), ("ge", 2000)]
    rules = [
        _titled(f"same.r{index}", "Use the same words here", {"fact": "data.rows", "op": op, "value": value})
        for index, (op, value) in enumerate(rows)
    ]
    never = {"all": [{"fact": "data.rows", "op": "lt", "value": 10}, {"fact": "data.rows", "op": "ge", "value": 20}]}
    rules.append(_titled("same.never", "use the SAME words, here!", never))
    rules += [
        _titled(f"pair.r{index}", "Only two rules share this title", {"fact": "data.rows", "op": "gt", "value": 1})
        for index in range(2)
    ]
    knowledge = _base_with(rules, tmp_path / "rules")
    solver = Solver(knowledge.facts, knowledge.rules, broken)
    titles = [rule for rule in knowledge.rules if rule.id.startswith("same.")]
    expected_pairs = {
        (first.id, second.id)
        for first, second in itertools.combinations(titles, 2)
        if near_identical(first.title, second.title)
        and not {first.id, second.id} & broken
        and solver.jointly_satisfiable(solver.expand(first.when), solver.expand(second.when))
    }
    assert expected_pairs == {("same.r0", "same.r1"), ("same.r2", "same.r3")} - {
        pair for pair in [("same.r0", "same.r1"), ("same.r2", "same.r3")] if set(pair) & broken
    }
    found = [finding for finding in check_near_duplicates(knowledge, solver) if "rule title" in finding.message]
    grouped = [finding for finding in found if "texts have the same words" in finding.message]
    members = {f"rule {rule_id}" for pair in expected_pairs for rule_id in pair}
    assert len(grouped) == (1 if members else 0)
    if members:
        assert set(grouped[0].message.rsplit(": ", 1)[1].split(", ")) == members
        assert grouped[0].message.startswith(f"{len(members)} texts have the same words as this rule title")
    pairs = [finding for finding in found if finding not in grouped]
    assert [(finding.item, finding.message.split(" is near-identical")[0]) for finding in pairs] == [
        ("rule pair.r1", "rule title 'Only two rules share this title'")
    ]
