"""The rows the baselines fit on: the labelled rows, capped at `MAX_MODEL_ROWS` by a stratified draw.

A light module (scikit-learn is imported only when a cap is drawn), so the analysing process can hand the capped
rows to its companion without loading scikit-learn itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType

if TYPE_CHECKING:
    import pandas as pd

MAX_MODEL_ROWS = 20_000


def cap_rows(labels: pd.Series, task: TaskType, rows: int, seed: int) -> list[Any]:
    """The index of `rows` of the labelled rows, stratified on the class, in file order (so time order survives)."""
    from sklearn.model_selection import train_test_split

    stratify = None
    if task != TaskType.regression:
        counts = labels.astype(str).value_counts()
        if counts.min() >= 2:
            stratify = labels.astype(str)
    kept, _ = train_test_split(labels.index.to_numpy(), train_size=rows, random_state=seed, stratify=stratify)
    return sorted(kept)
