"""Leakage suspects: columns that give the target away, found by checks that measure and by names that hint.

Layers (thresholds and why in docs/data.md):
- a column named like the target, or an identifier;
- one column that alone explains almost all of the target (`target_derived`);
- a pair of numeric columns whose difference, sum, product or ratio reproduces the target (`reproduces_target`);
- a column whose name suggests it was recorded after the outcome (`post_outcome`), or that shares a word with the
  target or sits in data the brief says holds after-the-fact features (`same_time`): a hint never decides alone,
  it lowers the measured strength needed to be flagged.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.brief.enums import TaskType
from advisor.data.columns import IDENTIFIER
from advisor.data.leakage.conditional import added_strength
from advisor.data.leakage.names import follow_up_word, is_ambiguous, is_planned, post_outcome_word, shared_word
from advisor.data.leakage.pairs import PAIR_COLUMNS, Pair, carriers, reproducing_pairs
from advisor.data.leakage.strength import Sample, Strength, is_number, labelled_sample, single_strengths
from advisor.data.models import LeakageSuspect
from advisor.data.protected import name_tokens

if TYPE_CHECKING:
    import pandas as pd

TARGET_DERIVED = "target_derived"
REPRODUCES_TARGET = "reproduces_target"
POST_OUTCOME = "post_outcome"
SAME_TIME = "same_time"
IDENTIFIER_KIND = "identifier"
KINDS = (TARGET_DERIVED, REPRODUCES_TARGET, POST_OUTCOME, SAME_TIME, IDENTIFIER_KIND)

DERIVED_R2 = 0.95  # R^2 of one column alone on held-out rows
DERIVED_DROP = 0.98  # from here one column alone is near-deterministic: left out of the features, not only asked
DERIVED_BALANCED_ACCURACY = 0.98  # balanced accuracy of one column alone on held-out rows
BINNED_TARGET = 0.9  # a category the target predicts this well (balanced accuracy) is a binning of the target
SAME_TIME_SHARE = 0.5  # with a hint (shared word, brief): explains at least half of the target
POST_OUTCOME_SHARE = 0.1  # with an after-the-outcome name: explains a tenth, alone or beyond the other columns
DOMINANCE = 2.0  # with only the brief's hint, a column must explain twice what the next-best column explains
NAME_SIMILARITY = 0.8
PROXY_SUSPECTS = 5  # suspects whose rebuilding pairs are searched (one bounded pair search each)


@dataclass(frozen=True)
class LeakageCheck:
    """What the checks looked at, for the report: columns scored alone, pairs tried, columns with a hint."""

    scored: int = 0
    paired: int = 0
    hinted: int = 0
    rows: int = 0

    def describe(self) -> str:
        if not self.rows:
            return "leakage: names and identifiers only (too few labelled rows to measure)"
        pairs = (
            f"pairs of the {self.paired} most related numeric columns tried as differences, sums and ratios"
            if self.paired
            else "no pairs (a classification target, or fewer than two numeric columns)"
        )
        return (
            f"leakage: {self.scored} column(s) scored alone, fitted on half of {self.rows:,} labelled rows and scored "
            f"on the other half (categories by their target statistic); {pairs}; {self.hinted} column(s) with a "
            "hint in the name or the brief measured beside the others"
        )


def leakage_suspects(
    frame: pd.DataFrame,
    kinds: dict[str, str],
    target: str,
    task: TaskType,
    seed: int,
    *,
    known_at_prediction: bool | None = None,
) -> tuple[list[LeakageSuspect], LeakageCheck]:
    """The suspects in file order, and what was checked. `known_at_prediction` is the brief's
    `data.features_at_prediction_time`: False raises every column's suspicion (never decides alone)."""
    sample = labelled_sample(frame, target, regression=task == TaskType.regression, seed=seed)
    return suspects_in(list(frame.columns), sample, kinds, target, task, seed, known_at_prediction=known_at_prediction)


