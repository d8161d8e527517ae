"""Split 60/20/20: stratified on the class, in time order (the past trains, the future tests), or by entity (each
country or firm of a panel in one part, see advisor.data.baseline.groups)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MIN_ROWS = 20
MIN_PER_SPLIT = 4


@dataclass
class Split:
    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray
    how: str
    ordered: bool  # True for a split in time (or file) order: cross-validation must keep the order too
    groups: np.ndarray | None = None  # the entity of every row, when the split keeps entities whole


def split_rows(
    y: np.ndarray,
    *,
    classification: bool,
    order: pd.Series | None,
    by_file_order: bool,
    seed: int,
    groups: np.ndarray | None = None,
    entity: str = "",
) -> Split:
    """Row positions of the three parts. `order` (a time column) or `by_file_order` make it a split in time; else
    `groups` (the `entity` column's code per row) keep each entity in one part."""
    import numpy as np
    from sklearn.model_selection import train_test_split

    rows = len(y)
    positions = np.arange(rows)
    if order is not None or by_file_order:
        if order is not None:
            positions = np.asarray(order.reset_index(drop=True).argsort(kind="mergesort"))
        first, second = int(rows * 0.6), int(rows * 0.8)
        how = f"by time on '{order.name}'" if order is not None else "in file order (the brief says time matters)"
        return Split(positions[:first], positions[first:second], positions[second:], "60/20/20 " + how, True)
    if groups is not None:
        return _split_groups(groups, entity, seed)
    stratify = y if classification and _can_stratify(y) else None
    train, rest = train_test_split(positions, train_size=0.6, random_state=seed, stratify=stratify)
    rest_stratify = y[rest] if stratify is not None and _can_stratify(y[rest]) else None
    validation, test = train_test_split(rest, train_size=0.5, random_state=seed, stratify=rest_stratify)
    how = "60/20/20 at random" + (", stratified on the target" if stratify is not None else "")
    # The parts stay in shuffled order (fixed by the seed): cross-validation and the learning curve take their first
    # rows, which must be a random sample even when the file is sorted (by the target, say).
    return Split(train, validation, test, how, False)


def _split_groups(groups: np.ndarray, entity: str, seed: int) -> Split:
    """60/20/20 of the entities at random; the rows of each part in shuffled order (as a random split leaves them),
    so that cross-validation and the learning curve, which take the first rows, see a random sample."""
    import numpy as np

    generator = np.random.default_rng(seed)
    codes = generator.permutation(np.unique(groups))
    first, second = round(len(codes) * 0.6), round(len(codes) * 0.8)
    parts = [codes[:first], codes[first:second], codes[second:]]
    rows = [generator.permutation(np.flatnonzero(np.isin(groups, part))) for part in parts]
    counts = "/".join(str(len(part)) for part in parts)
    how = f"60/20/20 by '{entity}' ({counts} of {len(codes)} groups, each wholly in one part)"
    return Split(rows[0], rows[1], rows[2], how, False, groups=groups)


def _can_stratify(y: np.ndarray) -> bool:
    import numpy as np

    _, counts = np.unique(y, return_counts=True)
    return bool(len(counts) > 1 and counts.min() >= 2)
