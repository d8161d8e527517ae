"""Read YAML (or JSON) safely and remember the line of every key, so errors can say `file:line`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], duplicates: list[Duplicate]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
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


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse with the safe loader only (no Python objects, no tags); raise YamlSyntaxError on bad syntax."""
    loader = yaml.SafeLoader(text)
    try:
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
    finally:
        loader.dispose()
    document = YamlDocument(path=path, data=data)
    if node is not None:
        _walk(node, (), document.lines, document.duplicates)
    return document


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is allowed); raise UnicodeDecodeError or OSError to the caller."""
    return path.read_text(encoding="utf-8-sig")
