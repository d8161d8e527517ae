"""Where things go in a plot, and how names and numbers are written on it: shared by the profile's and the
monitor's plots.

Panels are placed by arithmetic from the type sizes and measured label widths instead of a layout engine: matplotlib's
constrained and tight layouts find the room for labels by drawing the whole figure once more, which doubled the time
of the plots step. 144 dpi (twice the pixels of a plain 72-dpi page) with no text under 8 points (16 pixels); PNGs
saved with light compression and no software or time stamp, so the same data give the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.util.controls import strip_controls

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 144
METADATA = {"Software": None}
PNG_OPTIONS = {"compress_level": 1}  # zlib level 1: several times faster to write than the default 6
TICK_POINTS = 9
TITLE_POINTS = 10
SMALLEST_POINTS = 8  # cell values: 16 px at 144 dpi
NAME_LINE = 22  # characters per line of a wrapped column name in a title
LONG_NAME = 60  # only names longer than this lose their end (to an ellipsis)
PAD = 0.12  # inches between a label and the figure's edge


def save_png(figure: Figure, path: Path) -> None:
    """Write `figure` as a PNG whose bytes depend on the figure only."""
    figure.savefig(path, dpi=DPI, metadata=METADATA, pil_kwargs=dict(PNG_OPTIONS))


def place(figure: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    """Axes at a position given in inches from the figure's bottom-left corner."""
    across, up = figure.get_size_inches()
    return figure.add_axes((left / across, bottom / up, width / across, height / up))


def grid(
    titles: list[str], left: float, panel: tuple[float, float] = (3.6, 2.4), below: float | None = None
) -> tuple[Figure, list[Axes]]:
    """Up to three panels a row, each `panel` inches of plot with room above for its title's lines, `below` inches
    (default: one line of ticks) under it, and `left` inches for y ticks."""
    from matplotlib.figure import Figure

    count = len(titles)
    columns = min(3, count)
    rows = (count + columns - 1) // columns
    above = line_inches(TITLE_POINTS) * max(title.count("\n") + 1 for title in titles) + PAD
    below = (line_inches(TICK_POINTS) if below is None else below) + 2 * PAD
    width, height = panel[0] + left + 0.35, panel[1] + above + below  # the last x tick sticks out on the right
    figure = Figure(figsize=(width * columns, height * rows))
    axes = []
    for index in range(count):
        row, column = divmod(index, columns)
        axes.append(place(figure, column * width + left, (rows - row - 1) * height + below, panel[0], panel[1]))
    return figure, axes


def line_inches(points: float) -> float:
    """The height of one line of text of `points` points, in inches."""
    return points * 1.35 / 72


def turned_inches(labels: Sequence[str], points: float) -> float:
    """How far labels turned 45 degrees about their end reach below (or beside) their tick, in inches."""
    return (widest_inches(labels, points) + line_inches(points)) * 0.7072


def widest_inches(labels: Sequence[str], points: float) -> float:
    """The width in inches of the widest of `labels` drawn at `points` points (measured by the Agg renderer)."""
    return max((_text_inches(label, points) for label in labels), default=0.0)


@cache
def _text_inches(label: str, points: float) -> float:
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, 72)  # type: ignore[no-untyped-call]  # at 72 dpi a pixel is a point
    font = FontProperties(size=points)
    width, _, _ = renderer.get_text_width_height_descent(label, font, ismath=False)  # type: ignore[no-untyped-call]
    return float(width) / 72


def plain_text(name: str) -> str:
    """A name drawn as plain text: control characters have no glyph and `$` would start matplotlib's math mode."""
    return strip_controls(name).replace("$", r"\$")


def short_label(name: str, limit: int) -> str:
    """A name for a tick label, which has one line: whole up to `limit` characters, then cut with an ellipsis."""
    name = plain_text(name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def wrapped_label(name: str, line: int = NAME_LINE) -> str:
    """A name for a title: wrapped onto lines of `line` characters, cut with an ellipsis only past LONG_NAME."""
    name = short_label(name, LONG_NAME)
    if len(name) <= line:
        return name
    # Column names often have no spaces (snake_case): a NUL-and-space after each underscore lets textwrap break
    # there too (plain_text removed any NUL of the name's own); names with no break point at all break mid-word.
    lines = textwrap.wrap(name.replace("_", "_\0 "), width=line, max_lines=3, placeholder=" …")
    return "\n".join(part.replace("\0 ", "").replace("\0", "") for part in lines)


def text_colour(background: tuple[float, float, float, float]) -> str:
    """Black on light cells, white on dark ones (WCAG relative luminance), so a cell's number stays readable."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in background[:3])
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "black" if luminance > 0.179 else "white"
