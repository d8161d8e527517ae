"""PNG plots of the profile and the baseline: histograms, box plots, correlation matrix, target balance, learning curve.

Agg backend, fixed sizes, a fixed sample, and no timestamps in the file's metadata: the same data give the same bytes.
Only the most relevant columns are drawn (those most correlated with the target, else the most complete), so a wide
table still gives a readable page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.controls import strip_controls
from advisor.data.models import LearningCurve, Plot, TargetSummary
from advisor.data.vectorised import correlation_with, varying_columns

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

MAX_PLOTTED = 6
MAX_MATRIX = 12
PLOT_ROWS = 20_000
DPI = 72
METADATA = {"Software": None}


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
    axes = figure.subplots()
    sizes = [point.train_rows for point in curve.points]
    nan = float("nan")  # an undefined score leaves a gap in the line
    training = [nan if point.train_score is None else point.train_score for point in curve.points]
    validation = [nan if point.validation_score is None else point.validation_score for point in curve.points]
    axes.plot(sizes, training, marker="o", label="training")
    axes.plot(sizes, validation, marker="o", label="validation")
    axes.set_xlabel("training rows")
    axes.set_ylabel(metric)
    axes.set_title("Learning curve")
    axes.legend()
    axes.grid(alpha=0.3)
    return _save(figure, folder / "learning_curve.png", "Learning curve")


def _grid(count: int) -> tuple[Figure, list[object]]:
    from matplotlib.figure import Figure

    columns = min(4, count)
    rows = (count + columns - 1) // columns
    figure = Figure(figsize=(3.2 * columns, 2.6 * rows))
    # Fixed margins: tight_layout measures every label by drawing the figure once more (half the plotting time).
    figure.subplots_adjust(left=0.06, right=0.98, bottom=0.1, top=0.9, wspace=0.3, hspace=0.6)
    axes = figure.subplots(rows, columns, squeeze=False).ravel().tolist()
    for unused in axes[count:]:
        unused.set_visible(False)
    return figure, axes[:count]


def _histograms(frame: pd.DataFrame, columns: list[str]) -> Figure:
    figure, axes = _grid(len(columns))
    for axis, name in zip(axes, columns, strict=True):
        values = frame[name].dropna().astype("float64")
        axis.hist(values, bins=30, color="#4C72B0")  # type: ignore[attr-defined]
        axis.set_title(_label(name), fontsize=9)  # type: ignore[attr-defined]
        axis.tick_params(labelsize=7)  # type: ignore[attr-defined]
        axis.locator_params(nbins=4)  # type: ignore[attr-defined]
    return figure


def _boxplots(frame: pd.DataFrame, columns: list[str]) -> Figure:
    figure, axes = _grid(len(columns))
    for axis, name in zip(axes, columns, strict=True):
        values = frame[name].dropna().astype("float64")
        axis.boxplot(values, orientation="horizontal", widths=0.6, flierprops={"markersize": 2})  # type: ignore[attr-defined]
        axis.set_title(_label(name), fontsize=9)  # type: ignore[attr-defined]
        axis.set_yticks([])  # type: ignore[attr-defined]
        axis.tick_params(labelsize=7)  # type: ignore[attr-defined]
        axis.locator_params(nbins=4)  # type: ignore[attr-defined]
    return figure


def _correlation_matrix(frame: pd.DataFrame, columns: list[str]) -> Figure:
    from matplotlib.figure import Figure

    matrix = frame[columns].astype("float64").corr().fillna(0.0).to_numpy()
    size = 2.5 + 0.45 * len(columns)
    figure = Figure(figsize=(size + 1, size))
    axes = figure.subplots()
    image = axes.imshow(matrix, vmin=-1, vmax=1, cmap="RdBu_r")
    labels = [_label(name, 18) for name in columns]
    axes.set_xticks(range(len(columns)), labels, rotation=90, fontsize=7)
    axes.set_yticks(range(len(columns)), labels, fontsize=7)
    if len(columns) <= 10:
        for row in range(len(columns)):
            for column in range(len(columns)):
                axes.text(column, row, f"{matrix[row, column]:.2f}", ha="center", va="center", fontsize=6)
    figure.colorbar(image, ax=axes, shrink=0.8)
    axes.set_title("Pearson correlation")
    figure.tight_layout()
    return figure


def _target_plot(frame: pd.DataFrame, target: TargetSummary) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 3.5))
    axes = figure.subplots()
    if target.classes:
        shown = list(target.classes.items())[:20]
        labels = [_label(label, 16) for label, _ in shown]
        axes.bar(range(len(shown)), [count for _, count in shown], color="#55A868")
        axes.set_xticks(range(len(shown)), labels, rotation=45 if len(shown) > 4 else 0, ha="right", fontsize=8)
        axes.set_ylabel("rows")
        axes.set_title(f"Target balance (minority to majority {target.ratio})")
    else:
        values = frame[target.column].dropna().astype("float64")
        axes.hist(values, bins=40, color="#55A868")
        axes.set_ylabel("rows")
        axes.set_title(f"Target distribution (skew {target.skew or 0:.2f})")
    figure.tight_layout()
    return figure


def _label(name: str, limit: int = 28) -> str:
    # Control characters have no glyph and `$` would start matplotlib's math mode: a name is drawn as plain text.
    name = strip_controls(name).replace("$", r"\$")
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _save(figure: Figure, path: Path, title: str) -> Plot:
    figure.savefig(path, dpi=DPI, metadata=METADATA)
    return Plot(title=title, path=f"plots/{path.name}")