def suspects_in(  # noqa: PLR0917 - `leakage_suspects` once the sample is drawn: what a companion process is given
    columns: list[str],
    sample: Sample | None,
    kinds: dict[str, str],
    target: str,
    task: TaskType,
    seed: int,
    *,
    known_at_prediction: bool | None = None,
) -> tuple[list[LeakageSuspect], LeakageCheck]:
    """The suspects among `columns` measured on `sample` (the labelled rows `labelled_sample` drew; None when too
    few), in the columns' order."""
    features = [name for name in columns if name != target]
    suspects: dict[str, LeakageSuspect] = {}
    for name in features:
        if _named_like(name, target):
            suspects[name] = LeakageSuspect(
                column=name, kind=TARGET_DERIVED, reason=f"named like the target '{target}'"
            )
        elif kinds[name] == IDENTIFIER:
            suspects[name] = LeakageSuspect(
                column=name, kind=IDENTIFIER_KIND, reason="identifier: unique per row or named like an id"
            )
    regression = task == TaskType.regression
    if sample is None:
        return [suspects[name] for name in columns if name in suspects], LeakageCheck()
    usable = [name for name in features if name not in suspects]
    strengths = single_strengths(sample, kinds, usable, seed)
    for name, strength in strengths.items():
        limit = DERIVED_R2 if regression else DERIVED_BALANCED_ACCURACY
        if strength.score >= limit:
            # Strength alone below near-determinism is a strong feature as often as a leak (distance for air time):
            # it is asked about and kept; from 0.98 a column is dropped until the person says otherwise.
            kept = regression and strength.score < DERIVED_DROP
            reason = (
                f"alone predicts the target almost perfectly ({strength.measure} {strength.score:.3f} on held-out rows)"
                + ("; kept as a feature until you say it is known only later (--drop)" if kept else "")
            )
            suspects[name] = LeakageSuspect(
                column=name, kind=TARGET_DERIVED, reason=reason, score=round(strength.score, 6), kept=kept
            )
        elif strength.reverse is not None and strength.reverse >= BINNED_TARGET and strength.share >= SAME_TIME_SHARE:
            reason = (
                f"a near-deterministic function of the target: the target predicts it with balanced accuracy "
                f"{strength.reverse:.3f}, and it explains {strength.share:.0%} of the target (R^2, held-out rows)"
            )
            suspects[name] = LeakageSuspect(
                column=name, kind=TARGET_DERIVED, reason=reason, score=round(strength.reverse, 6)
            )
    remaining = [name for name in usable if name not in suspects]
    pairs = reproducing_pairs(sample, kinds, remaining, preferred=set(strengths))
    for pair in pairs:
        for name in carriers(pair, sample, _pair_suspects(pair)):
            if name not in suspects:
                reason = pair.describe(target)
                suspects[name] = LeakageSuspect(
                    column=name,
                    kind=REPRODUCES_TARGET,
                    reason=reason,
                    score=pair.exact_share,
                    partner=_partner(pair, name),
                )
    remaining = [name for name in remaining if name not in suspects]
    hinted = _hinted(sample, remaining, target, strengths, known_at_prediction, suspects)
    _proxies_of_suspects(sample, kinds, features, suspects)
    paired = 0 if not regression else min(sum(kinds[name] in {"numeric", "boolean"} for name in usable), PAIR_COLUMNS)
    checked = LeakageCheck(scored=len(strengths), paired=paired, hinted=hinted, rows=len(sample.rows))
    return [suspects[name] for name in columns if name in suspects], checked


def _hinted(  # noqa: PLR0917 - one private helper of `leakage_suspects`, called once
    sample: Sample,
    names: list[str],
    target: str,
    strengths: dict[str, Strength],
    known_at_prediction: bool | None,
    suspects: dict[str, LeakageSuspect],
) -> int:
    """Flag the columns a hint makes suspicious and a measurement confirms; return how many had a hint."""
    count = 0
    for name in names:
        follow_up = follow_up_word(name, target)
        word = post_outcome_word(name) or follow_up
        shared = shared_word(name, target)
        if word is None and shared is None and known_at_prediction is not False:
            continue
        count += 1
        alone = strengths[name].share if name in strengths else 0.0
        if word is not None:
            added = added_strength(sample, name, names, strengths) or 0.0
            if max(alone, added) >= POST_OUTCOME_SHARE:
                how = (
                    f"explains {alone:.0%} of the target alone"
                    if alone >= added
                    else (f"removes {added:.0%} of the error left by the other columns")
                )
                kept = is_ambiguous(word) or follow_up is not None
                reason = _post_outcome_reason(word, follow_up, how, kept=kept)
                suspects[name] = LeakageSuspect(
                    column=name, kind=POST_OUTCOME, reason=reason, score=round(max(alone, added), 6), kept=kept
                )
                continue
        if alone >= SAME_TIME_SHARE and (shared is not None or _dominant(name, strengths)):
            hint = (
                f"shares the word '{shared}' with the target"
                if shared
                else "the brief says some features are known only after the prediction"
            )
            reason = f"{hint} and alone explains {alone:.0%} of the target: probably recorded at the same event"
            suspects[name] = LeakageSuspect(column=name, kind=SAME_TIME, reason=reason, score=round(alone, 6))
    return count


