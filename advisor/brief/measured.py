"""Answers the data can give: what the person left unanswered, the file measures (task type, rows, imbalance, ...).

When a dataset is analysed, every brief fact that has a direct measured counterpart and no answer is filled from
the data, so the rules keyed on the answers (metric by task type, model family by size) advise on the data too.
An answer the person gave is never replaced: where it disagrees with the data the report lists the contradiction.
Pure: facts in, brief out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import TaskType
from advisor.brief.model import Brief

# brief fact -> how to read it from the measured facts (None when the data cannot say)
MEASURED: dict[str, Callable[[DatasetFacts], Any]] = {
    "problem.task_type": lambda facts: facts.task_type,
    "problem.target_kind": lambda facts: facts.target_kind,
    "data.rows": lambda facts: facts.rows,
    "data.features": lambda facts: None if facts.columns is None else max(facts.columns - 1, 0),
    "data.feature_types": lambda facts: facts.feature_types or None,
    "data.imbalance": lambda facts: facts.imbalance,
    # The share of the class named positive (which may be the majority), not merely the rarest class's share.
    "data.positive_share": lambda facts: (
        (facts.positive_share if facts.positive_share is not None else facts.minority_share)
        if facts.task_type == TaskType.binary_classification.value
        else None
    ),
    # Protected attributes found in the data reach the fairness, proxy and legal rules without the brief naming them.
    "legal.protected_columns": lambda facts: facts.protected_columns or None,
    "legal.protected_attributes": lambda facts: facts.protected_attributes or None,
    # Only a time column says order matters; its absence does not say it does not.
    "data.temporal": lambda facts: True if facts.has_time_column else None,
}


def fill_from_data(brief: Brief, facts: DatasetFacts) -> tuple[Brief, list[str]]:
    """A copy of `brief` with its unanswered, measurable facts taken from `facts`; and the paths filled."""
    filled = brief.model_copy(deep=True, update={"dataset": facts})
    known = brief.facts()
    paths: list[str] = []
    for path, measure in MEASURED.items():
        value = measure(facts)
        if value is None or known.get(path) is not None:
            continue
        section, name = path.split(".")
        setattr(getattr(filled, section), name, value)
        paths.append(path)
    return filled, paths
