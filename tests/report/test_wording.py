"""Facts in words: the rule base's own descriptions and choice labels, never a raw fact id or an enum value."""

from __future__ import annotations

from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.report.wording import ALWAYS, fact_name, fact_phrase, format_value, reached_by


def test_choice_lists_read_as_their_labels(bundled_knowledge: KnowledgeBase) -> None:
    phrase = fact_phrase(bundled_knowledge, "problem.users", ["operations_staff", "customers"])
    assert phrase == "Who uses the predictions: Operations staff (agents, reviewers), Customers or the public"


def test_a_question_like_description_keeps_its_question_mark(bundled_knowledge: KnowledgeBase) -> None:
    assert (
        fact_phrase(bundled_knowledge, "legal.personal_data", True) == "Does the data describe identifiable people? yes"
    )


def test_long_descriptions_are_cut_to_their_first_clause(bundled_knowledge: KnowledgeBase) -> None:
    # "Size band of the training data, on the scikit-learn map's thresholds: tiny under 50 rows, ..."
    assert fact_name(bundled_knowledge, "derived.data_scale") == "Size band of the training data"
    # A short description with a comma is a list, not a clause: it stays whole.
    assert fact_name(bundled_knowledge, "data.bias_risk") == "Known or suspected sampling, selection or response bias"


def test_numbers_read_with_their_unit_and_without_float_noise(bundled_knowledge: KnowledgeBase) -> None:
    assert format_value(6e6, bundled_knowledge, "serving.throughput_per_minute") == "6,000,000 per minute"
    assert format_value(0.5, bundled_knowledge, "costs.false_positive_cost", "EUR") == "0.5 EUR per prediction"
    assert format_value(0.002, bundled_knowledge, "data.positive_share") == "0.002 (0.2%)"
    assert format_value(None, bundled_knowledge, "data.temporal") == "not known"


def test_a_rule_that_always_applies_says_so_and_others_name_their_facts(bundled_knowledge: KnowledgeBase) -> None:
    brief = Brief.model_validate({"problem": {"task_type": "binary_classification"}, "data": {"imbalance": "extreme"}})
    advice = advise(brief, bundled_knowledge)
    rule = next(item.rule for item in advice.recommendations if item.key == "metric:pr_auc")
    reasons = reached_by(advice, bundled_knowledge, rule)
    assert "The kind of ML task: Yes/no (binary classification)" in reasons
    assert all("." not in reason.split(":")[0] for reason in reasons)  # no `problem.task_type`
    assert reached_by(advice, bundled_knowledge, "no.such_rule") == [ALWAYS]
