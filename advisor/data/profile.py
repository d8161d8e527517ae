"""The per-column table: type, missing share, distinct values, constancy, moments and outliers.

Numeric statistics are computed for all numeric columns at once (vectorised), so ten thousand columns profile in
seconds. When the rows are a sample of a larger file, the exact full-scan statistics replace the sampled ones.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from advisor.data.columns import Columns
from advisor.data.models import ColumnProfile
from advisor.data.scan import ColumnScan
from advisor.data.vectorised import distinct_and_top_counts

if TYPE_CHECKING:
    import pandas as pd

NEAR_CONSTANT_SHARE = 0.99
IQR_FENCE = 1.5


def rounded(value: float | None, digits: int = 6) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def profile_columns(
    columns: Columns, exact: dict[str, ColumnScan] | None = None, total_rows: int | None = None
) -> list[ColumnProfile]:
    """One `ColumnProfile` per column, in file order; `exact` (with `total_rows`) overrides sampled figures."""
    frame = columns.frame
    rows = max(len(frame), 1)
    numeric = [name for name in frame.columns if columns.kinds[name] in {"numeric", "boolean", "identifier"}]
    numeric = [name for name in numeric if _is_numeric(frame[name])]
    moments = _numeric_moments(frame[numeric]) if numeric else {}
    missing = frame.isna().mean()
    present_counts = frame.notna().sum()
    known = {name: columns.counts[name] for name in numeric if name in columns.counts}
    counted = known | _numeric_counts(frame, [name for name in numeric if name not in known])
    profiles = []
    for name in frame.columns:
        if name in counted:
            distinct, top_count = counted[name]
        else:
            values = frame[name].dropna().value_counts()
            distinct, top_count = len(values), int(values.iloc[0]) if len(values) else 0
        present = int(present_counts[name])
        top_share = top_count / present if present else 0.0
        top_rows_share = top_count / rows
        profile = ColumnProfile(
            name=name,
            kind=columns.kinds[name],
            dtype=str(frame[name].dtype),
            missing_share=round(float(missing[name]), 6),
            distinct=distinct,
            top_share=round(top_share, 6),
            constant=distinct <= 1,
            near_constant=distinct > 1 and top_rows_share >= NEAR_CONSTANT_SHARE,
            bad_values=columns.bad_values.get(name, 0) + columns.infinite_values.get(name, 0),
            **moments.get(name, {}),
        )
        if exact is not None and name in exact:
            profile = _with_exact(profile, exact[name], total_rows or len(frame))
        profiles.append(_with_notes(profile))
    return profiles


def _numeric_counts(frame: pd.DataFrame, numeric: list[str]) -> dict[str, tuple[int, int]]:
    """Distinct values and the most frequent value's count of every numeric column, in one vectorised pass."""
    if not numeric:
        return {}
    distinct, top = distinct_and_top_counts(frame[numeric].to_numpy(dtype="float64"))
    return {name: (int(d), int(t)) for name, d, t in zip(numeric, distinct, top, strict=True)}


def _is_numeric(series: pd.Series) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_numeric_dtype(series.dtype)) and not pd.api.types.is_bool_dtype(series.dtype)


def _numeric_moments(block: pd.DataFrame) -> dict[str, dict[str, float | None]]:
    values = block.astype("float64")
    quartiles = values.quantile([0.25, 0.75])
    low, high = quartiles.loc[0.25], quartiles.loc[0.75]
    spread = high - low
    outside = (values.lt(low - IQR_FENCE * spread) | values.gt(high + IQR_FENCE * spread)).sum()
    present = values.notna().sum().clip(lower=1)
    statistics = {
        "mean": values.mean(),
        "std": values.std(),
        "min": values.min(),
        "max": values.max(),
        "skew": values.skew(),
        "kurtosis": values.kurt(),
        "outlier_share": outside / present,
    }
    return {name: {key: rounded(float(series[name])) for key, series in statistics.items()} for name in block.columns}


def _with_exact(profile: ColumnProfile, scan: ColumnScan, total_rows: int) -> ColumnProfile:
    """Replace sampled figures with the full scan's exact ones (distinct counts are HyperLogLog estimates)."""
    updates: dict[str, object] = {
        "distinct": scan.distinct,
        "constant": scan.distinct <= 1,
        "missing_share": round(scan.missing / max(total_rows, 1), 6),
    }
    if profile.mean is not None and scan.mean is not None:
        updates |= {
            "mean": rounded(scan.mean),
            "std": rounded(scan.std),
            "min": rounded(scan.min),
            "max": rounded(scan.max),
            "skew": rounded(scan.skew),
            "kurtosis": rounded(scan.kurtosis),
        }
    return profile.model_copy(update=updates)


def _with_notes(profile: ColumnProfile) -> ColumnProfile:
    notes = []
    if profile.missing_share == 1.0:
        notes.append("all missing")
    elif profile.constant:
        notes.append("constant")
    elif profile.near_constant:
        notes.append("near-constant")
    if profile.missing_share >= 0.2 and profile.missing_share < 1.0:
        notes.append(f"{profile.missing_share:.0%} missing")
    if profile.skew is not None and abs(profile.skew) > 1 and profile.kind == "numeric":
        notes.append("skewed")
    if profile.outlier_share is not None and profile.outlier_share >= 0.05 and profile.kind == "numeric":
        notes.append(f"{profile.outlier_share:.0%} outliers")
    if profile.bad_values:
        notes.append(f"{profile.bad_values} bad values")
    return profile.model_copy(update={"notes": notes})
