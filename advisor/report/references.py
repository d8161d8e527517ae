"""The report's References: every bibliography entry its advice cites, numbered in order of first citation.

Each recommendation, exclusion and risk links its citations to these entries (`[3], #33`); the Markdown heading of an
entry is its anchor, and the HTML page gets the same id from the Markdown converter's table of contents.
"""

from __future__ import annotations

from collections.abc import Iterable

from markdown.extensions.toc import slugify

from advisor.knowledge.bibliography import Bibliography, Citation
from advisor.report.model import CitedSource, Reference


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


def short_title(title: str) -> str:
    """The title before its subtitle ("Rules of Machine Learning"): the report's heading; JSON keeps the whole."""
    head = title.split(": ", maxsplit=1)[0]
    return head if len(head.split()) >= 2 else title


def cite(sources: list[str], references: list[Reference]) -> list[CitedSource]:
    """A rule's citations, each resolved to its reference (or left as written when the rule base has none)."""
    by_key = {reference.key: reference for reference in references}
    cited: list[CitedSource] = []
    for text in sources:
        citation = Citation.parse(text)
        reference = by_key.get(citation.key)
        if reference is None:
            cited.append(CitedSource(text=text))
        else:
            cited.append(
                CitedSource(text=text, number=reference.number, anchor=reference.anchor, locator=citation.locator)
            )
    return cited
