"""Answers the data gives: unanswered, measurable facts are filled from the dataset; given answers are kept."""

from __future__ import annotations

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.measured import fill_from_data
from advisor.brief.model import Brief

FACTS = DatasetFacts(
    rows=2000,
    columns=20,
    task_type="binary_classification",
    imbalance="mild",
    minority_share=0.27,
    feature_types=["numeric", "categorical"],
    has_time_column=False,
)


def test_unanswered_measurable_facts_are_filled_from_the_data() -> None:
    filled, paths = fill_from_data(Brief(), FACTS)
    assert filled.problem.task_type == "binary_classification"
    assert filled.data.rows == 2000 and filled.data.features == 19
    assert filled.data.positive_share == 0.27 and filled.data.imbalance == "mild"
    assert filled.dataset == FACTS
    assert set(paths) == {
        "problem.task_type",
        "data.rows",
        "data.features",
        "data.feature_types",
        "data.imbalance",
        "data.positive_share",
    }
    assert filled.data.temporal is None  # no time column does not mean time does not matter


def test_answers_the_person_gave_are_never_replaced() -> None:
    brief = Brief()
    brief.data.rows = 7000
    brief.problem.task_type = "regression"
    filled, paths = fill_from_data(brief, FACTS)
    assert filled.data.rows == 7000 and filled.problem.task_type == "regression"
    assert "data.rows" not in paths and "problem.task_type" not in paths
    assert brief.dataset is None  # the input brief is untouched
