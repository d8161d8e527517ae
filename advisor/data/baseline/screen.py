"""A very wide table (far more columns than the models need) is screened down before fitting.

With 10,000 numeric columns and 50 rows every pipeline call spends its time checking the columns' types, gradient
boosting bins every column, and nothing is learnt that a few hundred columns would not show. So above `MAX_FEATURES`
usable columns, the numeric ones are ranked by their univariate F statistic with the target on the training split
only (validation and test never take part) and the best are kept; other kinds of column are kept. The report says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.brief.enums import TaskType
from advisor.data.baseline.features import FeatureKinds

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MAX_FEATURES = 500


@dataclass(frozen=True)
class Screened:
    kinds: FeatureKinds
    note: str | None


def screen_features(x_train: pd.DataFrame, y_train: np.ndarray, kinds: FeatureKinds, task: TaskType) -> Screened:
    """The feature kinds to fit on, at most `MAX_FEATURES` numeric columns ranked on the training split."""
    import numpy as np
    from sklearn.feature_selection import f_classif, f_regression

    total = len(kinds.all)
    if total <= MAX_FEATURES or len(kinds.numeric) == 0:
        return Screened(kinds, None)
    keep = max(MAX_FEATURES - (total - len(kinds.numeric)), MAX_FEATURES // 10)
    values = x_train[kinds.numeric].to_numpy(dtype="float64")
    medians = np.nanmedian(np.where(np.isfinite(values), values, np.nan), axis=0)
    filled = np.where(np.isfinite(values), values, np.nan_to_num(medians)[None, :])
    scorer = f_regression if task == TaskType.regression else f_classif
    with np.errstate(all="ignore"):
        statistic, _ = scorer(filled, y_train)
    statistic = np.nan_to_num(statistic, nan=0.0)
    order = np.argsort(-statistic, kind="mergesort")[:keep]
    numeric = [kinds.numeric[index] for index in order]
    note = (
        f"{total:,} usable columns is more than the models need: the {len(numeric):,} numeric columns most associated "
        f"with the target (univariate F statistic on the training split only) were kept, with every non-numeric "
        f"column; {len(kinds.numeric) - len(numeric):,} numeric columns were left out"
    )
    return Screened(FeatureKinds(numeric, kinds.categorical, kinds.datetime, kinds.text), note)
