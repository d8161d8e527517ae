"""Drift over time: the current data cut into windows (`--window 7d`), each compared with the reference.

A window's score is the mean PSI over the features, less the PSI its sample size alone produces: under no shift,
PSI over k bins is about (k - 1)(1/n_reference + 1/n_window) (it is a chi-square statistic scaled by the sizes), so
small windows are not mistaken for drift. A sudden jump from one window to the next points at a release or an
upstream change (a pipeline bug until proven otherwise); a steady rise is the world changing (retraining territory).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from advisor.errors import UsageError
from advisor.monitor import thresholds as limits
from advisor.monitor.models import Window, WindowDrift
from advisor.monitor.statistics import as_labels, binned_counts, decile_edges, psi_from_counts

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def parse_window(text: str) -> pd.Timedelta:
    import pandas as pd

    # pandas is dropping the lower-case day unit ("7d"); people write it, so it is read as "7D".
    normalised = re.sub(r"(?<=\d)\s*d$", "D", text.strip())
    try:
        width = pd.to_timedelta(normalised)
    except ValueError:
        raise UsageError(f"not a duration: '{text}'", place="--window", hint="e.g. 7d, 12h, 30d") from None
    if width <= pd.Timedelta(0):
        raise UsageError(f"the window must be positive, not '{text}'", place="--window")
    return width


def window_drift(
    reference: pd.DataFrame, current: pd.DataFrame, kinds: dict[str, str], *, time_column: str, window: str
) -> WindowDrift:
    """Each window against the reference, feature by feature; then a jump or a trend in any one feature's series.

    Judged per feature, not on the mean: a seasonal column (the month) drifts in every window by construction and
    would bury a unit change in one feature under its constant, high PSI.
    """
    import numpy as np

    width = parse_window(window)
    times = current[time_column]
    present = times.notna()
    start = times[present].min()
    number_of = ((times[present] - start) // width).astype(int).to_numpy()
    positions = np.flatnonzero(present.to_numpy())
    histograms = {name: _reference_bins(reference[name], kinds[name]) for name in kinds}
    windows: list[Window] = []
    series: dict[str, list[float]] = {name: [] for name in kinds}
    for number in sorted(set(number_of.tolist())):
        rows = current.iloc[positions[number_of == number]]
        if len(rows) < limits.WINDOW_MIN_ROWS:
            continue
        excess: dict[str, float] = {}
        for name, (edges, counts, bins) in histograms.items():
            values = rows[name].dropna()
            if len(values) < limits.MIN_ROWS_PER_SIDE:
                excess[name] = float("nan")
                continue
            psi = psi_from_counts(counts, _counts(values, kinds[name], edges))
            noise = (bins - 1) * (1 / max(counts.sum(), 1) + 1 / len(values))
            excess[name] = max(0.0, psi - noise)
        for name in kinds:
            series[name].append(excess[name])
        finite = [value for value in excess.values() if np.isfinite(value)]
        windows.append(
            Window(
                start=str((start + number * width).isoformat()),
                rows=len(rows),
                score=round(float(np.mean(finite)) if finite else 0.0, 6),
                drifted_features=sum(1 for value in finite if value >= limits.PSI_MODERATE),
            )
        )
    jump, trend = _shape(series)
    return WindowDrift(
        time_column=time_column,
        window=window,
        windows=windows,
        sudden=jump is not None,
        gradual=trend is not None,
        pattern=_pattern(windows, jump, trend),
    )


def _shape(
    series: dict[str, list[float]],
) -> tuple[tuple[str, int, float, float] | None, tuple[str, float, float] | None]:
    """The clearest jump (feature, window, level before, level after) and, if none, the steepest steady trend
    (feature, first, last), over the features' PSI series.

    Each series is fitted twice: a step (two flat levels, the best split) and a straight line. A jump is a step at
    least SUDDEN_JUMP high that fits at least twice as well as the line; a trend is a line rising at least
    GRADUAL_RISE whose ranks follow time. PSI grows faster than the shift behind it, so a steady shift gives a
    convex series whose last steps are large: comparing the two fits, not the largest step alone, tells them apart.
    """
    import numpy as np
    from scipy.stats import spearmanr

    jump: tuple[str, int, float, float] | None = None
    trend: tuple[str, float, float] | None = None
    for name, values in series.items():
        array = np.array(values, dtype="float64")
        finite = np.flatnonzero(np.isfinite(array))
        if len(finite) < 3:
            continue
        y = array[finite]
        x = np.arange(len(y), dtype="float64")
        slope, intercept = np.polyfit(x, y, 1)
        line_error = float(np.sum((y - (slope * x + intercept)) ** 2))
        split, step_error = min(
            (
                (at, float(np.sum((y[:at] - y[:at].mean()) ** 2) + np.sum((y[at:] - y[at:].mean()) ** 2)))
                for at in range(1, len(y))
            ),
            key=lambda pair: pair[1],
        )
        before, after = float(y[:split].mean()), float(y[split:].mean())
        height = after - before
        # Stable before (under the major band: a calendar column such as the day of the month drifts in every
        # window), and at least two windows on each side, so one odd window at either end is not a jump.
        settled = before < limits.PSI_MAJOR and 2 <= split <= len(y) - 2
        if settled and height >= limits.SUDDEN_JUMP and step_error <= 0.5 * line_error:
            if jump is None or height > jump[3] - jump[2]:
                jump = (name, int(finite[split]), before, after)
            continue
        rise = float(slope * (len(y) - 1))
        if np.ptp(y) == 0:
            continue  # a flat series: no trend, and no rank correlation to compute
        correlation = float(spearmanr(x, y).statistic)
        start, end = float(y[:2].min()), float(y[-2:].min())
        # Its first two windows under the moderate band, its last two both in it: a seasonal wobble (one bad
        # December) is not drift, nor a column that differs in every window.
        climbed = start < limits.PSI_MODERATE <= end and end - start >= limits.GRADUAL_RISE
        steady = correlation >= limits.GRADUAL_CORRELATION and rise >= limits.GRADUAL_RISE and climbed
        if steady and (trend is None or rise > trend[2] - trend[1]):
            trend = (name, float(y[0]), float(y[-1]))
    return jump, (None if jump else trend)


def _reference_bins(series: pd.Series, kind: str) -> tuple[object, np.ndarray, int]:
    values = series.dropna()
    if kind == "numeric":
        edges = decile_edges(values.to_numpy(dtype="float64"))
        return edges, binned_counts(values.to_numpy(dtype="float64"), edges), len(edges) + 1
    kept = [str(name) for name in as_labels(values).value_counts().index[: limits.TOP_CATEGORIES]]
    return kept, _counts(values, kind, kept), len(kept) + 1


def _counts(values: pd.Series, kind: str, edges: object) -> np.ndarray:
    import numpy as np

    if kind == "numeric":
        return binned_counts(values.to_numpy(dtype="float64"), edges)  # type: ignore[arg-type]
    kept: list[str] = edges  # type: ignore[assignment]
    counts = as_labels(values).value_counts()
    pooled = [float(counts.get(name, 0)) for name in kept]
    pooled.append(float(counts[~counts.index.isin(kept)].sum()))
    return np.array(pooled, dtype="float64")


def _pattern(
    windows: list[Window], jump: tuple[str, int, float, float] | None, trend: tuple[str, float, float] | None
) -> str:
    if len(windows) < 2:
        return "too few windows with enough rows to tell a jump from a trend"
    if jump is not None:
        name, at, before, after = jump
        return (
            f"a sudden jump in '{name}' in the window starting {windows[at].start} "
            f"(mean PSI above noise {before:.2f} before, {after:.2f} from then on)"
        )
    if trend is not None:
        name, first, last = trend
        return f"a gradual rise in '{name}' over {len(windows)} windows (PSI above noise {first:.2f} → {last:.2f})"
    return f"no jump and no steady trend in any feature over {len(windows)} windows"
