"""Honest numbers on real data: the named positive class, dummies that can win, suspicious near-perfect models,
seasonal-naive references for a series, and CV and learning curves that do not depend on the file's order.

The data are real public slices shipped with the tests (tests/fixtures/honest/SOURCE.md) and the bundled examples.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse
from advisor.data.baseline.references import REFERENCES
from advisor.data.baseline.verdict import NEAR_PERFECT, NEAR_PERFECT_METRICS, TRIVIAL_REFERENCE
from advisor.data.models import BaselineResult, ModelResult

from .conftest import CHURN, LENDING

HONEST = Path(__file__).resolve().parents[1] / "fixtures" / "honest"
DAILY = HONEST / "flights_daily.csv"
FLIGHTS = HONEST / "flights_sample.csv"
AFTER_DEPARTURE = ["dep_delay", "arr_time", "air_time", "dep_time"]


def _model(baseline: BaselineResult, name: str) -> ModelResult:
    return next(model for model in baseline.models if model.name == name)


def _within_hour(tmp_path: Path, *, drop: list[str]) -> Path:
    """Flights with a derived binary target: did the plane arrive within an hour of schedule (92 % yes)?"""
    frame = pd.read_csv(FLIGHTS)
    frame["within_hour"] = np.where(frame["arr_delay"] <= 60, "yes", "no")
    path = tmp_path / f"within_hour_{len(drop)}.csv"
    frame.drop(columns=["arr_delay", *drop]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def analyses(
    tmp_path_factory: pytest.TempPathFactory,
    churn_run: tuple[DataAnalysis, Path],
    houses_run: tuple[DataAnalysis, Path],
) -> dict[str, DataAnalysis]:
    """Every dataset of this module and the examples, analysed once: the properties below hold on all of them."""
    folder = tmp_path_factory.mktemp("honest")
    return {
        "daily": analyse(DAILY, target="flights", brief=Brief(), out_dir=None),
        "leaky": analyse(_within_hour(folder, drop=[]), target="within_hour", brief=Brief(), out_dir=None),
        "clean": analyse(_within_hour(folder, drop=AFTER_DEPARTURE), target="within_hour", brief=Brief(), out_dir=None),
        "churn": churn_run[0],
        "houses": houses_run[0],
        "lending": analyse(LENDING, target="Status", brief=Brief(), out_dir=None),
        "delay": analyse(FLIGHTS, target="arr_delay", brief=Brief(), out_dir=None),
    }


def test_minority_negative_target_names_its_positive_class(analyses: dict[str, DataAnalysis]) -> None:
    baseline = analyses["clean"].baseline
    assert baseline is not None
    # 92 % of the flights arrived within the hour: "yes" is positive because it is named so, and the report says
    # that it is the majority, so nobody reads F1 or PR AUC as being about the late flights.
    assert baseline.positive_class == "yes"
    assert "named like a positive answer" in (baseline.positive_class_reason or "")
    assert "92" in (baseline.positive_class_reason or "")
    from advisor.data.render import render_data_markdown

    markdown = render_data_markdown(analyses["clean"], profile=False)
    assert "Positive class: **`within_hour` = yes**" in markdown
    assert "It is the majority class (0.92 of the test rows)" in markdown


def test_positive_class_option_flips_the_metrics(tmp_path: Path) -> None:
    path = _within_hour(tmp_path, drop=AFTER_DEPARTURE)
    chosen = _advisor("baseline", path, "--target", "within_hour", "--positive-class", "no", "--json")
    assert chosen.returncode == 0, chosen.stderr
    baseline = json.loads(chosen.stdout)["baseline"]
    assert baseline["positive_class"] == "no"
    assert "--positive-class" in baseline["positive_class_reason"]
    # About the 8 % late flights, PR AUC of the best constant is their share, not 0.92.
    assert _dummy_value(baseline, "pr_auc") < 0.15
    wrong = _advisor("baseline", path, "--target", "within_hour", "--positive-class", "maybe")
    assert wrong.returncode == 2
    assert "positive class 'maybe' is not a value of the target (values: no, yes)" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def _advisor(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, as a user runs it."""
    command = [sys.executable, "-m", "advisor", *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _dummy_value(baseline: dict, metric: str) -> float:  # type: ignore[type-arg]
    dummy = next(model for model in baseline["models"] if model["name"] == "dummy")
    return float(dummy["test"][metric]["value"])


def test_f1_dummy_flags_everyone(analyses: dict[str, DataAnalysis]) -> None:
    baseline = analyses["churn"].baseline
    assert baseline is not None and baseline.positive_class == "Yes"
    assert baseline.dummy_strategies["f1"] == "everyone positive ('Yes')"
    assert baseline.dummy_strategies["log_loss"] == "the class shares (prior)"
    dummy = _model(baseline, "dummy")
    share = 0.276  # churners in the example
    assert dummy.test["f1"].value == pytest.approx(2 * share / (1 + share), abs=0.03)
    # Every fitted model has a threshold tuned on validation, and flags somebody.
    for model in baseline.models:
        if model.name != "dummy":
            assert model.threshold is not None and 0.0 < model.threshold < 1.0
            assert model.test["f1"].value > dummy.test["f1"].value
    if baseline.primary_metric == "f1":
        assert "the dummy (0.431" in (baseline.verdict or "")


def test_rare_class_gets_class_weights_and_a_threshold(analyses: dict[str, DataAnalysis]) -> None:
    baseline = analyses["clean"].baseline
    assert baseline is not None
    searched = [model.params.get("class_weight") for model in baseline.models if model.name != "dummy"]
    assert "balanced" in searched  # the 8 % class made the grid try balanced weights (the search may keep either)
    assert baseline.threshold_rule is not None and "validation" in baseline.threshold_rule


def test_leaked_post_departure_column_makes_the_verdict_suspicious(analyses: dict[str, DataAnalysis]) -> None:
    baseline = analyses["leaky"].baseline
    assert baseline is not None
    assert baseline.verdict_kind == "suspicious"
    assert "dep_delay" in baseline.suspicious_columns
    assert "check these columns are known at prediction time: `dep_delay`" in (baseline.verdict or "").lower()
    assert "clearly beats" not in (baseline.verdict or "")
    assert any("suspicious" in alert for alert in baseline.alerts())
    from advisor.data.render import render_data_markdown

    markdown = render_data_markdown(analyses["leaky"], profile=False)
    assert "**Warning — too good to be true:** one column, `dep_delay`, carries" in markdown


def test_daily_series_is_judged_against_seasonal_naive(analyses: dict[str, DataAnalysis]) -> None:
    baseline = analyses["daily"].baseline
    assert baseline is not None
    assert baseline.split.startswith("60/20/20 by time")
    assert baseline.season == 7 and "lag 7" in (baseline.season_reason or "")
    names = [model.name for model in baseline.models]
    assert "seasonal_naive" in names and "last_value" in names
    for model in baseline.models:
        assert "mase" in model.test
    assert _model(baseline, "seasonal_naive").test["mase"].value < _model(baseline, "dummy").test["mase"].value
    assert "moving-block" in baseline.interval_method
    # The verdict is against the strongest reference, here the weekly forecast, not the training mean.
    assert "seasonal-naive forecast" in (baseline.verdict or "")
    curve = baseline.learning_curve
    assert curve is not None and [p.train_rows for p in curve.points] == sorted(p.train_rows for p in curve.points)


def test_events_sharing_their_times_are_not_forecast_as_a_series(tmp_path: Path) -> None:
    frame = pd.read_csv(FLIGHTS)
    frame["date"] = pd.to_datetime({"year": 2013, "month": frame["month"], "day": frame["day"]}).dt.strftime("%Y-%m-%d")
    path = tmp_path / "dated.csv"
    frame.drop(columns=["arr_time", "air_time"]).to_csv(path, index=False)
    baseline = analyse(path, target="arr_delay", brief=Brief(), out_dir=None).baseline
    # Split by time on `date`, but with about seven flights a day these are events, not a series.
    assert baseline is not None and baseline.split == "60/20/20 by time on 'date'"
    assert baseline.season is None and baseline.interval_method.startswith("bootstrap")
    assert not {"seasonal_naive", "last_value"} & {model.name for model in baseline.models}


def test_mase_as_the_primary_metric_uses_the_seasonal_scale() -> None:
    from advisor.data.baseline.run import run_baseline
    from advisor.data.load import load_table
    from advisor.data.profiling import profile_table

    profiled = profile_table(load_table(DAILY, target="flights"), target="flights", brief=Brief())
    baseline, _ = run_baseline(profiled, Brief(), primary="mase", primary_source="named by the engine")
    assert baseline.primary_metric == "mase" and not baseline.greater_is_better
    frame = pd.read_csv(DAILY)["flights"].to_numpy(dtype=float)
    train = frame[: baseline.rows["train"]]
    scale = np.mean(np.abs(train[7:] - train[:-7]))
    naive = _model(baseline, "seasonal_naive").test
    assert naive["mase"].value == pytest.approx(naive["mae"].value / scale, rel=1e-4)


def test_a_file_sorted_by_the_target_keeps_its_cv_and_learning_curve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from advisor.data.baseline import fit

    monkeypatch.setattr(fit, "CV_ROWS", 500)  # CV on a part of the training rows, as on a large file
    frame = pd.read_csv(CHURN)
    shuffled, ordered = tmp_path / "shuffled.csv", tmp_path / "sorted.csv"
    frame.to_csv(shuffled, index=False)
    frame.sort_values("churn", kind="mergesort").to_csv(ordered, index=False)
    results = [analyse(path, target="churn", brief=Brief(), out_dir=None).baseline for path in (shuffled, ordered)]
    assert results[0] is not None and results[1] is not None
    for baseline in results:
        best = _model(baseline, baseline.best_model)
        assert best.cv_mean is not None and best.cv_std is not None
        curve = baseline.learning_curve
        assert curve is not None and [p.train_rows for p in curve.points] == [300, 600, 1200]
        dummy_f1 = _model(baseline, "dummy").test["f1"].value
        assert all((p.validation_score or 0.0) > dummy_f1 for p in curve.points if baseline.primary_metric == "f1")
    first, second = (_model(b, b.best_model).cv_mean for b in results)
    assert first is not None and second is not None and abs(first - second) < 0.06


def test_multiclass_f1_macro_is_computed(tmp_path: Path) -> None:
    from advisor.brief.enums import TaskType
    from advisor.data.baseline.scoring import metric, supports

    assert supports("f1_macro", TaskType.multiclass_classification)
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 200)
    scores = rng.random((200, 3))
    ours = metric("f1_macro").function(y, scores, np.ones(200))
    assert ours == pytest.approx(f1_score(y, scores.argmax(axis=1), average="macro"))


