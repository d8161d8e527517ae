"""Pairs of numeric columns whose difference, sum or ratio reproduces a numeric target.

`arr_time - sched_arr_time` is `arr_delay` once clock times are read as minutes and taken modulo midnight: neither
column alone says much, together they are the target. Each pair is scored by the share of rows it reproduces
exactly (within 0.5 % of the target's spread), after folding the difference of two clock columns by the length of
the day; a pair whose value ranks the rows like the target (Spearman >= 0.99) counts too (a rescaled copy).

Cost is bounded: only the 16 numeric columns most rank-correlated with the target (or holding clock times) are
paired, 120 pairs at most, each computed on the same 2,000-row sample in a few vectorised operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.data.leakage.strength import Sample, is_number

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

PAIR_COLUMNS = 16
EXACT_SHARE = 0.9  # share of rows the pair must reproduce exactly
RANK_CORRELATION = 0.99
TOLERANCE = 0.005  # of the target's standard deviation
MIN_PRESENT = 0.5  # the pair must be present on at least half of the rows
DAY_MINUTES = 1440.0
DAY_HOURS = 24.0


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    operation: str  # "difference", "difference modulo 1440", "sum", "ratio"
    exact_share: float
    rank_correlation: float

    def describe(self, target: str) -> str:
        formula = {"sum": "+", "ratio": "/"}.get(self.operation, "-")
        folded = " (modulo the day)" if "modulo" in self.operation else ""
        return (
            f"`{self.left} {formula} {self.right}`{folded} reproduces `{target}` "
            f"on {self.exact_share:.0%} of rows (rank correlation {self.rank_correlation:.3f})"
        )


def reproducing_pairs(sample: Sample, kinds: dict[str, str], names: list[str]) -> list[Pair]:
    """The pairs that reproduce the target, strongest first; empty for a classification target."""
    import numpy as np

    if not sample.regression:
        return []
    candidates = [name for name in names if kinds[name] in {"numeric", "boolean"} and is_number(sample.rows[name])]
    values = {name: _as_clock(sample.rows[name]) for name in candidates}
    chosen = _most_related(values, sample.y, PAIR_COLUMNS)
    y = sample.y
    spread = float(np.nanstd(y)) or 1.0
    found: list[Pair] = []
    for index, left in enumerate(chosen):
        for right in chosen[index + 1 :]:
            pair = _best_operation(left, right, values, y, spread)
            if pair is not None:
                found.append(pair)
    return sorted(found, key=lambda pair: (-pair.exact_share, -pair.rank_correlation, pair.left, pair.right))


@dataclass(frozen=True)
class _Values:
    numbers: np.ndarray
    period: float | None  # length of the day in the column's unit when it holds clock times


def _as_clock(series: pd.Series) -> _Values:
    """Clock times written as HHMM (830 = 8:30) become minutes of the day, so differences are durations."""
    import numpy as np

    numbers = series.astype("float64").to_numpy()
    present = numbers[~np.isnan(numbers)]
    if len(present) < 2 or not bool((present == np.round(present)).all()):
        return _Values(numbers, None)
    if present.min() >= 0 and present.max() <= 2400 and present.max() >= 100 and bool((present % 100 < 60).all()):
        return _Values((numbers // 100) * 60 + numbers % 100, DAY_MINUTES)
    return _Values(numbers, None)


def _most_related(values: dict[str, _Values], y: np.ndarray, limit: int) -> list[str]:
    import numpy as np
    import pandas as pd

    if len(values) <= limit:
        return list(values)
    ranks = pd.Series(y).rank().to_numpy()
    strength = {}
    for name, column in values.items():
        ranked = pd.Series(column.numbers).rank().to_numpy()
        present = ~np.isnan(ranked) & ~np.isnan(ranks)
        strength[name] = _abs_correlation(ranked[present], ranks[present]) + (1.0 if column.period else 0.0)
    return sorted(values, key=lambda name: -strength[name])[:limit]


def _best_operation(left: str, right: str, values: dict[str, _Values], y: np.ndarray, spread: float) -> Pair | None:
    import numpy as np

    a, b = values[left], values[right]
    period = a.period if a.period is not None and a.period == b.period else None
    with np.errstate(divide="ignore", invalid="ignore"):
        options = {
            "difference": a.numbers - b.numbers,
            "sum": a.numbers + b.numbers,
            "ratio": np.where(b.numbers != 0, a.numbers / b.numbers, np.nan),
            "inverse ratio": np.where(a.numbers != 0, b.numbers / a.numbers, np.nan),
        }
    best: Pair | None = None
    for option, value in options.items():
        operation = option
        present = ~np.isnan(value) & ~np.isnan(y)
        if present.mean() < MIN_PRESENT or present.sum() < 20:
            continue
        if operation == "difference":  # either order: a - b or b - a
            residual = np.minimum(np.abs(y[present] - value[present]), np.abs(y[present] + value[present]))
            if period is not None:
                folded = np.minimum(
                    _fold(y[present] - value[present], period), _fold(y[present] + value[present], period)
                )
                if np.mean(folded <= TOLERANCE * spread) > np.mean(residual <= TOLERANCE * spread):
                    operation, residual = f"difference modulo {period:g}", folded
        else:
            residual = np.abs(y[present] - value[present])
        exact = float(np.mean(residual <= TOLERANCE * spread))
        rank = _abs_correlation(_ranks(value[present]), _ranks(y[present]))
        if exact >= EXACT_SHARE or rank >= RANK_CORRELATION:
            named = operation.replace("inverse ratio", "ratio")
            swap = operation == "inverse ratio"
            if operation.startswith("difference"):  # name the order that fits most rows: a - b or b - a
                swap = bool(
                    np.nanmean(np.abs(y[present] + value[present])) < np.nanmean(np.abs(y[present] - value[present]))
                )
            pair = Pair(right if swap else left, left if swap else right, named, round(exact, 4), round(rank, 4))
            if best is None or (pair.exact_share, pair.rank_correlation) > (best.exact_share, best.rank_correlation):
                best = pair
    return best


def _fold(residual: np.ndarray, period: float) -> np.ndarray:
    """How far each residual is from a whole number of days (a flight landing after midnight is a day off)."""
    import numpy as np

    return np.abs(residual - period * np.round(residual / period))


def _ranks(values: np.ndarray) -> np.ndarray:
    import pandas as pd

    ranked: np.ndarray = pd.Series(values).rank().to_numpy()
    return ranked


def _abs_correlation(left: np.ndarray, right: np.ndarray) -> float:
    import numpy as np

    if len(left) < 3 or np.std(left) == 0 or np.std(right) == 0:
        return 0.0
    return float(abs(np.corrcoef(left, right)[0, 1]))
