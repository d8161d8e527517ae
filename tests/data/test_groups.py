"""Panel data is split by entity: found on real panels, never on cross-sectional tables, and kept whole in the
split, the cross-validation folds and the test interval."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets

from advisor.brief.model import Brief
from advisor.data import analyse
from advisor.data.baseline.evaluate import group_bootstrap_weights
from advisor.data.baseline.groups import find_entity, group_codes
from advisor.data.baseline.split import split_rows
from advisor.data.columns import infer_columns

from .conftest import CHURN, HOUSES, LENDING

PANELS = Path(__file__).resolve().parents[1] / "fixtures" / "panels"

# (file, target, entity, period, entities)
PANEL_CASES = [
    ("gapminder.csv", "lifeExp", "country", "year", 142),
    ("produc.csv", "unemp", "state", "year", 48),
    ("empl_uk.csv", "emp", "firm", "year", 140),
]


def _found(frame: pd.DataFrame, target: str) -> tuple[str, str, int] | None:
    entity = find_entity(frame, infer_columns(frame).kinds, target)
    return None if entity is None else (entity.column, entity.period, entity.groups)


@pytest.mark.parametrize(("name", "target", "entity", "period", "groups"), PANEL_CASES)
def test_the_entity_of_a_real_panel_is_found(name: str, target: str, entity: str, period: str, groups: int) -> None:
    assert _found(pd.read_csv(PANELS / name), target) == (entity, period, groups)


CROSS_SECTIONS: list[tuple[Callable[[], pd.DataFrame], str]] = [
    (lambda: pd.read_csv(CHURN), "churn"),
    (lambda: pd.read_csv(HOUSES), "price"),
    (lambda: pd.read_csv(LENDING), "Status"),
    (lambda: datasets.load_breast_cancer(as_frame=True).frame, "target"),
    (lambda: datasets.load_diabetes(as_frame=True).frame, "target"),
    (lambda: pd.read_csv(PANELS / "grunfeld.csv"), "inv"),  # a panel of 10 firms: too few to split by
]


@pytest.mark.parametrize(("load", "target"), CROSS_SECTIONS)
def test_no_entity_is_invented_where_there_is_no_panel(load: Callable[[], pd.DataFrame], target: str) -> None:
    assert _found(load(), target) is None


def test_the_split_keeps_every_entity_in_one_part_and_covers_every_row() -> None:
    frame = pd.read_csv(PANELS / "gapminder.csv")
    groups = group_codes(frame["country"])
    split = split_rows(
        frame["lifeExp"].to_numpy(), classification=False, order=None, by_file_order=False, seed=0, groups=groups
    )
    parts = [set(groups[rows].tolist()) for rows in (split.train, split.validation, split.test)]
    assert not (parts[0] & parts[1]) and not (parts[0] & parts[2]) and not (parts[1] & parts[2])
    assert sorted(np.concatenate([split.train, split.validation, split.test]).tolist()) == list(range(len(frame)))
    assert [len(part) for part in parts] == [85, 29, 28]
    assert "by '" in split.how and "142 groups" in split.how


def test_the_group_bootstrap_draws_whole_entities() -> None:
    groups = group_codes(pd.read_csv(PANELS / "produc.csv")["state"].head(170))  # 10 states of 17 years
    weights = group_bootstrap_weights(groups, seed=0, resamples=50)
    assert weights.shape == (50, 170)
    for resample in weights:
        for code in np.unique(groups):
            assert len(set(resample[groups == code].tolist())) == 1  # a state's years share one count
    assert weights.sum(axis=1).tolist() == [170.0] * 50  # as many states drawn as there are


@pytest.mark.parametrize(("name", "target", "entity", "period", "groups"), PANEL_CASES[:2])
def test_the_baselines_of_a_panel_are_split_cross_validated_and_bootstrapped_by_entity(
    name: str, target: str, entity: str, period: str, groups: int
) -> None:
    analysis = analyse(PANELS / name, target=target, brief=Brief(), out_dir=None, run_baseline=True)
    baseline = analysis.baseline
    assert baseline is not None
    assert f"by '{entity}'" in baseline.split and f"of {groups} groups" in baseline.split
    assert "test groups, each drawn whole" in baseline.interval_method
