"""The design report: built from the advice, rendered as Markdown, standalone HTML and JSON, written atomically.

`write_report` is the whole job (as the commands call it: the rule base positional, a `DataRequest`); `build` gives
the report of a brief without writing files; the `render_*` functions turn a report into text. The Python API's
front (`advisor.render`, `advisor.write_report`, `advisor.advise`: keyword `knowledge=` and `data=`) is in
`advisor.report.api`. Nothing here imports pandas or scikit-learn unless a dataset is analysed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.report.api import render
from advisor.report.build import build_report
from advisor.report.document import DesignDocument
from advisor.report.model import DesignReport
from advisor.report.output import FORMATS
from advisor.report.pipeline import DataRequest, ReportResult, build, parse_formats, write_report
from advisor.report.render import render_html, render_json, render_markdown

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.knowledge.base import KnowledgeBase


def brief_markdown(brief: Brief, knowledge: KnowledgeBase) -> str:
    """The design report of `brief` as Markdown (no data): the model answer in practice mode."""
    return render_markdown(build(brief, knowledge))


__all__ = [
    "FORMATS",
    "DataRequest",
    "DesignDocument",
    "DesignReport",
    "ReportResult",
    "brief_markdown",
    "build",
    "build_report",
    "parse_formats",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "write_report",
]
