"""Render a `DataAnalysis` as the report's Markdown data section, or as text for the terminal."""

from __future__ import annotations

import io
import re

from advisor.data.models import DataAnalysis
from advisor.data.render_baseline import baseline_markdown
from advisor.data.render_profile import profile_markdown

IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")


def render_data_markdown(analysis: DataAnalysis, *, profile: bool = True, baseline: bool = True) -> str:
    """Headings at levels 2 and 3, aligned pipe tables, verdicts in words, images relative to the output folder."""
    parts: list[str] = []
    if profile:
        parts += profile_markdown(analysis)
    if baseline:
        parts += baseline_markdown(analysis)
    return "\n\n".join(part for part in parts if part) + "\n"


def render_data_text(analysis: DataAnalysis, *, profile: bool = True, baseline: bool = True, width: int = 110) -> str:
    """The same content for a terminal: rich's Markdown rendering, images replaced by their file names."""
    from rich.console import Console
    from rich.markdown import Markdown

    markdown = render_data_markdown(analysis, profile=profile, baseline=baseline)
    markdown = IMAGE.sub(lambda match: f"*{match.group(1)}*: `{match.group(2)}`", markdown)
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, color_system=None)
    console.print(Markdown(markdown))
    return buffer.getvalue()
