"""Leakage checks on real data with known leaks, and on clean data where nothing may be flagged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets

from advisor.brief.measured import fill_from_data
from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse
from advisor.data.leakage.names import follow_up_word
from advisor.data.leakage.pairs import Pair, carriers
from advisor.data.leakage.strength import Sample
from advisor.inference.advice import Advice
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


def _renamed(path: Path, frame: pd.DataFrame, column: str, name: str) -> Path:
    frame.rename(columns={column: name}).to_csv(path, index=False)
    return path


def _cancer() -> pd.DataFrame:
    return datasets.load_breast_cancer(as_frame=True).frame


def _diabetes() -> pd.DataFrame:
    return datasets.load_diabetes(as_frame=True).frame


# (data, target, a strong honest column, a name that is ambiguous about time, a name that is clearly after the fact)
AMBIGUOUS_NAMES = [
    (lambda: pd.read_csv(CHURN), "churn", "tenure", "avg_balance", "amount_repaid"),  # a bank's yearly balance
    (_cancer, "target", "worst perimeter", "final perimeter", "perimeter at discharge"),
    (_diabetes, "target", "s5", "num_closed_accounts", "recoveries"),  # a credit file's count of closed accounts
    (lambda: pd.read_csv(HOUSES), "price", "livingArea", "arrival_week", "amount_refunded"),  # a hotel's booked stay
]


@pytest.mark.parametrize(("load", "target", "column", "ambiguous", "after"), AMBIGUOUS_NAMES)
def test_a_name_as_often_before_as_after_the_outcome_is_asked_about_and_kept(
    tmp_path: Path, load: Callable[[], pd.DataFrame], target: str, column: str, ambiguous: str, after: str
) -> None:
    """ISLR's Default: the card `balance` (known before a default) carries the model; dropping it for its name left
    a baseline no better than the dummy. A word that names ordinary features as often asks, a clear one drops."""
    frame = load()
    asked = profile(_renamed(tmp_path / "asked.csv", frame, column, ambiguous), target)
    suspect = next(suspect for suspect in asked.leakage if suspect.column == ambiguous)
    assert suspect.kind == "post_outcome" and suspect.kept, suspect
    assert "kept until you say it is known only later" in suspect.reason
    dropped = profile(_renamed(tmp_path / "dropped.csv", frame, column, after), target)
    suspect = next(suspect for suspect in dropped.leakage if suspect.column == after)
    assert suspect.kind == "post_outcome" and not suspect.kept, suspect


def test_a_kept_suspect_stays_among_the_baseline_features(tmp_path: Path) -> None:
    path = _renamed(tmp_path / "balance.csv", pd.read_csv(CHURN), "tenure", "avg_balance")
    analysis = analyse(path, target="churn", brief=Brief(), out_dir=None, run_baseline=True)
    assert analysis.baseline is not None
    assert "avg_balance" in analysis.baseline.features
    assert "avg_balance" not in analysis.baseline.excluded_features


def _breast_cancer() -> pd.DataFrame:
    return datasets.load_breast_cancer(as_frame=True).frame


# (data, target): real tables with no leak, to which an exported row id is added
ID_ONLY = [
    (lambda: pd.read_csv(CHURN), "churn"),
    (lambda: pd.read_csv(HOUSES), "price"),
    (lambda: pd.read_csv(LENDING), "Status"),
    (_breast_cancer, "target"),
]


def _advice(analysis: DataAnalysis, knowledge: KnowledgeBase) -> Advice:
    measured, _ = fill_from_data(Brief(), analysis.facts)
    return advise(measured, knowledge)


@pytest.mark.parametrize(("load", "target"), ID_ONLY)
def test_an_identifier_alone_is_asked_about_not_warned_of_as_a_critical_leak(
    tmp_path: Path, bundled_knowledge: KnowledgeBase, load: Callable[[], pd.DataFrame], target: str
) -> None:
    """R's and pandas' exports carry a row number (`rownames`, `Unnamed: 0`): kept out of the features and asked
    about, it is no reason for a report to lead with "Target leakage (critical)"."""
    frame = load()
    order = np.random.default_rng(0).permutation(len(frame))
    frame.insert(0, "customer_id", [f"C{index:06d}" for index in order])
    path = tmp_path / "with_id.csv"
    frame.to_csv(path, index=False)
    analysis = profile(path, target)
    assert kinds(analysis) == {"customer_id": "identifier"}
    assert analysis.facts.leakage_measured == 0
    advice = _advice(analysis, bundled_knowledge)
    assert "label_leakage" not in {risk.item for risk in advice.risks}
    questions = [question.text for question in advice.open_questions]
    assert any("`customer_id`" in text and "only identify rows" in text for text in questions), questions
    # The same table with the target copied under another name: now a leak, critical.
    frame.insert(1, "outcome_code", frame[target])
    frame.to_csv(path, index=False)
    leaked = profile(path, target)
    assert leaked.facts.leakage_measured == 1
    risks = {risk.item: str(risk.severity) for risk in _advice(leaked, bundled_knowledge).risks}
    assert risks.get("label_leakage") == "critical"


# (data, the target a product reproduces, its two factors): real tables where a total is a price times a count
PRODUCTS = [
    (lambda: pd.read_csv(CHURN), "total_charges", "tenure", "monthly_charges"),  # months x monthly bill
    (lambda: pd.read_csv(LENDING), "Amount", "Price", "share_financed"),  # loan = price x share financed
]


@pytest.mark.parametrize(("load", "target", "left", "right"), PRODUCTS)
def test_a_target_that_is_the_product_of_two_columns_is_reproduced(
    tmp_path: Path, load: Callable[[], pd.DataFrame], target: str, left: str, right: str
) -> None:
    frame = load()
    if right == "share_financed":  # the lending data holds the loan and the price; the share is their ratio
        frame[right] = (frame["Amount"] / frame["Price"]).round(4)
    frame[target] = pd.to_numeric(frame[target], errors="coerce")
    path = tmp_path / "product.csv"
    frame.to_csv(path, index=False)
    found = {suspect.column: suspect for suspect in profile(path, target).leakage}
    reproducing = [suspect for suspect in found.values() if suspect.kind == "reproduces_target"]
    assert reproducing, found
    assert {left, right} & {suspect.column for suspect in reproducing}
    assert any(
        f"`{left} * {right}`" in suspect.reason or f"`{right} * {left}`" in suspect.reason for suspect in reproducing
    )


# (data, target, the positive class, an ordinary column the leak is divided by)
SCALED_LEAKS = [
    (lambda: pd.read_csv(CHURN), "churn", "Yes", "monthly_charges"),
    (_breast_cancer, "target", 1, "mean fractal dimension"),
]


@pytest.mark.parametrize(("load", "target", "positive", "ordinary"), SCALED_LEAKS)
def test_of_a_pair_rebuilding_a_suspect_only_the_member_that_carries_it_is_flagged(
    load: Callable[[], pd.DataFrame], target: str, positive: object, ordinary: str
) -> None:
    """AER's CreditCard: `expenditure` is zero without a card, and `share` is the expenditure over the `income`.
    `share * income` rebuilds the suspect, but only `share` brings it back; the income is an ordinary feature."""
    frame = load()
    rng = np.random.default_rng(0)
    spent = np.where(frame[target] == positive, rng.gamma(2.0, 100.0, len(frame)), 0.0)
    frame["share"] = (spent + 1.0) / frame[ordinary]  # as in the data: not zero without a card
    rebuilt = Sample(rows=frame, y=spent, half=len(frame) // 2, regression=True)
    pair = Pair("share", ordinary, "product", exact_share=0.3, rank_correlation=0.99)
    assert carriers(pair, rebuilt, ["share", ordinary]) == ["share"]


def test_of_a_pair_whose_members_are_weak_alone_both_are_flagged() -> None:
    """`arr_time - sched_arr_time` rebuilds `arr_delay` while neither alone says much: both carry it (the planned
    one is spared by its name, not here)."""
    frame = pd.read_csv(FLIGHTS).dropna(subset=["arr_delay", "arr_time"])
    rebuilt = Sample(rows=frame, y=frame["arr_delay"].to_numpy(), half=len(frame) // 2, regression=True)
    pair = Pair("arr_time", "sched_arr_time", "difference modulo 1440", exact_share=0.99, rank_correlation=0.9)
    assert carriers(pair, rebuilt, ["arr_time", "sched_arr_time"]) == ["arr_time", "sched_arr_time"]


SURVIVAL = Path(__file__).resolve().parents[1] / "fixtures" / "survival"


FOLLOW_UPS = [
    ("pbc.csv", "status", "time", "post_outcome"),  # 19 % of the status alone: asked about, kept
    ("rossi.csv", "arrest", "week", "target_derived"),  # week 52 is "no arrest": it alone predicts the target
]


@pytest.mark.parametrize(("name", "target", "duration", "kind"), FOLLOW_UPS)
def test_a_follow_up_time_beside_an_event_target_is_flagged(name: str, target: str, duration: str, kind: str) -> None:
    """Time-to-event data: the follow-up ends with the event or the study, so its length is known only when the
    outcome is. Kept as a feature (a `time` column is not always one) but asked about, unless it is near-perfect."""
    suspect = next(suspect for suspect in profile(SURVIVAL / name, target).leakage if suspect.column == duration)
    assert suspect.kind == kind
    if kind == "post_outcome":
        assert suspect.kept and "follow-up time" in suspect.reason and "censored" in suspect.reason


@pytest.mark.parametrize(
    ("column", "target", "expected"),
    [
        ("time", "status", "time"),
        ("futime", "death", "futime"),
        ("time_to_event", "event", "time"),
        ("week", "arrest", "week"),
        ("diagtime", "status", None),  # months from diagnosis to the trial: known at its start
        ("air_time", "arr_delay", None),  # no event target: the post-outcome words decide
        ("tenure", "churn", None),
        ("time", "price", None),
    ],
)
def test_only_a_pure_duration_beside_an_event_target_is_a_follow_up_time(
    column: str, target: str, expected: str | None
) -> None:
    assert follow_up_word(column, target) == expected


def test_the_lending_term_is_not_taken_for_a_follow_up_time() -> None:
    """The bundled lending data has `Status` and `Time` (the loan's term, chosen at application): the name fits, but
    the term carries too little of the status to be asked about."""
    assert "Time" not in kinds(profile(LENDING, "Status"))


@pytest.mark.parametrize(("name", "target", "duration", "kind"), FOLLOW_UPS)
def test_time_to_event_data_is_advised_as_such(
    bundled_knowledge: KnowledgeBase, name: str, target: str, duration: str, kind: str
) -> None:
    analysis = profile(SURVIVAL / name, target)
    assert analysis.facts.leakage_follow_up == [duration]
    advice = _advice(analysis, bundled_knowledge)
    assert "time_to_event" in {item.item for item in advice.recommendations if item.category == "data_strategy"}
    questions = [question.text for question in advice.open_questions]
    assert any(f"`{duration}`" in text and "followed" in text for text in questions), questions
    assert "training.time_to_event" not in {
        firing.rule for firing in _advice(profile(LENDING, "Status"), bundled_knowledge).firings
    }
