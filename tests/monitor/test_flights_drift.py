"""Real drift and no drift on real data: flights by half-year, and random halves of the same file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from advisor.data.columns import infer_columns
from advisor.monitor.facts import drift_found, monitoring_facts
from advisor.monitor.inputs import COMPARED_KINDS, Inputs
from advisor.monitor.multivariate import domain_check
from advisor.monitor.run import MonitorRequest, measure, univariate
from tests.monitor.conftest import random_halves


def test_first_half_against_second_half_of_the_year_finds_the_seasonal_shift(
    split_files: Callable[[str], tuple[Path, Path]],
) -> None:
    reference, current = split_files("months")
    result = measure(MonitorRequest(reference=reference, current=current, target="arr_delay"))
    by_column = {item.column: item for item in result.features}
    assert by_column["month"].drifted and by_column["month"].severity == "major"
    # Carriers, airports and delays are much the same in both halves of 2013: no alarm on them.
    for steady in ("carrier", "origin", "dep_delay", "distance"):
        assert not by_column[steady].drifted, steady
    assert result.domain is not None and result.domain.auc > 0.9
    assert result.domain.top_features[0][0] == "month"
    assert "time_hour" in {item.column for item in result.skipped}  # a timestamp drifts by construction
    assert result.drift_found and result.facts.drifted_features == 1


def _typed_halves(flights: pd.DataFrame, seed: int) -> Inputs:
    typed = infer_columns(flights)
    kinds = {name: COMPARED_KINDS[kind] for name, kind in typed.kinds.items() if kind in COMPARED_KINDS}
    reference, current = random_halves(typed.frame, seed)
    return Inputs(reference, current, len(reference), len(current), kinds)


def test_random_halves_raise_no_alarm_in_at_least_19_of_20_seeds(flights: pd.DataFrame) -> None:
    alarms = []
    for seed in range(20):
        result = univariate(_typed_halves(flights, seed))
        facts = monitoring_facts(result)
        alarms.append(drift_found(facts))
        assert facts.features_compared == 17
    assert sum(alarms) <= 1, alarms


def test_the_classifier_cannot_tell_random_halves_apart(flights: pd.DataFrame) -> None:
    for seed in range(3):
        inputs = _typed_halves(flights, seed)
        check = domain_check(inputs.reference, inputs.current, inputs.kinds, seed=seed)
        assert check is not None and check.auc < 0.6 and not check.shifted, (seed, check.auc)
