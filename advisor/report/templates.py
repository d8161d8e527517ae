"""The jinja2 environment over the bundled report templates (`reports/templates`)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from advisor.util.escape import md_cell, md_text
from advisor.util.resources import bundled


@cache
def markdown_environment() -> Environment:
    """Templates that write Markdown: no HTML autoescape; every dynamic string goes through `md` or `cell`."""
    environment = Environment(
        loader=FileSystemLoader(bundled("templates")),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["md"] = md_text
    environment.filters["cell"] = md_cell
    return environment


@cache
def html_environment() -> Environment:
    """The HTML page around the converted Markdown: autoescaped."""
    return Environment(
        loader=FileSystemLoader(bundled("templates")),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
    )
