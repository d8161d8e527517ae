"""The design report: built from the advice, rendered as Markdown, standalone HTML and JSON, written atomically.

`write_report` is the whole job; `build` gives the report of a brief without writing files; the `render_*` functions
turn a report into text. Nothing here imports pandas or scikit-learn unless a dataset is analysed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.report.build import build_report
from advisor.report.model import DesignReport
from advisor.report.output import FORMATS
from advisor.report.pipeline import DataRequest, ReportResult, build, parse_formats, write_report
from advisor.report.render import render_html, render_json, render_markdown

if TYPE_CHECKING:
    from advisor.brief import Brief
    from advisor.knowledge import KnowledgeBase


def render(brief: Brief, knowledge: KnowledgeBase | None = None, *, seed: int = 0) -> DesignReport:
    """The design report of `brief` (bundled rules unless `knowledge` is given); `.markdown()`, `.html()`,
    `.json_text()` give the formats, and Jupyter displays it directly."""
    from advisor.knowledge import load_knowledge

    return build(brief, knowledge if knowledge is not None else load_knowledge(), seed=seed)


def brief_markdown(brief: Brief, knowledge: KnowledgeBase) -> str:
    """The design report of `brief` as Markdown (no data): the model answer in practice mode."""
    return render_markdown(build(brief, knowledge))


__all__ = [
    "FORMATS",
    "DataRequest",
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
