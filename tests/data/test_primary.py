"""The baselines are judged by the engine's primary metric when it can be computed, else the task's default."""

from __future__ import annotations

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import TaskType
from advisor.brief.model import Brief
from advisor.data.baseline.primary import primary_metric


def test_rare_positives_make_pr_auc_the_primary_metric() -> None:
    brief = Brief()
    brief.problem.task_type = TaskType.binary_classification
    brief.data.imbalance = "severe"  # type: ignore[assignment]
    metric, why = primary_metric(brief, DatasetFacts(), TaskType.binary_classification)
    assert metric == "pr_auc"
    assert "metrics.pr_auc_for_rare_positives" in why


def test_no_engine_choice_falls_back_to_the_task_default() -> None:
    metric, why = primary_metric(Brief(), DatasetFacts(), TaskType.regression)
    assert metric == "rmse" and "default" in why


def test_a_metric_of_the_wrong_task_falls_back() -> None:
    brief = Brief()
    brief.problem.task_type = TaskType.binary_classification
    brief.data.imbalance = "severe"  # type: ignore[assignment]
    metric, why = primary_metric(brief, DatasetFacts(), TaskType.regression)  # the data say regression
    assert metric == "rmse" and "cannot be computed" in why


def test_multiclass_macro_f1_is_measured_not_replaced() -> None:
    import yaml

    from advisor.util.resources import bundled_rules

    case = yaml.safe_load((bundled_rules() / "cases" / "ticket_routing.yaml").read_text(encoding="utf-8"))
    brief = Brief.model_validate(case["brief"])
    metric, why = primary_metric(brief, DatasetFacts(), TaskType.multiclass_classification)
    assert metric == "f1_macro" and "cannot be computed" not in why
