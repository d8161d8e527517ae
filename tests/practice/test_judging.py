"""Credit needs a reason, a hedge is no choice, wrong practice costs, and a step's score follows its coverage."""

from __future__ import annotations

import pytest

from advisor.knowledge.base import KnowledgeBase
from advisor.practice import grade
from advisor.practice.scenarios import Scenario, find_scenario
from advisor.practice.scoring import ItemResult, Scorecard


def item(card: Scorecard, key: str) -> ItemResult:
    return next(found for step in card.steps for found in step.items if found.key == key)


def wrong(card: Scorecard) -> set[str]:
    return {found.id for found in card.wrong_practice}


@pytest.fixture(scope="module")
def house(bundled_knowledge: KnowledgeBase) -> Scenario:
    return find_scenario("house_prices", bundled_knowledge)


@pytest.mark.parametrize(
    ("text", "status", "credit"),
    [
        ("PR-AUC as the primary metric because fraud is only 0.2 % of payments.", "covered", 1.0),
        ("PR-AUC, since it ignores the flood of easy negatives.", "covered", 1.0),  # the rule's own rationale
        ("I would use PR-AUC.", "partial", 0.5),
        ("Accuracy, F1, ROC-AUC, PR-AUC, log loss.", "missed", 0.0),  # a hedge, not a choice
        ("Accuracy, F1, ROC-AUC, PR-AUC and log loss because fraud is rare.", "missed", 0.0),
        ("PR-AUC is my primary metric; I also look at F1, ROC-AUC and log loss.", "partial", 0.5),
    ],
)
def test_credit_needs_a_reason(
    text: str, status: str, credit: float, fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    found = item(grade(fraud, {"metrics": text}, bundled_knowledge), "metric:pr_auc")
    assert (found.status, found.credit) == (status, credit), found.note


def test_a_hedge_says_to_state_the_choice(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    card = grade(fraud, {"metrics": "Accuracy, F1, ROC-AUC, PR-AUC, log loss."}, bundled_knowledge)
    assert "say which one you choose" in (item(card, "metric:pr_auc").note or "")
    assert item(card, "metric:log_loss").note == "one entry of an unexplained list"
    assert not card.contradictions  # accuracy listed among alternatives is a hedge (no credit), not a choice


def test_an_explained_list_earns_half(fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    keys = ("feature:lag_features", "feature:datetime_features", "feature:one_hot_encoding")
    explained = grade(fraud, {"features": "Rolling windows, hour of day and one-hot encoding, because fraud bursts "
                                          "at night."}, bundled_knowledge)  # fmt: skip
    assert [item(explained, key).credit for key in keys] == [0.5, 0.5, 0.5]
    bare = grade(fraud, {"features": "Rolling windows, hour of day, one-hot encoding."}, bundled_knowledge)
    assert [item(bare, key).credit for key in keys] == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("step", "text", "practice", "cancelled"),
    [
        ("training", "Apply SMOTE on the whole data before splitting.", "resampling_before_split",
         "data_strategy:resampling"),
        ("training", "Oversample the fraud cases on the full dataset, then split 80/20.", "resampling_before_split",
         "data_strategy:resampling"),
        ("cleaning", "Standardise all features on the whole dataset before the split.", "preprocessing_before_split",
         "feature:standardisation"),
        ("features", "Use the chargeback status as a feature, it is the strongest signal.", "post_outcome_feature",
         None),
        ("training", "A random 80/20 split with shuffling.", "random_split_on_time_ordered_data",
         "data_strategy:train_validation_test_split"),
        ("training", "Tune the hyperparameters on the test set.", "tuning_on_the_test_set",
         "tuning:hyperparameter_search"),
        ("cleaning", "Remove outliers with z-score > 3 on the amount.", "outliers_removed_where_they_are_the_signal",
         "feature:standardisation"),
        ("metrics", "Flag fraud above the default 0.5 threshold.", "default_threshold_with_unequal_costs",
         "evaluation:cost_based_threshold"),
    ],
)  # fmt: skip
def test_wrong_practice_costs_and_earns_no_credit(
    step: str, text: str, practice: str, cancelled: str | None, fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    card = grade(fraud, {step: text}, bundled_knowledge)
    assert practice in wrong(card)
    found = next(found for found in card.wrong_practice if found.id == practice)
    rule = bundled_knowledge.rule(found.rule)
    assert rule is not None and found.because == rule.because  # the rule's reason is quoted
    assert card.score == 0 and card.earned < 0
    if cancelled:
        assert item(card, cancelled).credit == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Apply SMOTE only after the split, never on the whole dataset, because it would leak.",
        "Never tune on the test set: it is looked at once.",
        "No random split: the data is ordered in time, so a random split would leak the future.",
        "The label is the chargeback, never the chargeback status as a feature.",
        "Do not remove outliers, they are the fraud.",
        "Class weights rather than SMOTE before the split, which copies positives into the test set.",
    ],
)
def test_warning_against_wrong_practice_is_knowledge(
    text: str, fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    assert wrong(grade(fraud, {"training": text}, bundled_knowledge)) == set()


def test_a_z_score_filter_is_not_standardisation(house: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    card = grade(house, {"cleaning": "Remove outliers with z-score > 3 on the price."}, bundled_knowledge)
    assert item(card, "feature:standardisation").credit == 0.0
    assert wrong(card) == set()  # outliers may go in house prices: only the credit is not earned
    scaled = grade(house, {"features": "Standardise numeric features for the linear model."}, bundled_knowledge)
    assert item(scaled, "feature:standardisation").credit > 0


def test_a_random_split_is_wrong_only_on_time_ordered_data(bundled_knowledge: KnowledgeBase) -> None:
    segmentation = find_scenario("segmentation", bundled_knowledge)
    card = grade(segmentation, {"training": "A random 80/20 split with shuffling."}, bundled_knowledge)
    assert "random_split_on_time_ordered_data" not in wrong(card)


@pytest.mark.parametrize(("cadence", "credit"), [("once a year", 0.5), ("monthly", 0.5), ("weekly", 1.0)])
def test_a_cadence_slower_than_the_scenarios_is_half_at_best(
    cadence: str, credit: float, fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    text = f"Retrain {cadence} because fraud patterns shift as fraudsters adapt."
    found = item(grade(fraud, {"iteration": text}, bundled_knowledge), "iteration:scheduled_retraining")
    assert found.credit == credit
    if credit < 1:
        assert found.note and "the scenario needs weekly" in found.note


def test_a_step_score_follows_its_coverage(strong_fraud: dict[str, str], fraud: Scenario,
                                          bundled_knowledge: KnowledgeBase) -> None:  # fmt: skip
    card = grade(fraud, strong_fraud, bundled_knowledge)
    for step in card.steps:
        if step.score is None:
            continue
        earned = sum(found.credit * found.weight for found in step.items)
        assert step.possible == sum(found.weight for found in step.items)
        assert (step.score == 100) == (earned == step.possible and not step.wrong_practice)
    # Every further item covered raises the step's score.
    metrics = next(step for step in card.steps if step.step == "metrics")
    missed = [found for found in metrics.items if found.status == "missed"]
    assert missed and metrics.score is not None and metrics.score < 100
    more = {**strong_fraud, "metrics": strong_fraud["metrics"] + " The Brier score, because reviewers read it."}
    richer = next(step for step in grade(fraud, more, bundled_knowledge).steps if step.step == "metrics")
    assert richer.score is not None and richer.score > metrics.score
    # The overall score comes from all points together: it lies between the lowest and highest step score.
    scores = [step.score for step in card.steps if step.score is not None]
    assert min(scores) <= card.score <= max(scores)


def test_the_judgement_file_names_real_rules_items_and_facts(bundled_knowledge: KnowledgeBase) -> None:
    from advisor.practice.judgement import load_judgement

    judgement = load_judgement(bundled_knowledge)
    items = set(bundled_knowledge.catalog.item_keys())
    assert len(judgement.wrong_practice) >= 6 and judgement.cadences
    for practice in judgement.wrong_practice:
        for rule in (practice.rule, *practice.applies_when):
            assert bundled_knowledge.rule(rule) is not None, (practice.id, rule)
        assert set(practice.cancels) <= items, practice.id
        assert practice.step in {step.step for step in grade_steps(bundled_knowledge)}
    for cadence in judgement.cadences:
        assert bundled_knowledge.rule(cadence.rule) is not None
        assert cadence.fact in bundled_knowledge.facts and set(cadence.items) <= items


def grade_steps(knowledge: KnowledgeBase) -> list[object]:
    return list(grade(find_scenario("fraud", knowledge), {}, knowledge).steps)


def test_judging_is_linear_in_the_answers_length(
    strong_fraud: dict[str, str], fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    """The whole grading (concepts, cues, lists, wrong practice) of a 100 KB answer costs about ten times that of a
    10 KB one, far from the hundredfold of a quadratic scan; a generous ratio, not a wall-clock limit."""
    import time

    text = " ".join(strong_fraud.values())

    def seconds(size: int) -> float:
        answer = {"metrics": (text * (size // len(text) + 1))[:size]}
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            grade(fraud, answer, bundled_knowledge)
            best = min(best, time.perf_counter() - started)
        return best

    baseline = seconds(0)  # the rubric and phrase books, built once per grading
    small, large = seconds(10_000) - baseline, seconds(100_000) - baseline
    assert large < 30 * max(small, 0.01) + 1.0, (baseline, small, large)


@pytest.mark.parametrize(
    ("text", "practice"),
    [
        ("We balance the classes with SMOTE first and then split into train and test.", "resampling_before_split"),
        ("Fit a StandardScaler on the full dataset and then split.", "preprocessing_before_split"),
        ("Include the refund status as an input feature.", "post_outcome_feature"),
        ("Use train_test_split with shuffle=True.", "random_split_on_time_ordered_data"),
        ("Randomly split the payments 80/20.", "random_split_on_time_ordered_data"),
        ("Select the threshold that maximises F1 on the test set.", "tuning_on_the_test_set"),
        ("We pick the best model by its test accuracy.", "tuning_on_the_test_set"),
        ("Drop outliers above the 99th percentile of the amount.", "outliers_removed_where_they_are_the_signal"),
        ("Use a 0.5 cut-off on the probability.", "default_threshold_with_unequal_costs"),
    ],
)
def test_wrong_practice_in_other_words(
    text: str, practice: str, fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    assert wrong(grade(fraud, {"training": text}, bundled_knowledge)) == {practice}


@pytest.mark.parametrize(
    "text",
    [
        "We tune on the validation weeks and report once on the test set.",
        "The test set is used once at the end, after tuning on validation.",
        "SMOTE only inside the training folds, after the split.",
        "The chargeback is the label; nothing known after the payment, like its chargeback status, is a feature.",
        "The threshold comes from the costs, not the default 0.5.",
        "Impute with medians from the training weeks only and then standardise.",
        "We shuffle nothing: the split is by time.",
        "Don't fit the scaler on all the data before the split.",
    ],
)
def test_right_practice_in_other_words(text: str, fraud: Scenario, bundled_knowledge: KnowledgeBase) -> None:
    assert wrong(grade(fraud, {"training": text}, bundled_knowledge)) == set()
