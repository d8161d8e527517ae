"""`{each fact}` placeholders: one question per item of a list fact, nothing when it is empty or unknown."""

from __future__ import annotations

from advisor.per_item import expand, placeholder_facts


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
