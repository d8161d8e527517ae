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

from advisor.util.controls import CONTROL, describe_control

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


def _check_scalar(raw: str, value: Any, line: int) -> None:
    """Refuse what the escapes of a quoted string or a number can smuggle in past the text check."""
    if isinstance(value, str):
        _check_text_at(value, line)
    elif isinstance(value, float) and not math.isfinite(value):
        raise YamlSyntaxError(f"'{raw}' is not a finite number (use a number you can measure)", line)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        raise YamlSyntaxError(f"the number {raw[:20]}... is too large (at most {MAX_INTEGER:,})", line)


def _check_text_at(value: str, line: int) -> None:
    found = CONTROL.search(value)
    if found is not None:
        raise YamlSyntaxError(
            f"control character {describe_control(found.group())} is not allowed (remove it or write it out)", line
        )


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STANDARD = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NO_KEY: Any = object()


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def _scalar(event: Any) -> Any:
    """The value the safe loader would build for one scalar (implicit types resolved, explicit tags checked)."""
    line = _line(event)
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    constructor = yaml.constructor.SafeConstructor.yaml_constructors.get(tag)
    if constructor is None or tag in {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}:
        raise YamlSyntaxError(f"the tag {tag} is not allowed", line)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    value = constructor(_CONSTRUCTOR, node)
    _check_scalar(event.value, value, line)
    return value


class _Frame:
    __slots__ = ("container", "key", "path", "seen")

    def __init__(self, container: Any, path: KeyPath) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.seen: set[str] = set()


def event_loader() -> type[Any]:
    """The loader whose parser gives the events: libyaml's C parser when PyYAML was built with it (about ten times
    faster), else the pure-Python one. Both report the same events and marks, so lines in messages are the same."""
    if getattr(yaml, "__with_libyaml__", False):
        loader: type[Any] | None = getattr(yaml, "CSafeLoader", None)
        if loader is not None:
            return loader
    return yaml.SafeLoader


def _compose(text: str, document: YamlDocument) -> None:
    """Build the data from the parser's events, without recursion: aliases and tags are refused, depth is counted,
    and the line of every key path is recorded on the way."""
    stack: list[_Frame] = []
    documents = 0
    for event in yaml.parse(text, Loader=event_loader()):
        line = _line(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlSyntaxError("expected a single document, but found another one", line)
            continue
        if isinstance(event, yaml.AliasEvent):
            raise YamlSyntaxError("aliases (*name) are not allowed: write the value out in full", line)
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop()
            continue
        if isinstance(event, yaml.ScalarEvent):
            value, raw = _scalar(event), event.value
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if event.tag not in _STANDARD:
                raise YamlSyntaxError(f"the tag {event.tag} is not allowed", line)
            if len(stack) >= MAX_DEPTH:
                raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", line)
            value, raw = ([] if isinstance(event, yaml.SequenceStartEvent) else {}), None
        else:
            continue  # stream start and end, document end
        path = _place(stack, document, value, raw, line)
        if raw is None:
            stack.append(_Frame(value, path))


def _place(stack: list[_Frame], document: YamlDocument, value: Any, raw: str | None, line: int) -> KeyPath:
    """Put a value where the parser is (the root, a list item, a mapping key or value); return its key path."""
    if not stack:
        document.data = value
        document.lines.setdefault((), line)
        return ()
    top = stack[-1]
    if isinstance(top.container, list):
        path: KeyPath = (*top.path, len(top.container))
        document.lines.setdefault(path, line)
        top.container.append(value)
        return path
    if top.key is _NO_KEY:  # this value is a key
        if raw is None:
            raise YamlSyntaxError("a key must be a plain value, not a list or a mapping", line)
        if raw in top.seen:
            document.duplicates.append(Duplicate(raw, line, top.path))
        top.seen.add(raw)
        top.key = (value, raw)
        key_path: KeyPath = (*top.path, raw)
        document.lines[key_path] = line
        return top.path
    key, key_text = top.key
    top.key = _NO_KEY
    if key == "<<" and key_text == "<<":
        raise YamlSyntaxError("merge keys (<<) are not allowed: write the keys out in full", line)
    try:
        top.container[key] = value
    except TypeError:
        raise YamlSyntaxError("a key must be a plain value", line) from None
    return (*top.path, key_text)


def _never_closed(problem: str) -> bool:
    """A bracket, block or quote left open: libyaml says "did not find expected ...", the pure-Python parser
    "expected ..., but found ..." for the same error; both name the end of the stream when it ran out."""
    return "<stream end>" in problem or "did not find expected" in problem or problem.startswith("expected ")


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse safely (no Python objects, no tags, no aliases, bounded depth); raise YamlSyntaxError on bad input."""
    _check_text(text)
    document = YamlDocument(path=path, data=None)
    try:
        _compose(text, document)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and _never_closed(str(error.problem)):
            mark = error.context_mark  # "never closed": where it was opened is where to look
        problem = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        raise YamlSyntaxError(problem, mark.line + 1 if mark is not None else None) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), None) from None
    except (ValueError, OverflowError) as error:  # a scalar the constructor cannot build (a bad date, say)
        raise YamlSyntaxError(str(error), None) from None
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
