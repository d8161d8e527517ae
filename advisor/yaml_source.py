"""Read YAML (or JSON) safely and remember the line of every key, so errors can say `file:line`.

Answers and rule files come from people and from the internet, so the reader assumes they may be hostile:
only regular files are read (a FIFO or a device would block or never end), and at most `MAX_BYTES`; aliases are
refused (a few hundred bytes of nested aliases expand to gigabytes); nesting is limited to `MAX_DEPTH` (deeper
input would exhaust Python's stack); control characters and lone surrogates are refused (they rewrite terminals and
cannot be written back as UTF-8); numbers must be finite and fit in 64 bits. Each refusal names the line.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from advisor.controls import CONTROL, describe_control

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 100
MAX_INTEGER = 2**63 - 1

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Duplicate:
    key: str
    line: int
    path: KeyPath


@dataclass
class YamlDocument:
    """The parsed content of a file and the line (1-based) where each key path starts."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)

    def line_of(self, keys: KeyPath) -> int | None:
        """Line of the deepest known prefix of `keys` (pydantic locations can go deeper than the YAML)."""
        for end in range(len(keys), -1, -1):
            line = self.lines.get(tuple(keys[:end]))
            if line is not None:
                return line
        return None


class YamlSyntaxError(Exception):
    """The text is not valid YAML; `line` is 1-based when known."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def _check_text(text: str) -> None:
    found = CONTROL.search(text)
    if found is not None:
        _check_text_at(found.group(), text.count("\n", 0, found.start()) + 1)


class _SafeLoader(yaml.SafeLoader):
    """The safe loader without aliases and with a nesting limit (PyYAML's composer recurses once per level)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlSyntaxError(
                "aliases (*name) are not allowed: write the value out in full", event.start_mark.line + 1
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _check_scalar(node: yaml.ScalarNode, value: Any) -> None:
    """Refuse what the escapes of a quoted string or a number can smuggle in past the text check."""
    line = node.start_mark.line + 1
    if isinstance(value, str):
        _check_text_at(value, line)
    elif isinstance(value, float) and not math.isfinite(value):
        raise YamlSyntaxError(f"'{node.value}' is not a finite number (use a number you can measure)", line)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        raise YamlSyntaxError(f"the number {node.value[:20]}... is too large (at most {MAX_INTEGER:,})", line)


def _scalar_value(node: yaml.ScalarNode) -> Any:
    constructor = yaml.SafeLoader.yaml_constructors.get(node.tag)
    return constructor(_SCALARS, node) if constructor is not None else node.value


def _check_text_at(value: str, line: int) -> None:
    found = CONTROL.search(value)
    if found is not None:
        raise YamlSyntaxError(
            f"control character {describe_control(found.group())} is not allowed (remove it or write it out)", line
        )


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], duplicates: list[Duplicate]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(node, _scalar_value(node))
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                duplicates.append(Duplicate(key, key_node.start_mark.line + 1, path))
            seen.add(key)
            child: KeyPath = (*path, key)
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            element: KeyPath = (*path, index)
            _walk(item, element, lines, duplicates)


_SCALARS = yaml.SafeLoader("")


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse with the safe loader only (no Python objects, no tags); raise YamlSyntaxError on bad syntax."""
    _check_text(text)
    loader: _SafeLoader | None = None
    try:
        loader = _SafeLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and "<stream end>" in str(error.problem):
            mark = error.context_mark  # "never closed": where it was opened is where to look
        problem = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        raise YamlSyntaxError(problem, mark.line + 1 if mark is not None else None) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), None) from None
    except RecursionError:  # pragma: no cover - the depth limit stops nesting long before the stack ends
        raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", None) from None
    finally:
        if loader is not None:
            loader.dispose()
    document = YamlDocument(path=path, data=data)
    if node is not None:
        _walk(node, (), document.lines, document.duplicates)
    return document


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file (a BOM is allowed) of at most `limit` bytes; only a regular file is read.

    Raise UnicodeDecodeError or OSError (whose `strerror` is the message to show) to the caller.
    """
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, device or socket is never read)")
        os.set_blocking(descriptor, True)
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise OSError(errno.EFBIG, f"larger than the {limit:,} bytes a YAML file may have (is it the right file?)")
    return content.decode("utf-8-sig")
