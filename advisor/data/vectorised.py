"""Column statistics for many numeric columns at once (a wide table has thousands: no per-column Python loop)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


HASHED_COLUMNS = 200


def distinct_and_top_counts(block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column of a float matrix: the number of distinct present values and the count of the most frequent one.

    A tall table counts each column with a hash table (pandas); a wide one sorts all columns at once, which avoids
    thousands of Python-level calls.
    """
    import numpy as np
    import pandas as pd

    rows, columns = block.shape
    if rows == 0 or columns == 0:
        return np.zeros(columns, dtype=int), np.zeros(columns, dtype=int)
    if columns <= HASHED_COLUMNS:
        tallies = [pd.Series(block[:, index]).value_counts() for index in range(columns)]
        distinct = np.array([len(tally) for tally in tallies], dtype=int)
        top = np.array([int(tally.iloc[0]) if len(tally) else 0 for tally in tallies], dtype=int)
        return distinct, top
    ordered = np.sort(block, axis=0)  # missing values sort last
    present = ~np.isnan(ordered)
    starts = np.vstack([np.ones((1, columns), dtype=bool), ordered[1:] != ordered[:-1]]) & present
    distinct = starts.sum(axis=0)
    group = np.cumsum(starts, axis=0)  # 1-based id of the run each cell belongs to
    offsets = np.arange(columns) * (rows + 1)
    flat = (group + offsets)[present]
    counts = np.bincount(flat, minlength=columns * (rows + 1)).reshape(columns, rows + 1)
    return distinct, counts.max(axis=1)


def varying_columns(frame: pd.DataFrame, names: list[str]) -> list[str]:
    """The numeric columns with at least two distinct present values."""
    if not names:
        return []
    distinct, _ = distinct_and_top_counts(frame[names].to_numpy(dtype="float64", na_value=float("nan")))
    return [name for name, count in zip(names, distinct, strict=True) if count > 1]


def identical_columns(frame: pd.DataFrame, names: list[str]) -> list[tuple[str, str]]:
    """Pairs (earlier, later) of numeric columns with bit-identical values: each column's bytes are hashed, and
    columns with the same digest are compared byte for byte. Linear in the cells; sorting the columns as opaque
    byte strings instead took 0.24 s for 13 columns of 336,776 rows."""
    import hashlib

    if len(names) < 2:
        return []

    def cells(name: str) -> bytes:
        return _float_cells(frame, name).tobytes()

    first: dict[bytes, list[str]] = {}
    pairs = []
    for name in names:
        mine = cells(name)
        earlier = first.setdefault(hashlib.blake2b(mine, digest_size=16).digest(), [])
        match = next((other for other in earlier if cells(other) == mine), None)  # a digest match is rare
        if match is None:
            earlier.append(name)
        else:
            pairs.append((match, name))
    return pairs


def _float_cells(frame: pd.DataFrame, name: str) -> np.ndarray:
    """One column as contiguous float64, missing values as NaN: a column at a time, no copy of the whole block."""
    import numpy as np

    return np.ascontiguousarray(frame[name].to_numpy(dtype="float64", na_value=np.nan))


def correlation_with(block: np.ndarray, target: np.ndarray) -> np.ndarray:
    """|Pearson correlation| of each column with a target, missing values set to the column mean (for ranking)."""
    import numpy as np

    means = np.nanmean(block, axis=0) if len(block) else np.zeros(block.shape[1])
    filled = np.where(np.isnan(block), means, block)
    centred = filled - filled.mean(axis=0)
    goal = np.nan_to_num(target - np.nanmean(target))
    numerator = centred.T @ goal
    denominator = np.sqrt((centred**2).sum(axis=0) * (goal**2).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.abs(numerator / denominator)
    cleaned: np.ndarray = np.nan_to_num(result)
    return cleaned
