"""The key concepts that count as naming an item of the advice in a written answer.

`scenarios/concepts.yaml` maps each catalog item (`metric:pr_auc`) and derived fact (`derived:rare_positives`,
`derived:serving_mode=online`) to the phrases that name it. An item without an entry falls back to its catalog
label and the catalog's synonyms, so a new rule is scored from the day it is written, if more bluntly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from advisor.errors import KnowledgeError
from advisor.util.yaml_source import YamlSyntaxError, parse_yaml, read_text

if TYPE_CHECKING:
    from pathlib import Path

    from advisor.knowledge.base import KnowledgeBase

CONCEPTS_FILE = "concepts.yaml"
DERIVED = "derived"
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")


@dataclass(frozen=True)
class ConceptBook:
    """Phrases per concept key, as written in concepts.yaml."""

    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    path: Path | None = None

    def has(self, key: str) -> bool:
        return bool(self.phrases.get(key))

    def phrases_for(self, key: str, knowledge: KnowledgeBase) -> tuple[str, ...]:
        """The phrases of `key`; without an entry, the catalog label (and its bracketed part) and synonyms."""
        if self.has(key):
            return self.phrases[key]
        category, _, item = key.partition(":")
        if category == DERIVED:
            name, _, value = item.partition("=")
            return tuple(part.replace("_", " ") for part in (value or name,))
        found = knowledge.catalog.get(category, item)
        if found is None:
            return (item.replace("_", " "),)
        bracketed = _PARENTHESIS.findall(found.label)
        return (_PARENTHESIS.sub("", found.label), *bracketed, *found.synonyms)


def derived_key(fact: str, value: object) -> str | None:
    """The concept key of a derived fact's value: `derived:on_device` for true, `derived:serving_mode=online`."""
    name = fact.removeprefix("derived.")
    if value is True:
        return f"{DERIVED}:{name}"
    if isinstance(value, str):
        return f"{DERIVED}:{name}={value}"
    return None  # false or a number: nothing a candidate would name


def load_concepts(knowledge: KnowledgeBase) -> ConceptBook:
    """Read `scenarios/concepts.yaml` of the rule base; a missing file gives an empty book (labels only)."""
    path = knowledge.root / "scenarios" / CONCEPTS_FILE
    if not path.is_file():
        return ConceptBook()
    try:
        document = parse_yaml(read_text(path), path)
    except (OSError, UnicodeDecodeError) as error:
        raise KnowledgeError(f"cannot read: {error}", file=path) from None
    except YamlSyntaxError as error:
        raise KnowledgeError(f"invalid YAML: {error.problem}", file=path, line=error.line) from None
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict):
        raise KnowledgeError("expected a mapping 'concepts:' of category:item to a list of phrases", file=path)
    if document.duplicates:
        duplicate = document.duplicates[0]
        raise KnowledgeError(f"key '{duplicate.key}' appears twice", file=path, line=duplicate.line)
    phrases: dict[str, tuple[str, ...]] = {}
    for key, listed in data["concepts"].items():
        line = document.line_of(("concepts", key))
        if not isinstance(key, str) or ":" not in key:
            raise KnowledgeError(f"'{key}' is not a concept key", file=path, line=line, hint="write category:item")
        if not isinstance(listed, list) or not listed or not all(isinstance(p, str) and p.strip() for p in listed):
            raise KnowledgeError("expected a non-empty list of phrases", file=path, line=line, item=key)
        phrases[key] = tuple(listed)
    return ConceptBook(phrases, path)


def unknown_concept_keys(book: ConceptBook, knowledge: KnowledgeBase) -> list[str]:
    """Keys of the book that name no catalog item or derived fact value (typos, removed items)."""
    known = set(knowledge.catalog.item_keys())
    for name, fact in knowledge.derived.items():
        if fact.type == "bool":
            known.add(f"{DERIVED}:{name}")
        known |= {f"{DERIVED}:{name}={value}" for value in fact.values}
    return sorted(key for key in book.phrases if key not in known)
