"""The decision record that opens the report: the problem, the metric and its business bar, the operating point, the
model families in order, the serving shape with its budget, the top risks with their mitigation and the first five
things to do. Every line is read from the advice (items, rule priorities, steps, severities) and the brief's facts,
so a different brief gives a different record; nothing here is written for one example.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.brief.enums import SEVERITY_RANK, Category, Step, Strength
from advisor.report.model import DecisionRecord, FirstStep, RiskLine
from advisor.report.wording import fact_phrase, format_value

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.inference.advice import Advice, Recommendation
    from advisor.knowledge.base import KnowledgeBase

FIRST_STEPS = 5
TOP_RISKS = 5
FAMILIES = 3
# The deployment items that name how predictions are served; the other deployment items (reviews, pipelines,
# fallbacks, release strategies) are not a serving mode and must never stand in for one.
SERVING_MODE_ITEMS = ("on_device_runtime", "online_service", "hybrid_serving", "batch_scoring")
SERVING_NOT_DECIDED = "not decided: say when predictions are needed and the latency budget"
# The brief's facts that bound serving: latency, throughput, size, cost and where and when the model runs.
SERVING_BUDGET_FACTS = (
    "serving.prediction_timing",
    "serving.latency_ms",
    "serving.throughput_per_minute",
    "serving.model_size_limit_mb",
    "serving.serving_budget",
    "serving.deployment_target",
)
# Words in a fact's name or description that mark an operating point the business can afford (how many cases it can
# act on); the costs of the two errors give the other operating point, the cost-optimal threshold.
OPERATING_WORDS = ("capacity", "review_rate", "review rate", "operating", "top_k", "share acted", "contacted")
# The brief's own capacity facts: the record states them in words with the measured gain, never as a raw fact line.
CAPACITY_FACTS = frozenset({"problem.capacity_share", "problem.operating_share"})
# The answers the decision record itself shows: the report's answer table need not repeat them.
RECORD_FACTS = frozenset(
    {
        "problem.name",
        "problem.goal",
        "problem.target",
        "problem.entity",
        "problem.task_type",
        "problem.baseline_metric",
        "problem.baseline_value",
        "problem.required_improvement",
        "costs.false_positive_cost",
        "costs.false_negative_cost",
        "costs.currency",
        *SERVING_BUDGET_FACTS,
    }
)
STRENGTH_ORDER = {Strength.primary.value: 0, Strength.recommended.value: 1, Strength.consider.value: 2}
STEP_ORDER = {step.value: index for index, step in enumerate(Step)}
NO_PROBLEM = "not stated: say the business goal in one sentence and what is predicted"


def decision_record(
    brief: Brief, knowledge: KnowledgeBase, advice: Advice, data: dict[str, Any] | None = None
) -> DecisionRecord:
    primary = advice.primary(Category.metric.value)
    return DecisionRecord(
        problem=problem_sentence(brief, knowledge),
        primary_metric=primary.label if primary else None,
        business_metric=business_metric(brief),
        operating_point=operating_point(brief, knowledge, advice, _measured_operating_point(data)),
        model_families=[_family(item) for item in families_in_order(advice)[:FAMILIES]],
        serving=serving_mode(advice),
        serving_budget=serving_budget(knowledge, advice),
        risks=top_risks(advice),
        first_steps=first_steps(advice, knowledge),
    )


def _measured_operating_point(data: dict[str, Any] | None) -> dict[str, Any] | None:
    baseline = (data or {}).get("baseline") or {}
    measured = baseline.get("operating_point")
    return measured if isinstance(measured, dict) else None


def problem_sentence(brief: Brief, knowledge: KnowledgeBase) -> str:
    """The goal, then what is predicted for what, then the task: "Cut churn ...: predict whether a customer leaves;
    task: Yes/no (binary classification)." Parts the brief does not give are left out, never made up."""
    problem = brief.problem
    goal = (problem.goal or "").strip().rstrip(".")
    parts = []
    if problem.target:
        target = problem.target.strip().rstrip(".")
        if target[1:2].islower():
            target = target[:1].lower() + target[1:]
        predicted = f"predict {target}"
        entity = (problem.entity or "").strip().rstrip(".")
        noun = entity.split(" ", 1)[1] if entity.lower().startswith(("a ", "an ", "one ")) else entity
        if entity and noun.lower() not in target.lower():
            predicted += f" for {entity[:1].lower() + entity[1:]}"
        parts.append(predicted)
    if problem.task_type:
        parts.append(f"task: {format_value(problem.task_type, knowledge, 'problem.task_type')}")
    detail = "; ".join(parts)
    if goal and detail:
        return f"{goal}: {detail}."
    if goal or detail:
        text = goal or detail
        return text[:1].upper() + text[1:] + "."
    return NO_PROBLEM


