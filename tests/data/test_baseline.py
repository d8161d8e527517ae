"""Baselines on real data: they beat the dummy where they should, the threshold saves money, nothing leaks."""

from __future__ import annotations

from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest

from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse
from advisor.data.baseline.split import split_rows
from advisor.errors import DataError

from .conftest import CHURN


def by_name(analysis: DataAnalysis, name: str):  # type: ignore[no-untyped-def]
    assert analysis.baseline is not None
    return next(model for model in analysis.baseline.models if model.name == name)


def test_churn_models_beat_the_dummy_with_intervals(churn_run: tuple[DataAnalysis, Path]) -> None:
    analysis, _ = churn_run
    baseline = analysis.baseline
    assert baseline is not None
    assert [model.name for model in baseline.models] == ["dummy", "logistic_regression", "hist_gradient_boosting"]
    assert baseline.rows == {"train": 1200, "validation": 400, "test": 400}
    assert "stratified" in baseline.split
    dummy, best = by_name(analysis, "dummy"), by_name(analysis, baseline.best_model)
    metric = baseline.primary_metric
    assert dummy.test["roc_auc"].value == pytest.approx(0.5)
    assert best.test["roc_auc"].low > dummy.test["roc_auc"].high
    for interval in best.test.values():
        assert interval.low <= interval.value <= interval.high
    assert best.cv_mean is not None and best.cv_std is not None
    assert metric in best.test


def test_cost_optimal_threshold_lowers_expected_cost_on_test(churn_run: tuple[DataAnalysis, Path]) -> None:
    analysis, _ = churn_run
    threshold = analysis.baseline.threshold if analysis.baseline else None
    assert threshold is not None
    # A false negative costs 6x a false positive: the tuned threshold sits well below 0.5 and saves money on test.
    assert threshold.threshold < 0.4
    assert threshold.expected_cost < threshold.expected_cost_at_half
    assert threshold.expected_cost < threshold.dummy_expected_cost


def test_protected_columns_follow_the_rules_and_are_reported_per_group(churn_run: tuple[DataAnalysis, Path]) -> None:
    baseline = churn_run[0].baseline
    assert baseline is not None
    # No domain in this brief: they stay out of the features until it is named, and are still reported per group
    # (tests/data/test_protected_from_data.py has the stated domains, regulated or not).
    assert "female" not in baseline.features and "senior_citizen" not in baseline.features
    assert baseline.protected is not None and baseline.protected.dropped
    groups = {(group.column, group.group): group for group in baseline.groups}
    assert set(groups) == {("female", "0"), ("female", "1"), ("senior_citizen", "0"), ("senior_citizen", "1")}
    assert sum(group.rows for key, group in groups.items() if key[0] == "female") == 400


def test_serving_checks_compare_with_the_brief(churn_run: tuple[DataAnalysis, Path]) -> None:
    baseline = churn_run[0].baseline
    assert baseline is not None
    checks = {check.name: check for check in baseline.checks}
    assert checks["latency_one_row_p99"].passed is True  # a 10 s budget
    assert checks["model_size"].passed is False  # a 1-byte limit
    assert checks["latency_one_row_p50"].measured <= checks["latency_one_row_p99"].measured


