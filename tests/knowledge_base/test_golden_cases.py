"""Every golden case in rules/cases/ gets the advice it must, and none of the advice it must not."""

from __future__ import annotations

import pytest

from advisor.brief.model import Brief
from advisor.inference.advice import Advice
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.load import load_knowledge

CASE_IDS = sorted(case.id for case in load_knowledge().cases)
REQUIRED_SCENARIOS = {
    "fraud",
    "churn",
    "spam",
    "autocomplete",
    "recommendations",
    "ads_ctr",
    "ticket_routing",
    "house_prices",
    "lending",
    "on_device",
    "medical_triage",
    "segmentation",
    "tiny_data",
    "big_data",
}


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_golden_case_passes(case_id: str, bundled_knowledge: KnowledgeBase, case_advice: dict[str, Advice]) -> None:
    case = next(case for case in bundled_knowledge.cases if case.id == case_id)
    assert case.failures(case_advice[case_id]) == []


def test_every_required_scenario_has_a_case() -> None:
    assert set(CASE_IDS) >= REQUIRED_SCENARIOS


def test_rich_briefs_fill_most_sections(bundled_knowledge: KnowledgeBase) -> None:
    """The briefs that become the bundled example reports answer most of the questionnaire."""
    question_facts = {question.fact for question in bundled_knowledge.questions}
    for case_id in ("churn", "fraud", "house_prices", "lending"):
        case = next(case for case in bundled_knowledge.cases if case.id == case_id)
        answered = {path for path, value in case.brief.facts().items() if value is not None} & question_facts
        assert len(answered) >= 0.6 * len(question_facts), f"{case_id} answers only {len(answered)} questions"


def test_fraud_at_two_per_mille_never_gets_accuracy(case_advice: dict[str, Advice]) -> None:
    """Analysts review 1 % of payments: recall in that 1 % leads, PR-AUC stays beside it, accuracy never."""
    advice = case_advice["fraud"]
    primary = advice.primary("metric")
    assert primary is not None and primary.item == "recall_at_k"
    assert advice.recommendation("metric:pr_auc") is not None
    assert advice.recommendation("metric:accuracy") is None
    assert advice.is_excluded("metric:accuracy")


def test_lending_flags_ecoa_and_keeps_race_out(case_advice: dict[str, Advice]) -> None:
    advice = case_advice["lending"]
    assert advice.risk("legal:ecoa_reg_b") is not None
    assert advice.is_excluded("feature:protected_attributes")


def test_small_data_asks_for_more_data_first(case_advice: dict[str, Advice]) -> None:
    advice = case_advice["tiny_data"]
    primary = advice.primary("data_strategy")
    assert primary is not None and primary.item == "collect_more_data"


def test_on_device_ten_ms_gets_no_large_ensemble(case_advice: dict[str, Advice]) -> None:
    advice = case_advice["on_device"]
    assert advice.recommendation("model_family:stacking_ensemble") is None
    assert advice.is_excluded("model_family:stacking_ensemble")


def test_hundred_million_rows_get_sampling_and_a_distributed_engine(case_advice: dict[str, Advice]) -> None:
    advice = case_advice["big_data"]
    assert advice.recommendation("data_strategy:distributed_processing") is not None
    assert advice.recommendation("data_strategy:representative_sample") is not None


def test_a_case_fails_when_the_brief_changes(bundled_knowledge: KnowledgeBase) -> None:
    """The expectations bite: fraud with no review rate in its brief no longer gets recall at that rate as its
    primary metric, and with balanced classes not PR-AUC either."""
    case = next(case for case in bundled_knowledge.cases if case.id == "fraud")
    answers = case.brief.answered()
    answers["problem"].update(baseline_metric="ROC AUC")
    failures = case.failures(advise(Brief.model_validate(answers), bundled_knowledge))
    assert any("metric:recall_at_k to be primary" in failure for failure in failures)
    answers["data"].update(positive_share=0.5, imbalance="balanced")
    failures = case.failures(advise(Brief.model_validate(answers), bundled_knowledge))
    assert any("metric:recall_at_k to be primary" in failure for failure in failures)
