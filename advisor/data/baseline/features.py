"""Preprocessing inside the pipeline: impute, encode, scale, expand dates, vectorise text.

Everything is fitted in the pipeline on the training split only, so nothing from validation or test leaks into the
encoders. The transformers here are module-level classes and functions so the saved pipeline unpickles anywhere the
advisor is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sklearn.base import BaseEstimator, TransformerMixin

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from sklearn.compose import ColumnTransformer

MAX_ONE_HOT = 30
MIN_CATEGORY_ROWS = 10
MAX_ORDINAL = 250
TEXT_FEATURES = 300
DATE_PARTS = ("year", "month", "day", "day_of_week", "hour")


@dataclass(frozen=True)
class FeatureKinds:
    numeric: list[str]
    categorical: list[str]
    datetime: list[str]
    text: list[str]

    @property
    def all(self) -> list[str]:
        return self.numeric + self.categorical + self.datetime + self.text


class DatetimeParts(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Expand each date column into year, month, day, weekday and hour (those that vary in training).

    With `standardise`, missing parts are filled with the training median and scaled to unit variance (for linear
    models); otherwise missing stays missing (trees handle it).
    """

    def __init__(self, standardise: bool = False) -> None:
        self.standardise = standardise

    def fit(self, frame: pd.DataFrame, y: Any = None) -> DatetimeParts:
        import numpy as np

        self.columns_ = list(frame.columns)
        self.parts_: list[tuple[str, str]] = []
        for name in self.columns_:
            values = _as_datetime(frame[name])
            for part in DATE_PARTS:
                if getattr(values.dt, part).nunique() > 1:
                    self.parts_.append((name, part))
        raw = self._raw(frame)
        self.medians_ = np.nanmedian(raw, axis=0) if raw.shape[1] and len(raw) else np.zeros(raw.shape[1])
        filled = np.where(np.isnan(raw), self.medians_, raw)
        self.means_ = filled.mean(axis=0) if len(raw) else np.zeros(raw.shape[1])
        spread = filled.std(axis=0) if len(raw) else np.ones(raw.shape[1])
        self.scales_ = np.where(spread > 0, spread, 1.0)
        return self

    def _raw(self, frame: pd.DataFrame) -> np.ndarray:
        import numpy as np

        converted = {name: _as_datetime(frame[name]) for name in self.columns_}
        columns = [getattr(converted[name].dt, part).astype("float64").to_numpy() for name, part in self.parts_]
        return np.column_stack(columns) if columns else np.zeros((len(frame), 0))

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        import numpy as np

        raw = self._raw(frame)
        if not self.standardise:
            return raw
        return (np.where(np.isnan(raw), self.medians_, raw) - self.means_) / self.scales_

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        import numpy as np

        return np.array([f"{name}_{part}" for name, part in self.parts_], dtype=object)


def _as_datetime(series: pd.Series) -> pd.Series:
    import pandas as pd

    values = pd.to_datetime(series, errors="coerce", utc=True)
    return values.dt.tz_localize(None)


class CategoryCodes(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Categories as integer codes, looked up in a hash index rather than checked value by value in Python.

    The most frequent values (at most `max_categories - 1`, each seen in at least `min_frequency` training rows) get
    codes 0..k-1; every other value, rare or never seen in training, shares code k. Missing values stay missing
    (NaN, which the trees handle) or, with `missing_code`, get code k+1 (for one-hot encoding).
    """

    def __init__(self, max_categories: int = 250, min_frequency: int = 10, missing_code: bool = False) -> None:
        self.max_categories = max_categories
        self.min_frequency = min_frequency
        self.missing_code = missing_code

    def fit(self, frame: pd.DataFrame, y: Any = None) -> CategoryCodes:
        self.columns_ = list(frame.columns)
        self.categories_: list[list[str]] = []
        for name in self.columns_:
            series = frame[name]
            counts = series[series.notna()].astype(str).value_counts()
            kept = counts[counts >= self.min_frequency].index[: self.max_categories - 1]
            self.categories_.append(sorted(str(value) for value in kept))
        return self

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        import numpy as np
        import pandas as pd

        columns = []
        for name, categories in zip(self.columns_, self.categories_, strict=True):
            series = frame[name]
            missing = series.isna().to_numpy()
            codes = pd.Index(categories, dtype=object).get_indexer(series.astype(str).astype(object)).astype("float64")
            codes[codes < 0] = len(categories)
            codes[missing] = len(categories) + 1 if self.missing_code else np.nan
            columns.append(codes)
        return np.column_stack(columns) if columns else np.zeros((len(frame), 0))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        import numpy as np

        return np.array(self.columns_, dtype=object)


def join_text(frame: pd.DataFrame) -> np.ndarray:
    """All free-text columns of a row as one document for TF-IDF."""
    import numpy as np

    filled = frame.astype(object).where(frame.notna(), "").astype(str)
    return np.asarray(filled.agg(" ".join, axis=1), dtype=object)


def preprocessor(kinds: FeatureKinds, *, for_trees: bool, text_features: int = TEXT_FEATURES) -> ColumnTransformer:
    """Linear models get scaled numbers and one-hot categories; trees get raw numbers and ordinal categories; free
    text becomes TF-IDF of its `text_features` most frequent terms."""
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

    # Categories come first so the trees can name them by position, whatever width the date and text parts have.
    parts: list[tuple[str, Any, list[str]]] = []
    if kinds.categorical:
        if for_trees:
            encoder: Any = CategoryCodes(max_categories=MAX_ORDINAL, min_frequency=MIN_CATEGORY_ROWS)
        else:
            codes = CategoryCodes(max_categories=MAX_ONE_HOT, min_frequency=MIN_CATEGORY_ROWS, missing_code=True)
            encoder = make_pipeline(codes, OneHotEncoder(handle_unknown="ignore", dtype=np.float32))
        parts.append(("categorical", encoder, kinds.categorical))
    if kinds.numeric:
        numeric = SimpleImputer(strategy="median", keep_empty_features=True) if not for_trees else TreeNumbers()
        steps = [numeric] if for_trees else [numeric, StandardScaler()]
        parts.append(("numeric", make_pipeline(*steps), kinds.numeric))
    if kinds.datetime:
        parts.append(("datetime", DatetimeParts(standardise=not for_trees), kinds.datetime))
    if kinds.text:
        vectoriser = TfidfVectorizer(max_features=text_features, min_df=2, sublinear_tf=True, dtype=np.float32)
        joined = FunctionTransformer(join_text)
        parts.append(("text", make_pipeline(joined, vectoriser), kinds.text))
    return ColumnTransformer(parts, sparse_threshold=0.0 if for_trees else 0.3, verbose_feature_names_out=False)


class TreeNumbers(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Numbers as floats for the trees, missing values left missing; a column with no value at all in the fitting
    rows becomes a constant 0. scikit-learn 1.9's histogram boosting cannot bin an all-missing column (it raises
    "window shape cannot be larger than input array shape"), and a time-ordered fold can hold one: the polls of the
    2016 US election report `rawpoll_mcmullin` only from August on."""

    def fit(self, frame: pd.DataFrame, y: Any = None) -> TreeNumbers:
        self.columns_ = list(frame.columns)
        self.empty_ = [bool(frame[name].isna().all()) for name in self.columns_]
        return self

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        import numpy as np

        values = np.asarray(frame.astype("float64"), dtype="float64")
        if any(self.empty_):
            values = values.copy()
            values[:, np.flatnonzero(self.empty_)] = 0.0
        return values

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        import numpy as np

        return np.array(self.columns_, dtype=object)
