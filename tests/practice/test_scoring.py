"""Scoring written answers against the engine's advice for the scenario."""

from __future__ import annotations

from advisor.knowledge.base import KnowledgeBase
from advisor.practice import grade, rubric_for
from advisor.practice.concepts import ConceptBook
from advisor.practice.scenarios import Scenario, find_scenario


def test_a_strong_answer_scores_high(
    strong_fraud: dict[str, str], fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    card = grade(fraud, strong_fraud, bundled_knowledge)
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


def test_accuracy_for_rare_fraud_costs_points_and_says_why(
    strong_fraud: dict[str, str], fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    with_accuracy = {**strong_fraud, "metrics": strong_fraud["metrics"] + " Our headline metric is accuracy."}
    strong = grade(fraud, strong_fraud, bundled_knowledge)
    card = grade(fraud, with_accuracy, bundled_knowledge)
    (contradiction,) = card.contradictions
    assert contradiction.key == "metric:accuracy"
    rule = bundled_knowledge.rule(contradiction.rule)
    assert rule is not None and contradiction.because == rule.because
    assert "accuracy" in contradiction.because.lower()
    assert "headline metric is accuracy" in (contradiction.evidence or "")
    # The points for ruling accuracy out are lost (unless the step's breadth share is full without them), and as
    # many again are taken off.
    assert strong.earned - 2 * contradiction.weight <= card.earned <= strong.earned - contradiction.weight
    assert card.score < strong.score


def test_a_negated_mention_is_not_a_contradiction(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    for text in ("Avoid accuracy.", "Not accuracy: PR-AUC.", "Accuracy is misleading here."):
        card = grade(fraud, {"metrics": text}, bundled_knowledge)
        accuracy = next(item for step in card.steps for item in step.items if item.key == "metric:accuracy")
        assert accuracy.status == "partial", text  # ruled out, but without saying why
        assert not card.contradictions
    card = grade(fraud, {"metrics": "Not accuracy, because 99.8 % of payments are legitimate."}, bundled_knowledge)
    accuracy = next(item for step in card.steps for item in step.items if item.key == "metric:accuracy")
    assert accuracy.status == "covered"


def test_an_item_named_under_another_step_still_counts(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    card = grade(fraud, {"problem": "We rank with gradient boosting."}, bundled_knowledge)
    item = next(item for step in card.steps for item in step.items if item.key == "model_family:gradient_boosting")
    assert item.status == "partial" and item.found_in == "problem" and item.step == "models"


def test_the_rubric_follows_the_advice(
    fraud: Scenario, bundled_knowledge: KnowledgeBase, concepts: ConceptBook
) -> None:
    from advisor.inference.engine import advise

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


def test_scoring_is_deterministic(
    strong_fraud: dict[str, str], fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    first = grade(fraud, strong_fraud, bundled_knowledge).model_dump_json()
    assert all(grade(fraud, strong_fraud, bundled_knowledge).model_dump_json() == first for _ in range(3))
