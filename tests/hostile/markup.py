"""What "no executable markup, no broken table" means, checked on the report's actual output."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED_TAGS_WITH_URL = {"a": "href", "img": "src"}
BANNED_TAGS = {"script", "iframe", "object", "embed", "link", "base", "form", "svg", "math", "frame", "frameset"}
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.images: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BANNED_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "style":
            self.styles += 1
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append("<meta http-equiv>")
        for name, raw in attrs:
            value = (raw or "").strip()
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name in {"src", "href", "action", "formaction", "srcset", "poster", "background", "style"}:
                if tag == "img" and name == "src":
                    self.images.append(value)
                    if not value.startswith("data:image/png;base64,"):
                        self.problems.append(f"image source {value[:40]!r}")
                elif tag == "a" and name == "href":
                    if not re.match(r"^(https?://|mailto:|#)", value, re.IGNORECASE):
                        self.problems.append(f"link to {value[:40]!r}")
                elif not (name == "style" and tag in {"th", "td"} and re.fullmatch(r"text-align: \w+;?", value)):
                    self.problems.append(f"{name}={value[:40]!r} on <{tag}>")


def html_problems(html: str, expected_images: int) -> list[str]:
    """Scripts, handlers, non-http(s) links, remote or foreign images: none may appear; images are only our plots."""
    collector = _Collector()
    collector.feed(html)
    problems = list(collector.problems)
    if len(collector.images) != expected_images:
        problems.append(f"{len(collector.images)} images, expected our {expected_images} plots")
    if collector.styles != 1:
        problems.append(f"{collector.styles} <style> elements")
    return problems


def markdown_problems(text: str, our_images: set[str], our_links: frozenset[str] = frozenset()) -> list[str]:
    """Raw HTML, links or images we did not write, bare URLs a forge would link, tables with a wrong cell count.
    `our_links` are the bibliography's addresses (validated when the rule base loads), shown as `<https://...>`."""
    problems: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        plain = CODE_SPAN.sub("code", line)
        for link in our_links:
            plain = plain.replace(f"<{link}>", "our link")
        if re.search(r"<[A-Za-z/!?]", plain):
            problems.append(f"line {number}: raw HTML: {line[:80]}")
        for match in re.finditer(r"(?<!\\)!?\[(?:[^\]\\]|\\.)*\]\(([^)]*)\)", plain):
            target = match.group(1)
            if match.group(0).startswith("!") and target not in our_images:
                problems.append(f"line {number}: image {target!r} we did not draw")
            if not match.group(0).startswith("!") and not target.startswith("#"):
                problems.append(f"line {number}: link to {target!r}")
        if re.search(r"(?<!\\)(?:https?|ftp)://|(?<![\\\w])www\.|[\w.](?<!\\)@\w", plain):
            problems.append(f"line {number}: a bare address a forge would turn into a link: {line[:80]}")
        if "\r" in line or any(ord(char) < 32 and char != "\t" for char in line):
            problems.append(f"line {number}: control character")
    problems += _table_problems(lines)
    return problems


def _table_problems(lines: list[str]) -> list[str]:
    problems: list[str] = []
    block: list[tuple[int, str]] = []
    for number, line in [*enumerate(lines, 1), (0, "")]:
        if line.startswith("|"):
            block.append((number, line))
            continue
        if block:
            counts = {len(UNESCAPED_PIPE.findall(row)) for _, row in block}
            if len(counts) != 1:
                problems.append(f"line {block[0][0]}: table rows with different cell counts {sorted(counts)}")
            block = []
    return problems
