"""What a column adds beyond the other strong columns: for a suspicious name, weak alone does not mean harmless.

`air_time` says nothing about `arr_delay` alone, yet beside `dep_delay` and `distance` it explains much of what is
left (a flight that flew longer than planned arrives later): it is known only after the flight. A linear model of
the 8 strongest other numeric columns is fitted on one half of the sample with and without the column; the share
of the held-out error it removes (squared error, or log loss for a classification) is its added strength.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from advisor.data.leakage.strength import Sample, Strength, is_number

if TYPE_CHECKING:
    pass

BASE_COLUMNS = 8


def added_strength(sample: Sample, column: str, others: list[str], strengths: dict[str, Strength]) -> float | None:
    """Share of the held-out error of a model of the strongest `others` that adding `column` removes."""
    rows = sample.rows
    if not is_number(rows[column]):
        return None
    numeric = [name for name in others if name != column and name in strengths and is_number(rows[name])]
    base = sorted(numeric, key=lambda name: (-strengths[name].share, name))[:BASE_COLUMNS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and constant-column warnings on tiny halves: the gain stands
        without = _error(sample, base) if base else _prior_error(sample)
        with_column = _error(sample, [*base, column])
    if without is None or with_column is None or without <= 0:
        return None
    return max(0.0, 1.0 - with_column / without)


def _error(sample: Sample, names: list[str]) -> float | None:
    import numpy as np
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.metrics import log_loss, mean_squared_error
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x = sample.rows[names].astype("float64").to_numpy()
    fit_y = sample.y[sample.fit]
    model: object = Ridge(alpha=1.0) if sample.regression else LogisticRegression(max_iter=300)
    pipeline = make_pipeline(SimpleImputer(strategy="median", keep_empty_features=True), StandardScaler(), model)
    if not sample.regression and np.unique(fit_y).size < 2:
        return None
    pipeline.fit(x[sample.fit], fit_y)
    truth = sample.y[sample.held_out]
    if sample.regression:
        return float(mean_squared_error(truth, pipeline.predict(x[sample.held_out])))
    probabilities = pipeline.predict_proba(x[sample.held_out])
    return float(log_loss(truth, probabilities, labels=pipeline.classes_))


def _prior_error(sample: Sample) -> float | None:
    import numpy as np
    import pandas as pd

    fit_y, truth = sample.y[sample.fit], sample.y[sample.held_out]
    if sample.regression:
        return float(np.mean((truth - fit_y.mean()) ** 2))
    shares = pd.Series(fit_y).value_counts(normalize=True)
    probabilities = np.clip(pd.Series(truth).map(shares).fillna(1e-6).to_numpy(), 1e-6, 1.0)
    return float(-np.mean(np.log(probabilities)))
