"""Baselines for a series split in time: the season found in the data, seasonal-naive and last-value forecasts,
MASE's scale, and a moving-block bootstrap that keeps neighbouring (correlated) rows together.

A model that cannot beat "the same value one season ago" is not yet a forecaster, so these are the references its
verdict is judged against. The forecasts are made for the test rows from the history before them (train and
validation), as a forecaster deployed at the end of validation would: season m repeats the last m values seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# Candidate seasons by the spacing of the time column: a week and a year of days, a day and a week of hours...
CANDIDATE_LAGS = {
    "hourly": (24, 168),
    "daily": (7, 365),
    "weekly": (52,),
    "monthly": (12,),
    "quarterly": (4,),
    "rows": (7, 12, 24, 52, 365),
}
MIN_AUTOCORRELATION = 0.3  # below this no lag is a season worth repeating
MIN_CYCLES = 2  # a season needs at least two full cycles in the training rows
MIN_DISTINCT_TIMES = 0.95  # a series has (nearly) one row per time; many rows per time are events, not a series


@dataclass(frozen=True)
class Season:
    lag: int  # 1 when no season was found: the naive forecast repeats the last value
    reason: str


def is_series(order: pd.Series | None) -> bool:
    """One row per time step (a file in time order counts): the forecasting references make sense. Rows that share
    their times (flights per hour, orders per day) are events, whose neighbours are not the previous step."""
    if order is None:
        return True
    return bool(order.nunique(dropna=True) >= MIN_DISTINCT_TIMES * max(len(order), 1))


def spacing(order: pd.Series | None) -> str:
    """The series' frequency from the median gap between consecutive times ('rows' without a time column)."""
    if order is None:
        return "rows"
    import pandas as pd

    times = pd.to_datetime(order, errors="coerce", utc=True).dropna().sort_values()
    if len(times) < 3:
        return "rows"
    gap = times.diff().dropna().median()
    hours = gap / pd.Timedelta(hours=1)
    for name, low, high in (
        ("hourly", 0.5, 1.5),
        ("daily", 20, 28),
        ("weekly", 6 * 24, 8 * 24),
        ("monthly", 27 * 24, 32 * 24),
        ("quarterly", 85 * 24, 95 * 24),
    ):
        if low <= hours <= high:
            return name
    return "rows"


def detect_season(y_train: np.ndarray, frequency: str) -> Season:
    """The candidate lag with the highest autocorrelation on the training rows, if it is high enough."""
    import numpy as np

    lags = [lag for lag in CANDIDATE_LAGS[frequency] if lag * MIN_CYCLES <= len(y_train)]
    centred = y_train - y_train.mean()
    variance = float(np.sum(centred**2))
    scored = []
    for lag in lags:
        value = float(np.sum(centred[lag:] * centred[:-lag]) / variance) if variance > 0 else 0.0
        scored.append((value, lag))
    tried = ", ".join(f"{lag} ({value:.2f})" for value, lag in scored) or "none (too few rows)"
    if scored:
        value, lag = max(scored)
        if value >= MIN_AUTOCORRELATION:
            return Season(lag, f"lag {lag} has the highest autocorrelation of the {frequency} candidates: {tried}")
    return Season(
        1,
        f"no {frequency} candidate lag reaches autocorrelation {MIN_AUTOCORRELATION}: {tried}; "
        "the naive forecast repeats the last value",
    )


def seasonal_naive(history: np.ndarray, horizon: int, lag: int) -> np.ndarray:
    """Forecast `horizon` steps after `history`: each step repeats the value one season earlier (cycling the last
    season seen when the horizon is longer than a season)."""
    import numpy as np

    lag = max(1, min(lag, len(history)))
    last_season = history[-lag:]
    return np.asarray([last_season[step % lag] for step in range(horizon)], dtype="float64")


def naive_scale(y_train: np.ndarray, lag: int) -> float:
    """MASE's denominator: the in-sample mean absolute error of the seasonal-naive forecast on the training rows."""
    import numpy as np

    lag = lag if len(y_train) > lag else 1
    if len(y_train) <= lag:
        return float("nan")
    return float(np.mean(np.abs(y_train[lag:] - y_train[:-lag])))


def block_length(rows: int, season: int) -> int:
    """Blocks at least a season long (and at least n^(1/3)), so the resamples keep the series' correlation."""
    return int(max(1, min(max(season, round(rows ** (1 / 3))), rows // 4 or 1)))


def moving_block_weights(rows: int, seed: int, block: int, resamples: int) -> np.ndarray:
    """Row counts of a moving-block bootstrap: blocks of consecutive rows drawn with replacement until n rows."""
    import numpy as np

    generator = np.random.default_rng(seed)
    blocks = -(-rows // block)
    starts = generator.integers(0, rows - block + 1, size=(resamples, blocks))
    offsets = np.arange(block)
    weights = np.zeros((resamples, rows))
    for index in range(resamples):
        drawn = (starts[index][:, None] + offsets[None, :]).ravel()[:rows]
        weights[index] = np.bincount(drawn, minlength=rows)
    return weights
