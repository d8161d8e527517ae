"""The summary's lines say what the advice decided, and say so plainly when nothing was decided."""

from __future__ import annotations

from advisor.brief.model import Brief
from advisor.knowledge.base import KnowledgeBase
from advisor.report import build
from advisor.report.build import SERVING_MODE_ITEMS, SERVING_NOT_DECIDED


def serving_labels(knowledge: KnowledgeBase) -> set[str]:
    return {knowledge.catalog.label("deployment", item) for item in SERVING_MODE_ITEMS}


def test_without_a_serving_answer_the_summary_says_it_is_not_decided(bundled_knowledge: KnowledgeBase) -> None:
    # The brief of the bug report: plenty of deployment advice (pipelines, reviews, fallbacks), no serving mode.
    brief = Brief.model_validate(
        {
            "problem": {"task_type": "binary_classification", "goal": "Predict late payments"},
            "legal": {"personal_data": True},
            "data": {"rows": 50_000},
        }
    )
    report = build(brief, bundled_knowledge)
    deployment = [
        item.label for section in report.steps for item in section.recommendations if item.category == "deployment"
    ]
    assert deployment, "the brief should still get deployment advice that is not a serving mode"
    assert report.summary.serving_mode == SERVING_NOT_DECIDED


def test_a_chosen_serving_mode_is_shown_and_nothing_else(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    assert build(fraud_brief, bundled_knowledge).summary.serving_mode == "Online prediction service"
    batch = Brief.model_validate(
        {"problem": {"task_type": "binary_classification"}, "serving": {"prediction_timing": "batch"}}
    )
    assert build(batch, bundled_knowledge).summary.serving_mode in serving_labels(bundled_knowledge)
