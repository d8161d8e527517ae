"""How much of the target one column explains, measured on rows the measurement did not learn from.

Each column is fitted on one half of a sample and scored on the other half. A numeric column goes through a shallow
tree (any monotone or step-shaped relation). A category is encoded by its target statistic in the fitting half (the
mean for a regression, the class shares for a classification), never by arbitrary codes: codes order the categories
at random, so a tree on them under-rates a category that determines the target.

The measure is the share of the target explained on the held-out half: R^2 for a regression; for a classification
the balanced accuracy above chance, (balanced accuracy - 1/k) / (1 - 1/k), so 0 is chance and 1 is perfect whatever
the number of classes k.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.data.vectorised import correlation_with

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LEAK_ROWS = 2_000
MIN_ROWS = 20
MAX_SCORED_COLUMNS = 60
REVERSE_MAX_LEVELS = 50  # more levels than a depth-6 tree has leaves cannot be told apart from one number


@dataclass(frozen=True)
class Sample:
    """The labelled rows the checks use, split in a fitting half and a held-out half."""

    rows: pd.DataFrame
    y: np.ndarray
    half: int
    regression: bool

    @property
    def fit(self) -> slice:
        return slice(0, self.half)

    @property
    def held_out(self) -> slice:
        return slice(self.half, None)


@dataclass(frozen=True)
class Strength:
    share: float  # share of the target explained on held-out rows, in [0, 1]
    score: float  # the raw measure: R^2, or balanced accuracy
    measure: str  # "R^2" or "balanced accuracy"
    # For a category and a numeric target: how well the target predicts the category (balanced accuracy). Binning the
    # target into letters (a loan grade from its interest rate) makes it near 1 while R^2 stays below the bar.
    reverse: float | None = None


def labelled_sample(frame: pd.DataFrame, target: str, *, regression: bool, seed: int) -> Sample | None:
    """Up to 2,000 labelled rows in a random order (so the halves do not follow file order); None when too few."""
    labelled = frame.index[frame[target].notna()]
    order = labelled.to_series().sample(n=min(len(labelled), LEAK_ROWS), random_state=seed).index
    rows = frame.loc[order]
    if len(rows) < MIN_ROWS:
        return None
    y = rows[target].astype("float64").to_numpy() if regression else rows[target].astype(str).to_numpy()
    return Sample(rows=rows, y=y, half=len(rows) // 2, regression=regression)


def single_strengths(sample: Sample, kinds: dict[str, str], names: list[str], seed: int) -> dict[str, Strength]:
    """The strength of each usable column alone (in a wide table, of the most promising 60)."""
    candidates = [name for name in names if kinds[name] in {"numeric", "boolean", "categorical"}]
    candidates = _strongest(sample, candidates, MAX_SCORED_COLUMNS)
    strengths: dict[str, Strength] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a class absent from one half is expected on tiny data; the score stands
        for name in candidates:
            strength = _one(sample, sample.rows[name], kinds[name], seed)
            if strength is not None:
                strengths[name] = strength
    return strengths


def is_number(series: pd.Series) -> bool:
    return _number_dtype(series.dtype)


def number_columns(rows: pd.DataFrame, names: list[str]) -> list[str]:
    """The names whose dtype holds numbers (not booleans), read from the dtypes at once: a wide table has thousands."""
    dtypes = rows.dtypes
    return [name for name in names if _number_dtype(dtypes[name])]


def _number_dtype(dtype: Any) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_numeric_dtype(dtype)) and not pd.api.types.is_bool_dtype(dtype)


def _strongest(sample: Sample, candidates: list[str], limit: int) -> list[str]:
    """In a wide table, only the numeric columns most correlated with the target (and the categories) are scored."""
    import numpy as np
    import pandas as pd

    if len(candidates) <= limit:
        return candidates
    rows, y = sample.rows, sample.y
    numeric = number_columns(rows, candidates)
    numeric_set = set(numeric)
    others = [name for name in candidates if name not in numeric_set]
    codes = y.astype("float64") if sample.regression else pd.factorize(y)[0].astype("float64")
    strength = correlation_with(rows[numeric].to_numpy(dtype="float64"), codes)
    ranked = [numeric[index] for index in np.argsort(-strength, kind="stable")]
    chosen = set(others[: limit // 2] + ranked[: limit - min(len(others), limit // 2)])
    return [name for name in candidates if name in chosen]


def _one(sample: Sample, column: pd.Series, kind: str, seed: int) -> Strength | None:
    if kind == "categorical" or not is_number(column):
        return _category(sample, column)
    return _numeric(sample, column, seed)


def _numeric(sample: Sample, column: pd.Series, seed: int) -> Strength | None:
    import numpy as np
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    x = column.astype("float64").fillna(-1e12).to_numpy().reshape(-1, 1)
    if np.unique(x[sample.fit]).size < 2:
        return None
    if sample.regression:
        model = DecisionTreeRegressor(max_depth=6, min_samples_leaf=5, random_state=seed)
    else:
        model = DecisionTreeClassifier(max_depth=6, min_samples_leaf=5, class_weight="balanced", random_state=seed)
    model.fit(x[sample.fit], sample.y[sample.fit])
    return _measure(sample, model.predict(x[sample.held_out]))


def _category(sample: Sample, column: pd.Series) -> Strength | None:
    """Each category predicts the target statistic it has in the fitting half (unseen ones: the overall one)."""
    import numpy as np
    import pandas as pd

    values = column.astype(str).where(column.notna(), "\0missing").to_numpy()
    fit_values, fit_y = values[sample.fit], sample.y[sample.fit]
    if np.unique(fit_values).size < 2:
        return None
    if sample.regression:
        means = pd.Series(fit_y).groupby(fit_values).mean()
        predicted = pd.Series(values[sample.held_out]).map(means).fillna(float(fit_y.mean())).to_numpy()
        forward = _measure(sample, predicted)
        return Strength(forward.share, forward.score, forward.measure, reverse=_reverse(sample, values))
    # Balanced: each category predicts the class most over-represented in it relative to the class's prior.
    table = pd.crosstab(pd.Series(fit_values, name="value"), pd.Series(fit_y, name="class"))
    lift = table / table.sum(axis=0)
    best = lift.idxmax(axis=1)
    overall = pd.Series(fit_y).value_counts().idxmax()
    predicted = pd.Series(values[sample.held_out]).map(best).fillna(overall).to_numpy()
    return _measure(sample, predicted)


def _reverse(sample: Sample, values: np.ndarray) -> float | None:
    """Balanced accuracy of a shallow tree predicting the category from the target, on the held-out half."""
    import numpy as np
    from sklearn.metrics import balanced_accuracy_score
    from sklearn.tree import DecisionTreeClassifier

    if np.unique(values).size < 3 or np.unique(values).size > REVERSE_MAX_LEVELS:
        return None
    x = sample.y.reshape(-1, 1)
    tree = DecisionTreeClassifier(max_depth=6, min_samples_leaf=5, class_weight="balanced", random_state=0)
    tree.fit(x[sample.fit], values[sample.fit])
    return float(balanced_accuracy_score(values[sample.held_out], tree.predict(x[sample.held_out])))


def _measure(sample: Sample, predicted: np.ndarray) -> Strength:
    import numpy as np
    from sklearn.metrics import balanced_accuracy_score, r2_score

    truth = sample.y[sample.held_out]
    if sample.regression:
        score = float(r2_score(truth, predicted.astype("float64")))
        return Strength(share=max(score, 0.0), score=score, measure="R^2")
    score = float(balanced_accuracy_score(truth, predicted))
    classes = max(np.unique(truth).size, 2)
    chance = 1.0 / classes
    return Strength(share=max((score - chance) / (1.0 - chance), 0.0), score=score, measure="balanced accuracy")
