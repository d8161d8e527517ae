"""Escaping text for Markdown so that what a person typed is shown, never interpreted.

User answers and rule texts are put into Markdown with `md_text` (inline) and `md_cell` (a table cell). Markdown and
HTML metacharacters are neutralised: `<`, `>` and `&` become entities (so no raw HTML ever reaches the page), and
the characters that start emphasis, links, code or table cells are backslash-escaped. Line starts that would open a
heading, a list or a quote cannot occur because newlines are folded into spaces.
"""

from __future__ import annotations

import re

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = re.compile(r"([\\`*_\[\]|#!~])")
_WHITESPACE = re.compile(r"\s+")


def md_text(value: object) -> str:
    """Any value as inline Markdown text that renders exactly as written."""
    text = _WHITESPACE.sub(" ", str(value)).strip()
    text = "".join(_ENTITIES.get(char, char) for char in text)
    return _BACKSLASHED.sub(r"\\\1", text)


def md_cell(value: object) -> str:
    """Text for a pipe-table cell: as `md_text`, never empty (an empty cell reads as a missing answer)."""
    return "—" if value is None else md_text(value) or "—"
