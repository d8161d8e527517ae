"""Protected attributes found in the data reach the rules; the rules decide whether they are features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.brief.measured import fill_from_data
from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse
from advisor.inference.advice import Advice
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.report.build import build_report
from tests.data.conftest import CHURN

HMDA_LIKE_COLUMNS = ["deny", "pirat", "lvrat", "race", "sex", "income"]


@pytest.fixture(scope="module")
def mortgage(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The churn example's real rows recast as a mortgage table with `race` and `sex` columns (not in any brief)."""
    frame = pd.read_csv(CHURN).iloc[:600]
    rng = np.random.default_rng(0)
    table = pd.DataFrame({
        "deny": frame["churn"],
        "pirat": frame["monthly_charges"] / 300,
        "lvrat": frame["tenure"] / 80,
        "race": rng.choice(["white", "black", "asian"], len(frame)),
        "sex": np.where(frame["female"] == 1, "female", "male"),
        "income": frame["total_charges"],
    })  # fmt: skip
    path = tmp_path_factory.mktemp("mortgage") / "mortgage.csv"
    table.to_csv(path, index=False)
    return path


def brief_for(domain: str) -> Brief:
    return Brief.model_validate({"problem": {"domain": domain, "task_type": "binary_classification"}})


def advised(analysis: DataAnalysis, brief: Brief, knowledge: KnowledgeBase) -> tuple[Brief, Advice]:
    measured, _ = fill_from_data(brief, analysis.facts)
    return measured, advise(measured, knowledge)


def test_protected_columns_found_in_the_data_fire_fairness_proxy_and_legal_advice(
    mortgage: Path, bundled_knowledge: KnowledgeBase
) -> None:
    analysis = analyse(mortgage, target="deny", brief=brief_for("lending"), out_dir=None, run_baseline=False)
    assert analysis.facts.protected_columns == ["race", "sex"]
    assert analysis.facts.protected_attributes == ["race", "sex"]
    measured, advice = advised(analysis, brief_for("lending"), bundled_knowledge)
    assert measured.legal.protected_attributes == ["race", "sex"]
    rules = {firing.rule for firing in advice.firings}
    assert {"legal.protected_attributes_present", "legal.protected_attributes_regulated"} <= rules
    assert "legal.group_fairness_audit" in rules
    report = build_report(measured, bundled_knowledge, advice, data=analysis.model_dump(mode="json"))
    assert report.summary.legal_flags
    assert any("Anti-discrimination" in flag for flag in report.summary.legal_flags)


def test_a_regulated_decision_drops_them_and_states_the_cost(mortgage: Path, bundled_knowledge: KnowledgeBase) -> None:
    analysis = analyse(mortgage, target="deny", brief=brief_for("hiring"), out_dir=None, knowledge=bundled_knowledge)
    assert analysis.baseline is not None and analysis.baseline.protected is not None
    effect = analysis.baseline.protected
    assert effect.dropped and "legal.protected_attributes_regulated" in effect.why
    assert "race" not in analysis.baseline.features and "sex" not in analysis.baseline.features
    assert effect.with_protected is not None and effect.without_protected is not None
    measured, advice = advised(analysis, brief_for("hiring"), bundled_knowledge)
    report = build_report(measured, bundled_knowledge, advice, data=analysis.model_dump(mode="json"))
    assert report.summary.protected_attributes is not None
    assert "left out of the features" in report.summary.protected_attributes
    assert effect.metric in report.summary.protected_attributes


def test_an_unregulated_model_keeps_them_as_features(mortgage: Path, bundled_knowledge: KnowledgeBase) -> None:
    analysis = analyse(mortgage, target="deny", brief=brief_for("health"), out_dir=None, knowledge=bundled_knowledge)
    assert analysis.baseline is not None and analysis.baseline.protected is not None
    assert not analysis.baseline.protected.dropped
    assert {"race", "sex"} <= set(analysis.baseline.features)
    assert analysis.protected_policy is not None and analysis.protected_policy.startswith("kept as features")


def test_an_unstated_domain_keeps_them_out_until_it_is_named(mortgage: Path, bundled_knowledge: KnowledgeBase) -> None:
    """A mortgage table whose brief names no domain: race and sex could be unlawful inputs, so they stay out (and in
    the per-group evaluation), and the report says which rule and how to lift it."""
    brief = Brief.model_validate({"problem": {"task_type": "binary_classification"}})
    analysis = analyse(mortgage, target="deny", brief=brief, out_dir=None, knowledge=bundled_knowledge)
    assert analysis.baseline is not None and analysis.baseline.protected is not None
    assert analysis.baseline.protected.dropped
    assert "race" not in analysis.baseline.features and "sex" not in analysis.baseline.features
    assert analysis.protected_policy is not None
    assert "legal.protected_attributes_domain_unstated" in analysis.protected_policy
    _, advice = advised(analysis, brief, bundled_knowledge)
    assert any("domain" in item.text for item in advice.checklist)
