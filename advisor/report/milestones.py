"""The "what's next" plan: baseline, first model, offline evaluation, shadow or A/B, monitoring.

Each milestone carries the advice items that belong to it and an exit criterion taken from the advice (the primary
metric, the agreed margin over the baseline, the intervals, the cost threshold, the latency budget, the retraining
cadence); with data, the baseline's measured verdict says where the project stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.brief.enums import Category, Strength
from advisor.report.decision import business_metric, families_in_order, serving_mode
from advisor.report.model import Milestone
from advisor.report.wording import format_value

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.inference.advice import Advice
    from advisor.knowledge.base import KnowledgeBase

RELEASE_ITEMS = ("shadow_deployment", "canary_release", "ab_test")


LISTED = 2


def _labels(items: list[Any]) -> str:
    """The first few labels by priority; the rest are counted (each step section lists them all)."""
    ranked = sorted(items, key=lambda item: -item.priority)
    shown = ", ".join(item.label for item in ranked[:LISTED])
    return shown + (f" and {len(ranked) - LISTED} more" if len(ranked) > LISTED else "")


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def milestones(
    brief: Brief, knowledge: KnowledgeBase, advice: Advice, data: dict[str, Any] | None = None
) -> list[Milestone]:
    baseline = (data or {}).get("baseline") or {}
    primary = advice.primary(Category.metric.value)
    metric = primary.label if primary else "the primary metric (not decided yet)"
    business = business_metric(brief)
    return [
        _baseline(brief, knowledge, advice, metric, business),
        _first_model(advice, metric, baseline),
        _offline(brief, advice, metric, business),
        _release(brief, knowledge, advice, business),
        _monitoring(brief, knowledge, advice, metric),
    ]


def _baseline(brief: Brief, knowledge: KnowledgeBase, advice: Advice, metric: str, business: str | None) -> Milestone:
    compared = ["the dummy"] if advice.recommendation("evaluation:dummy_baseline") is not None else []
    if brief.problem.prior_approach:
        today = format_value(brief.problem.prior_approach, knowledge, "problem.prior_approach")
        compared.append(f"today's approach ({today.lower()})")
    heuristic = advice.recommendation("model_family:heuristic_rules")
    if heuristic is not None and not brief.problem.prior_approach:
        compared.append(heuristic.label)
    work = f"Score {' and '.join(compared) or 'the simplest constant policy'} on one fixed test split."
    exit_ = f"{metric} of each baseline recorded on that split"
    if business:
        exit_ += f", and {business.split(':')[0]} of today's approach"
    return Milestone(name="Baseline", work=work, exit=exit_ + ".")


def _first_model(advice: Advice, metric: str, baseline: dict[str, Any]) -> Milestone:
    families = families_in_order(advice)
    first = next((item.label for item in families if item.strength != Strength.consider.value), None)
    work = f"Fit {first or 'the simplest model the advice allows'} in a leak-free pipeline."
    interval = advice.recommendation("evaluation:bootstrap_ci") is not None
    exit_ = f"It beats the dummy on {metric}" + (", its 95 % interval wholly beyond the dummy's." if interval else ".")
    status = "the Baselines section has this data's verdict." if baseline.get("verdict") else None
    return Milestone(name="First model", work=work, exit=exit_, status=status)


def _offline(brief: Brief, advice: Advice, metric: str, business: str | None) -> Milestone:
    work = "Evaluate once on the held-out test split."
    parts = []
    if business and brief.problem.required_improvement is not None:
        parts.append(f"the lower end of the interval clears the bar ({business.split(': ', 1)[1]})")
    else:
        parts.append(f"{metric} beats every baseline beyond its interval")
    share = brief.problem.operating_share
    if share is not None and advice.recommendation("evaluation:capacity_threshold") is not None:
        parts.append(
            f"the threshold sits at the capacity (top {share * 100:.3g} %) and its gain over a random pick is reported"
        )
    elif advice.recommendation("evaluation:cost_based_threshold") is not None:
        parts.append("the threshold is tuned on validation and its expected cost reported on test")
    if advice.recommendation("evaluation:group_fairness_audit") is not None:
        parts.append("quality per group reported")
    return Milestone(name="Offline evaluation", work=work, exit=_sentence(parts))


def _release(brief: Brief, knowledge: KnowledgeBase, advice: Advice, business: str | None) -> Milestone:
    release = [item for item in advice.items(Category.deployment.value) if item.item in RELEASE_ITEMS]
    mode = serving_mode(advice)
    how = _labels(release) if release else "a shadow run beside the current approach"
    work = f"Serve by {mode[:1].lower() + mode[1:]}; release through {how}."
    parts = []
    kpi = advice.recommendation("metric:business_kpi")
    if business:
        parts.append(f"{business.split(':')[0]} improves live against the current approach")
    elif kpi is not None:
        parts.append("the business KPI improves live against the current approach")
    else:
        parts.append("live decisions agree with the offline evaluation")
    latency = brief.serving.latency_ms
    if latency is not None:
        parts.append(f"p99 latency within {latency:g} ms")
    return Milestone(name="Shadow or A/B test", work=work, exit=_sentence(parts))


def _monitoring(brief: Brief, knowledge: KnowledgeBase, advice: Advice, metric: str) -> Milestone:
    work = "Watch the inputs, the predictions and, once labels arrive, the outcomes."
    parts = ["alerts fire on drift before the outcome is known"]
    if brief.data.label_delay_days is not None:
        parts.append(f"{metric} is recomputed once labels arrive ({brief.data.label_delay_days:g} days later)")
    if brief.serving.retrain_cadence:
        cadence = format_value(brief.serving.retrain_cadence, knowledge, "serving.retrain_cadence")
        parts.append(f"retraining runs {cadence[:1].lower() + cadence[1:]} from the pipeline")
    return Milestone(name="Monitoring", work=work, exit=_sentence(parts))
