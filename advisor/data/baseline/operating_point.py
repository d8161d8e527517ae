"""The operating point the business can afford: act on the top k % of scores, and what the model gains there.

When the brief gives a capacity (the top 10 % called, a review rate of 2 %), the decision threshold is the score at
that capacity on the validation split, not the cost-optimal one (which can flag nearly everyone when a miss costs
much more than an action). The business metric (recall or precision in the top k %) is measured on test, beside
the best constant policy at the same capacity: a constant cannot rank, so it acts on a random k % (its recall is k,
its precision the positive share). The gain over it carries a paired bootstrap interval, the same resamples that
score every model. When the cost-optimal threshold needs more actions than the capacity allows, that is said.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.data.baseline.evaluate import with_interval
from advisor.data.baseline.scoring import Metric
from advisor.data.models import Interval, OperatingPoint, ThresholdResult
from advisor.data.profile import rounded
from advisor.data.tables import number

if TYPE_CHECKING:
    import numpy as np

    from advisor.brief.model import ProblemFacts

NAMED_KIND = re.compile(r"\b(recall|precision)\b")
METRIC_IDS = {"recall": "recall_at_k", "precision": "precision_at_k"}


def top_share_metric(kind: str, share: float) -> Metric:
    """Recall or precision when the top `share` of the (weighted) rows by score are acted on. Rows tied at the
    cut-off are acted on in part (as if drawn at random), so a constant score gets the expected value of a random
    pick, not whatever the file order puts first."""

    def measure(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
        import numpy as np

        order = np.argsort(-score, kind="mergesort")
        ordered = score[order]
        ends = np.r_[np.nonzero(np.diff(ordered))[0], len(ordered) - 1]
        rows = np.cumsum(weight[order])[ends]
        hits = np.cumsum(weight[order] * y[order])[ends]
        budget = share * rows[-1]
        if rows[-1] <= 0 or budget <= 0:
            return float("nan")
        group = min(int(np.searchsorted(rows, budget, side="left")), len(rows) - 1)
        rows_before = rows[group - 1] if group > 0 else 0.0
        hits_before = hits[group - 1] if group > 0 else 0.0
        in_group = rows[group] - rows_before
        part = (budget - rows_before) / in_group if in_group > 0 else 0.0
        caught = hits_before + part * (hits[group] - hits_before)
        if kind == "recall":
            return float(caught / hits[-1]) if hits[-1] > 0 else float("nan")
        return float(caught / budget)

    return Metric(METRIC_IDS[kind], f"{kind} in the top {share * 100:g} % of scores", True, measure)


def capacity_threshold(score: np.ndarray, share: float) -> float:
    """The score at the capacity: acting on scores at or above it acts on `share` of these (validation) rows."""
    import numpy as np

    ordered = np.sort(score)[::-1]
    acted = min(max(math.ceil(share * len(ordered) - 1e-9), 1), len(ordered))
    return float(ordered[acted - 1])


def flagged_share(threshold: float) -> Metric:
    def measure(y: np.ndarray, score: np.ndarray, weight: np.ndarray) -> float:
        import numpy as np

        return float(np.sum(weight * (score >= threshold)) / np.sum(weight))

    return Metric("flagged_share", f"share of cases at or above {threshold:.3g}", False, measure)


@dataclass(frozen=True)
class Capacity:
    share: float
    source: str  # in words: the capacity answer, or the baseline metric that names a top k %
    kind: str  # recall or precision: what the business measures in the top k %
    stated: float | None  # today's stated value of that same metric, when the brief gives it


def operating_point(
    capacity: Capacity,
    *,
    model_name: str,
    y_validation: np.ndarray,
    p_validation: np.ndarray,
    y_test: np.ndarray,
    p_test: np.ndarray,
    weights: np.ndarray,
    cost_threshold: ThresholdResult | None = None,
) -> OperatingPoint:
    """The threshold at the capacity (validation) and the business metric there (test), against a random k %."""
    import numpy as np

    share, kind, stated_value = capacity.share, capacity.kind, capacity.stated
    measure = top_share_metric(kind, share)
    threshold = capacity_threshold(p_validation, share)
    constant_scores = np.zeros(len(y_test))
    model = with_interval(measure, y_test, p_test, weights)
    constant = with_interval(measure, y_test, constant_scores, weights)
    gain = _paired_gain(measure, y_test, p_test, constant_scores, weights)
    over_stated = None
    if stated_value is not None and model.value is not None:
        over_stated = _shifted(model, -stated_value)
    flagged = with_interval(flagged_share(threshold), y_test, p_test, weights)
    cost_share = cost_note = None
    if cost_threshold is not None:
        cost_share = rounded(float(np.mean(p_test >= cost_threshold.threshold)))
        cost_note = _cost_note(cost_threshold.threshold, cost_share, share, len(y_test))
    return OperatingPoint(
        capacity_share=share,
        source=capacity.source,
        metric=measure.id,
        measured_as=measure.label,
        threshold=round(threshold, 6),
        validation_share=rounded(float(np.mean(p_validation >= threshold))),
        flagged_share=flagged,
        model=model,
        constant=constant,
        constant_policy=f"act on a random {share * 100:g} % (a constant score cannot rank)",
        gain=gain,
        over_stated=over_stated,
        stated_value=stated_value,
        cost_threshold_share=cost_share,
        cost_threshold_note=cost_note,
        headline=_headline(
            model_name,
            measure.label,
            model=model,
            constant=constant,
            gain=gain,
            over_stated=over_stated,
            stated=stated_value,
        ),
    )


def _paired_gain(
    measure: Metric, y: np.ndarray, model: np.ndarray, reference: np.ndarray, weights: np.ndarray
) -> Interval:
    """Model minus reference on the test rows, with the percentile interval over the same bootstrap resamples."""
    import numpy as np

    ones = np.ones(len(y))
    value = measure.function(y, model, ones) - measure.function(y, reference, ones)
    differences = np.array([measure.function(y, model, w) - measure.function(y, reference, w) for w in weights])
    differences = differences[np.isfinite(differences)]
    if len(differences) == 0 or not math.isfinite(value):
        return Interval(value=rounded(value), low=rounded(value), high=rounded(value))
    low, high = np.percentile(differences, [2.5, 97.5])
    return Interval(value=rounded(value), low=rounded(float(low)), high=rounded(float(high)))


def _shifted(interval: Interval, by: float) -> Interval:
    def move(value: float | None) -> float | None:
        return None if value is None else rounded(value + by)

    return Interval(value=move(interval.value), low=move(interval.low), high=move(interval.high))


def _cost_note(threshold: float, acted: float | None, share: float, rows: int) -> str | None:
    if acted is None:
        return None
    if acted <= share:
        return (
            f"the cost-optimal threshold {number(threshold)} acts on {_percent(acted)} of the test cases, within the "
            f"capacity of {_percent(share)}"
        )
    extra = acted - share
    return (
        f"the cost-optimal threshold {number(threshold)} acts on {_percent(acted)} of the test cases, "
        f"{acted / share:.1f} times the capacity of {_percent(share)}: about {extra * 1000:,.0f} more actions per "
        f"1,000 cases ({math.ceil(extra * rows - 1e-9):,} more on the {rows:,} test cases) than the capacity allows, "
        "so this business cannot run it"
    )


def _percent(share: float) -> str:
    return f"{share * 100:.3g} %"


def _headline(
    model_name: str,
    label: str,
    *,
    model: Interval,
    constant: Interval,
    gain: Interval,
    over_stated: Interval | None,
    stated: float | None,
) -> str:
    text = (
        f"{model_name}: {label} {_interval(model)} against {number(constant.value)} for a random pick of the same "
        f"size; gain {_signed(gain)}"
    )
    if gain.low is not None and gain.low > 0:
        text += " (the whole interval is a gain)"
    elif gain.value is not None and gain.value > 0:
        text += " (the interval reaches 0: not yet certain)"
    if over_stated is not None and stated is not None:
        text += f"; against today's stated {number(stated)}: {_signed(over_stated)}"
    return text


def _interval(interval: Interval) -> str:
    return f"{number(interval.value)} [{number(interval.low)}, {number(interval.high)}]"


def _signed(interval: Interval) -> str:
    def sign(value: float | None) -> str:
        return "–" if value is None else f"{'+' if value >= 0 else '−'}{number(abs(value))}"

    return f"{sign(interval.value)} [{sign(interval.low)}, {sign(interval.high)}]"


def capacity_of(problem: ProblemFacts) -> Capacity | None:
    """The capacity the brief gives, what the business measures there, and today's value of it if stated."""
    from advisor.brief.model import capacity_in_words

    share = problem.operating_share
    if share is None:
        return None
    words = (problem.baseline_metric or "").lower()
    named = NAMED_KIND.search(words)
    kind = named.group(1) if named else "precision"
    same_metric = named is not None and capacity_in_words(words) == share
    stated = problem.baseline_value if same_metric else None
    if stated is not None and stated > 1:
        stated = stated / 100
    if problem.capacity_share is not None:
        source = f"the brief's capacity: {share:.3g} of the cases can be acted on"
    else:
        source = f"the brief's baseline metric names the top {share * 100:g} % ('{problem.baseline_metric}')"
    return Capacity(share, source, kind, stated)
