"""The statistics on their own: PSI, Holm's correction, categories, missing rates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from advisor.monitor.statistics import categorical_drift, holm, missing_change, numeric_drift, numeric_psi, severity


def test_psi_is_zero_for_the_same_sample_and_grows_with_the_shift() -> None:
    values = np.random.default_rng(0).normal(size=5_000)
    assert numeric_psi(values, values) == 0.0
    shifts = [numeric_psi(values, values + shift) for shift in (0.1, 0.5, 1.0)]
    assert shifts == sorted(shifts) and shifts[0] < 0.1 < shifts[1] and shifts[2] > 0.25
    assert [severity(value) for value in shifts] == ["none", "moderate", "major"]


def test_holm_matches_the_step_down_definition() -> None:
    # Hand-checked: sorted 0.01, 0.02, 0.04 times 3, 2, 1 -> 0.03, 0.04, 0.04 (monotone), back in input order.
    assert holm([0.04, 0.01, 0.02]) == [0.04, 0.03, 0.04]
    assert holm([0.5, 0.9]) == [1.0, 1.0]
    assert holm([]) == []


def test_a_big_sample_with_a_negligible_shift_is_significant_but_not_drift() -> None:
    generator = np.random.default_rng(1)
    reference = pd.Series(generator.normal(0.0, 1.0, 200_000))
    current = pd.Series(generator.normal(0.03, 1.0, 200_000))
    drift = numeric_drift("x", reference, current)
    assert drift.p_value < 1e-6  # the test alone would alarm
    assert drift.psi < 0.01  # the effect is negligible


def test_categories_new_vanished_and_pooled_beyond_the_top_twenty() -> None:
    reference = pd.Series(["a"] * 500 + ["b"] * 300 + ["c"] * 200)
    current = pd.Series(["a"] * 500 + ["b"] * 300 + ["d"] * 200)
    drift = categorical_drift("letters", reference, current)
    assert drift.new_categories == ["d"] and drift.vanished_categories == ["c"]
    assert drift.new_share == 0.2 and drift.psi > 0.25 and drift.p_value < 1e-6
    assert drift.js_distance is not None and 0.3 < drift.js_distance < 0.6


def test_missing_rate_change_uses_an_exact_test_on_small_counts() -> None:
    change = missing_change("x", pd.Series([1.0] * 40), pd.Series([None] * 10 + [1.0] * 30))
    assert change is not None and change.current_share == 0.25 and change.p_value < 0.01
    assert missing_change("x", pd.Series([1.0, 2.0]), pd.Series([3.0])) is None


def test_a_flag_read_as_integers_on_one_side_and_floats_on_the_other_is_the_same_categories() -> None:
    reference = pd.Series([0, 1] * 500)
    current = pd.Series([0.0, 1.0] * 499 + [None, None])
    drift = categorical_drift("flag", reference, current)
    assert drift.new_categories == [] and drift.vanished_categories == [] and drift.psi < 0.01