def _reference(baseline: BaselineResult) -> ModelResult:
    sign = 1.0 if baseline.greater_is_better else -1.0
    references = [m for m in baseline.models if m.name in REFERENCES]
    return max(references, key=lambda m: sign * (m.test[baseline.primary_metric].value or 0.0))


def test_no_praise_without_evidence_on_every_dataset(analyses: dict[str, DataAnalysis]) -> None:
    """Properties on every example and test dataset: no near-perfect model without a leakage verdict, and no
    "clearly beats" unless the best model's interval lies wholly beyond the best reference's."""
    assert len(analyses) >= 7
    for name, analysis in analyses.items():
        baseline = analysis.baseline
        assert baseline is not None, name
        best, reference = _model(baseline, baseline.best_model), _reference(baseline)
        for metric in NEAR_PERFECT_METRICS:
            ours, theirs = best.test.get(metric), reference.test.get(metric)
            if ours is not None and (ours.value or 0.0) >= NEAR_PERFECT and (theirs.value or 0.0) < TRIVIAL_REFERENCE:
                assert baseline.verdict_kind == "suspicious", name
        verdict = baseline.verdict or ""
        if "clearly beats" in verdict:
            assert baseline.verdict_kind == "beats", name
            ours, theirs = best.test[baseline.primary_metric], reference.test[baseline.primary_metric]
            assert ours.low is not None and ours.high is not None and theirs.low is not None and theirs.high is not None
            assert ours.low > theirs.high if baseline.greater_is_better else ours.high < theirs.low, name
        if baseline.verdict_kind == "suspicious":
            assert "beats" not in verdict, name


