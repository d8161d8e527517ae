"""Profiling real data: the figures equal independent computations, planted problems are found."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse
from advisor.errors import DataError

from .conftest import CHURN, HOUSES

REGRESSION_ONLY = {"target_kind", "target_skew"}


def churn_frame() -> pd.DataFrame:
    return pd.read_csv(CHURN)


def profile(path: Path, target: str | None, brief: Brief | None = None) -> DataAnalysis:
    return analyse(path, target=target, brief=brief or Brief(), out_dir=None, run_baseline=False)


def test_churn_imbalance_matches_an_independent_count(churn_run: tuple[DataAnalysis, Path]) -> None:
    analysis, _ = churn_run
    with CHURN.open(newline="") as stream:
        labels = [row["churn"] for row in csv.DictReader(stream)]
    expected = labels.count("Yes") / len(labels)
    assert analysis.facts.minority_share == pytest.approx(expected, abs=1e-6)
    assert analysis.facts.rows == len(labels) == 2000
    assert analysis.facts.task_type == "binary_classification"
    assert analysis.facts.imbalance == "mild"
    assert analysis.target is not None and analysis.target.classes == {
        "No": labels.count("No"),
        "Yes": labels.count("Yes"),
    }


def test_every_fact_is_computed_for_a_classification_target(churn_run: tuple[DataAnalysis, Path]) -> None:
    facts = churn_run[0].facts.model_dump()
    missing = [name for name in DatasetFacts.model_fields if facts[name] is None and name not in REGRESSION_ONLY]
    assert missing == []


def test_regression_facts(houses_run: tuple[DataAnalysis, Path]) -> None:
    analysis, _ = houses_run
    frame = pd.read_csv(HOUSES)
    assert analysis.facts.task_type == "regression"
    assert analysis.facts.target_kind == "positive"
    assert analysis.facts.target_skew == pytest.approx(frame["price"].skew(), abs=1e-4)
    living = next(column for column in analysis.profile if column.name == "livingArea")
    assert living.mean == pytest.approx(frame["livingArea"].mean(), abs=1e-4)
    assert living.kind == "numeric" and living.missing_share == 0
    assert analysis.protected_columns == []  # `age` of a house: the brief says the rows are not people


def test_column_kinds_and_protected_names_on_churn(churn_run: tuple[DataAnalysis, Path]) -> None:
    analysis, _ = churn_run
    kinds = {column.name: column.kind for column in analysis.profile}
    assert kinds["tenure"] == "numeric" and kinds["contract"] == "categorical" and kinds["female"] == "boolean"
    assert analysis.protected_columns == ["female", "senior_citizen"]
    total = next(column for column in analysis.profile if column.name == "total_charges")
    assert total.missing_share == pytest.approx(churn_frame()["total_charges"].isna().mean(), abs=1e-6)


def test_planted_leaks_identifier_and_look_alike_are_suspected(tmp_path: Path) -> None:
    frame = churn_frame()
    rng = np.random.default_rng(0)
    frame["account_code"] = np.where(frame["churn"] == "Yes", 7, 3) + rng.integers(0, 2, len(frame)) * 10
    frame["customer_id"] = [f"C{index:05d}" for index in range(len(frame))]
    frame["churn_date"] = np.where(frame["churn"] == "Yes", "2024-01-01", "")
    path = tmp_path / "leaky.csv"
    frame.to_csv(path, index=False)
    analysis = profile(path, "churn")
    reasons = {suspect.column: suspect.reason for suspect in analysis.leakage}
    assert "almost perfectly" in reasons["account_code"]
    assert "identifier" in reasons["customer_id"]
    assert "named like the target" in reasons["churn_date"]
    assert "tenure" not in reasons and "contract" not in reasons
    assert analysis.facts.leakage_suspects == 3


def test_brief_protected_columns_are_added(tmp_path: Path) -> None:
    brief = Brief()
    brief.legal.protected_columns = ["payment_method"]
    analysis = profile(CHURN, "churn", brief)
    assert analysis.protected_columns == ["female", "senior_citizen", "payment_method"]


def test_constant_and_empty_features_are_dropped_with_warnings(tmp_path: Path) -> None:
    frame = churn_frame().head(300)
    frame["always_one"] = 1
    frame["nothing"] = np.nan
    frame["tenure_copy"] = frame["tenure"]
    frame = pd.concat([frame, frame.head(30)], ignore_index=True)
    path = tmp_path / "dirty.csv"
    frame.to_csv(path, index=False)
    analysis = profile(path, "churn")
    assert "column 'always_one' is constant: dropped from the features" in analysis.warnings
    assert "column 'nothing' is all missing: dropped from the features" in analysis.warnings
    assert analysis.facts.constant_columns == 2
    assert analysis.facts.duplicate_columns == 1
    expected = pd.util.hash_pandas_object(pd.read_csv(path), index=False).duplicated().mean()
    assert analysis.facts.duplicate_row_share == pytest.approx(expected, abs=1e-6)
    assert analysis.facts.duplicate_row_share == pytest.approx(30 / 330, abs=1e-6)


def test_single_sample_class_is_a_warning(tmp_path: Path) -> None:
    frame = churn_frame().head(200)
    frame.loc[5, "contract"] = "Lifetime"
    path = tmp_path / "single.csv"
    frame.to_csv(path, index=False)
    analysis = profile(path, "contract")
    assert any("'Lifetime'" in warning and "cannot be stratified" in warning for warning in analysis.warnings)
    assert analysis.facts.task_type == "multiclass_classification"


def test_constant_or_empty_target_is_refused(tmp_path: Path) -> None:
    frame = churn_frame().head(50)
    frame["flat"] = "same"
    frame["empty"] = np.nan
    path = tmp_path / "targets.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match="constant"):
        profile(path, "flat")
    with pytest.raises(DataError, match="empty"):
        profile(path, "empty")


def test_ten_thousand_columns_profile_in_bounded_time(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    values = rng.normal(size=(60, 10_000)).round(3)
    frame = pd.DataFrame(values, columns=[f"f{index}" for index in range(10_000)])
    frame["label"] = np.where(values[:, 0] > 0, "a", "b")
    path = tmp_path / "wide.csv"
    frame.to_csv(path, index=False)
    start = time.perf_counter()
    analysis = analyse(path, target="label", brief=Brief(), out_dir=tmp_path / "out", run_baseline=False)
    assert time.perf_counter() - start < 60
    assert analysis.facts.columns == 10_001 and analysis.facts.numeric_columns == 10_000
    assert any("10,001 columns" in warning for warning in analysis.warnings)
    histograms = next(plot for plot in analysis.plots if plot.path == "plots/histograms.png")
    assert (tmp_path / "out" / histograms.path).stat().st_size < 400_000


def test_plots_are_deterministic(tmp_path: Path) -> None:
    first = analyse(CHURN, target="churn", brief=Brief(), out_dir=tmp_path / "a", run_baseline=False)
    second = analyse(CHURN, target="churn", brief=Brief(), out_dir=tmp_path / "b", run_baseline=False)
    assert [plot.path for plot in first.plots] == [
        "plots/histograms.png",
        "plots/boxplots.png",
        "plots/correlations.png",
        "plots/target.png",
    ]
    for plot in first.plots:
        assert (tmp_path / "a" / plot.path).read_bytes() == (tmp_path / "b" / plot.path).read_bytes()
    assert first.model_dump_json() == second.model_dump_json()


def test_sampled_large_file_keeps_exact_counts(tmp_path: Path) -> None:
    from advisor.data.analysis import analyse as analyse_with_options

    analysis = analyse_with_options(
        CHURN, target="churn", brief=Brief(), out_dir=None, run_baseline=False, large_file_mb=0.0, sample_rows=500
    )
    assert analysis.source.sampled and analysis.facts.sampled
    assert analysis.facts.rows == 2000 and analysis.facts.sample_rows < 2000
    assert "stratified on 'churn'" in analysis.source.how
    assert analysis.facts.minority_share == pytest.approx(churn_frame()["churn"].eq("Yes").mean(), abs=1e-6)
