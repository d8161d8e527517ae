"""Per-feature plots: reference against current for the features that moved most, and drift per time window.

Same conventions as the profile's plots (advisor/data/plots.py): Agg backend, fixed sizes, no timestamps in the
files, a fixed sample, 144 dpi and readable type, so the same data give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.data.plot_layout import (
    PAD,
    TICK_POINTS,
    TITLE_POINTS,
    grid,
    line_inches,
    place,
    save_png,
    short_label,
    turned_inches,
    wrapped_label,
)
from advisor.data.plots import PLOT_ROWS
from advisor.monitor.models import FeatureDrift, Plot, WindowDrift
from advisor.monitor.statistics import as_labels

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

MAX_PLOTTED = 8
REFERENCE_COLOUR = "#4C72B0"
CURRENT_COLOUR = "#DD8452"


def draw_drift_plots(  # noqa: PLR0917 - the two frames, what to draw, where, and the seed
    reference: pd.DataFrame,
    current: pd.DataFrame,
    features: list[FeatureDrift],
    windows: WindowDrift | None,
    out_dir: Path,
    seed: int,
) -> list[Plot]:
    import matplotlib

    matplotlib.use("Agg")
    folder = out_dir / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    chosen = sorted(features, key=lambda item: (-item.psi, item.column))[:MAX_PLOTTED]
    plots: list[Plot] = []
    if chosen:
        figure = _features(_sample(reference, seed), _sample(current, seed), chosen)
        plots.append(
            _save(figure, folder / "drift.png", "Reference (blue) against current (orange), largest PSI first")
        )
    if windows is not None and len(windows.windows) >= 2:
        plots.append(_save(_windows(windows), folder / "windows.png", "Drift per time window"))
    return plots


def _sample(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    return frame.sample(n=PLOT_ROWS, random_state=seed) if len(frame) > PLOT_ROWS else frame


def _features(reference: pd.DataFrame, current: pd.DataFrame, chosen: list[FeatureDrift]) -> Figure:
    import numpy as np

    shares = {item.column: _shares(reference, current, item) for item in chosen if item.kind != "numeric"}
    labels = {column: [short_label(str(name), 16) for name in pair[0].index] for column, pair in shares.items()}
    turned = turned_inches([label for names in labels.values() for label in names], TICK_POINTS)
    titles = [f"{wrapped_label(item.column)} (PSI {item.psi:.2f})" for item in chosen]
    figure, axes = grid(titles, left=0.6, below=max(turned, line_inches(TICK_POINTS)))
    for axis, item, title in zip(axes, chosen, titles, strict=True):
        if item.kind == "numeric":
            r, c = reference[item.column].dropna(), current[item.column].dropna()
            both = np.concatenate([r.to_numpy(dtype="float64"), c.to_numpy(dtype="float64")])
            bins = np.histogram_bin_edges(both, bins=30).tolist() if len(both) else 10
            axis.hist(
                r.astype("float64"), bins=bins, density=True, histtype="stepfilled", alpha=0.55, color=REFERENCE_COLOUR
            )
            axis.hist(
                c.astype("float64"), bins=bins, density=True, histtype="stepfilled", alpha=0.55, color=CURRENT_COLOUR
            )
        else:
            shares_r, shares_c = shares[item.column]
            positions = np.arange(len(shares_r))
            axis.bar(positions - 0.2, shares_r.to_numpy(), 0.4, color=REFERENCE_COLOUR)
            axis.bar(positions + 0.2, shares_c.to_numpy(), 0.4, color=CURRENT_COLOUR)
            axis.set_xticks(positions, labels[item.column], rotation=45, ha="right", rotation_mode="anchor")
        axis.set_title(title, fontsize=TITLE_POINTS)
        axis.tick_params(labelsize=TICK_POINTS)
    return figure


def _shares(reference: pd.DataFrame, current: pd.DataFrame, item: FeatureDrift) -> tuple[pd.Series, pd.Series]:
    """The shares of the most frequent categories (up to eight, the top six of each side) on each side."""
    shares_r = as_labels(reference[item.column].dropna()).value_counts(normalize=True)
    shares_c = as_labels(current[item.column].dropna()).value_counts(normalize=True)
    names = list(dict.fromkeys([*shares_r.index[:6], *shares_c.index[:6]]))[:8]
    return shares_r.reindex(names, fill_value=0.0), shares_c.reindex(names, fill_value=0.0)


def _windows(windows: WindowDrift) -> Figure:
    from matplotlib.figure import Figure

    labels = [item.start[:10] for item in windows.windows]
    bottom = turned_inches(labels, TICK_POINTS) + 0.15 + PAD
    figure = Figure(figsize=(6.5, 2.6 + bottom + 0.45))
    axes = place(figure, 0.9, bottom, 6.5 - 0.9 - 0.25, 2.6)
    axes.plot(range(len(labels)), [item.score for item in windows.windows], marker="o", color=CURRENT_COLOUR)
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right", rotation_mode="anchor")
    axes.tick_params(labelsize=TICK_POINTS)
    axes.set_ylabel("mean PSI above noise", fontsize=TICK_POINTS)
    title = f"Drift per {windows.window} window of '{short_label(windows.time_column, 40)}'"
    axes.set_title(title, fontsize=TITLE_POINTS)
    axes.grid(alpha=0.3)
    return figure


def _save(figure: Figure, path: Path, title: str) -> Plot:
    save_png(figure, path)
    return Plot(title=title, path=f"plots/{path.name}")
