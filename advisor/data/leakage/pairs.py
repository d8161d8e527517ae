"""Pairs of numeric columns whose difference, sum, product or ratio reproduces a numeric target.

`arr_time - sched_arr_time` is `arr_delay` once clock times are read as minutes and taken modulo midnight: neither
column alone says much, together they are the target. Each pair is scored by the share of rows it reproduces
exactly (within 0.5 % of the target's spread), after folding the difference of two clock columns by the length of
the day; a pair whose value ranks the rows like the target (Spearman >= 0.99) counts too (a rescaled copy).

Cost is bounded: only the 16 numeric columns most rank-correlated with the target (or holding clock times) are
paired, 120 pairs at most, each computed on the same 2,000-row sample in a few vectorised operations.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.data.leakage.strength import Sample, number_columns
from advisor.data.vectorised import correlation_with

if TYPE_CHECKING:
    import numpy as np

PAIR_COLUMNS = 16
WIDE = 60  # above this many numeric columns, rank only those already scored alone (and clock columns)
EXACT_SHARE = 0.9  # share of rows the pair must reproduce exactly
RANK_CORRELATION = 0.99
CARRIER = 0.7  # a member of a pair that alone ranks rows much like the rebuilt value (Spearman) carries it ...
SCALE = 0.3  # ... when its partner alone hardly does (below this): the partner only rescales it
LINEAR_PREFILTER = 0.8  # a pair that ranks rows like the target (Spearman >= 0.99) is at least this linear in practice
TOLERANCE = 0.005  # of the target's standard deviation
MIN_PRESENT = 0.5  # the pair must be present on at least half of the rows
DAY_MINUTES = 1440.0
DAY_HOURS = 24.0


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    operation: str  # "difference", "difference modulo 1440", "sum", "product", "ratio"
    exact_share: float
    rank_correlation: float

    def describe(self, target: str) -> str:
        formula = {"sum": "+", "product": "*", "ratio": "/"}.get(self.operation, "-")
        folded = " (modulo the day)" if "modulo" in self.operation else ""
        return (
            f"`{self.left} {formula} {self.right}`{folded} reproduces `{target}` "
            f"on {self.exact_share:.0%} of rows (rank correlation {self.rank_correlation:.3f})"
        )


def reproducing_pairs(
    sample: Sample, kinds: dict[str, str], names: list[str], preferred: set[str] | None = None
) -> list[Pair]:
    """The pairs that reproduce the target, strongest first; empty for a classification target. In a wide table
    only the `preferred` columns (those already scored alone, the most correlated) and clock columns are paired."""
    import numpy as np

    if not sample.regression:
        return []
    candidates = number_columns(sample.rows, [name for name in names if kinds[name] in {"numeric", "boolean"}])
    if len(candidates) < 2:
        return []
    block = sample.rows[candidates].to_numpy(dtype="float64", na_value=np.nan)
    clock = _clock_columns(block)
    if preferred is not None and len(candidates) > WIDE:
        keep = [index for index, name in enumerate(candidates) if name in preferred or clock[index]]
        candidates, block, clock = [candidates[index] for index in keep], block[:, keep], clock[keep]
    chosen = _most_related(block, clock, sample.y, PAIR_COLUMNS)
    values = {
        candidates[index]: _Values(_minutes(block[:, index]), DAY_MINUTES)
        if clock[index]
        else _Values(block[:, index], None)
        for index in chosen
    }
    ordered = [candidates[index] for index in sorted(chosen)]
    y = sample.y
    spread = float(np.nanstd(y)) or 1.0
    found: list[Pair] = []
    for index, left in enumerate(ordered):
        for right in ordered[index + 1 :]:
            pair = _best_operation(left, right, values, y, spread)
            if pair is not None:
                found.append(pair)
    return sorted(found, key=lambda pair: (-pair.exact_share, -pair.rank_correlation, pair.left, pair.right))


@dataclass(frozen=True)
class _Values:
    numbers: np.ndarray
    period: float | None  # length of the day in the column's unit when it holds clock times


def _clock_columns(block: np.ndarray) -> np.ndarray:
    """Columns of clock times written as HHMM (830 = 8:30): whole numbers in [0, 2400] whose last two digits < 60."""
    import numpy as np

    missing = np.isnan(block)
    present = (~missing).sum(axis=0)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # all-missing columns: nanmin/nanmax warn, the mask below rejects them
        low, high = np.nanmin(block, axis=0), np.nanmax(block, axis=0)
        whole = np.all(missing | (block == np.round(block)), axis=0)
        minutes_ok = np.all(missing | (np.mod(block, 100) < 60), axis=0)
    result: np.ndarray = (present >= 2) & whole & minutes_ok & (low >= 0) & (high <= 2400) & (high >= 100)
    return result


def _minutes(numbers: np.ndarray) -> np.ndarray:
    """HHMM clock times as minutes of the day, so differences are durations."""
    converted: np.ndarray = (numbers // 100) * 60 + numbers % 100
    return converted


def _most_related(block: np.ndarray, clock: np.ndarray, y: np.ndarray, limit: int) -> list[int]:
    """Indices of the columns most rank-correlated with the target, clock columns first (all in a narrow table)."""
    import numpy as np

    columns = block.shape[1]
    if columns <= limit:
        return list(range(columns))
    # Ordinal ranks by sorting every column at once: ties barely matter for choosing candidates.
    ranks = np.argsort(np.argsort(block, axis=0, kind="stable"), axis=0).astype("float64")
    ranks[np.isnan(block)] = np.nan
    strength = correlation_with(ranks, _ranks(y)) + clock.astype("float64")
    return sorted(int(index) for index in np.argsort(-strength, kind="stable")[:limit])


def _best_operation(left: str, right: str, values: dict[str, _Values], y: np.ndarray, spread: float) -> Pair | None:
    import numpy as np

    a, b = values[left], values[right]
    period = a.period if a.period is not None and a.period == b.period else None
    with np.errstate(divide="ignore", invalid="ignore"):
        options = {
            "difference": a.numbers - b.numbers,
            "sum": a.numbers + b.numbers,
            "product": a.numbers * b.numbers,  # `unit_price * quantity` is the order's total
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
        # Ranking costs more than the rest together: only when the pair is exact or already linearly close.
        linear = _abs_correlation(value[present], y[present])
        close = exact >= EXACT_SHARE or linear >= LINEAR_PREFILTER
        rank = _abs_correlation(_ranks(value[present]), _ranks(y[present])) if close else linear
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


def carriers(pair: Pair, sample: Sample, names: list[str]) -> list[str]:
    """Which of `names` (members of `pair`) bring the rebuilt value back: both, unless one alone already ranks the
    rows like it and its partner does not. `share * income` rebuilds a card's `expenditure`, but `share` is the
    expenditure over the income: the income alone is an ordinary feature, and leaving it out would cost the model."""
    import numpy as np

    if len(names) < 2:
        return names
    alone = {}
    for name in names:
        values = sample.rows[name].astype("float64").to_numpy()
        present = ~np.isnan(values) & ~np.isnan(sample.y)
        alone[name] = _abs_correlation(_ranks(values[present]), _ranks(sample.y[present])) if present.sum() > 2 else 0.0
    strong = [name for name in names if alone[name] >= CARRIER]
    if len(strong) == 1 and min(alone.values()) < SCALE:
        return strong
    return names


def _fold(residual: np.ndarray, period: float) -> np.ndarray:
    """How far each residual is from a whole number of days (a flight landing after midnight is a day off)."""
    import numpy as np

    return np.abs(residual - period * np.round(residual / period))


def _ranks(values: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata

    ranked: np.ndarray = rankdata(values)
    return ranked


def _abs_correlation(left: np.ndarray, right: np.ndarray) -> float:
    import numpy as np

    if len(left) < 3 or np.std(left) == 0 or np.std(right) == 0:
        return 0.0
    return float(abs(np.corrcoef(left, right)[0, 1]))
