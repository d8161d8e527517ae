"""Moments from shifted power sums agree with scipy's bias-adjusted ones, even far from zero (a year column), and
are undefined where there is no spread."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.data.moments import from_power_sums


def power_sums(values: np.ndarray, shift: float) -> tuple[float, float, float, float]:
    shifted = values - shift
    return tuple(float((shifted**power).sum()) for power in range(1, 5))  # type: ignore[return-value]


@pytest.mark.parametrize(("offset", "shift"), [(0.0, 0.0), (2_013.0, 2_020.0), (1e6, 1e6 + 3.0), (50.0, 0.0)], ids=str)
def test_moments_match_scipy(offset: float, shift: float) -> None:
    from scipy import stats

    values = offset + np.random.default_rng(3).gamma(2.0, 4.0, size=5_000)
    moments = from_power_sums(len(values), shift, power_sums(values, shift))
    assert moments.mean == pytest.approx(values.mean(), rel=1e-12)
    assert moments.std == pytest.approx(values.std(ddof=1), rel=1e-9)
    assert moments.skew == pytest.approx(stats.skew(values, bias=False), rel=1e-7)
    assert moments.kurtosis == pytest.approx(stats.kurtosis(values, bias=False), rel=1e-7)


def test_no_spread_or_too_few_values_leave_moments_undefined() -> None:
    constant = np.full(10, 0.1)
    flat = from_power_sums(10, 0.0, power_sums(constant, 0.0), constant=True)
    assert flat.mean == pytest.approx(0.1) and flat.std == 0.0 and flat.skew is None and flat.kurtosis is None
    pair = from_power_sums(2, 0.0, power_sums(np.array([1.0, 3.0]), 0.0))
    assert pair.std == pytest.approx(np.sqrt(2.0)) and pair.skew is None and pair.kurtosis is None
    assert from_power_sums(0, 0.0, (0.0, 0.0, 0.0, 0.0)).mean is None
