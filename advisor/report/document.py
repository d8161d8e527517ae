"""The design report as the Python API gives it: the report's model plus its three renderings.

Kept apart from `advisor.report.model` so that the model never imports its renderers: renderers depend on the
model, and this class depends on both.
"""

from __future__ import annotations

from advisor.report.model import DesignReport
from advisor.report.render import render_html, render_json, render_markdown


class DesignDocument(DesignReport):
    """A `DesignReport` that renders itself: `.markdown()`, `.html()`, `.json_text()`; Jupyter shows the report."""

    def markdown(self) -> str:
        return render_markdown(self)

    def html(self) -> str:
        return render_html(self)

    def json_text(self) -> str:
        return render_json(self)

    def _repr_markdown_(self) -> str:
        """Jupyter shows the report itself, not the model's fields."""
        return self.markdown()
