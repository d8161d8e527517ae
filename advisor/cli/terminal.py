"""The width commands lay their text out in, and plain-text wrapping to it.

On a terminal the output follows the terminal's width (80 columns included); piped or redirected it is laid out at
80 columns (or $COLUMNS) and carries no trailing spaces. Only the standard library here: `rules lint` and the
questionnaire must start fast.
"""

from __future__ import annotations

import shutil
import textwrap

PIPED_WIDTH = 80  # no terminal to ask: a width every pager and editor shows whole
NARROWEST = 40  # below this, wrapped text turns into a column of single words


def output_width() -> int:
    """The columns of the terminal standard output writes to ($COLUMNS first), else 80 when it is piped."""
    return max(NARROWEST, shutil.get_terminal_size((PIPED_WIDTH, 24)).columns)


def without_padding(text: str) -> str:
    """`text` with the trailing spaces of every line removed (rich pads table cells and centred headings)."""
    ending = "\n" if text.endswith("\n") else ""
    return "\n".join(line.rstrip() for line in text.splitlines()) + ending


def fit_lines(text: str, width: int | None = None, hanging: int = 2) -> str:
    """Every line of `text` wrapped to `width`, continuation lines indented `hanging` past the line's own indent.

    Words are never cut (identifiers, paths and commands stay whole, to be copied): a single word longer than the
    width keeps its own line.
    """
    width = width or output_width()
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if len(line) <= width:
            lines.append(line)
            continue
        own = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(
            line.strip(),
            width=width,
            initial_indent=own,
            subsequent_indent=own + " " * hanging,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [""]
    return "\n".join(lines)
