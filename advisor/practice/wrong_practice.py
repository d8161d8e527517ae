"""Wrong practice in a written answer: leaky steps, post-outcome features, schedules slower than the scenario's.

A pattern of `scenarios/judgement.yaml` fires when one sentence names a phrase of each of its groups close
together, none negated, and the sentence does not warn against it ("SMOTE before the split leaks" shows knowledge).
A fired pattern costs its weight, takes the credit of the items it names in that sentence ("SMOTE on the whole data"
is no credit for resampling) and quotes its rule's rationale. A retraining cadence slower than the scenario's caps
the retraining item at half credit.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.practice.judgement import Cadence, Judgement, WrongPractice
from advisor.practice.matching import Mention
from advisor.practice.reasons import StepText


@dataclass(frozen=True)
class Hit:
    """One wrong practice found in a step's answer: where (a sentence span) and the words used."""

    practice: WrongPractice
    written_in: str
    span: tuple[int, int]
    evidence: str


def find_wrong_practice(
    text: StepText, cues: list[Mention], step: str, judgement: Judgement, fired: frozenset[str]
) -> list[Hit]:
    """Every applicable pattern that fires in one step's answer, at most once per sentence."""
    hits: list[Hit] = []
    for practice in judgement.wrong_practice:
        if practice.applies_when and not fired & set(practice.applies_when):
            continue
        prefix = f"wp:{practice.id}:"
        found: dict[int, list[list[Mention]]] = {}  # sentence -> per group, its mentions
        done_right = {text.sentence_of(cue.start) for cue in cues if cue.key == f"{prefix}unless"}
        for cue in cues:
            if cue.key.startswith(prefix) and cue.key != f"{prefix}unless":
                groups = found.setdefault(text.sentence_of(cue.start), [[] for _ in practice.groups])
                groups[int(cue.key.removeprefix(prefix))].append(cue)
        for sentence, groups in sorted(found.items()):
            if sentence in done_right or text.warned[sentence]:
                continue
            if any(cue.polarity == "negated" for group in groups for cue in group):
                continue  # a warning against the practice, not the practice
            if not all(groups):
                continue
            first = min(cue.start for group in groups for cue in group)
            last = max(min(cue.end for cue in group) for group in groups)
            if last - first > judgement.reach:
                continue
            evidence = next(cue.snippet for cue in groups[0])
            hits.append(Hit(practice, step, text.sentence_span(sentence), evidence))
    return hits


@dataclass(frozen=True)
class SlowCadence:
    cadence: Cadence
    stated: str
    needed: str
    evidence: str


def find_slow_cadences(text: StepText, cues: list[Mention], facts: dict[str, object]) -> list[SlowCadence]:
    """Schedules stated beside "retrain" (or another `near` phrase) that are slower than the scenario's fact."""
    slow: list[SlowCadence] = []
    judgement = text.judgement
    for cadence in judgement.cadences:
        needed = facts.get(cadence.fact)
        if not isinstance(needed, str) or needed not in cadence.days:
            continue
        near = {text.sentence_of(cue.start) for cue in cues if cue.key == f"cadence:{cadence.id}:near"}
        for cue in cues:
            value = cue.key.removeprefix(f"cadence:{cadence.id}=")
            if value == cue.key or cue.polarity == "negated" or text.sentence_of(cue.start) not in near:
                continue
            if cadence.days[value] > cadence.days[needed]:
                slow.append(SlowCadence(cadence, value, needed, cue.snippet))
    return slow
