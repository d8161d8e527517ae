"""Counterfactual pairs: change ONE fact of a brief and the advice must change in the stated way.

Each pair names a base brief, one dotted fact and its two values, the advice that must appear with the second value
(and be absent with the first) and the advice that must disappear. Advice is written as short statements:
`primary metric:wape`, `recommend deployment:feature_cache`, `exclude model_family:knn`, `risk legal:fair_housing`,
`fired high_risk.nyc_unknown`, `derived derived.serving_mode=on_device`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

from advisor.brief.model import Brief
from advisor.inference.advice import Advice
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class Counterfactual:
    name: str
    base: dict[str, Any]
    fact: str
    before: Any
    after: Any
    gained: frozenset[str] = field(default_factory=frozenset)
    lost: frozenset[str] = field(default_factory=frozenset)


def pair(
    name: str,
    base: dict[str, Any],
    fact: str,
    before: Any,
    after: Any,
    *,
    gained: frozenset[str] | set[str] = frozenset(),
    lost: frozenset[str] | set[str] = frozenset(),
) -> Counterfactual:
    return Counterfactual(name, base, fact, before, after, frozenset(gained), frozenset(lost))


def with_fact(base: dict[str, Any], fact: str, value: Any) -> Brief:
    """The base brief with one fact set (None leaves it unanswered)."""
    answers = copy.deepcopy(base)
    section, _, name = fact.partition(".")
    answers.setdefault(section, {})
    if value is None:
        answers[section].pop(name, None)
    else:
        answers[section][name] = value
    return Brief.model_validate(answers)


def statements(advice: Advice) -> set[str]:
    """Everything the advice says, as comparable statements."""
    said = {f"recommend {rec.key}" for rec in advice.recommendations}
    said |= {f"primary {rec.key}" for rec in advice.recommendations if str(rec.strength) == "primary"}
    said |= {f"exclude {exclusion.key}" for exclusion in advice.exclusions}
    said |= {f"risk {risk.key}" for risk in advice.risks}
    said |= {f"fired {firing.rule}" for firing in advice.firings}
    said |= {f"derived {path}={value}" for path, value in advice.derived.items()}
    return said


CLOUD_CLASSIFIER = {
    "problem": {"task_type": "binary_classification", "domain": "ecommerce"},
    "data": {"rows": 50000, "imbalance": "mild", "feature_types": ["numeric", "categorical"]},
    "serving": {"prediction_timing": "real_time", "deployment_target": "cloud"},
}
US_HIRING = {
    "problem": {"task_type": "binary_classification", "domain": "hiring", "human_in_loop": "review_all"},
    "legal": {"personal_data": True, "protected_attributes": ["sex", "age"]},
    "data": {"rows": 20000, "imbalance": "severe", "feature_types": ["text"]},
}
US_LENDING = {
    "problem": {"task_type": "binary_classification", "domain": "lending"},
    "legal": {"jurisdictions": ["us"]},
    "data": {"rows": 300000, "imbalance": "severe", "feature_types": ["numeric", "categorical"]},
}
KEYBOARD = {
    "problem": {"task_type": "multiclass_classification", "use_case": "next_word_prediction"},
    "legal": {"personal_data": True},
    "data": {"rows": 5000000, "imbalance": "extreme", "feature_types": ["text", "sequence"]},
    "serving": {
        "prediction_timing": "real_time",
        "deployment_target": "mobile",
        "latency_ms": 15,
        "model_size_limit_mb": 5,
    },
}
# A retention team that calls customers from a scored list; costs make the cost-optimal threshold act on nearly all.
CALL_LIST = {
    "problem": {
        "task_type": "binary_classification",
        "prediction_output": "probability",
        "domain": "telecom",
        "baseline_metric": "ROC AUC",
    },
    "costs": {"false_positive_cost": 15, "false_negative_cost": 400},
    "data": {"rows": 7000, "imbalance": "mild", "feature_types": ["numeric", "categorical"]},
}
FRAUD_QUEUE = {
    "problem": {"task_type": "binary_classification", "prediction_output": "probability", "domain": "payments"},
    "data": {"rows": 500000, "imbalance": "extreme", "positive_share": 0.002, "feature_types": ["numeric"]},
}
DEMAND = {
    "problem": {"task_type": "forecasting", "domain": "ecommerce"},
    "data": {"rows": 1000000, "feature_types": ["numeric", "datetime"]},
    "serving": {"prediction_timing": "batch"},
}

PAIRS = [
    pair(
        "latency 10 ms -> 500 ms",
        CLOUD_CLASSIFIER,
        "serving.latency_ms",
        10,
        500,
        lost={
            "derived derived.tight_latency=True",
            "exclude model_family:knn",
            "exclude model_family:stacking_ensemble",
            "exclude model_family:pretrained_transformer",
            "recommend deployment:feature_cache",
        },
    ),
    pair(
        "40 -> 40,000 rows",
        {"problem": {"task_type": "binary_classification"}, "data": {"imbalance": "balanced"}},
        "data.rows",
        40,
        40000,
        gained={
            "recommend data_strategy:train_validation_test_split",
            "recommend model_family:gradient_boosting",
            "primary data_strategy:stratified_split",
            "recommend tuning:early_stopping",
        },
        lost={
            "primary data_strategy:collect_more_data",
            "recommend data_strategy:repeated_cross_validation",
            "exclude model_family:neural_network",
            "derived derived.data_scale=tiny",
        },
    ),
    pair(
        "on-device -> cloud",
        KEYBOARD,
        "serving.deployment_target",
        "mobile",
        "cloud",
        gained={
            "primary deployment:online_service",
            "recommend deployment:canary_release",
            "recommend deployment:feature_cache",
            "derived derived.serving_mode=online",
        },
        lost={
            "primary deployment:on_device_runtime",
            "derived derived.serving_mode=on_device",
            "recommend deployment:model_compression",
            "fired on_device.data_stays_unknown",
            "recommend monitoring:device_telemetry",
        },
    ),
    pair(
        "US -> EU hiring",
        US_HIRING,
        "legal.jurisdictions",
        ["us"],
        ["eu"],
        gained={"risk legal:eu_ai_act_high_risk"},
        lost={
            "risk legal:title_vii_disparate_impact",
            "recommend evaluation:adverse_impact_ratio",
            "fired high_risk.nyc_unknown",
            "risk legal:fcra_adverse_action",
            "recommend deployment:appeal_route",
        },
    ),
    pair(
        "count target -> positive target",
        {"problem": {"task_type": "regression"}, "data": {"rows": 20000}},
        "problem.target_kind",
        "counts",
        "positive",
        gained={"recommend metric:gamma_deviance", "recommend metric:rmsle", "primary metric:rmse"},
        lost={"primary metric:poisson_deviance", "exclude metric:mape"},
    ),
    pair(
        "human review unanswered -> none",
        {
            "problem": {"task_type": "binary_classification", "domain": "health"},
            "costs": {"error_impact": "critical"},
            "data": {"rows": 20000, "imbalance": "severe"},
        },
        "problem.human_in_loop",
        None,
        "none",
        gained={"risk risk:automation_without_oversight", "fired problem.critical_without_oversight"},
        lost={"fired high_risk.oversight_unanswered"},
    ),
    pair(
        "US hiring: every case reviewed -> nobody reviews",
        {
            **US_HIRING,
            "legal": {"jurisdictions": ["us"], "personal_data": True, "protected_attributes": ["sex", "age"]},
        },
        "problem.human_in_loop",
        "review_all",
        "none",
        gained={"risk risk:automation_without_oversight", "recommend deployment:human_review_band"},
    ),
    pair(
        "US housing: no personal data -> personal data",
        {
            "problem": {"task_type": "regression", "domain": "housing"},
            "legal": {"jurisdictions": ["us"]},
            "data": {"rows": 20000},
        },
        "legal.personal_data",
        False,
        True,
        gained={
            "risk legal:fcra_adverse_action",
            "recommend deployment:appeal_route",
            "derived derived.high_stakes=True",
        },
    ),
    pair(
        "credit card -> mortgage",
        US_LENDING,
        "problem.use_case",
        "consumer_credit",
        "mortgage_lending",
        gained={"risk legal:fair_housing"},
    ),
    pair(
        "lending: jurisdiction unknown -> US",
        {**US_LENDING, "legal": {}},
        "legal.jurisdictions",
        None,
        ["us"],
        gained={"risk legal:ecoa_reg_b", "risk legal:fcra_adverse_action", "fired high_risk.mortgage_unknown"},
        lost={"risk legal:high_risk_jurisdiction_unknown"},
    ),
    pair(
        "labels: observed outcome -> past decisions",
        CLOUD_CLASSIFIER,
        "data.label_source",
        "observed_outcome",
        "past_human_decisions",
        gained={
            "risk risk:selective_labels",
            "derived derived.selective_labels=True",
            "risk risk:proxy_discrimination",
        },
    ),
    pair(
        "ecommerce -> advertising clicks",
        {
            "problem": {"task_type": "binary_classification", "prediction_output": "probability"},
            "data": {"rows": 100000000, "positive_share": 0.01, "feature_types": ["categorical"]},
        },
        "problem.domain",
        "ecommerce",
        "advertising",
        gained={
            "primary metric:normalized_cross_entropy",
            "recommend data_strategy:negative_downsampling",
            "exclude tuning:class_weights",
            "recommend feature:feature_hashing",
            "recommend iteration:continual_training",
        },
        lost={
            "primary metric:pr_auc",
            "recommend tuning:class_weights",
            "recommend data_strategy:resampling",
            "fired metrics.pr_auc_for_rare_positives",
        },
    ),
    pair(
        "no use case -> content moderation",
        {
            "problem": {"task_type": "multilabel_classification", "domain": "media"},
            "data": {"rows": 500000, "feature_types": ["text"]},
        },
        "problem.use_case",
        "other",
        "content_moderation",
        gained={
            "recommend deployment:policy_layer",
            "recommend deployment:appeal_route",
            "recommend deployment:human_review_band",
            "risk risk:subjective_labels",
            "risk risk:feedback_loop",
        },
    ),
    pair(
        "not time-ordered -> time-ordered",
        CLOUD_CLASSIFIER,
        "data.temporal",
        False,
        True,
        gained={"primary data_strategy:time_based_split", "exclude evaluation:k_fold_cv"},
        lost={"primary data_strategy:stratified_split", "recommend data_strategy:stratified_split"},
    ),
    pair(
        "forecast without zeros -> with many zeros",
        DEMAND,
        "data.target_zero_share",
        0.0,
        0.6,
        gained={
            "primary metric:wape",
            "recommend metric:tweedie_deviance",
            "exclude metric:smape",
            "exclude metric:mape",
        },
        lost={"primary metric:mase"},
    ),
    pair(
        "3 series -> 3,000 series",
        DEMAND,
        "data.series_count",
        3,
        3000,
        gained={"primary model_family:gradient_boosting"},
    ),
    pair(
        "multi-class balance unanswered -> balanced",
        {"problem": {"task_type": "multiclass_classification"}, "data": {"rows": 20000}},
        "data.imbalance",
        None,
        "balanced",
        gained={"primary metric:accuracy"},
        lost={"primary metric:f1_macro", "recommend metric:per_class_recall"},
    ),
    pair(
        "critical misses unpriced -> priced",
        {
            "problem": {"task_type": "binary_classification"},
            "costs": {"error_impact": "critical", "false_positive_cost": 1},
            "data": {"rows": 20000},
        },
        "costs.false_negative_cost",
        None,
        50,
        gained={"recommend metric:business_cost", "recommend evaluation:cost_based_threshold"},
        lost={"primary metric:recall_at_precision"},
    ),
    pair(
        "data may leave the device unknown -> must stay",
        KEYBOARD,
        "serving.data_stays_on_device",
        None,
        True,
        gained={"recommend data_strategy:federated_learning", "recommend tuning:differential_privacy"},
        lost={"fired on_device.data_stays_unknown"},
    ),
    pair(
        "rare class in health -> in payments",
        {"problem": {"task_type": "binary_classification"}, "data": {"rows": 20000, "imbalance": "severe"}},
        "problem.domain",
        "health",
        "payments",
        gained={"exclude cleaning:remove_outliers"},
    ),
    pair(
        "transport -> law enforcement (US)",
        {
            "problem": {"task_type": "binary_classification"},
            "legal": {"jurisdictions": ["us"]},
            "data": {"rows": 20000},
        },
        "problem.domain",
        "transportation",
        "law_enforcement",
        gained={
            "recommend evaluation:impact_assessment",
            "risk legal:civil_rights_policing",
            "risk risk:selective_labels",
            "risk risk:feedback_loop",
        },
    ),
    pair(
        "other text task -> next-word prediction",
        {**KEYBOARD, "problem": {"task_type": "multiclass_classification"}},
        "problem.use_case",
        "other",
        "next_word_prediction",
        gained={
            "primary metric:top_k_accuracy",
            "exclude model_family:tfidf_linear",
            "recommend model_family:ngram_language_model",
        },
        lost={"recommend model_family:tfidf_linear", "primary metric:f1_macro"},
    ),
    pair(
        "no capacity -> the team can call 10 %",
        CALL_LIST,
        "problem.capacity_share",
        None,
        0.1,
        gained={
            "primary metric:recall_at_k",
            "recommend metric:precision_at_k",
            "recommend evaluation:capacity_threshold",
            "fired metrics.ranking_at_capacity",
        },
        lost={"primary metric:log_loss"},
    ),
    pair(
        "baseline metric in words: ROC AUC -> recall in the top 10 % called",
        CALL_LIST,
        "problem.baseline_metric",
        "ROC AUC",
        "recall of churners in the top 10 % called",
        gained={"primary metric:recall_at_k", "recommend evaluation:capacity_threshold"},
        lost={"primary metric:log_loss"},
    ),
    pair(
        "rare fraud: no review budget -> a 1 % review rate",
        FRAUD_QUEUE,
        "problem.capacity_share",
        None,
        0.01,
        gained={"primary metric:recall_at_k", "recommend evaluation:capacity_threshold"},
        lost={"primary metric:pr_auc"},
    ),
]


def test_there_are_at_least_fifteen_pairs() -> None:
    assert len(PAIRS) >= 15
    assert len({counterfactual.name for counterfactual in PAIRS}) == len(PAIRS)


@pytest.mark.parametrize("counterfactual", PAIRS, ids=[counterfactual.name for counterfactual in PAIRS])
def test_one_fact_changes_the_advice_as_stated(
    counterfactual: Counterfactual, bundled_knowledge: KnowledgeBase
) -> None:
    before = statements(
        advise(with_fact(counterfactual.base, counterfactual.fact, counterfactual.before), bundled_knowledge)
    )
    after = statements(
        advise(with_fact(counterfactual.base, counterfactual.fact, counterfactual.after), bundled_knowledge)
    )
    assert counterfactual.gained or counterfactual.lost, "a pair must state what changes"
    assert sorted(counterfactual.gained - after) == [], "expected to appear after the change"
    assert sorted(counterfactual.gained & before) == [], "expected to be absent before the change"
    assert sorted(counterfactual.lost - before) == [], "expected to be present before the change"
    assert sorted(counterfactual.lost & after) == [], "expected to disappear after the change"


def test_with_fact_changes_only_that_fact() -> None:
    """The pairs really are one-fact changes: the two briefs differ in exactly the named fact."""
    for counterfactual in PAIRS:
        first = with_fact(counterfactual.base, counterfactual.fact, counterfactual.before).facts()
        second = with_fact(counterfactual.base, counterfactual.fact, counterfactual.after).facts()
        changed = {path for path in first if first[path] != second[path]}
        computed = {
            "costs.false_negative_ratio",
            "costs.cost_optimal_threshold",
            "data.rows_per_feature",
            "problem.operating_share",
        }
        assert changed - computed == {counterfactual.fact}, counterfactual.name
