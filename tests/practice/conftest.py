"""Shared fixtures of the practice tests: the bundled scenarios, their concepts and a private data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.knowledge import KnowledgeBase
from advisor.practice.concepts import ConceptBook, load_concepts
from advisor.practice.scenarios import Scenario, find_scenario


@pytest.fixture(scope="session")
def concepts(bundled_knowledge: KnowledgeBase) -> ConceptBook:
    return load_concepts(bundled_knowledge)


@pytest.fixture(scope="session")
def fraud(bundled_knowledge: KnowledgeBase) -> Scenario:
    return find_scenario("fraud", bundled_knowledge)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its practice history in its own folder, never in the user's."""
    folder = tmp_path / "advisor-data"
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(folder))
    return folder


# What a strong candidate says about marketplace fraud (KNOWLEDGE.md §7), written without looking at the rubric.
STRONG_FRAUD: dict[str, str] = {
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
    "exploration": (
        "Profile every column (types, missing values, cardinality), summary statistics and distribution plots of "
        "the amount, plots over time of the fraud rate, a correlation matrix, and segment analysis by merchant "
        "category and country. Look for target leakage from post-transaction fields."
    ),
    "cleaning": (
        "Validate the schema of the payment events, deduplicate retried payments, audit noisy chargeback labels "
        "(friendly fraud). Do not remove outliers: large amounts are often the fraud. Impute missing device data "
        "with statistics from the training split only."
    ),
    "features": (
        "Velocity counts over rolling windows per card and device (lag features), the amount standardised, one-hot "
        "merchant category, hour of day and time since the account was created, geolocation distance between "
        "billing address and IP. One feature implementation shared by training and serving (a feature store)."
    ),
    "models": (
        "The current rules are the heuristic baseline; then logistic regression with class weights; then "
        "gradient boosted trees (LightGBM). No large stacked ensemble because of the latency budget."
    ),
    "training": (
        "Time-based split: train on the past, validate and test on the most recent weeks, stratified within each "
        "period; no random k-fold. Class weights rather than resampling; hyperparameter search on the validation "
        "split with early stopping; calibrate the probabilities; slice analysis by merchant and country; a "
        "leak-free pipeline fitted on the training split only."
    ),
    "deployment": (
        "An online prediction service behind checkout within a 50 ms p99 latency budget, real-time serving; "
        "shadow mode, then canary. Monitor feature drift, score distributions and precision at the threshold."
    ),
    "iteration": (
        "Weekly error analysis of missed fraud and false declines; retrain weekly and when drift is detected; "
        "A/B test new models; watch adversarial drift as fraudsters adapt, and concept drift."
    ),
}


@pytest.fixture
def strong_fraud() -> dict[str, str]:
    return dict(STRONG_FRAUD)
