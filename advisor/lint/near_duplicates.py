"""Near-duplicates: two rules, questions, checklist items or catalog labels that say the same thing in other words.

A report that shows "Expected business cost" next to "Decision threshold from business costs", or asks the same open
question twice, reads as padding. Two texts are near-identical when, after lower-casing and dropping punctuation,
their word sets overlap by a Jaccard index of at least `JACCARD_THRESHOLD` (0.8) or difflib's ratio of the word
sequences is at least `RATIO_THRESHOLD` (0.85). Texts of fewer than `MIN_WORDS` words (most catalog labels) are
near-identical only with the same words: one shared word is already a large share of two, and "Precision@k" is not
"Precision"; for catalog labels only the word overlap counts. Rule texts are compared only between rules that can
fire together (one report never shows both otherwise) and that show something (a rule that only derives a fact has
no title in any report). Three texts or more with the same words give one warning that lists them all (see
`GROUP`), not one per pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.knowledge.conditions import Condition
from advisor.knowledge.rules import Rule
from advisor.lint.findings import Finding
from advisor.lint.satisfiability import Solver

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

JACCARD_THRESHOLD = 0.8
RATIO_THRESHOLD = 0.85
MIN_WORDS = 4
# Below this word overlap the character ratio is not computed: it cannot reach RATIO_THRESHOLD in practice, and
# skipping it keeps the check to a second on the whole base.
RATIO_PREFILTER = 0.5
CHECK = "near_duplicate"
# Texts with the same words, this many or more, give one warning that lists them rather than one per pair: generated
# or copied rules can share a title thousands of times.
GROUP = 3
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Text:
    """One text that can be shown to a reader, and where it is defined."""

    kind: str  # what the text is: "rule title", "rationale", "open question", "checklist item", "catalog label"
    text: str
    item: str  # the rule, question or catalog item that holds it
    file: Path
    line: int | None
    rule: Rule | None = None


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def similarity(first: str, second: str) -> tuple[float, float]:
    """(token Jaccard, difflib ratio) of two texts, both in [0, 1], after normalising case and punctuation.

    The ratio is reported as 0 when the word overlap is below `RATIO_PREFILTER` (it is not computed there)."""
    words_a, words_b = _words(first), _words(second)
    set_a, set_b = set(words_a), set(words_b)
    jaccard = len(set_a & set_b) / len(set_a | set_b) if set_a | set_b else 1.0
    if jaccard < RATIO_PREFILTER:
        return jaccard, 0.0
    return jaccard, SequenceMatcher(None, " ".join(words_a), " ".join(words_b), autojunk=False).ratio()


def near_identical(first: str, second: str, *, names: bool = False) -> bool:
    """Whether two texts say the same thing by the thresholds above. For `names` (catalog labels) only the word
    overlap counts: 'Mean absolute scaled error' and 'Mean absolute error' are close in letters, not in meaning."""
    if min(len(_words(first)), len(_words(second))) < MIN_WORDS:
        return set(_words(first)) == set(_words(second))
    jaccard, ratio = similarity(first, second)
    return jaccard >= JACCARD_THRESHOLD or (ratio >= RATIO_THRESHOLD and not names)


def _texts(knowledge: KnowledgeBase) -> dict[str, list[Text]]:
    """The texts a report can show, grouped by what is compared with what."""
    groups: dict[str, list[Text]] = {"title": [], "because": [], "question": [], "checklist": [], "label": []}
    for rule in knowledge.rules:
        path, line = knowledge.origin("rule", rule.id)
        item = f"rule {rule.id}"
        if rule.recommendations() or rule.exclusions() or rule.risks():
            groups["title"].append(Text("rule title", rule.title, item, path, line, rule))
            groups["because"].append(Text("rationale", rule.because, item, path, line, rule))
        groups["question"] += [Text("open question", text, item, path, line, rule) for text in rule.open_questions()]
        groups["checklist"] += [Text("checklist item", text, item, path, line, rule) for text in rule.checklist_items()]
    for question in knowledge.questions:
        # A skipped question becomes an open question in the report, worded as its prompt.
        path, line = knowledge.origin("question", question.id)
        groups["question"].append(Text("question prompt", question.prompt, f"question {question.id}", path, line))
    for category, items in knowledge.catalog.items.items():
        for item_id, entry in items.items():
            key = f"{category.value}:{item_id}"
            path, line = knowledge.origin("item", key)
            groups["label"].append(Text("catalog label", entry.label, f"item {key}", path, line))
    return groups


def _same_words(texts: list[Text]) -> dict[frozenset[str], list[int]]:
    """The texts' indexes grouped by word set, in order."""
    groups: dict[frozenset[str], list[int]] = {}
    for index, text in enumerate(texts):
        groups.setdefault(_word_set(text.text), []).append(index)
    return groups


