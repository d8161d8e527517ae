"""The verdict on the best model: does it beat the best reference, or is it too good to be true?

Two checks come before any praise. A near-perfect score (R², ROC AUC, PR AUC or balanced accuracy of 0.99 or more,
where the best constant is not already there) is rare on real data and usually means a column that is only known
after the outcome. One column carrying most of the permutation importance (over 60 % of the total drop) is the same
smell when the column is recorded at or after the outcome, but only in a model strong enough to need explaining: one
that closes at least half of the gap between the reference and a perfect score, or a quarter when the column is a
leakage suspect already (kept as a feature until the person says when it is recorded). Either makes the verdict
"suspicious", naming the columns to check; only otherwise may the model "clearly beat" the reference, and only when
its 95 % interval lies wholly beyond the reference's.

A dominant column in a moderately strong model (`sex` on the Titanic, which closes 44 % of the gap to a perfect
accuracy) is how many honest problems look: the verdict stands and carries the column as a question. A weak model
carried by one column (the text of a text task, say) is not remarked on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor.data.models import Importance, Interval, ModelResult
from advisor.data.tables import number

NEAR_PERFECT = 0.99
NEAR_PERFECT_METRICS = ("r2", "roc_auc", "pr_auc", "balanced_accuracy")
TRIVIAL_REFERENCE = 0.9  # a constant already this good makes a high score unremarkable
DOMINANT_SHARE = 0.6
NAMED_SHARE = 0.2
MIN_FEATURES_FOR_DOMINANCE = 3
MIN_SKILL_FOR_DOMINANCE = 0.25  # share of the gap from the reference to a perfect score: a dominant column is named
MIN_SKILL_FOR_SUSPICION = 0.5  # ... and from here (or from 0.25 for a leakage suspect) the model is suspicious
REFERENCE_NAMES = {
    "dummy": "the dummy",
    "seasonal_naive": "the seasonal-naive forecast",
    "last_value": "the last-value forecast",
}


@dataclass
class Verdict:
    kind: str  # suspicious, beats, not_clearly, undefined
    text: str
    columns: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def judge(
    *,
    metric: str,
    greater_is_better: bool,
    best: ModelResult,
    reference: ModelResult,
    importances: list[Importance],
    features: int,
    suspects: list[str],
) -> Verdict:
    """`suspects`: the leakage suspects that may be features (not identifiers), to name beside the strongest ones."""
    ours, theirs = best.test.get(metric), reference.test.get(metric)
    reasons = _near_perfect(best, reference)
    beats_point = _better(ours, theirs, greater_is_better)
    skill = _skill(ours, theirs, greater_is_better) or 0.0
    share = _dominant_share(importances, features) if beats_point and skill >= MIN_SKILL_FOR_DOMINANCE else None
    question = ""
    if share is not None:
        top, total = importances[0], _positive_total(importances)
        carries = (
            f"one column, `{top.feature}`, carries {share:.0%} of the permutation importance "
            f"(drop {number(top.mean)} of {number(total)}"
        )
        if skill >= MIN_SKILL_FOR_SUSPICION or top.feature in suspects:
            reasons.append(f"{carries}; over {DOMINANT_SHARE:.0%} is the warning level)")
        else:
            question = f"; {carries}): confirm it is known when the prediction is made"
    if reasons:
        columns = _named(importances) + [name for name in suspects if name not in _named(importances)]
        named = ", ".join(f"`{name}`" for name in columns) or "the strongest features"
        text = (
            f"suspicious: {'; '.join(reasons)}. Check these columns are known at prediction time: {named}. "
            "Until then the scores below are not evidence that the model works"
        )
        return Verdict("suspicious", text, columns, reasons)
    if (
        ours is None
        or theirs is None
        or None in (ours.value, ours.low, ours.high, theirs.value, theirs.low, theirs.high)
    ):
        return Verdict("undefined", f"{metric} is undefined on this test split, so the models cannot be compared on it")
    label = f"{best.name} ({metric} {number(ours.value)} [{number(ours.low)}, {number(ours.high)}])"
    reference_name = REFERENCE_NAMES.get(reference.name, reference.name)
    against = f"{reference_name} ({number(theirs.value)} [{number(theirs.low)}, {number(theirs.high)}])"
    asked = [importances[0].feature] if question else []
    if _above(ours, theirs, greater_is_better):
        text = f"{label} clearly beats {against}: its 95 % interval lies wholly beyond the reference's{question}"
        return Verdict("beats", text, asked)
    if beats_point:
        overlap = "the intervals overlap, so the gain is not yet certain"
        return Verdict("not_clearly", f"{label} does not clearly beat {against}: {overlap}{question}", asked)
    return Verdict(
        "not_clearly",
        f"{label} does not beat {against}: the features, as they are, carry little signal beyond the reference",
    )


def _better(ours: Interval | None, theirs: Interval | None, greater_is_better: bool) -> bool:
    if ours is None or theirs is None or ours.value is None or theirs.value is None:
        return False
    return ours.value > theirs.value if greater_is_better else ours.value < theirs.value


def _skill(ours: Interval | None, theirs: Interval | None, greater_is_better: bool) -> float | None:
    """The share of the gap between the reference and a perfect score that the model closes: 0 is no better than the
    reference, 1 is perfect. Every metric here is perfect at 1 (scores) or at 0 (errors)."""
    if ours is None or theirs is None or ours.value is None or theirs.value is None:
        return None
    gap = (1.0 if greater_is_better else 0.0) - theirs.value
    return None if gap == 0 else (ours.value - theirs.value) / gap


def _above(ours: Interval, theirs: Interval, greater_is_better: bool) -> bool:
    assert ours.low is not None and ours.high is not None and theirs.low is not None and theirs.high is not None
    return ours.low > theirs.high if greater_is_better else ours.high < theirs.low


def _near_perfect(best: ModelResult, reference: ModelResult) -> list[str]:
    found = []
    for metric in NEAR_PERFECT_METRICS:
        ours, theirs = best.test.get(metric), reference.test.get(metric)
        if ours is None or ours.value is None or ours.value < NEAR_PERFECT:
            continue
        if theirs is not None and theirs.value is not None and theirs.value >= TRIVIAL_REFERENCE:
            continue
        found.append(f"{best.name} is near-perfect ({metric} {number(ours.value)} on test, at or above {NEAR_PERFECT})")
    return found


def _positive_total(importances: list[Importance]) -> float:
    return sum(max(item.mean, 0.0) for item in importances)


def _dominant_share(importances: list[Importance], features: int) -> float | None:
    """The top column's share of the importance, when it is over the warning level."""
    total = _positive_total(importances)
    if features < MIN_FEATURES_FOR_DOMINANCE or not importances or total <= 0:
        return None
    share = max(importances[0].mean, 0.0) / total
    return share if share > DOMINANT_SHARE else None


def _named(importances: list[Importance]) -> list[str]:
    total = _positive_total(importances)
    if total <= 0:
        return []
    return [item.feature for item in importances if item.mean / total >= NAMED_SHARE][:3]
