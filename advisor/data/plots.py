"""PNG plots of the profile and the baseline: histograms, box plots, correlation matrix, target balance, learning curve.

Agg backend, fixed sizes, a fixed sample, and no timestamps in the file's metadata: the same data give the same bytes.
Only the most relevant columns are drawn (those most correlated with the target, else the most complete), so a wide
table still gives a readable page; the correlation matrix shows the ten most relevant, each cell with its value.
Resolution, type sizes and placement: advisor/data/plot_layout.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.data.models import LearningCurve, Plot, TargetSummary
from advisor.data.plot_layout import (
    PAD,
    SMALLEST_POINTS,
    TICK_POINTS,
    TITLE_POINTS,
    grid,
    line_inches,
    place,
    save_png,
    short_label,
    text_colour,
    turned_inches,
    widest_inches,
    wrapped_label,
)
from advisor.data.vectorised import correlation_with, varying_columns

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

MAX_PLOTTED = 6
MAX_MATRIX = 10  # the matrix's cells carry their value: ten columns keep the numbers readable
PLOT_ROWS = 20_000


def relevant_columns(frame: pd.DataFrame, numeric: list[str], target: str | None, limit: int) -> list[str]:
    """Numeric columns ranked by |correlation| with a numeric or two-valued target, else by completeness."""
    import pandas as pd

    usable = varying_columns(frame, numeric)
    if target is not None and len(usable) > limit:
        codes = frame[target]
        if not pd.api.types.is_numeric_dtype(codes.dtype):
            codes = pd.Series(pd.factorize(codes)[0], index=codes.index).where(codes.notna())
        block = frame[usable].to_numpy(dtype="float64")
        values = correlation_with(block, codes.to_numpy(dtype="float64", na_value=float("nan")))
        strength = dict(zip(usable, values, strict=True))
        return sorted(usable, key=lambda name: (-round(float(strength[name]), 9), name))[:limit]
    missing = frame[usable].isna().mean()
    return sorted(usable, key=lambda name: (round(float(missing[name]), 9), usable.index(name)))[:limit]


def draw_profile_plots(
    frame: pd.DataFrame, numeric: list[str], target: TargetSummary | None, out_dir: Path, seed: int
) -> list[Plot]:
    import matplotlib

    matplotlib.use("Agg")
    folder = out_dir / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    sample = frame.sample(n=min(PLOT_ROWS, len(frame)), random_state=seed) if len(frame) > PLOT_ROWS else frame
    target_name = target.column if target else None
    chosen = relevant_columns(sample, numeric, target_name, MAX_PLOTTED)
    plots: list[Plot] = []
    if chosen:
        plots.append(_save(_histograms(sample, chosen), folder / "histograms.png", "Histograms of numeric columns"))
        plots.append(_save(_boxplots(sample, chosen), folder / "boxplots.png", "Box plots of numeric columns"))
    matrix_columns = relevant_columns(sample, numeric, target_name, MAX_MATRIX)
    if len(matrix_columns) >= 2:
        figure = _correlation_matrix(sample, matrix_columns)
        plots.append(_save(figure, folder / "correlations.png", "Correlation matrix (Pearson)"))
    if target is not None:
        figure = _target_plot(frame, target)
        plots.append(_save(figure, folder / "target.png", f"Target '{target.column}'"))
    return plots


def draw_learning_curve(curve: LearningCurve, metric: str, out_dir: Path) -> Plot:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    folder = out_dir / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    figure = Figure(figsize=(6, 4))
    axes = place(figure, 0.9, 0.6, 6 - 0.9 - 0.25, 4 - 0.6 - 0.4)
    sizes = [point.train_rows for point in curve.points]
    nan = float("nan")  # an undefined score leaves a gap in the line
    training = [nan if point.train_score is None else point.train_score for point in curve.points]
    validation = [nan if point.validation_score is None else point.validation_score for point in curve.points]
    axes.plot(sizes, training, marker="o", label="training")
    axes.plot(sizes, validation, marker="o", label="validation")
    axes.set_xlabel("training rows")
    axes.set_ylabel(metric)
    axes.set_title("Learning curve")
    axes.tick_params(labelsize=TICK_POINTS)
    axes.legend()
    axes.grid(alpha=0.3)
    return _save(figure, folder / "learning_curve.png", "Learning curve")


def _histograms(frame: pd.DataFrame, columns: list[str]) -> Figure:
    titles = [wrapped_label(name) for name in columns]
    figure, axes = grid(titles, left=0.6)
    for axis, name, title in zip(axes, columns, titles, strict=True):
        values = frame[name].dropna().astype("float64")
        axis.hist(values, bins=30, histtype="stepfilled", color="#4C72B0")  # one shape, not 30 bars: faster
        axis.set_title(title, fontsize=TITLE_POINTS)
        axis.tick_params(labelsize=TICK_POINTS)
        axis.locator_params(nbins=4)
    return figure


def _boxplots(frame: pd.DataFrame, columns: list[str]) -> Figure:
    titles = [wrapped_label(name) for name in columns]
    figure, axes = grid(titles, left=0.6)  # as the histograms: the same column sits in the same place
    for axis, name, title in zip(axes, columns, titles, strict=True):
        values = frame[name].dropna().astype("float64")
        axis.boxplot(values, orientation="horizontal", widths=0.6, flierprops={"markersize": 3})
        axis.set_title(title, fontsize=TITLE_POINTS)
        axis.set_yticks([])
        axis.tick_params(labelsize=TICK_POINTS)
        axis.locator_params(nbins=4)
    return figure


def _correlation_matrix(frame: pd.DataFrame, columns: list[str]) -> Figure:
    import matplotlib
    from matplotlib.figure import Figure

    matrix = frame[columns].astype("float64").corr().fillna(0.0).to_numpy()
    labels = [short_label(name, 28) for name in columns]
    cell = 0.7  # inches: room for a value like -0.25 with air around it
    side = cell * len(columns)
    turned = turned_inches(labels, TICK_POINTS)  # x labels turn about their right end, mid-cell
    left = max(widest_inches(labels, TICK_POINTS) + 0.15, turned - cell / 2) + PAD
    bottom, top = turned + 0.15 + PAD, line_inches(TITLE_POINTS + 1) + 2 * PAD
    bar = 0.2 + 0.2 + widest_inches(["-1.00"], TICK_POINTS) + 0.15 + PAD  # gap, bar, ticks
    # Never smaller in inches than the 72-dpi matrix it replaces (so at least twice its pixels): a few columns
    # get air around them rather than a thumbnail.
    width, height = (
        max(left + side + bar, 3.5 + 0.45 * len(columns)),
        max(bottom + side + top, 2.5 + 0.45 * len(columns)),
    )
    left += (width - left - side - bar) / 2
    bottom += (height - bottom - side - top) / 2
    figure = Figure(figsize=(width, height))
    axes = place(figure, left, bottom, side, side)
    colours = matplotlib.colormaps["RdBu_r"]
    image = axes.imshow(matrix, vmin=-1, vmax=1, cmap=colours, interpolation="nearest")
    axes.set_xticks(range(len(columns)), labels, rotation=45, ha="right", rotation_mode="anchor", fontsize=TICK_POINTS)
    axes.set_yticks(range(len(columns)), labels, fontsize=TICK_POINTS)
    for row in range(len(columns)):
        for column in range(len(columns)):
            value = float(matrix[row, column])
            text = f"{value:.2f}".replace("-0.00", "0.00")
            colour = text_colour(colours((value + 1) / 2))  # vmin -1, vmax 1: black on light cells, white on dark
            axes.text(column, row, text, ha="center", va="center", fontsize=SMALLEST_POINTS, color=colour)
    scale = figure.colorbar(image, cax=place(figure, left + side + 0.2, bottom + side * 0.1, 0.2, side * 0.8))
    scale.ax.tick_params(labelsize=TICK_POINTS)
    axes.set_title(f"Pearson correlation, top {len(columns)} columns", fontsize=TITLE_POINTS + 1)
    return figure


def _target_plot(frame: pd.DataFrame, target: TargetSummary) -> Figure:
    from matplotlib.figure import Figure

    labels = [short_label(label, 24) for label in list(target.classes)[:20]]
    turn = len(labels) > 4
    ticks = turned_inches(labels, TICK_POINTS) if turn else 0.0
    bottom = max(ticks, line_inches(TICK_POINTS)) + 0.15 + PAD
    height = 2.8 + bottom + 0.45
    figure = Figure(figsize=(6, height))
    axes = place(figure, 0.95, bottom, 6 - 0.95 - 0.25, 2.8)
    if target.classes:
        counts = list(target.classes.values())[: len(labels)]
        axes.bar(range(len(labels)), counts, color="#55A868")
        turned = {"rotation": 45, "ha": "right", "rotation_mode": "anchor"} if turn else {}
        axes.set_xticks(range(len(labels)), labels, fontsize=TICK_POINTS, **turned)  # type: ignore[arg-type]
        axes.set_title(f"Target balance (minority to majority {target.ratio})", fontsize=TITLE_POINTS + 1)
    else:
        values = frame[target.column].dropna().astype("float64")
        axes.hist(values, bins=40, histtype="stepfilled", color="#55A868")
        axes.set_title(f"Target distribution (skew {target.skew or 0:.2f})", fontsize=TITLE_POINTS + 1)
    axes.set_ylabel("rows", fontsize=TICK_POINTS)
    axes.tick_params(labelsize=TICK_POINTS)
    return figure


def _save(figure: Figure, path: Path, title: str) -> Plot:
    save_png(figure, path)
    return Plot(title=title, path=f"plots/{path.name}")
