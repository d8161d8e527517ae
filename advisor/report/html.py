"""Markdown to a standalone HTML page: raw HTML disabled, images embedded as data URIs, CSS inline."""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


class _EmbedImages(Treeprocessor):
    """Replace every image with a data URI of our own file so the page loads nothing else; make links inert.

    Only a relative path to a file under `base_dir` (the plots we drew) becomes an image; any other image (remote,
    `data:`, outside the folder) is replaced by its alt text, and a link whose target is not http(s), mailto or a
    fragment loses its target: the page never runs or fetches anything, whatever slipped into the Markdown.
    """

    def __init__(self, md: markdown.Markdown, base_dir: Path | None) -> None:
        super().__init__(md)
        self.base_dir = base_dir

    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "img" and not self._embed(child):
                    text = ElementTree.Element("span")
                    text.text = child.get("alt", "")
                    text.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, text)
        for link in root.iter("a"):
            if not SAFE_LINK.match(link.get("href", "").strip()):
                link.attrib.pop("href", None)

    def _embed(self, image: ElementTree.Element) -> bool:
        source = image.get("src", "")
        if self.base_dir is None or not source or ":" in source or source.startswith(("/", "\\")):
            return False
        base = self.base_dir.resolve()
        path = (base / source).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            return False
        kind = mimetypes.guess_type(path.name)[0]
        if kind not in {"image/png", "image/jpeg", "image/gif"}:
            return False
        image.set("src", f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}")
        return True


TASK_MARK = "[ ] "


class _TaskLists(Treeprocessor):
    """Turn list items that start with `[ ] ` into checklist items with a real (disabled) checkbox.

    It runs after the inline patterns and before the unescaping, so a user's escaped `\\[ \\]` is still a
    placeholder here and never becomes a checkbox: only the template's own task marker does.
    """

    def run(self, root: ElementTree.Element) -> None:
        for item in root.iter("li"):
            holder = item[0] if len(item) and item[0].tag == "p" and not (item.text or "").strip() else item
            text = holder.text or ""
            if not text.startswith(TASK_MARK):
                continue
            box = ElementTree.Element("input", {"type": "checkbox", "disabled": "disabled"})
            box.tail = " " + text[len(TASK_MARK) :]
            holder.text = None
            holder.insert(0, box)
            item.set("class", "task")


class _Standalone(Extension):
    def __init__(self, base_dir: Path | None) -> None:
        super().__init__()
        self.base_dir = base_dir

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Text reaching Markdown is escaped already; dropping the raw-HTML handlers is the second wall: even a string
        # that slipped through unescaped is shown as text, never run.
        # md_text backslash-escapes `@` and `:` to keep addresses from turning into links; Markdown must then show
        # them without the backslash, as it does for its own escapable characters.
        md.ESCAPED_CHARS.extend(char for char in "@:" if char not in md.ESCAPED_CHARS)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_EmbedImages(md, self.base_dir), "embed_images", 0)
        md.treeprocessors.register(_TaskLists(md), "task_lists", 15)


def markdown_to_html(text: str, base_dir: Path | None = None) -> str:
    """The HTML body for `text`; images are read relative to `base_dir` and embedded."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", _Standalone(base_dir)],
        extension_configs={"toc": {"permalink": False}},
        output_format="html",
    )
    return converter.convert(text)
