"""`{each fact}` placeholders: one question per item of a list fact, nothing when it is empty or unknown."""

from __future__ import annotations

from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.checks import _rule_problems
from advisor.knowledge.per_item import expand, placeholder_facts
from advisor.knowledge.rules import Rule


def test_one_text_per_item_with_the_item_in_backticks() -> None:
    facts = {"dataset.leakage_post_outcome": ["air_time", "arr_time"]}
    assert expand("Is {each dataset.leakage_post_outcome} known?", facts) == [
        "Is `air_time` known?",
        "Is `arr_time` known?",
    ]


def test_an_empty_or_unknown_list_yields_no_text() -> None:
    assert expand("Is {each dataset.leakage_same_time} known?", {"dataset.leakage_same_time": []}) == []
    assert expand("Is {each dataset.leakage_same_time} known?", {}) == []


def test_a_text_without_placeholder_is_kept() -> None:
    assert expand("Plain?", {}) == ["Plain?"]
    assert placeholder_facts("Is {each dataset.x_y} ok?") == ["dataset.x_y"]


def test_the_rule_checks_refuse_a_placeholder_that_is_not_a_list_fact(bundled_knowledge: KnowledgeBase) -> None:
    rule = Rule.model_validate({
        "id": "exploration.placeholder_example",
        "title": "A placeholder example",
        "step": "exploration",
        "when": {"fact": "dataset.leakage_suspects", "op": "gt", "value": 0},
        "then": [{"question": "Is {each dataset.rows} fine?"}, {"question": "Is {each dataset.leakage_columns} fine?"}],
        "because": "Only list facts can be expanded into one text per item.",
        "sources": ["[guess: common practice]"],
    })  # fmt: skip
    problems = list(_rule_problems(rule, bundled_knowledge))
    assert [(where, message) for where, message, _ in problems] == [
        ("then[0]", "'{each dataset.rows}' needs a list fact; 'dataset.rows' is not one")
    ]
