"""Decide what each column is (numeric, categorical, boolean, datetime, text, identifier) and coerce it to that type.

Coercion is where dirty data is handled rather than refused: infinite values become missing, a text column of
numbers with a few stray words becomes numeric (the stray values counted), ISO dates become datetimes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from advisor.data.vectorised import distinct_and_top_counts

if TYPE_CHECKING:
    import pandas as pd

IDENTIFIER = "identifier"
ID_NAME = re.compile(r"(^|[_\W])(id|uuid|guid|key)([_\W]|$)", re.IGNORECASE)
CAMEL_ID = re.compile(r"[a-z](Id|ID)$")
DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
NUMERIC_SHARE_FOR_MIXED = 0.9
MIXED_MIN_NUMERIC_SHARE = 0.5  # below this share of numbers, a column is text or a category
MIXED_MIN_NUMBERS = 20  # distinct numbers: fewer look like category codes
MIXED_MAX_WORDS = 10  # distinct non-numeric values that still read as missing-value markers
TEXT_MEAN_LENGTH = 30
TEXT_MEAN_WORDS = 4
SNIFF_VALUES = 500


@dataclass
class Columns:
    """The coerced frame and what each column is."""

    frame: pd.DataFrame
    kinds: dict[str, str]
    bad_values: dict[str, int] = field(default_factory=dict)
    infinite_values: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Per numeric column: distinct present values and the most frequent value's count, counted once here and reused
    # by the profile and the relations.
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def of_kind(self, *kinds: str) -> list[str]:
        return [name for name, kind in self.kinds.items() if kind in kinds]


def looks_like_identifier_name(name: str) -> bool:
    return bool(ID_NAME.search(name) or CAMEL_ID.search(name))


def infer_columns(frame: pd.DataFrame) -> Columns:
    """Coerce every column and classify it; the input frame is not modified."""
    import pandas as pd

    # A shallow copy: coerced columns replace whole columns of the copy, never write into the input's arrays, so
    # copying every value (50 MB and 0.1 s on flights, most of it fresh pages) bought nothing.
    result = Columns(frame=frame.copy(deep=False), kinds={})
    rows = len(frame)
    numeric_names: list[str] = []
    for name in frame.columns:
        series = frame[name]
        if pd.api.types.is_bool_dtype(series.dtype):
            result.kinds[name] = "boolean"
            continue
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
            result.frame[name] = series
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            result.kinds[name] = "datetime"
            continue
        if not pd.api.types.is_numeric_dtype(series.dtype):
            series = _coerce_text(name, series, result)
            result.frame[name] = series
            if name in result.kinds:
                continue
        numeric_names.append(name)
    _classify_numeric(result, numeric_names, rows)
    return result


def _classify_numeric(result: Columns, names: list[str], rows: int) -> None:
    """Infinities to missing, then numeric, boolean or identifier, with the counts computed in bulk."""
    import numpy as np

    if not names:
        return
    # A copy (infinities become missing below), made once: pandas copies mixed columns while it interleaves them.
    block = result.frame[names].to_numpy(dtype="float64", na_value=np.nan, copy=True)
    infinite = np.isinf(block)
    for column in np.flatnonzero(infinite.any(axis=0)):
        name = names[int(column)]
        count = int(infinite[:, column].sum())
        result.frame[name] = result.frame[name].astype("float64").replace([np.inf, -np.inf], np.nan)
        result.infinite_values[name] = count
        result.warnings.append(f"column '{name}': {count} infinite value(s) treated as missing")
    block[infinite] = np.nan
    distinct, top = distinct_and_top_counts(block)
    present = (~np.isnan(block)).sum(axis=0)
    for index, name in enumerate(names):
        result.counts[name] = (int(distinct[index]), int(top[index]))
        result.kinds[name] = _numeric_kind(name, result.frame[name], int(distinct[index]), int(present[index]), rows)


def _numeric_kind(name: str, series: pd.Series, distinct: int, present_count: int, rows: int) -> str:
    if distinct == 2:
        return "boolean"
    maybe_identifier = looks_like_identifier_name(name) and distinct > 0.5 * max(present_count, 1)
    unique_per_row = distinct == present_count and rows >= 100
    if not (maybe_identifier or unique_per_row):
        return "numeric"
    present = series.dropna()
    integral = bool(len(present)) and bool((present == present.round()).all())
    if integral and (maybe_identifier or _is_sequence(present)):
        return IDENTIFIER
    return "numeric"


def _is_sequence(present: pd.Series) -> bool:
    """A unique integer column that counts up by one is a row number, whatever its name."""
    ordered = present.sort_values().to_numpy()
    return bool(len(ordered) > 1 and (ordered[1:] - ordered[:-1] == 1).all())


def _mostly_numbers(strings: pd.Series, numbers: pd.Series | None, parsed: int) -> bool:
    """Numbers with a few stray words ("n/a", "?", "unknown"): 90 % parse, or at least half parse, the numbers take
    many values and the words few (a handful of missing-value markers, not the levels of a category)."""
    if parsed >= NUMERIC_SHARE_FOR_MIXED * len(strings):
        return True
    if numbers is None or parsed < MIXED_MIN_NUMERIC_SHARE * len(strings):
        return False
    words = strings[numbers.isna()].nunique()
    return bool(numbers.nunique() >= MIXED_MIN_NUMBERS and words <= MIXED_MAX_WORDS)


def _coerce_text(name: str, series: pd.Series, result: Columns) -> pd.Series:
    """A text column: numbers with stray values, dates, booleans, identifiers, free text or categories."""
    import pandas as pd

    present = series.dropna()
    if present.empty:
        result.kinds[name] = "categorical"
        return series
    # Decide on a head sample first: parsing every value of a 300k-row text column as a number costs seconds.
    head = present.head(SNIFF_VALUES).astype(str).str.strip()
    head_parsed = pd.to_numeric(head, errors="coerce").notna().mean()
    strings = present.astype(str).str.strip()
    parsed = 0
    numbers = None
    if head_parsed >= MIXED_MIN_NUMERIC_SHARE:
        numbers = pd.to_numeric(strings, errors="coerce")
        parsed = int(numbers.notna().sum())
    if parsed == len(strings) or (parsed > 0 and _mostly_numbers(strings, numbers, parsed)):
        bad = len(strings) - parsed
        coerced = pd.to_numeric(series.astype(str).str.strip(), errors="coerce").astype("float64")
        coerced[series.isna()] = float("nan")
        if bad:
            result.bad_values[name] = bad
            result.warnings.append(
                f"column '{name}': mixed types, {bad} non-numeric value(s) of {len(strings)} treated as missing"
            )
        return coerced
    if head.map(lambda value: bool(DATE_LIKE.match(value))).mean() >= 0.95:
        dates = pd.to_datetime(series, errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
        bad = len(present) - int(dates.notna().sum())
        if bad:
            result.bad_values[name] = bad
            result.warnings.append(f"column '{name}': {bad} value(s) are not dates, treated as missing")
        result.kinds[name] = "datetime"
        return dates
    distinct = strings.nunique()
    if distinct == 2:
        result.kinds[name] = "boolean"
        return series
    lengths = head.str.len()
    words = head.str.count(r"\s+") + 1
    if lengths.mean() >= TEXT_MEAN_LENGTH and words.mean() >= TEXT_MEAN_WORDS and distinct > 0.5 * len(strings):
        result.kinds[name] = "text"
        return series
    unique_per_row = distinct == len(strings) and len(strings) >= 20
    if unique_per_row or (looks_like_identifier_name(name) and distinct > 0.5 * len(strings)):
        result.kinds[name] = IDENTIFIER
        return series
    result.kinds[name] = "categorical"
    return series
