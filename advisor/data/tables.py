"""Aligned Markdown pipe tables and number formatting shared by the renderers."""

from __future__ import annotations

import math
from collections.abc import Sequence

from advisor.util.escape import md_cell


def cell(text: object) -> str:
    """A value made safe for one table cell: everything escaped (see `advisor.util.escape`), except `Markdown`
    we built ourselves from escaped parts."""
    return md_cell(text, empty="")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[bool] | None = None) -> str:
    """A pipe table whose columns line up in plain text; numeric columns are right-aligned."""
    numeric = list(numeric) if numeric is not None else [False] * len(headers)
    cells = [[cell(value) for value in row] for row in rows]
    header_cells = [cell(header) for header in headers]
    widths = [max([len(header), 3, *(len(row[index]) for row in cells)]) for index, header in enumerate(header_cells)]

    def line(values: Sequence[str]) -> str:
        padded = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (width + 1) + ":") if right else ("-" * (width + 2))
            for width, right in zip(widths, numeric, strict=True)
        )
        + "|"
    )
    return "\n".join([line(header_cells), rule, *(line(row) for row in cells)])


def number(value: float | None, digits: int = 3) -> str:
    """A compact number: 4 significant digits, thousands separators for large values, '–' for unknown."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if value != 0 and (abs(value) >= 10_000 or abs(value) < 0.001):
        return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.2e}"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if "." in f"{value:.{digits}f}" else f"{value}"


def share(value: float | None) -> str:
    if value is None:
        return "–"
    if value == 0:
        return "0 %"
    if value < 0.001:
        return "< 0.1 %"
    return f"{value * 100:.1f} %"
