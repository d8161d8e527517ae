"""Escaping text for Markdown so that what came from a file is shown, never interpreted.

Everything that came from a person or a file (answers, rule texts, column names, category values, the target) is put
into Markdown by one of three functions: `md_text` (inline), `md_cell` (a table cell) or `md_code` (a name shown as
code). Markdown and HTML metacharacters are neutralised: `<`, `>` and `&` become entities (so no raw HTML ever
reaches the page), the characters that start emphasis, links, images, code or table cells are backslash-escaped,
bare URLs and addresses are broken up so no renderer turns them into links, control characters are dropped and
newlines (and carriage returns) are folded into spaces, so no line can open a heading, a list or a quote.

Markdown that we build ourselves from escaped parts is wrapped in `Markdown` and passed through unchanged.
"""

from __future__ import annotations

import re

from advisor.util.controls import CONTROL

# Only what could start markup is escaped, so ordinary text (`< 0.1 %`, `snake_case`) stays readable as written:
# `<` before a tag-like character, `&` before an entity-like word, `>` at the start (a quote), `_` at a word edge.
_ENTITY = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|^>")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = re.compile(r"([\\`*\[\]|#!~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_WHITESPACE = re.compile(r"\s+")
# GitHub's autolinks start at `scheme://`, `www.` and `name@host`: escaping that punctuation keeps them text.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<=www)(\.)|(@)", re.IGNORECASE)
# A code span may only hold text that needs no escaping at all; anything else is shown as escaped text instead.
_CODE_SAFE = re.compile(r"[^`<>&|\\\s\x00-\x1f\x7f-\x9f]+(?: [^`<>&|\\\s\x00-\x1f\x7f-\x9f]+)*")


class Markdown(str):
    """Markdown we wrote from escaped parts (bold names, links to our plots): `md_cell` passes it unchanged."""

    __slots__ = ()


def md_text(value: object) -> str:
    """Any value as inline Markdown text that renders exactly as written (without control characters)."""
    text = _WHITESPACE.sub(" ", CONTROL.sub("", str(value))).strip()
    text = _ENTITY.sub(lambda match: _ENTITIES[match.group()], text)
    text = _BACKSLASHED.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda match: "\\" + match.group(0), text)


def md_cell(value: object, *, empty: str = "—") -> str:
    """Text for a pipe-table cell: as `md_text`, never empty (an empty cell reads as a missing answer);
    `Markdown` passes through with its line breaks folded."""
    if value is None:
        return empty
    if isinstance(value, Markdown):
        return _WHITESPACE.sub(" ", value).strip() or empty
    return md_text(value) or empty


def md_code(value: object) -> str:
    """A name (a column, a file) as inline code when it is plain enough, else as escaped text."""
    text = str(value)
    if _CODE_SAFE.fullmatch(text):
        return f"`{text}`"
    return md_text(text) or "—"


def with_code(text: str) -> str:
    """Text we wrote around `backticked` names (a verdict naming columns): each name through `md_code`, the rest
    through `md_text`, keeping the spaces between them; a stray backtick only splits differently, never escapes."""
    pieces = []
    for index, piece in enumerate(text.split("`")):
        shown = md_code(piece) if index % 2 else md_text(piece)
        if not shown and piece[:1].isspace():
            pieces.append(" ")
            continue
        lead = " " if piece[:1].isspace() and shown else ""
        trail = " " if piece[-1:].isspace() and shown else ""
        pieces.append(lead + shown + trail)
    return "".join(pieces)
