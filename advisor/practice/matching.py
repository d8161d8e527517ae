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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Polarity = Literal["affirmed", "negated", "descriptive"]

_SPACES = re.compile(r"\s+")
# Hyphens, underscores, slashes and the typographic dashes read as spaces.
_SEPARATORS = frozenset("-_/" + "".join(chr(code) for code in range(0x2010, 0x2016)))
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
_ALNUM = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"[\d.,]*\d[\d.,]*%?|%")
_NEGATION_WINDOW = 4
# How far around a mention its polarity is read: a few words are enough, and a bound keeps matching linear.
_LOOK = 160
_JOINERS = frozenset({"and", "then", "so", "plus", "also"})


def normalise(text: str) -> str:
    """Lower case, typographic quotes made plain, hyphens and slashes as spaces, spaces collapsed."""
    return normalise_mapped(text)[0]


def normalise_mapped(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of the original character it came from."""
    characters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text.translate(_QUOTES)):
        for lowered in character.lower():
            space = lowered in _SEPARATORS or lowered.isspace()
            if space and (not characters or characters[-1] == " "):
                continue  # runs of spaces collapse into one
            characters.append(" " if space else lowered)
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


@dataclass(frozen=True)
class PhraseBook:
    """Every phrase of every concept, indexed by its first word; where phrases overlap the longest wins.

    Finding mentions is linear in the text's length: one pass over the text's words looks up the phrases that start
    with each word, a position remembers how far the longer phrases claimed around it reach, and clause breaks are
    found once per text.
    """

    keys_of: Mapping[str, tuple[str, ...]]
    by_first_word: Mapping[str, tuple[str, ...]]
    # Whether a longer phrase hides shorter ones of its own key only (families of cues scanned together) rather
    # than of every key (concepts: "average precision" is not also "precision").
    per_key: bool = False

    @classmethod
    def build(cls, concepts: Mapping[str, Iterable[str]], *, per_key: bool = False) -> PhraseBook:
        keys_of: dict[str, list[str]] = {}
        for key in sorted(concepts):
            for phrase in concepts[key]:
                normal = normalise(phrase)
                if _ALNUM.match(normal) and key not in keys_of.setdefault(normal, []):
                    keys_of[normal].append(key)
        by_first_word: dict[str, list[str]] = {}
        for phrase in sorted(keys_of, key=lambda phrase: (-len(phrase), phrase)):
            first = _ALNUM.match(phrase)
            assert first is not None  # phrases that start with no letter or digit are left out above
            by_first_word.setdefault(first.group(0), []).append(phrase)
        return cls(
            {phrase: tuple(keys) for phrase, keys in keys_of.items()},
            {word: tuple(phrases) for word, phrases in by_first_word.items()},
            per_key,
        )

    def mentions(self, text: str) -> list[Mention]:
        """Every concept mention in `text`, in order of position; a longer phrase hides the shorter ones inside it."""
        return self.find(Reading.of(text))

    def find(self, reading: Reading) -> list[Mention]:
        """The mentions in a text already read (normalised once for several phrase books)."""
        normal, origin, text = reading.normal, reading.origin, reading.text
        length = len(normal)
        spans: list[tuple[int, int, str]] = []
        for word in _ALNUM.finditer(normal):
            start = word.start()
            for phrase in self.by_first_word.get(word.group(0), ()):
                end = start + len(phrase)
                if normal.startswith(phrase, start) and (end == length or not _is_alnum(normal[end])):
                    spans.append((start, end, phrase))
        spans.sort(key=lambda span: (span[0] - span[1], span[2], span[0]))  # longest first, as one scan per phrase
        # reach[i]: the furthest end of a phrase claimed so far that covers position i (longer phrases come first),
        # one array for all keys, or one per key.
        reaches: dict[str, list[int]] = {}
        found: list[Mention] = []
        for start, end, phrase in spans:
            keys = []
            scopes: dict[str, list[str]] = {}  # one scope for all keys, or one per key
            for key in self.keys_of[phrase]:
                scopes.setdefault(key if self.per_key else "", []).append(key)
            for scope, scoped in scopes.items():
                reach = reaches.get(scope)
                if reach is None:
                    reach = reaches[scope] = [0] * (length + 1)
                if reach[start] >= end:
                    continue  # inside a longer phrase ("precision" in "average precision")
                for index in range(start, end):
                    reach[index] = max(reach[index], end)
                keys += scoped
            if not keys:
                continue
            snippet = _snippet(text, origin[start], origin[end - 1] + 1)
            sense = polarity(normal, start, end, reading.clauses)
            found.extend(Mention(key, phrase, start, end, sense, snippet) for key in keys)
        found.sort(key=lambda mention: (mention.start, mention.key))
        return found


@dataclass(frozen=True)
class Reading:
    """A text as written, normalised (with the origin of each character) and cut into clauses, once."""

    text: str
    normal: str
    origin: list[int]
    clauses: ClauseBreaks

    @classmethod
    def of(cls, text: str) -> Reading:
        normal, origin = normalise_mapped(text)
        return cls(text, normal, origin, ClauseBreaks.of(normal))


def _is_alnum(character: str) -> bool:
    return "a" <= character <= "z" or "0" <= character <= "9"


@dataclass(frozen=True)
class ClauseBreaks:
    """Where the clauses of a normalised text end, found once so each mention looks its clause up by bisection."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> ClauseBreaks:
        spans = [
            match.span()
            for match in _CLAUSE_BREAK.finditer(text)
            if not (match.group(0) == "." and _is_decimal_point(text, match.start()))
        ]
        return cls(tuple(start for start, _ in spans), tuple(end for _, end in spans))

    def bounds(self, start: int, end: int, length: int) -> tuple[int, int]:
        """The clause around text[start:end]: after the last break ending before it, up to the next break."""
        before = bisect_right(self.starts, start - 1) - 1
        left = 0
        # the last break that ends at or before `start` (a break never overlaps a mention)
        while before >= 0 and self.ends[before] > start:
            before -= 1
        if before >= 0:
            left = self.ends[before]
        after = bisect_left(self.starts, end)
        right = self.starts[after] if after < len(self.starts) else length
        return left, right


def _is_decimal_point(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def polarity(text: str, start: int, end: int, clauses: ClauseBreaks | None = None) -> Polarity:
    """Whether the mention at text[start:end] is claimed, rejected, or only describes a number."""
    left, right = (clauses or ClauseBreaks.of(text)).bounds(start, end, len(text))
    before = _NOT_NEGATING.sub(" ", text[max(left, start - _LOOK) : start])
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
    if _NEGATIVE_VERDICT.match(text[end : min(right, end + _LOOK)]):
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