def business_metric(brief: Brief) -> str | None:
    """The business's own measure, today's value and the bar success must clear."""
    problem = brief.problem
    if not problem.baseline_metric:
        return None
    text = problem.baseline_metric.strip()
    if problem.baseline_value is not None:
        text += f": today {problem.baseline_value:g}"
        if problem.required_improvement is not None:
            text += f", success at {problem.baseline_value + problem.required_improvement:g} or better"
    elif problem.required_improvement is not None:
        text += f": success means at least +{problem.required_improvement:g}"
    return text


def operating_point(
    brief: Brief, knowledge: KnowledgeBase, advice: Advice, measured: dict[str, Any] | None = None
) -> list[str]:
    """What the business can afford. A capacity (act on the top k %) sets the threshold, and with data the record
    gives the model's gain over a random pick of the same size there; the threshold the error costs imply comes
    second, and is said to be over the capacity when the data shows it acts on more cases than that."""
    lines = []
    share = brief.problem.operating_share
    if share is not None:
        lines.append(f"Act on the top {_percent(share)} of scores (the capacity)")
        if measured is not None:
            lines.append(
                f"threshold {measured['threshold']:.3g} (validation); on test, {measured['measured_as']} "
                f"{_interval(measured['model'])} against {_number(measured['constant'])} for a random pick: "
                f"gain {_interval(measured['gain'], signed=True)}"
            )
            if measured.get("over_stated") and measured.get("stated_value") is not None:
                lines[-1] += (
                    f"; against today's stated {measured['stated_value']:.3g}: "
                    f"{_interval(measured['over_stated'], signed=True)}"
                )
    for fact, value in advice.facts.items():
        spec = knowledge.facts.get(fact)
        if value is None or spec is None or spec.origin == "derived" or fact in CAPACITY_FACTS:
            continue
        words = f"{fact} {spec.description}".lower()
        if any(word in words for word in OPERATING_WORDS):
            lines.append(fact_phrase(knowledge, fact, value, brief.costs.currency))
    threshold = brief.costs.cost_optimal_threshold
    if threshold is not None and advice.recommendation("evaluation:cost_based_threshold") is not None:
        costs = brief.costs
        fp = format_value(costs.false_positive_cost, knowledge, "costs.false_positive_cost", costs.currency)
        fn = format_value(costs.false_negative_cost, knowledge, "costs.false_negative_cost", costs.currency)
        costs_text = f"a false positive ({fp}) and a missed positive ({fn}) cost the same in expectation"
        unit = f" {costs.currency}" if costs.currency else ""
        short_costs = f"false positive {costs.false_positive_cost:g}{unit}, miss {costs.false_negative_cost:g}{unit}"
        if share is None:
            lines.append(f"Act above a probability of {threshold:.3g}: there {costs_text}")
        else:
            text = f"the error costs alone ({short_costs}) would act above {threshold:.3g}"
            acted = measured.get("cost_threshold_share") if measured is not None else None
            if acted is not None and measured is not None and measured.get("over_capacity"):
                text += f", on {_percent(acted)} of the test cases once tuned: over the capacity"
            elif acted is not None:
                text += f", on {_percent(acted)} of the test cases once tuned: within the capacity"
            else:
                text += "; use it only within the capacity"
            lines.append(text)
    return lines


def _percent(share: float) -> str:
    return f"{share * 100:.3g} %"


def _number(interval: dict[str, Any], *, signed: bool = False) -> str:
    value = interval.get("value")
    return "n/a" if value is None else f"{value:+.3g}" if signed else f"{value:.3g}"


