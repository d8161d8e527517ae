"""Scoring written answers against the engine's advice for the scenario."""

from __future__ import annotations

from advisor.knowledge import KnowledgeBase
from advisor.practice import grade, rubric_for
from advisor.practice.concepts import ConceptBook
from advisor.practice.scenarios import Scenario, find_scenario

# What a strong candidate says about marketplace fraud (KNOWLEDGE.md §7), written without looking at the rubric.
STRONG_FRAUD = {
    "problem": (
        "Binary classification of each card payment at checkout: fraud or not, as a calibrated probability. "
        "The label is a chargeback within 90 days, so labels are delayed. Fraud is a rare event (0.2 %), a heavily "
        "imbalanced problem. A missed fraud costs about 120 USD, a false decline about 5 USD. Decisions are real "
        "time, with a human review band for uncertain cases. Payments are personal data under GDPR, so "
        "pseudonymise identifiers."
    ),
    "metrics": (
        "Accuracy is misleading at 0.2 % positives, so not accuracy. The primary offline metric is PR-AUC "
        "(average precision), with recall and precision at the operating point. I also track the amount-weighted "
        "expected cost, and log loss with a calibration curve because we act on the probability. The decision "
        "threshold is tuned from the costs on the validation split. Online: chargeback rate and false declines."
    ),
    "data_sources": "Payments, account history, device and velocity events from event logs; chargebacks as labels.",
    "exploration": "Look for target leakage from post-transaction fields, class balance over time, drift.",
    "cleaning": "Deduplicate retried payments; impute missing device data on the training split only.",
    "features": "Velocity counts per card and device, amount, merchant category, geolocation distance.",
    "models": (
        "The current rules are the heuristic baseline; then logistic regression with class weights; then "
        "gradient boosted trees (LightGBM). No large stacked ensemble because of the latency budget."
    ),
    "training": "Time-based split: train on the past, test on the most recent weeks, stratified within each period.",
    "deployment": (
        "An online prediction service behind checkout within a 50 ms p99 latency budget, real-time serving; "
        "shadow mode, then canary. Monitor feature drift, score distributions and precision at the threshold."
    ),
    "iteration": (
        "Weekly error analysis of missed fraud and false declines; retrain weekly and when drift is detected; "
        "A/B test new models; watch adversarial drift as fraudsters adapt, and concept drift."
    ),
}


def test_a_strong_answer_scores_high(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    card = grade(fraud, STRONG_FRAUD, bundled_knowledge)
    assert card.score >= 80
    assert not card.contradictions
    metrics = next(step for step in card.steps if step.step == "metrics")
    primary = next(item for item in metrics.items if item.key == "metric:pr_auc")
    assert primary.status == "covered" and "PR-AUC" in (primary.evidence or "")


def test_an_empty_answer_scores_zero(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    card = grade(fraud, {}, bundled_knowledge)
    assert card.score == 0
    assert card.possible > 0
    assert all(item.status == "missed" for step in card.steps for item in step.items)
    assert all(step.score in (0, None) and not step.answered for step in card.steps)


def test_accuracy_for_rare_fraud_costs_points_and_says_why(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    with_accuracy = {**STRONG_FRAUD, "metrics": STRONG_FRAUD["metrics"] + " Our headline metric is accuracy."}
    strong = grade(fraud, STRONG_FRAUD, bundled_knowledge)
    card = grade(fraud, with_accuracy, bundled_knowledge)
    (contradiction,) = card.contradictions
    assert contradiction.key == "metric:accuracy"
    rule = bundled_knowledge.rule(contradiction.rule)
    assert rule is not None and contradiction.because == rule.because
    assert "accuracy" in contradiction.because.lower()
    assert "headline metric is accuracy" in (contradiction.evidence or "")
    # Both the points for ruling accuracy out and as many again are lost.
    assert card.earned == strong.earned - 2 * contradiction.weight
    assert card.score < strong.score


def test_a_negated_mention_is_not_a_contradiction(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    for text in ("Avoid accuracy.", "Not accuracy: PR-AUC.", "Accuracy is misleading here."):
        card = grade(fraud, {"metrics": text}, bundled_knowledge)
        accuracy = next(item for step in card.steps for item in step.items if item.key == "metric:accuracy")
        assert accuracy.status == "covered", text
        assert not card.contradictions


def test_an_item_named_under_another_step_still_counts(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    card = grade(fraud, {"problem": "We rank with gradient boosting."}, bundled_knowledge)
    item = next(item for step in card.steps for item in step.items if item.key == "model_family:gradient_boosting")
    assert item.status == "covered" and item.found_in == "problem" and item.step == "models"


def test_the_rubric_follows_the_advice(
    fraud: Scenario, bundled_knowledge: KnowledgeBase, concepts: ConceptBook
) -> None:
    from advisor.engine import advise

    advice = advise(fraud.brief, bundled_knowledge)
    keys = {item.key for item in rubric_for(fraud, bundled_knowledge, concepts)}
    assert {recommendation.key for recommendation in advice.recommendations} <= keys
    assert {exclusion.key for exclusion in advice.exclusions} <= keys
    assert {risk.key for risk in advice.risks} <= keys
    assert "derived:serving_mode=online" in keys


def test_risks_count_when_raised_in_any_words(bundled_knowledge: KnowledgeBase) -> None:
    loan = find_scenario("loan_approval", bundled_knowledge)
    card = grade(loan, {"problem": "ECOA applies: adverse action notices need reasons."}, bundled_knowledge)
    risk = next(item for step in card.steps for item in step.items if item.key == "legal:ecoa_reg_b")
    assert risk.status == "covered"


def test_scoring_is_deterministic(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    first = grade(fraud, STRONG_FRAUD, bundled_knowledge).model_dump_json()
    assert all(grade(fraud, STRONG_FRAUD, bundled_knowledge).model_dump_json() == first for _ in range(3))
