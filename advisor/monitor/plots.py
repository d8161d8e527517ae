"""Per-feature plots: reference against current for the features that moved most, and drift per time window.

Same conventions as the profile's plots (advisor/data/plots.py): Agg backend, fixed sizes, no timestamps in the
files, a fixed sample, so the same data give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.data.plots import DPI, METADATA, PLOT_ROWS
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
    from matplotlib.figure import Figure

    columns = min(4, len(chosen))
    rows = (len(chosen) + columns - 1) // columns
    figure = Figure(figsize=(3.4 * columns, 2.8 * rows))
    figure.subplots_adjust(left=0.06, right=0.98, bottom=0.12, top=0.9, wspace=0.35, hspace=0.75)
    axes = figure.subplots(rows, columns, squeeze=False).ravel().tolist()
    for unused in axes[len(chosen) :]:
        unused.set_visible(False)
    for axis, item in zip(axes, chosen, strict=False):
        r, c = reference[item.column].dropna(), current[item.column].dropna()
        if item.kind == "numeric":
            both = np.concatenate([r.to_numpy(dtype="float64"), c.to_numpy(dtype="float64")])
            bins = np.histogram_bin_edges(both, bins=30) if len(both) else 10
            axis.hist(r.astype("float64"), bins=bins, density=True, alpha=0.55, color=REFERENCE_COLOUR)
            axis.hist(c.astype("float64"), bins=bins, density=True, alpha=0.55, color=CURRENT_COLOUR)
        else:
            shares_r = as_labels(r).value_counts(normalize=True)
            shares_c = as_labels(c).value_counts(normalize=True)
            names = list(dict.fromkeys([*shares_r.index[:6], *shares_c.index[:6]]))[:8]
            positions = np.arange(len(names))
            axis.bar(positions - 0.2, [shares_r.get(n, 0.0) for n in names], 0.4, color=REFERENCE_COLOUR)
            axis.bar(positions + 0.2, [shares_c.get(n, 0.0) for n in names], 0.4, color=CURRENT_COLOUR)
            axis.set_xticks(positions, [_label(n, 8) for n in names], rotation=60, fontsize=6)
        axis.set_title(f"{_label(item.column)} (PSI {item.psi:.2f})", fontsize=9)
        axis.tick_params(labelsize=7)
    return figure


def _windows(windows: WindowDrift) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.5, 3.2))
    figure.subplots_adjust(left=0.1, right=0.98, bottom=0.3, top=0.88)
    axes = figure.subplots()
    labels = [item.start[:10] for item in windows.windows]
    axes.plot(range(len(labels)), [item.score for item in windows.windows], marker="o", color=CURRENT_COLOUR)
    axes.set_xticks(range(len(labels)), labels, rotation=60, fontsize=7)
    axes.set_ylabel("mean PSI above noise")
    axes.set_title(f"Drift per {windows.window} window of '{_label(windows.time_column)}'", fontsize=10)
    axes.grid(alpha=0.3)
    return figure


def _label(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _save(figure: Figure, path: Path, title: str) -> Plot:
    figure.savefig(path, dpi=DPI, metadata=METADATA)
    return Plot(title=title, path=f"plots/{path.name}")
