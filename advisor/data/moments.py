"""Mean, standard deviation, skewness and excess kurtosis from power sums, as DuckDB's and pandas' aggregates give them.

The full scan sums (x - shift)^k for k = 1..4 instead of calling DuckDB's `skewness` and `kurtosis`: those raise every
value to a power with `pow` (measured on 10M rows: 12 s against 3 s for the sums of products), and sum raw powers, which
loses digits when the mean is far from zero (a year column). A shift near the mean, taken from the head of the file,
keeps the sums small, so the moments are at least as exact as the aggregates they replace.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Moments:
    mean: float | None
    std: float | None
    skew: float | None
    kurtosis: float | None


def from_power_sums(
    count: int, shift: float, sums: tuple[float, float, float, float], *, constant: bool = False
) -> Moments:
    """`sums` are the sums of (x - shift)^1..4 over `count` values; undefined moments are None (no spread, too few).

    `constant` (the minimum equals the maximum) says there is no spread even where rounding leaves a tiny one."""
    if count == 0:
        return Moments(None, None, None, None)
    s1, s2, s3, s4 = (value / count for value in sums)
    mean = shift + s1
    # Central moments about the mean from raw moments about the shift.
    m2 = max(s2 - s1 * s1, 0.0)
    m3 = s3 - 3 * s1 * s2 + 2 * s1**3
    m4 = s4 - 4 * s1 * s3 + 6 * s1 * s1 * s2 - 3 * s1**4
    std = math.sqrt(m2 * count / (count - 1)) if count > 1 else None
    if constant:
        return Moments(mean, 0.0 if count > 1 else None, None, None)
    if m2 <= 0.0:
        return Moments(mean, std, None, None)
    return Moments(mean, std, sample_skewness(m3 / m2**1.5, count), sample_kurtosis(m4 / (m2 * m2) - 3.0, count))


def sample_skewness(population: float | None, count: int) -> float | None:
    """G1 = g1 * sqrt(n (n - 1)) / (n - 2): the adjusted Fisher-Pearson skewness DuckDB and pandas report."""
    if population is None or count < 3:
        return None
    return population * math.sqrt(count * (count - 1)) / (count - 2)


def sample_kurtosis(population: float | None, count: int) -> float | None:
    """G2 = (n - 1) / ((n - 2) (n - 3)) * ((n + 1) g2 + 6): the adjusted excess kurtosis DuckDB and pandas report."""
    if population is None or count < 4:
        return None
    return (count - 1) / ((count - 2) * (count - 3)) * ((count + 1) * population + 6)
