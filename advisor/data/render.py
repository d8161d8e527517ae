"""Render a `DataAnalysis` as the report's Markdown data section, or as text for the terminal."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, ClassVar

from advisor.data.models import DataAnalysis
from advisor.data.render_baseline import baseline_markdown
from advisor.data.render_profile import profile_markdown

if TYPE_CHECKING:
    from rich.console import JustifyMethod
    from rich.markdown import MarkdownElement

IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")


def render_data_markdown(analysis: DataAnalysis, *, profile: bool = True, baseline: bool = True) -> str:
    """Headings at levels 2 and 3, aligned pipe tables, verdicts in words, images relative to the output folder."""
    parts: list[str] = []
    if profile:
        parts += profile_markdown(analysis)
    if baseline:
        parts += baseline_markdown(analysis)
    return "\n\n".join(part for part in parts if part) + "\n"


def render_data_text(analysis: DataAnalysis, *, profile: bool = True, baseline: bool = True, width: int = 80) -> str:
    """The same content laid out in `width` columns for a terminal: rich's Markdown rendering (tables wrap their
    cells to fit), images replaced by their file names, and no trailing spaces on any line."""
    markdown = render_data_markdown(analysis, profile=profile, baseline=baseline)
    markdown = IMAGE.sub(lambda match: f"*{match.group(1)}*: `{match.group(2)}`", markdown)
    return markdown_as_text(markdown, width)


def markdown_as_text(markdown: str, width: int) -> str:
    """Markdown laid out by rich in `width` columns, without colour; a table cell too narrow for a word folds it
    onto the next line instead of cutting it with an ellipsis."""
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.markdown import Markdown, TableDataElement, TableElement
    from rich.table import Table
    from rich.text import Text

    class FoldingCell(TableDataElement):
        def __init__(self, justify: JustifyMethod) -> None:
            super().__init__(justify)
            self.content.overflow = "fold"

    class WholeWordsTable(TableElement):
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            # A table whose words all fit side by side wraps its cells between words only; one too wide for the
            # terminal becomes one block per row ("header: value; ..."), never numbers or names broken mid-word.
            for table in super().__rich_console__(console, options):
                if not isinstance(table, Table) or self.header is None or self.header.row is None:
                    yield table
                    continue
                rows = [[cell.content.plain for cell in row.cells] for row in (self.body.rows if self.body else [])]
                headers = [cell.content.plain for cell in self.header.row.cells]
                for index, column in enumerate(table.columns):
                    cells = [headers[index], *(row[index] for row in rows)]
                    column.min_width = max((len(word) for cell in cells for word in cell.split()), default=1)
                if table.__rich_measure__(console, options).minimum <= options.max_width:
                    yield table
                else:
                    yield Text("\n".join(_records(headers, rows, options.max_width)) + "\n")

    class TerminalMarkdown(Markdown):
        elements: ClassVar[dict[str, type[MarkdownElement]]] = {
            **Markdown.elements,
            "table_open": WholeWordsTable,
            "td_open": FoldingCell,
            "th_open": FoldingCell,
        }

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, color_system=None)
    console.print(TerminalMarkdown(markdown))
    # rich pads every table cell and centred heading to its full width: invisible on screen, noise in a pipe.
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _records(headers: list[str], rows: list[list[str]], width: int) -> list[str]:
    """A table as one block per row: its first cell, then the other cells as `header: value`, wrapped to `width`."""
    import textwrap

    lines: list[str] = []
    for row in rows:
        cells = zip(headers[1:], row[1:], strict=True)
        pairs = [f"{header}: {value}" for header, value in cells if value not in {"", "–"}]
        lines += textwrap.wrap(row[0], width=width, break_long_words=False) or [""]
        lines += textwrap.wrap("; ".join(pairs), width=width, initial_indent="  ", subsequent_indent="  ")
    return lines
