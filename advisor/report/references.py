"""The report's References: every bibliography entry its advice cites, numbered in order of first citation.

Each recommendation, exclusion and risk links its citations to these entries (`[3], #33`, resolved by
`DesignReport.citations`); the Markdown heading of an entry is its anchor, and the HTML page gets the same id from
the Markdown converter's table of contents.
"""

from __future__ import annotations

from collections.abc import Iterable

from markdown.extensions.toc import slugify

from advisor.knowledge.bibliography import Bibliography, Citation
from advisor.report.model import Reference, short_title


def build_references(cited: Iterable[list[str]], bibliography: Bibliography | None) -> list[Reference]:
    """One entry per cited key that the bibliography knows, numbered by first appearance."""
    references: dict[str, Reference] = {}
    for sources in cited:
        for text in sources:
            key = Citation.parse(text).key
            entry = bibliography.get(key) if bibliography is not None else None
            if entry is None or key in references:
                continue
            number = len(references) + 1
            references[key] = Reference(
                number=number,
                key=key,
                title=entry.title,
                author=entry.author,
                year=entry.year,
                url=entry.url,
                note=entry.note,
                anchor=slugify(f"{number} {short_title(entry.title)}", "-"),
            )
    return list(references.values())
