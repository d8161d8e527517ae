"""How well one mention of a rubric item is argued: with a reason, merely named, one entry of a list, or a hedge.

Credit needs a reason. A mention earns full credit when its sentence gives one (a cue such as "because" or "to
avoid", a number from the scenario, a key fact of the scenario, or a word of the rule's own rationale), half when
it is merely named, and nothing as one entry of an unexplained list. A primary choice named among many alternatives
("accuracy, F1, ROC-AUC, PR-AUC, log loss") is a hedge: it earns nothing unless the answer says which one is primary.
The cues are data (`scenarios/judgement.yaml`); this module only reads one text once and answers per mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from advisor.practice.judgement import Judgement
from advisor.practice.matching import Mention, normalise
from advisor.practice.rubric import CHOICE_CATEGORIES, RubricItem

_SENTENCE_END = re.compile(r"[.!?\n]")
_WORD = re.compile(r"[a-z][a-z']+")
_NUMBER = re.compile(r"(?<![a-z])\d[\d.,]*")
_LIST_PUNCTUATION = re.compile(r"[,/&()+:\-\[\]]")
STEM = 5  # words of the rationale and the answer are compared on their first letters ("leak", "leakage")
PRIMARY_REACH = 60  # characters around a mention where "primary", "main"... state the choice
SUBSTANCE = 3  # distinctive words a sentence needs besides its concepts for "because ..." to be a reason


@dataclass(frozen=True)
class ScenarioFacts:
    """What ties an answer to this scenario: its distinctive words, its numbers, its key facts (derived keys)."""

    words: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()
    keys: frozenset[str] = frozenset()

    @classmethod
    def of(cls, told: str, values: dict[str, object], keys: frozenset[str], generic: frozenset[str]) -> ScenarioFacts:
        """From the question and its brief: "0.2 %" ties to a positive share of 0.002, "50 ms" to a 50 ms budget."""
        numbers: set[float] = set()
        for value in values.values():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                numbers |= {float(value), round(float(value) * 100, 6)}  # a share is said in percent
        numbers |= {number for match in _NUMBER.finditer(told) if (number := _number(match.group(0))) is not None}
        return cls(stems(told, generic), frozenset(numbers), keys)

    def has_number(self, text: str) -> bool:
        number = _number(text)
        return number is not None and any(abs(number - known) <= 1e-9 * max(1.0, known) for known in self.numbers)


def _number(text: str) -> float | None:
    cleaned = text.rstrip(".,").replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


@dataclass(frozen=True)
class Credit:
    share: float  # 0, 0.5 or 1 of the item's weight
    note: str | None  # why it is less than full


def stems(text: str, generic: frozenset[str]) -> frozenset[str]:
    """The distinctive words of a text (five letters or more, not generic), cut to their first letters."""
    words = _WORD.findall(normalise(text))
    return frozenset(word[:STEM] for word in words if len(word) >= STEM and word not in generic)


class StepText:
    """One step's answer, read once: its sentences, the lists in them, and the cues of reasons and choices."""

    def __init__(
        self,
        normal: str,
        mentions: list[Mention],
        cues: list[Mention],
        judgement: Judgement,
        facts: ScenarioFacts | None = None,
    ) -> None:
        self.normal = normal
        self.judgement = judgement
        self.facts = facts if facts is not None else ScenarioFacts()
        ends = [match.start() for match in _SENTENCE_END.finditer(normal) if not _decimal(normal, match.start())]
        self.starts = [0, *(end + 1 for end in ends)]
        count = len(self.starts)
        self.reasoned = [False] * count  # tied to the scenario: a number, a key fact
        self.connected = [False] * count  # a connective: "because", "to avoid"...
        self.free_words: list[set[str]] = [set() for _ in range(count)]
        self.warned = [False] * count
        self.primary_at: list[list[int]] = [[] for _ in range(count)]
        for cue in cues:
            index = self.sentence_of(cue.start)
            if cue.key == "reason":
                self.connected[index] = True
            elif cue.key == "warning":
                self.warned[index] = True
            elif cue.key == "primary":
                self.primary_at[index].append(cue.start)
        self._read_free_text(mentions)
        self.negated: set[tuple[int, str]] = set()
        self.run_of: dict[tuple[int, str], tuple[int, int]] = {}  # (start, key) -> (entries, entries of its category)
        self._find_lists(mentions)

    def polarity(self, mention: Mention) -> str:
        """The mention's polarity, negated too when an earlier entry of its list is."""
        return "negated" if (mention.start, mention.key) in self.negated else mention.polarity

    def sentence_of(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def sentence_span(self, index: int) -> tuple[int, int]:
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.normal)
        return self.starts[index], end

    def _read_free_text(self, mentions: list[Mention]) -> None:
        """Words outside every mention, per sentence; a number or a key fact of the scenario there is a reason."""
        covered = [False] * (len(self.normal) + 1)
        for mention in mentions:
            if mention.key in self.facts.keys:
                self.reasoned[self.sentence_of(mention.start)] = True  # tied to a fact of the scenario
            for index in range(mention.start, mention.end):
                covered[index] = True
        generic = self.judgement.generic_words
        for match in _WORD.finditer(self.normal):
            word = match.group(0)
            if not covered[match.start()] and len(word) >= STEM and word not in generic:
                self.free_words[self.sentence_of(match.start())].add(word[:STEM])
        for match in _NUMBER.finditer(self.normal):
            if not covered[match.start()] and self.facts.has_number(match.group(0)):
                self.reasoned[self.sentence_of(match.start())] = True  # "0.2 %", "50 ms": this scenario's numbers

    def _find_lists(self, mentions: list[Mention]) -> None:
        """Runs of mentions with only commas, slashes and joiners ("and", "or", "etc") between them."""
        run: list[Mention] = []

        def close() -> None:
            keys = list(dict.fromkeys(mention.key for mention in run))
            entries, reach = 0, -1
            for mention in run:  # words that name two concepts at once are one entry
                entries += mention.start >= reach
                reach = max(reach, mention.end)
            # "avoid k-NN and a kernel SVM": a negation covers the entries joined to it by words ("and", "or"),
            # not those after a comma ("rather than resampling, hyperparameter search on ...") nor after "over"
            # ("counts over rolling windows and hour of day").
            first = run[0]
            if first.polarity == "negated" and not self.normal[: first.start].endswith("over "):
                previous = first
                for mention in run:
                    if mention is not first and "," in self.normal[previous.end : mention.start]:
                        break
                    self.negated.add((mention.start, mention.key))
                    previous = mention
            for mention in run:
                category = mention.key.split(":", 1)[0]
                same = sum(1 for key in keys if key.split(":", 1)[0] == category)
                self.run_of[(mention.start, mention.key)] = (entries, same)

        for mention in sorted(mentions, key=lambda found: (found.start, found.key)):
            if run and not self._joined(run[-1], mention):
                close()
                run = []
            run.append(mention)
        if run:
            close()

    def _joined(self, previous: Mention, current: Mention) -> bool:
        if current.start <= previous.end:
            return True  # the same words named two concepts
        if self.sentence_of(previous.start) != self.sentence_of(current.start):
            return False
        gap = _LIST_PUNCTUATION.sub(" ", self.normal[previous.end : current.start]).split()
        return all(word in self.judgement.list_joiners for word in gap)

    def credit(self, item: RubricItem, mention: Mention, because: frozenset[str]) -> Credit:
        judgement = self.judgement
        sentence = self.sentence_of(mention.start)
        words = self.free_words[sentence]
        tied = self.reasoned[sentence] or bool(because & words) or bool(self.facts.words & words)
        # A connective needs something behind it: "because this matters" gives no reason.
        argued = self.connected[sentence] and len(words) >= SUBSTANCE
        reasoned = tied or argued
        entries, same = self.run_of.get((mention.start, mention.key), (1, 1))
        listed = entries >= judgement.list_length
        if item.kind == "derived":
            return Credit(0.0, "one entry of an unexplained list") if listed and not reasoned else Credit(1.0, None)
        if listed:
            hedge = same >= judgement.hedge_length and item.key.split(":", 1)[0] in CHOICE_CATEGORIES
            if hedge and item.kind == "primary" and not self._stated(mention, sentence):
                return Credit(0.0, f"a hedge: one of {same} alternatives listed; say which one you choose and why")
            if reasoned and entries >= judgement.hedge_length and not self._stated(mention, sentence):
                return Credit(0.0, f"one of {entries} entries of a list: one reason for all is a reason for none")
            if reasoned:
                return Credit(0.5, "named in a list: the reason given is for the list, not for this item")
            return Credit(0.0, "one entry of an unexplained list")
        return Credit(1.0, None) if reasoned else Credit(0.5, "named without a reason")

    def in_list(self, mention: Mention) -> bool:
        """Whether the mention is one entry of a list of alternatives with no choice stated near it."""
        entries, _ = self.run_of.get((mention.start, mention.key), (1, 1))
        return entries >= self.judgement.list_length and not self._stated(mention, self.sentence_of(mention.start))

    def stated(self, mention: Mention) -> bool:
        """Whether the answer says near the mention that it is the choice ("as the primary metric")."""
        return self._stated(mention, self.sentence_of(mention.start))

    def _stated(self, mention: Mention, sentence: int) -> bool:
        return any(abs(position - mention.start) <= PRIMARY_REACH for position in self.primary_at[sentence])


def _decimal(text: str, index: int) -> bool:
    return text[index] == "." and 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