def _post_outcome_reason(word: str, follow_up: str | None, how: str, *, kept: bool) -> str:
    """Why a column named like an after-the-fact record is a suspect, and why it stays a feature when it does."""
    if follow_up is not None:
        return (
            f"a follow-up time ('{follow_up}') beside an event target: known only when the outcome is, and a case "
            f"without the event yet is censored, not negative (time-to-event data) and {how}"
            "; kept as a feature until you say it is known only later (--drop)"
        )
    reason = f"named like data recorded after the outcome ('{word}') and {how}"
    if kept:
        reason += "; the word also names ordinary features, so it is kept until you say it is known only later (--drop)"
    return reason


def _proxies_of_suspects(
    sample: Sample, kinds: dict[str, str], features: list[str], suspects: dict[str, LeakageSuspect]
) -> None:
    """Flag pairs that rebuild a measured suspect: once `dep_delay` is out, `dep_time - sched_dep_time` carries the
    same after-the-fact information back into the model. The suspect's kind (and so its question) carries over."""
    import numpy as np

    measured = [
        suspect
        for suspect in suspects.values()
        if suspect.kind in {TARGET_DERIVED, POST_OUTCOME, SAME_TIME}
        and not suspect.kept  # a column kept as a feature brings nothing back that is not already in
        and is_number(sample.rows[suspect.column])
    ][:PROXY_SUSPECTS]
    for suspect in measured:
        values = sample.rows[suspect.column].astype("float64").to_numpy()
        present = ~np.isnan(values)
        if present.sum() < 20:
            continue
        rebuilt = Sample(rows=sample.rows[present], y=values[present], half=int(present.sum()) // 2, regression=True)
        others = [name for name in features if name not in suspects]
        for pair in reproducing_pairs(rebuilt, kinds, others):
            for name in carriers(pair, rebuilt, _pair_suspects(pair)):
                if name in suspects:
                    continue
                reason = f"{pair.describe(suspect.column)}, a suspect itself: it brings the same information back"
                suspects[name] = LeakageSuspect(
                    column=name, kind=suspect.kind, reason=reason, score=pair.exact_share, partner=_partner(pair, name)
                )


def _dominant(name: str, strengths: dict[str, Strength]) -> bool:
    """Explains at least twice as much as any other column: one record, not one of many good features."""
    others = [strength.share for other, strength in strengths.items() if other != name]
    return strengths[name].share >= DOMINANCE * max(others, default=0.0)


def _pair_suspects(pair: Pair) -> list[str]:
    """Both columns, unless one is a planned value (`sched_arr_time`): then only its partner."""
    planned = [name for name in (pair.left, pair.right) if is_planned(name)]
    if len(planned) == 1:
        return [pair.right if planned[0] == pair.left else pair.left]
    return [pair.left, pair.right]


def _partner(pair: Pair, name: str) -> str:
    return pair.right if name == pair.left else pair.left


def _named_like(name: str, target: str) -> bool:
    tokens, target_tokens = set(name_tokens(name)), set(name_tokens(target))
    if target_tokens and target_tokens <= tokens:
        return True
    shared = tokens & target_tokens
    if shared:  # `arr_time` and `air_time` share `time`: only what differs (`arr`, `air`) can make them alike
        rest, target_rest = "_".join(sorted(tokens - shared)), "_".join(sorted(target_tokens - shared))
        alike = difflib.SequenceMatcher(None, rest, target_rest).ratio() >= NAME_SIMILARITY
        return bool(rest and target_rest) and alike
    return difflib.SequenceMatcher(None, name.lower(), target.lower()).ratio() >= NAME_SIMILARITY


__all__ = ["KINDS", "LeakageCheck", "leakage_suspects", "suspects_in"]
