"""The plots people read: twice the pixels of the 72-dpi plots they replace, type of at least 16 pixels, every label
inside the picture, cell values in a colour that stands out from their cell, and the same bytes on every run."""

from __future__ import annotations

import struct
from pathlib import Path

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from advisor.brief.model import Brief
from advisor.data import analyse
from advisor.data import plots as profile_plots
from advisor.data.models import CurvePoint, LearningCurve
from advisor.data.plot_layout import DPI, short_label, text_colour, wrapped_label
from tests.data.conftest import CHURN, HOUSES, LENDING

# Pixel sizes of the lending example's plots before this change (72 dpi), read from reports/examples/lending/plots.
BEFORE = {
    "histograms.png": (921, 374),
    "boxplots.png": (921, 374),
    "correlations.png": (543, 471),
    "target.png": (432, 252),
    "learning_curve.png": (432, 288),
}
# The same for the churn example, whose three numeric columns gave the smallest pictures.
BEFORE_CHURN = {
    "histograms.png": (691, 187),
    "boxplots.png": (691, 187),
    "correlations.png": (349, 277),
    "target.png": (432, 252),
}
SMALLEST_TEXT_PX = 16


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return int(width), int(height)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Figure]]:
    """The lending example's plots, and the figures they were saved from (the real saving function runs)."""
    figures: list[Figure] = []
    save = profile_plots.save_png

    def keep(figure: Figure, path: Path) -> None:
        figures.append(figure)
        save(figure, path)

    out = tmp_path_factory.mktemp("lending")
    patch = pytest.MonkeyPatch()
    patch.setattr(profile_plots, "save_png", keep)
    try:
        analyse(LENDING, target="Status", brief=Brief(), out_dir=out, run_baseline=False)
        curve = LearningCurve(
            points=[CurvePoint(train_rows=rows, train_score=0.6, validation_score=0.55) for rows in (450, 900, 1800)],
            verdict="flat",
            more_data_helps=False,
        )
        profile_plots.draw_learning_curve(curve, "balanced_accuracy", out)
    finally:
        patch.undo()
    return out / "plots", figures


def test_plots_have_twice_the_pixels_of_before(drawn: tuple[Path, list[Figure]]) -> None:
    folder, _ = drawn
    assert sorted(path.name for path in folder.glob("*.png")) == sorted(BEFORE)
    for name, (width, height) in BEFORE.items():
        new_width, new_height = png_size(folder / name)
        assert new_width >= 2 * width and new_height >= 2 * height, (name, new_width, new_height)


def test_a_few_columns_also_get_twice_the_pixels(tmp_path: Path) -> None:
    analyse(CHURN, target="churn", brief=Brief(), out_dir=tmp_path, run_baseline=False)
    for name, (width, height) in BEFORE_CHURN.items():
        new_width, new_height = png_size(tmp_path / "plots" / name)
        assert new_width >= 2 * width and new_height >= 2 * height, (name, new_width, new_height)


def _texts(figure: Figure) -> list[Text]:
    return [
        text
        for text in figure.findobj(Text)
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip()
    ]


def test_every_text_is_legible_and_inside_the_picture(drawn: tuple[Path, list[Figure]]) -> None:
    _, figures = drawn
    assert len(figures) == len(BEFORE)
    for figure in figures:
        figure.set_dpi(DPI)
        renderer = FigureCanvasAgg(figure).get_renderer()
        figure.draw(renderer)
        picture = figure.bbox
        texts = _texts(figure)
        assert texts
        for text in texts:
            assert text.get_fontsize() * DPI / 72 >= SMALLEST_TEXT_PX, text.get_text()
        for axes in figure.axes:
            # Each panel with everything drawn around it (title, tick labels, axis labels) lies inside the picture:
            # nothing is cut at its edges (1 px of tolerance for anti-aliasing).
            box = axes.get_tightbbox(renderer)
            assert box is not None
            assert box.x0 >= picture.x0 - 1 and box.x1 <= picture.x1 + 1, (axes.get_title(), box, picture)
            assert box.y0 >= picture.y0 - 1 and box.y1 <= picture.y1 + 1, (axes.get_title(), box, picture)


def test_correlation_matrix_shows_every_value_of_the_top_columns(drawn: tuple[Path, list[Figure]]) -> None:
    _, figures = drawn
    matrix = next(figure for figure in figures if any("Pearson" in text.get_text() for text in _texts(figure)))
    values = [text for text in _texts(matrix) if text.get_text().replace("-", "").replace(".", "").isdigit()]
    size = len(matrix.axes[0].get_xticklabels())
    assert 2 <= size <= profile_plots.MAX_MATRIX and len(values) >= size * size
    assert not [text for text in values if text.get_text() == "-0.00"]


def _luminance(colour: tuple[float, ...]) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2])


def test_cell_values_contrast_with_every_cell_colour() -> None:
    colours = matplotlib.colormaps["RdBu_r"]
    for step in range(101):
        background = colours(step / 100)
        text = (0.0, 0.0, 0.0) if text_colour(background) == "black" else (1.0, 1.0, 1.0)
        light, dark = sorted([_luminance(background), _luminance(text)], reverse=True)
        # WCAG's contrast ratio for normal text is 4.5:1.
        assert (light + 0.05) / (dark + 0.05) >= 4.5, step


def test_long_names_wrap_whole_and_lose_their_end_only_past_the_limit() -> None:
    name = "customer_lifetime_value_in_dollars"
    assert wrapped_label(name).replace("\n", "") == name and "\n" in wrapped_label(name)
    assert wrapped_label("monthly_charges") == "monthly_charges"
    very_long = "x" * 80
    assert wrapped_label(very_long).endswith("…") and len(wrapped_label(very_long).replace("\n", "")) <= 60
    assert short_label("a$b", 10) == r"a\$b" and short_label("y" * 40, 28) == "y" * 27 + "…"


def test_plots_of_a_regression_target_are_byte_identical_across_runs(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        analyse(HOUSES, target="price", brief=Brief(), out_dir=tmp_path / folder, run_baseline=False)
    names = sorted(path.name for path in (tmp_path / "a" / "plots").glob("*.png"))
    assert names == ["boxplots.png", "correlations.png", "histograms.png", "target.png"]
    for name in names:
        assert (tmp_path / "a" / "plots" / name).read_bytes() == (tmp_path / "b" / "plots" / name).read_bytes()
