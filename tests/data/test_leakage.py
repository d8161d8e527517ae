"""Leakage checks on real data with known leaks, and on clean data where nothing may be flagged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets

from advisor.brief.measured import fill_from_data
from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from tests.data.conftest import CHURN, HOUSES, LENDING

FLIGHTS = Path(__file__).resolve().parents[1] / "fixtures" / "leaks" / "flights.csv"
LEAK_KINDS = {"target_derived", "reproduces_target", "post_outcome", "same_time"}


def profile(path: Path, target: str, brief: Brief | None = None) -> DataAnalysis:
    return analyse(path, target=target, brief=brief or Brief(), out_dir=None, run_baseline=False)


def kinds(analysis: DataAnalysis) -> dict[str, str]:
    return {suspect.column: suspect.kind for suspect in analysis.leakage}


def open_questions(analysis: DataAnalysis, knowledge: KnowledgeBase, brief: Brief | None = None) -> list[str]:
    measured, _ = fill_from_data(brief or Brief(), analysis.facts)
    return [question.text for question in advise(measured, knowledge).open_questions]


@pytest.fixture(scope="module")
def flights() -> DataAnalysis:
    return profile(FLIGHTS, "arr_delay")


def test_flights_two_column_leak_is_found_modulo_midnight(flights: DataAnalysis) -> None:
    suspect = next(suspect for suspect in flights.leakage if suspect.column == "arr_time")
    assert suspect.kind == "reproduces_target"
    assert suspect.partner == "sched_arr_time"
    assert "modulo the day" in suspect.reason
    assert suspect.score is not None and suspect.score >= 0.99
    # The scheduled time is known in advance: only its partner is the suspect.
    assert "sched_arr_time" not in kinds(flights)
    assert flights.facts.leakage_reproduces_target == ["arr_time"]


def test_flights_air_time_is_post_outcome_by_name_and_added_strength(flights: DataAnalysis) -> None:
    assert kinds(flights)["air_time"] == "post_outcome"
    assert flights.facts.leakage_post_outcome == ["air_time"]
    reason = next(suspect.reason for suspect in flights.leakage if suspect.column == "air_time")
    assert "error left by the other columns" in reason


def test_flights_same_event_column_shares_a_word_and_most_of_the_target(flights: DataAnalysis) -> None:
    assert kinds(flights)["dep_delay"] == "same_time"
    assert "dep_delay" in (flights.facts.leakage_same_time or [])


def test_a_pair_that_rebuilds_a_suspect_is_a_suspect_too(flights: DataAnalysis) -> None:
    # With `dep_delay` out, `dep_time - sched_dep_time` would carry the same departure delay back into the model.
    suspect = next(suspect for suspect in flights.leakage if suspect.column == "dep_time")
    assert suspect.kind == "same_time" and suspect.partner == "sched_dep_time"
    assert "reproduces `dep_delay`" in suspect.reason and "a suspect itself" in suspect.reason
    assert "sched_dep_time" not in kinds(flights)  # the planned time is known in advance
    assert flights.facts.leakage_same_time == ["dep_time", "dep_delay"]


def test_each_flights_suspect_becomes_an_open_question_naming_it(
    flights: DataAnalysis, bundled_knowledge: KnowledgeBase
) -> None:
    questions = open_questions(flights, bundled_knowledge)
    for column in ("arr_time", "air_time", "dep_delay", "dep_time"):
        assert any(f"Is `{column}` known when the prediction is made" in text for text in questions), column
    assert not any("sched_arr_time" in text for text in questions)


def test_the_checks_say_what_they_looked_at(flights: DataAnalysis) -> None:
    assert flights.checked and "pairs" in flights.checked[0]


def test_the_leaks_are_left_out_of_the_baseline(tmp_path: Path) -> None:
    frame = pd.read_csv(FLIGHTS)
    small = tmp_path / "flights.csv"
    frame.iloc[:600].to_csv(small, index=False)
    analysis = analyse(small, target="arr_delay", brief=Brief(), out_dir=None, run_baseline=True)
    assert analysis.baseline is not None
    for column in ("arr_time", "air_time"):
        assert column not in analysis.baseline.features
        assert "leakage suspect" in analysis.baseline.excluded_features[column]


def test_a_classification_target_flags_post_outcome_names_with_signal(tmp_path: Path) -> None:
    frame = pd.read_csv(FLIGHTS)
    frame["late"] = frame["arr_delay"].map(lambda delay: None if pd.isna(delay) else ("yes" if delay >= 15 else "no"))
    path = tmp_path / "late.csv"
    frame.drop(columns=["arr_delay"]).to_csv(path, index=False)
    found = kinds(profile(path, "late"))
    assert found.get("air_time") == "post_outcome"
    assert found.get("arr_time") == "post_outcome"


def graded_diabetes(path: Path) -> Path:
    """The real diabetes target binned into letter grades at its septiles, 3 % of rows with a random letter."""
    frame = datasets.load_diabetes(as_frame=True).frame
    rng = np.random.default_rng(0)
    grade = pd.qcut(frame["target"], 7, labels=list("ABCDEFG")).astype(str).to_numpy()
    noisy = rng.random(len(frame)) < 0.03
    grade[noisy] = rng.choice(list("ABCDEFG"), int(noisy.sum()))
    frame.assign(grade=grade).to_csv(path, index=False)
    return path


def test_a_category_binned_from_the_target_is_target_derived(tmp_path: Path, bundled_knowledge: KnowledgeBase) -> None:
    analysis = profile(graded_diabetes(tmp_path / "graded.csv"), "target")
    assert kinds(analysis) == {"grade": "target_derived"}
    assert "near-deterministic function of the target" in analysis.leakage[0].reason
    questions = open_questions(analysis, bundled_knowledge)
    assert any("Is `grade` known when the prediction is made" in text for text in questions)


def test_the_brief_raises_suspicion_of_a_dominant_column_only(tmp_path: Path) -> None:
    after = Brief.model_validate({"data": {"features_at_prediction_time": False}})
    frame = pd.read_csv(FLIGHTS).rename(columns={"dep_delay": "gate_minutes"})
    path = tmp_path / "renamed.csv"
    frame.to_csv(path, index=False)
    assert "gate_minutes" not in kinds(profile(path, "arr_delay"))
    flagged = profile(path, "arr_delay", after)
    assert kinds(flagged)["gate_minutes"] == "same_time"
    assert "the brief says" in next(s.reason for s in flagged.leakage if s.column == "gate_minutes")


def sklearn_csv(tmp_path: Path, loader: str) -> Path:
    path = tmp_path / f"{loader}.csv"
    getattr(datasets, loader)(as_frame=True).frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("loader", ["load_breast_cancer", "load_diabetes", "load_wine", "load_iris"])
@pytest.mark.parametrize("after_the_fact", [None, False])
def test_clean_sklearn_data_raise_no_leak(tmp_path: Path, loader: str, after_the_fact: bool | None) -> None:
    brief = Brief.model_validate({"data": {"features_at_prediction_time": after_the_fact}})
    assert not set(kinds(profile(sklearn_csv(tmp_path, loader), "target", brief)).values()) & LEAK_KINDS


@pytest.mark.parametrize(("path", "target"), [(CHURN, "churn"), (LENDING, "Status"), (HOUSES, "price")])
def test_clean_examples_raise_no_leak(path: Path, target: str) -> None:
    assert not set(kinds(profile(path, target)).values()) & LEAK_KINDS


def test_a_target_computed_as_a_ratio_of_two_columns_is_reproduced(tmp_path: Path) -> None:
    """House prices per square foot, with the price and the living area still in the table."""
    frame = pd.read_csv(HOUSES)
    frame["price_per_sqft"] = frame["price"] / frame["livingArea"]
    path = tmp_path / "per_sqft.csv"
    frame.to_csv(path, index=False)
    brief = Brief.model_validate({"legal": {"personal_data": False}})
    analysis = profile(path, "price_per_sqft", brief)
    found = {suspect.column: suspect for suspect in analysis.leakage}
    assert found["livingArea"].kind == "reproduces_target"
    assert "`price / livingArea`" in found["livingArea"].reason
    assert found["price"].kind == "reproduces_target"


def test_a_category_filled_in_from_the_outcome_of_a_classification_is_target_derived(tmp_path: Path) -> None:
    """The churn example with an exit-survey answer that only churners have (2 % of rows with a random answer)."""
    frame = pd.read_csv(CHURN)
    rng = np.random.default_rng(0)
    reasons = rng.choice(["price", "service", "moved", "competitor"], len(frame))
    survey = np.where(frame["churn"] == "Yes", reasons, "not asked")
    noisy = rng.random(len(frame)) < 0.02
    survey[noisy] = rng.choice(["price", "not asked"], int(noisy.sum()))
    path = tmp_path / "survey.csv"
    frame.assign(exit_survey=survey).to_csv(path, index=False)
    analysis = profile(path, "churn")
    assert kinds(analysis) == {"exit_survey": "target_derived"}
    assert "balanced accuracy" in analysis.leakage[0].reason


def test_strength_alone_in_the_grey_zone_is_asked_about_but_kept(tmp_path: Path) -> None:
    # Air time from distance (R^2 ~0.96): a strong feature as often as a leak. It is a suspect with a question, but
    # stays a feature; `arr_time` only shares the word 'time' with `air_time`, which is no likeness of names.
    source = Path(__file__).resolve().parents[1] / "fixtures" / "monitor" / "flights.csv.gz"
    path = tmp_path / "flights.csv"
    pd.read_csv(source).to_csv(path, index=False)
    analysis = profile(path, "air_time")
    suspects = {suspect.column: suspect for suspect in analysis.leakage}
    assert "arr_time" not in suspects or "named like the target" not in suspects["arr_time"].reason
    assert suspects["distance"].kind == "target_derived" and suspects["distance"].kept
    assert "kept as a feature" in suspects["distance"].reason
    assert not any(suspect.kept for suspect in profile(FLIGHTS, "arr_delay").leakage)  # near-deterministic leaks go
