"""Which metric the baselines are judged by: the engine's primary metric when it can be computed on this task."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import TaskType
from advisor.brief.measured import fill_from_data
from advisor.brief.model import Brief
from advisor.data.baseline.scoring import DEFAULT_PRIMARY, supports

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

TOP_K = frozenset({"recall_at_k", "precision_at_k"})  # measured at the brief's capacity (operating_point.py)
# Catalog metrics measured by the nearest metric we compute (the report says which was used).
ALIASES = {
    "f_beta": "f1",
    "normalized_cross_entropy": "log_loss",
    "calibration_error": "brier_score",
    "smape": "mape",
    "top_k_accuracy": "accuracy",
}


def primary_metric(
    brief: Brief, facts: DatasetFacts, task: TaskType, knowledge: KnowledgeBase | None = None
) -> tuple[str, str]:
    """The metric id and why it was chosen. The engine sees the measured facts, so data-driven rules apply."""
    from advisor.inference.engine import advise
    from advisor.knowledge.load import load_knowledge

    # The same facts the report advises on: unanswered questions the data can answer are filled from it.
    informed, _ = fill_from_data(brief, facts)
    advice = advise(informed, knowledge if knowledge is not None else load_knowledge())
    chosen = advice.primary("metric")
    default = DEFAULT_PRIMARY[task]
    if chosen is None:
        return default, f"the task's default ({default}): the engine named no primary metric"
    wanted = ALIASES.get(chosen.item, chosen.item)
    if wanted in TOP_K and task == TaskType.binary_classification:
        from advisor.data.baseline.operating_point import METRIC_IDS, capacity_of

        capacity = capacity_of(brief.problem)
        if capacity is not None:  # recall or precision, as the brief's words measure it: at one k they agree
            measured = METRIC_IDS[capacity.kind]
            via = f" (measured as {measured}, as the brief states it)" if measured != chosen.item else ""
            return measured, (
                f"the engine's primary metric {chosen.item}{via} at the brief's capacity (top "
                f"{capacity.share * 100:g} %), rule {chosen.rule}"
            )
    if supports(wanted, task):
        via = f" (measured as {wanted})" if wanted != chosen.item else ""
        return wanted, f"the engine's primary metric {chosen.item}{via}, from rule {chosen.rule}"
    return default, (
        f"the task's default ({default}): the engine's primary metric {chosen.item} cannot be computed for "
        f"{task.value.replace('_', ' ')} here"
    )
