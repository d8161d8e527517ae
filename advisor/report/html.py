"""Markdown to a standalone HTML page: raw HTML disabled, images embedded as data URIs, CSS inline."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from advisor.errors import AdvisorError


class _EmbedImages(Treeprocessor):
    """Replace every relative image path with a data URI so the page needs no other file."""

    def __init__(self, md: markdown.Markdown, base_dir: Path | None) -> None:
        super().__init__(md)
        self.base_dir = base_dir

    def run(self, root: ElementTree.Element) -> None:
        for image in root.iter("img"):
            source = image.get("src", "")
            if self.base_dir is None or "://" in source or source.startswith("data:"):
                continue
            path = (self.base_dir / source).resolve()
            if not path.is_relative_to(self.base_dir.resolve()) or not path.is_file():
                raise AdvisorError(f"the report links an image that is not in {self.base_dir}: {source}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            image.set("src", f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}")


class _Standalone(Extension):
    def __init__(self, base_dir: Path | None) -> None:
        super().__init__()
        self.base_dir = base_dir

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Text reaching Markdown is escaped already; dropping the raw-HTML handlers is the second wall: even a string
        # that slipped through unescaped is shown as text, never run.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_EmbedImages(md, self.base_dir), "embed_images", 0)


def markdown_to_html(text: str, base_dir: Path | None = None) -> str:
    """The HTML body for `text`; images are read relative to `base_dir` and embedded."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", _Standalone(base_dir)],
        extension_configs={"toc": {"permalink": False}},
        output_format="html",
    )
    return converter.convert(text)