def test_a_wide_table_is_screened_on_the_training_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sklearn.datasets import load_breast_cancer

    from advisor.data.baseline import screen

    monkeypatch.setattr(screen, "MAX_FEATURES", 10)  # 30 columns stand in for 10,000
    cancer = load_breast_cancer(as_frame=True)
    path = tmp_path / "cancer.csv"
    cancer.frame.assign(target=np.where(cancer.target == 1, "benign", "malignant")).to_csv(path, index=False)
    baseline = analyse(path, target="target", brief=Brief(), out_dir=None).baseline
    assert baseline is not None and len(baseline.features) == 10
    assert baseline.feature_screen is not None and "training split only" in baseline.feature_screen
    assert "20 numeric columns were left out" in baseline.feature_screen
    # The screen keeps the columns that carry the signal: the model still separates the classes.
    assert _model(baseline, baseline.best_model).test["roc_auc"].value > 0.9


def test_multiclass_baseline_is_judged_by_macro_f1(tmp_path: Path) -> None:
    from sklearn.datasets import load_wine

    from advisor.data.baseline.run import run_baseline
    from advisor.data.load import load_table
    from advisor.data.profiling import profile_table

    wine = load_wine(as_frame=True)
    path = tmp_path / "wine.csv"
    wine.frame.assign(target=np.asarray(wine.target_names)[wine.target]).to_csv(path, index=False)
    profiled = profile_table(load_table(path, target="target"), target="target", brief=Brief())
    baseline, _ = run_baseline(profiled, Brief(), primary="f1_macro", primary_source="named by the engine")
    assert baseline.primary_metric == "f1_macro" and baseline.greater_is_better
    assert baseline.dummy_strategies["f1_macro"].startswith("always")
    best, dummy = _model(baseline, baseline.best_model), _model(baseline, "dummy")
    assert (dummy.test["f1_macro"].value or 1.0) < 0.35
    assert (best.test["f1_macro"].value or 0.0) > 0.85