def test_saved_pipeline_reproduces_the_test_predictions(churn_run: tuple[DataAnalysis, Path]) -> None:
    analysis, out = churn_run
    assert analysis.baseline is not None and analysis.baseline.model_path == "model.joblib"
    model = joblib.load(out / "model.joblib")
    frame = pd.read_csv(CHURN)
    probabilities = model.predict_proba(frame[analysis.baseline.features])
    assert probabilities.shape == (2000, 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert (out / "plots" / "learning_curve.png").exists()


def test_learning_curve_and_importance(churn_run: tuple[DataAnalysis, Path]) -> None:
    baseline = churn_run[0].baseline
    assert baseline is not None and baseline.learning_curve is not None
    sizes = [point.train_rows for point in baseline.learning_curve.points]
    assert sizes == sorted(sizes) and sizes[-1] == 1200
    assert baseline.learning_curve.more_data_helps in {True, False}
    assert baseline.importances[0].feature in {"tenure", "contract", "total_charges", "internet_service"}


def test_regression_baseline(houses_run: tuple[DataAnalysis, Path]) -> None:
    baseline = houses_run[0].baseline
    assert baseline is not None
    assert baseline.task_type == "regression" and baseline.primary_metric == "rmse"
    assert not baseline.greater_is_better
    best, dummy = by_name(houses_run[0], baseline.best_model), by_name(houses_run[0], "dummy")
    assert best.test["rmse"].high < dummy.test["rmse"].low
    assert best.test["r2"].value > 0.5
    assert baseline.threshold is None


def test_planted_leak_is_excluded_from_the_features(tmp_path: Path) -> None:
    frame = pd.read_csv(CHURN).head(800)
    frame["retained_code"] = np.where(frame["churn"] == "Yes", 1.0, 0.0) * 5 + 2
    path = tmp_path / "leak.csv"
    frame.to_csv(path, index=False)
    analysis = analyse(path, target="churn", brief=Brief(), out_dir=None)
    assert analysis.baseline is not None
    assert "retained_code" not in analysis.baseline.features
    assert analysis.baseline.excluded_features["retained_code"].startswith("leakage suspect")
    assert by_name(analysis, analysis.baseline.best_model).test["roc_auc"].value < 0.95


def test_text_and_dates_become_features_and_time_orders_the_split(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    rows = 400
    good = rng.random(rows) < 0.5
    words = np.where(good, "great service fast friendly helpful staff", "slow rude broken late dirty awful")
    frame = pd.DataFrame(
        {
            "review": [f"{text} visit number {index} was noted" for index, text in enumerate(words)],
            "when": pd.date_range("2021-01-01", periods=rows, freq="D").strftime("%Y-%m-%d"),
            "amount": rng.normal(50, 10, rows).round(2),
            "label": np.where(good, "happy", "unhappy"),
        }
    )
    path = tmp_path / "reviews.csv"
    frame.sample(frac=1.0, random_state=0).to_csv(path, index=False)  # file order is not time order
    analysis = analyse(path, target="label", brief=Brief(), out_dir=None)
    baseline = analysis.baseline
    assert baseline is not None
    assert analysis.facts.text_columns == 1 and analysis.facts.has_time_column
    assert baseline.split == "60/20/20 by time on 'when'"
    assert set(baseline.features) == {"review", "when", "amount"}
    assert by_name(analysis, baseline.best_model).test["roc_auc"].value > 0.95


def test_time_split_trains_on_the_past() -> None:
    order = pd.Series(pd.date_range("2020-01-01", periods=100, freq="D")[::-1], name="day")
    split = split_rows(np.zeros(100), classification=False, order=order, by_file_order=False, seed=0)
    assert order.iloc[split.train].max() < order.iloc[split.validation].min()
    assert order.iloc[split.validation].max() < order.iloc[split.test].min()
    assert (len(split.train), len(split.validation), len(split.test)) == (60, 20, 20)


def test_multiclass_baseline_on_iris(tmp_path: Path) -> None:
    from sklearn.datasets import load_iris

    iris = load_iris(as_frame=True)
    frame = iris.frame.assign(species=iris.target_names[iris.target])[
        ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)", "species"]
    ]
    path = tmp_path / "iris.csv"
    frame.to_csv(path, index=False)
    analysis = analyse(path, target="species", brief=Brief(), out_dir=None)
    baseline = analysis.baseline
    assert baseline is not None and baseline.task_type == "multiclass_classification"
    assert by_name(analysis, baseline.best_model).test["accuracy"].value >= 0.85
    assert by_name(analysis, "dummy").test["accuracy"].value < 0.5


def test_too_few_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csv"
    pd.DataFrame({"x": range(12), "y": [0, 1] * 6}).to_csv(path, index=False)
    with pytest.raises(DataError, match="too few rows"):
        analyse(path, target="y", brief=Brief(), out_dir=None)


def test_same_seed_same_result(tmp_path: Path) -> None:
    frame = pd.read_csv(CHURN).head(600)
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)
    first = analyse(path, target="churn", brief=Brief(), out_dir=None, seed=5)
    second = analyse(path, target="churn", brief=Brief(), out_dir=None, seed=5)
    assert first.baseline is not None and second.baseline is not None
    timing_free = {"baseline": {"checks"}}
    assert first.model_dump_json(exclude=timing_free) == second.model_dump_json(exclude=timing_free)


def test_single_sample_class_still_fits_unstratified(tmp_path: Path) -> None:
    frame = pd.read_csv(CHURN).head(400)
    frame.loc[5, "contract"] = "Lifetime"
    path = tmp_path / "single.csv"
    frame.to_csv(path, index=False)
    analysis = analyse(path, target="contract", brief=Brief(), out_dir=None)
    assert analysis.baseline is not None and analysis.baseline.split == "60/20/20 at random"
    assert any("cannot be stratified" in warning for warning in analysis.warnings)
    assert analysis.baseline.primary_metric in by_name(analysis, "dummy").test


def test_baseline_on_an_out_of_core_sample(tmp_path: Path) -> None:
    from advisor.data.analysis import analyse as analyse_with_options

    analysis = analyse_with_options(
        CHURN, target="churn", brief=Brief(), out_dir=None, large_file_mb=0.0, sample_rows=900
    )
    assert analysis.source.sampled and analysis.baseline is not None
    assert sum(analysis.baseline.rows.values()) == analysis.source.sample_rows


def test_many_rare_classes_do_not_break_early_stopping() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    from advisor.data.baseline.candidates import BoostingClassifier

    rng = np.random.default_rng(4)
    x = rng.normal(size=(200, 3))
    y = np.r_[np.arange(199) % 3, 3]  # class 3 has a single row
    with pytest.raises(ValueError, match="least populated"):
        HistGradientBoostingClassifier(early_stopping=True, random_state=0).fit(x, y)
    model = BoostingClassifier(early_stopping=True, random_state=0).fit(x, y)
    assert model.predict_proba(x).shape == (200, 4)


def test_category_codes_group_rare_and_unseen_values() -> None:
    from advisor.data.baseline.features import CategoryCodes

    train = pd.DataFrame({"city": ["a"] * 12 + ["b"] * 11 + ["rare"] * 2 + [None]})
    codes = CategoryCodes(max_categories=10, min_frequency=10).fit(train)
    assert codes.categories_ == [["a", "b"]]
    result = codes.transform(pd.DataFrame({"city": ["b", "a", "rare", "never seen", None]}))
    assert result[:4, 0].tolist() == [1.0, 0.0, 2.0, 2.0] and np.isnan(result[4, 0])
    one_hot = CategoryCodes(max_categories=10, min_frequency=10, missing_code=True).fit(train)
    assert one_hot.transform(pd.DataFrame({"city": [None]}))[0, 0] == 3.0


def test_temporal_brief_without_a_time_column_splits_in_file_order(tmp_path: Path) -> None:
    frame = pd.read_csv(CHURN).head(300)
    path = tmp_path / "ordered.csv"
    frame.to_csv(path, index=False)
    brief = Brief()
    brief.data.temporal = True
    analysis = analyse(path, target="churn", brief=brief, out_dir=None)
    assert analysis.baseline is not None
    assert analysis.baseline.split == "60/20/20 in file order (the brief says time matters)"
    assert [item.fact for item in analysis.contradictions] == ["data.temporal"]