def _candidate_pairs(texts: list[Text], excluded: set[str], grouped: int | None = None) -> list[tuple[int, int]]:
    """The index pairs (i < j, sorted) that can be near-identical, without comparing every pair.

    Texts with the same word set are always near-identical (a Jaccard index of 1), so they are grouped first. Texts
    with different word sets are near-identical only when both have `MIN_WORDS` words or more and their word sets
    overlap by at least `RATIO_PREFILTER`; such sets share a word among the first |words| // 2 + 1 of each, in one
    global order of words from rare to common (the prefix filter of set-similarity joins), so only groups that
    share such a word are compared. A pair of two rule texts where either rule is in `excluded` never counts. With
    `grouped`, pairs within a group of that many texts with the same words or more are left out (they are reported
    as a group); pairs between groups are not.
    """
    groups = _same_words(texts)
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        if grouped is None or len(members) < grouped:
            pairs += _pairs_within(texts, members, excluded)
    # A group counts as long when any member is (word sets ignore repeats; `near_identical` counts words).
    long_sets = [words for words, members in groups.items() if any(_is_long(texts[at].text) for at in members)]
    frequency: dict[str, int] = {}
    for words in long_sets:
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    index_of: dict[str, list[int]] = {}
    for position, words in enumerate(long_sets):
        ordered = sorted(words, key=lambda word: (frequency[word], word))
        for word in ordered[: len(ordered) // 2 + 1]:
            index_of.setdefault(word, []).append(position)
    compared: set[tuple[int, int]] = set()
    for positions in index_of.values():
        for left_at, left in enumerate(positions):
            for right in positions[left_at + 1 :]:
                compared.add((left, right))
    for left, right in compared:
        for first in groups[long_sets[left]]:
            for second in groups[long_sets[right]]:
                if _may_pair(texts[first], texts[second], excluded):
                    pairs.append((min(first, second), max(first, second)))
    return sorted(pairs)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(_words(text))


def _is_long(text: str) -> bool:
    return len(_words(text)) >= MIN_WORDS


def _may_pair(first: Text, second: Text, excluded: set[str]) -> bool:
    if first.rule is None or second.rule is None:
        return True
    return first.rule.id not in excluded and second.rule.id not in excluded


def _pairs_within(texts: list[Text], members: list[int], excluded: set[str]) -> Iterator[tuple[int, int]]:
    """Every pair of one group, except two rule texts where either rule is excluded (there can be many of those:
    generated or copied rules share their titles)."""
    free = [index for index in members if texts[index].rule is None]
    for position, first in enumerate(members):
        text = texts[first]
        if text.rule is not None and text.rule.id in excluded:
            yield from ((first, second) if first < second else (second, first) for second in free)
            continue
        for second in members[position + 1 :]:
            other = texts[second]
            if other.rule is None or other.rule.id not in excluded:
                yield (first, second)
            elif text.rule is None:
                pass  # counted from the excluded text's side, with `free`


def check_near_duplicates(knowledge: KnowledgeBase, solver: Solver) -> Iterator[Finding]:
    """A warning for every pair of near-identical texts of the same kind, at the later of the two; one for each group
    of GROUP texts or more with the same words, at the first of them."""
    expanded: dict[str, Condition] = {}

    def together(first: Rule | None, second: Rule | None) -> bool:
        if first is None or second is None:
            return True
        if first.id in solver.broken or second.id in solver.broken:
            return False
        for rule in (first, second):
            expanded.setdefault(rule.id, solver.expanded(rule))
        return solver.jointly_satisfiable(expanded[first.id], expanded[second.id]) is not False

    for texts in _texts(knowledge).values():
        for first_at, second_at in _candidate_pairs(texts, solver.broken, GROUP):
            first, second = texts[first_at], texts[second_at]
            if first.item == second.item:
                continue  # one rule's own texts are shown together on purpose
            names = first.kind == "catalog label"
            if near_identical(first.text, second.text, names=names) and together(first.rule, second.rule):
                jaccard, ratio = similarity(first.text, second.text)
                yield Finding(
                    "warning",
                    CHECK,
                    f"{second.kind} '{_short(second.text)}' is near-identical to the {first.kind} of {first.item} "
                    f"(word overlap {jaccard:.2f}, character ratio {ratio:.2f})",
                    str(second.file),
                    second.line,
                    second.item,
                    None,
                    "merge the two, or reword one so that it says what only it says",
                )
        for members in _same_words(texts).values():
            if len(members) >= GROUP:
                yield from _group_finding([texts[index] for index in members], solver.broken, together)


def _group_finding(
    texts: list[Text], excluded: set[str], together: Callable[[Rule | None, Rule | None], bool]
) -> Iterator[Finding]:
    """One warning for texts with the same words (GROUP or more), instead of one per pair: it lists every text that
    would have been reported with another of them, i.e. that can show in one report with at least one other (a
    different rule or question, neither a broken rule). Each text looks for one partner, so this stays near-linear
    when most of them can fire together."""
    paired = [False] * len(texts)
    # Who may pair with whom (`_may_pair`), listed once: a text of an excluded rule only with texts of no rule, a
    # rule's text with any text but those of excluded rules, any other text with every text.
    everyone = list(range(len(texts)))
    free = [at for at in everyone if texts[at].rule is None]
    usable = [at for at, text in enumerate(texts) if text.rule is None or text.rule.id not in excluded]
    for at, text in enumerate(texts):
        if paired[at]:
            continue
        partners = everyone if text.rule is None else free if text.rule.id in excluded else usable
        for other_at in partners:
            other = texts[other_at]
            if other.item == text.item:
                continue
            if together(text.rule, other.rule):
                paired[at] = paired[other_at] = True
                break
    members = [text for at, text in enumerate(texts) if paired[at]]
    if len(members) < 2:
        return
    first = members[0]
    kinds = sorted({text.kind for text in members})
    listed = ", ".join(f"{text.item} ({text.kind})" if len(kinds) > 1 else text.item for text in members)
    yield Finding(
        "warning",
        CHECK,
        f"{len(members)} texts have the same words as this {first.kind} '{_short(first.text)}' and each can show in "
        f"one report with at least one other of them ({' and '.join(kinds)}): {listed}",
        str(first.file),
        first.line,
        first.item,
        None,
        "merge them, or reword each so that it says what only it says",
    )


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
