"""Finding concepts in free text: case-insensitive, on word boundaries, with light normalisation, negation-aware.

A written answer names a concept when one of its phrases occurs in the text. Phrases and text are normalised alike
(lower case, hyphens, underscores and slashes read as spaces, runs of spaces collapsed), so "PR-AUC", "pr auc" and
"PR AUC" are the same phrase. Where phrases overlap the longest wins ("average precision" is not also "precision").

Each mention has a polarity. "Avoid accuracy", "not accuracy", "instead of accuracy" and "accuracy is misleading"
name accuracy only to reject it (`negated`); "99.8 % accuracy" describes a number and claims nothing
(`descriptive`); anything else is a claim (`affirmed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Polarity = Literal["affirmed", "negated", "descriptive"]

_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[-_/\u2010-\u2015]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# Where one claim ends and the next begins: a negation does not reach across these.
_CLAUSE_BREAK = re.compile(r"[.;:!?,()\[\]\n]|\b(?:but|however|whereas|although|though|instead)\b(?!\s+of)")
_WORD = re.compile(r"[a-z0-9@%+.']+")
_NEGATORS = frozenset(
    {
        "not", "no", "never", "avoid", "avoids", "avoiding", "avoided", "without", "excluding", "exclude",
        "excludes", "against", "nor", "neither", "skip", "ignore", "drop", "ditch", "reject", "rejecting",
        "don't", "dont", "doesn't", "won't", "shouldn't", "wouldn't", "can't", "cannot", "isn't", "aren't",
        "beware", "forget", "unlike",
    }
)  # fmt: skip
# Phrases that contain a negator but do not negate what follows.
_NOT_NEGATING = re.compile(
    r"\b(?:not only|not just|(?:do not|don't|never) forget(?: to)?|no matter|no doubt|whether or not|"
    r"if not|nothing beats|cannot ignore|can't ignore)\b"
)
# "accuracy is misleading", "accuracy would be a poor choice", "accuracy misleads".
_NEGATIVE_VERDICT = re.compile(
    r"^\s*(?:\S+\s+){0,2}?(?:(?:is|are|was|would|will|can|could|may|might|seems|looks|becomes)\s+(?:be\s+)?"
    r"(?:\S+\s+){0,2}?(?:not|never|misleading|useless|meaningless|pointless|inappropriate|uninformative|wrong|"
    r"bad|poor|worthless|deceptive|a trap|unsuitable|unreliable|broken|irrelevant)\b"
    r"|(?:misleads|mislead|fails|hides|lies|breaks down)\b|isn't\b|aren't\b)"
)
_NEGATING_PAIR = re.compile(r"\b(?:rather than|instead of|in place of|as opposed to)\b")
_NUMBER = re.compile(r"[\d.,]*\d[\d.,]*%?|%")
_NEGATION_WINDOW = 4
_JOINERS = frozenset({"and", "then", "so", "plus", "also"})


def normalise(text: str) -> str:
    """Lower case, typographic quotes made plain, hyphens and slashes as spaces, spaces collapsed."""
    return normalise_mapped(text)[0]


def normalise_mapped(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of the original character it came from."""
    characters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text.translate(_QUOTES)):
        for lowered in _SEPARATORS.sub(" ", character.lower()):
            if lowered.isspace() and (not characters or characters[-1] == " "):
                continue  # runs of spaces collapse into one
            characters.append(" " if lowered.isspace() else lowered)
            origin.append(index)
    while characters and characters[-1] == " ":
        characters.pop()
        origin.pop()
    return "".join(characters), origin


@dataclass(frozen=True)
class Mention:
    """One occurrence of a concept's phrase in the normalised text."""

    key: str
    phrase: str
    start: int
    end: int
    polarity: Polarity
    snippet: str


def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])")


@dataclass(frozen=True)
class PhraseBook:
    """Every phrase of every concept, compiled once; phrases are matched longest first."""

    entries: tuple[tuple[str, str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, concepts: Mapping[str, Iterable[str]]) -> PhraseBook:
        seen: set[tuple[str, str]] = set()
        entries = []
        for key in sorted(concepts):
            for phrase in concepts[key]:
                normal = normalise(phrase)
                if normal and (key, normal) not in seen:
                    seen.add((key, normal))
                    entries.append((key, normal))
        entries.sort(key=lambda pair: (-len(pair[1]), pair[1], pair[0]))
        return cls(tuple((key, phrase, _pattern(phrase)) for key, phrase in entries))

    def mentions(self, text: str) -> list[Mention]:
        """Every concept mention in `text`, in order of position; a longer phrase hides the shorter ones inside it."""
        normal, origin = normalise_mapped(text)
        claimed: list[tuple[int, int, str]] = []  # spans found so far (longest first), and their phrase
        found: list[Mention] = []
        for key, phrase, pattern in self.entries:
            for match in pattern.finditer(normal):
                start, end = match.span()
                if any(left <= start and end <= right and taken != phrase for left, right, taken in claimed):
                    continue  # inside a longer phrase ("precision" in "average precision")
                claimed.append((start, end, phrase))
                snippet = _snippet(text, origin[start], origin[end - 1] + 1)
                found.append(Mention(key, phrase, start, end, polarity(normal, start, end), snippet))
        found.sort(key=lambda mention: (mention.start, mention.key))
        return found


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, start):
        if match.group(0) == "." and _is_decimal_point(text, match.start()):
            continue
        left = match.end()
    right = len(text)
    for match in _CLAUSE_BREAK.finditer(text, end):
        if match.group(0) == "." and _is_decimal_point(text, match.start()):
            continue
        right = match.start()
        break
    return left, right


def _is_decimal_point(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def polarity(text: str, start: int, end: int) -> Polarity:
    """Whether the mention at text[start:end] is claimed, rejected, or only describes a number."""
    left, right = _clause_bounds(text, start, end)
    before = _NOT_NEGATING.sub(" ", text[left:start])
    words = _WORD.findall(before)
    if words and _NUMBER.fullmatch(words[-1]):
        # "99.8 % accuracy", "0.998 accuracy": a number read off, not a choice of metric.
        return "descriptive"
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _JOINERS:
            words = words[index + 1 :]  # "avoid leakage and use boosting": the negation stays with leakage
            break
    window = words[-_NEGATION_WINDOW:]
    if any(word in _NEGATORS or word.endswith("n't") for word in window):
        return "negated"
    if _NEGATING_PAIR.search(" ".join(words[-3:])) or "over" in words[-2:]:
        return "negated"
    if _NEGATIVE_VERDICT.match(text[end:right]):
        return "negated"
    return "affirmed"


def _snippet(text: str, start: int, end: int, width: int = 30) -> str:
    """The mention with a few words either side, from the text as written, on one line."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left:
        left = text.find(" ", left, start) + 1 or left  # start and end on whole words
    if right < len(text):
        right = text.rfind(" ", end, right) if text.rfind(" ", end, right) > 0 else right
    body = " ".join(text[left:right].split())
    return ("..." if left else "") + body + ("..." if right < len(text) else "")