def _interval(interval: dict[str, Any], *, signed: bool = False) -> str:
    low, high = interval.get("low"), interval.get("high")
    if low is None or high is None:
        return _number(interval, signed=signed)
    bounds = (f"{low:+.3g}", f"{high:+.3g}") if signed else (f"{low:.3g}", f"{high:.3g}")
    return f"{_number(interval, signed=signed)} [{bounds[0]}, {bounds[1]}]"


def families_in_order(advice: Advice) -> list[Recommendation]:
    """Model families by strength (primary first), then rule priority, then the advice's order."""
    families = advice.items(Category.model_family.value)
    return sorted(families, key=lambda item: (STRENGTH_ORDER[str(item.strength)], -item.priority))


def _family(item: Recommendation) -> str:
    return item.label if item.strength != Strength.consider.value else f"{item.label} (worth considering)"


def serving_mode(advice: Advice) -> str:
    """The serving mode the advice settles on: its primary serving item, else the first serving item recommended."""
    modes = [item for item in advice.items(Category.deployment.value) if item.item in SERVING_MODE_ITEMS]
    chosen = next((item for item in modes if item.strength == Strength.primary.value), None) or next(iter(modes), None)
    return chosen.label if chosen is not None else SERVING_NOT_DECIDED


def serving_budget(knowledge: KnowledgeBase, advice: Advice) -> list[str]:
    """The brief's serving limits in words; when the serving mode is decided, it already says when predictions are
    needed, so the timing answer is not repeated."""
    decided = serving_mode(advice) != SERVING_NOT_DECIDED
    return [
        fact_phrase(knowledge, fact, value)
        for fact in SERVING_BUDGET_FACTS
        if (value := advice.facts.get(fact)) is not None and not (decided and fact == "serving.prediction_timing")
    ]


def top_risks(advice: Advice) -> list[RiskLine]:
    """The most severe risks, each with the first checklist item of its rule (else the rule's title) as mitigation."""
    lines = []
    for risk in advice.top_risks(TOP_RISKS):
        todo = next((item.text for item in advice.checklist if item.rule == risk.rule), None)
        lines.append(
            RiskLine(
                label=risk.label, severity=str(risk.severity), mitigation=todo or risk.title, checklist=todo is not None
            )
        )
    return lines


def _rule_weight(advice: Advice, knowledge: KnowledgeBase, rule_id: str) -> tuple[int, int, int]:
    """How urgent a rule's to-do is: the severity of the risk it flags, whether it leads a primary item, its
    priority (higher first)."""
    severity = max((SEVERITY_RANK[str(r.severity)] for r in advice.risks if r.rule == rule_id), default=-1)
    primary = any(r.rule == rule_id and r.strength == Strength.primary.value for r in advice.recommendations)
    rule = knowledge.rule(rule_id)
    priority = rule.priority if rule is not None else 0
    return (priority, severity, int(primary))


def first_steps(advice: Advice, knowledge: KnowledgeBase) -> list[FirstStep]:
    """The five most urgent checklist items (by rule priority, risk severity, primary items), at most two per
    workflow step while other steps have candidates so the plan covers the project, then put in workflow order."""
    ranked = sorted(
        enumerate(advice.checklist),
        key=lambda pair: (tuple(-w for w in _rule_weight(advice, knowledge, pair[1].rule)), pair[0]),
    )
    chosen: list[tuple[int, Any]] = []
    per_step: dict[str, int] = {}
    for index, item in ranked:
        if len(chosen) < FIRST_STEPS and per_step.get(str(item.step), 0) < 2:
            chosen.append((index, item))
            per_step[str(item.step)] = per_step.get(str(item.step), 0) + 1
    # Too few steps to spread over: the next most urgent items fill the five.
    chosen += [pair for pair in ranked if pair not in chosen][: FIRST_STEPS - len(chosen)]
    chosen.sort(key=lambda pair: (STEP_ORDER[str(pair[1].step)], pair[0]))
    return [FirstStep(step=item.step, text=item.text, rule=item.rule) for _, item in chosen]
