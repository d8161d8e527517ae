"""The bibliography: every public source rules and questions cite, by key (`rules/sources.yaml`).

A rule's `sources` are citations: a key of the bibliography, optionally followed by ": " and a locator that names the
place in the source, e.g. `google-rules-of-ml: #33` or `gdpr: art. 22`. The report lists each cited entry once, in a
References section, and links every recommendation to its entries.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import KnowledgeError

SOURCE_KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LOCATOR_SEPARATOR = ": "


class Source(BaseModel):
    """One public source: what a reader needs to find it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=3)
    author: str = Field(min_length=2, description="The author, or the body that publishes it.")
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: str | None = Field(default=None, pattern=r"^https?://[^\s<>\"'`]+$")
    note: str | None = None


class Citation(BaseModel):
    """A citation as a rule writes it: the bibliography key and, optionally, where in the source."""

    model_config = ConfigDict(frozen=True)

    key: str
    locator: str | None = None

    @classmethod
    def parse(cls, text: str) -> Citation:
        key, separator, locator = text.partition(LOCATOR_SEPARATOR)
        return cls(key=key.strip(), locator=locator.strip() or None if separator else None)

    def __str__(self) -> str:
        return f"{self.key}{LOCATOR_SEPARATOR}{self.locator}" if self.locator else self.key


class Bibliography(BaseModel):
    """The entries of `sources.yaml`, by key, in file order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: dict[str, Source] = Field(default_factory=dict)

    def get(self, key: str) -> Source | None:
        return self.entries.get(key)

    def keys(self) -> list[str]:
        return list(self.entries)


def cited_keys(sources: list[str]) -> list[str]:
    """The bibliography keys a list of citations names, each once, in order."""
    return list(dict.fromkeys(Citation.parse(text).key for text in sources))


class UnknownSource(KnowledgeError):
    """A citation whose key is not in the bibliography (the linter's `source` check)."""
