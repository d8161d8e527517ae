"""Facts about the table as a whole: duplicate rows and columns, correlations, multivariate outliers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from advisor.data.models import Correlation
from advisor.data.profile import rounded
from advisor.data.vectorised import identical_columns, varying_columns

if TYPE_CHECKING:
    import pandas as pd

CORRELATED = 0.9
MAX_CORRELATION_COLUMNS = 200
REPORTED_PAIRS = 10
SPEARMAN_ROWS = 5_000
OUTLIER_ROWS = 5_000
OUTLIER_COLUMNS = 30
OUTLIER_Z = 3.090232  # the standard normal's 99.9 % quantile


@dataclass
class Relations:
    duplicate_row_share: float
    duplicate_columns: list[tuple[str, str]]
    correlations: list[Correlation]
    correlated_pairs: int
    max_abs_correlation: float | None
    multivariate_outlier_share: float | None
    correlation_columns: list[str] = field(default_factory=list)


def relate(frame: pd.DataFrame, numeric: list[str], seed: int, distinct: Mapping[str, int] | None = None) -> Relations:
    """Duplicates over all columns; correlations and outliers over (at most) the most variable numeric columns.
    `distinct` holds the numeric columns' distinct counts where they are known already."""
    chosen = _most_variable(frame, numeric, MAX_CORRELATION_COLUMNS, distinct or {})
    correlations, pairs, strongest = _correlations(frame, chosen, seed)
    return Relations(
        duplicate_row_share=_duplicate_row_share(frame),
        duplicate_columns=_duplicate_columns(frame, numeric),
        correlations=correlations,
        correlated_pairs=pairs,
        max_abs_correlation=strongest,
        multivariate_outlier_share=_multivariate_outliers(frame, chosen[:OUTLIER_COLUMNS], seed),
        correlation_columns=chosen,
    )


def _duplicate_row_share(frame: pd.DataFrame) -> float:
    import pandas as pd

    if frame.empty:
        return 0.0
    hashes = pd.util.hash_pandas_object(frame, index=False)
    return round(float(hashes.duplicated().mean()), 6)


def _duplicate_columns(frame: pd.DataFrame, numeric: list[str]) -> list[tuple[str, str]]:
    """Pairs (earlier, later) of identical columns: numbers compared in bulk, others by hash then equality."""
    import pandas as pd

    numeric_set = set(numeric)
    any_present = frame[numeric].notna().any() if numeric else None
    present = [name for name in numeric if any_present is not None and bool(any_present[name])]
    duplicates = identical_columns(frame, present)
    seen: dict[int, list[str]] = {}
    for name in frame.columns:
        if name in numeric_set:
            continue
        series = frame[name]
        if series.isna().all():
            continue  # all-missing columns are reported as such, not as duplicates of each other
        key = int(pd.util.hash_pandas_object(series, index=False).sum())
        for earlier in seen.get(key, []):
            if frame[earlier].equals(series):
                duplicates.append((earlier, name))
                break
        else:
            seen.setdefault(key, []).append(name)
    return duplicates


def _most_variable(frame: pd.DataFrame, numeric: list[str], limit: int, distinct: Mapping[str, int]) -> list[str]:
    if all(name in distinct for name in numeric):
        usable = [name for name in numeric if distinct[name] > 1]
    else:
        usable = varying_columns(frame, numeric)
    if len(usable) <= limit:
        return usable
    spread = frame[usable].astype("float64").std() / (frame[usable].astype("float64").abs().mean() + 1e-12)
    return sorted(usable, key=lambda name: (-float(spread[name]), name))[:limit]


def _correlations(frame: pd.DataFrame, columns: list[str], seed: int) -> tuple[list[Correlation], int, float | None]:
    import numpy as np

    if len(columns) < 2:
        return [], 0, None
    values = frame[columns].astype("float64")
    pearson = values.corr(method="pearson", min_periods=10)
    sample = values.sample(n=min(SPEARMAN_ROWS, len(values)), random_state=seed)
    spearman = sample.rank().corr(method="pearson", min_periods=10)  # Spearman = Pearson on ranks
    matrix = pearson.to_numpy()
    upper = np.triu(np.ones_like(matrix, dtype=bool), k=1)
    magnitudes = np.where(upper & np.isfinite(matrix), np.abs(matrix), -1.0)
    pairs = int((magnitudes > CORRELATED).sum())
    strongest = float(magnitudes.max()) if (magnitudes >= 0).any() else None
    order = np.argsort(-magnitudes, axis=None, kind="stable")[:REPORTED_PAIRS]
    reported = []
    for flat in order:
        row, column = divmod(int(flat), len(columns))
        if magnitudes[row, column] < 0:
            break
        left, right = columns[row], columns[column]
        reported.append(
            Correlation(
                left=left,
                right=right,
                pearson=rounded(matrix[row, column]) or 0.0,
                spearman=rounded(float(spearman.loc[left, right])),
            )
        )
    return reported, pairs, rounded(strongest)


def _multivariate_outliers(frame: pd.DataFrame, columns: list[str], seed: int) -> float | None:
    """Share of rows whose robust Mahalanobis distance exceeds the chi-square 99.9 % quantile."""
    import numpy as np

    if len(columns) < 2:
        return None
    values = frame[columns].astype("float64")
    values = values.sample(n=min(OUTLIER_ROWS, len(values)), random_state=seed)
    values = values.fillna(values.median())
    median = values.median()
    scale = (values - median).abs().median() * 1.4826
    scale = scale.where(scale > 0, values.std()).replace(0, np.nan)
    standard = ((values - median) / scale).dropna(axis=1, how="any").to_numpy()
    if standard.shape[1] < 2 or standard.shape[0] < 10 * standard.shape[1]:
        return None
    precision = np.linalg.pinv(np.cov(standard, rowvar=False))
    distances = np.einsum("ij,jk,ik->i", standard, precision, standard)
    limit = _chi_square_quantile(standard.shape[1])
    return round(float((distances > limit).mean()), 6)


def _chi_square_quantile(degrees: int) -> float:
    """The chi-square 99.9 % quantile by the Wilson-Hilferty approximation (importing scipy.stats costs ~1 s)."""
    scale = 2.0 / (9.0 * degrees)
    return float(degrees * (1.0 - scale + OUTLIER_Z * scale**0.5) ** 3)
