"""Contradictions between the brief and the data, on the churn slice's real facts."""

from __future__ import annotations

from pathlib import Path

from advisor.brief.model import Brief
from advisor.data import DataAnalysis
from advisor.data.reconcile import reconcile


def facts_of(run: tuple[DataAnalysis, Path]):  # type: ignore[no-untyped-def]
    return run[0].facts


def test_a_brief_that_matches_the_data_has_no_contradiction(churn_run: tuple[DataAnalysis, Path]) -> None:
    brief = Brief()
    brief.problem.task_type = "binary_classification"  # type: ignore[assignment]
    brief.data.imbalance = "mild"  # type: ignore[assignment]
    brief.data.rows = 2500
    columns = [column.name for column in churn_run[0].profile]
    assert reconcile(brief, facts_of(churn_run), target="churn", columns=columns) == []


def test_balanced_million_row_regression_is_contradicted(churn_run: tuple[DataAnalysis, Path]) -> None:
    brief = Brief()
    brief.problem.task_type = "regression"  # type: ignore[assignment]
    brief.data.imbalance = "balanced"  # type: ignore[assignment]
    brief.data.rows = 1_000_000
    brief.legal.protected_columns = ["gender"]
    columns = [column.name for column in churn_run[0].profile]
    found = {item.fact: item for item in reconcile(brief, facts_of(churn_run), target="churn", columns=columns)}
    assert set(found) == {"problem.task_type", "data.imbalance", "data.rows", "legal.protected_columns"}
    assert found["problem.task_type"].measured == "binary_classification"
    assert "regression" in found["problem.task_type"].message
    assert found["data.imbalance"].answered == "balanced" and found["data.imbalance"].measured.startswith("mild")
    assert "about 1:3" in found["data.imbalance"].message
    assert found["data.rows"].answered == "1,000,000" and found["data.rows"].measured == "2,000"
    assert "gender" in found["legal.protected_columns"].measured


def test_target_column_and_temporal_contradictions(churn_run: tuple[DataAnalysis, Path]) -> None:
    brief = Brief()
    brief.problem.target_column = "Churn"
    brief.data.temporal = True
    found = {item.fact for item in reconcile(brief, facts_of(churn_run), target="churn", columns=["churn"])}
    assert found == {"problem.target_column", "data.temporal"}


def test_analyse_reports_contradictions(churn_run: tuple[DataAnalysis, Path]) -> None:
    # The session fixture's brief says nothing about the data: no contradiction may be invented.
    assert churn_run[0].contradictions == []
