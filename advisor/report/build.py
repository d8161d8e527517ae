"""From a brief, its advice and (optionally) the data analysis to the `DesignReport` every format renders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor import __version__
from advisor.brief.enums import STEP_TITLES, Category, Step, Strength
from advisor.brief.model import SECTIONS
from advisor.report.decision import RECORD_FACTS, SERVING_MODE_ITEMS, SERVING_NOT_DECIDED, decision_record, serving_mode
from advisor.report.document import DesignDocument
from advisor.report.fingerprint import rule_base_fingerprint
from advisor.report.milestones import milestones
from advisor.report.model import Answer, Generator, Reached, StepSection, Summary
from advisor.report.protected import protected_statement
from advisor.report.references import build_references
from advisor.report.wording import deciding_facts, fact_name, format_value, reached_by

__all__ = ["SERVING_MODE_ITEMS", "SERVING_NOT_DECIDED", "build_report", "format_value"]

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.inference.advice import Advice, Exclusion, Recommendation, Risk
    from advisor.knowledge.base import KnowledgeBase

SUMMARY_RISKS = 5


def build_report(
    brief: Brief,
    knowledge: KnowledgeBase,
    advice: Advice,
    *,
    seed: int = 0,
    data: dict[str, Any] | None = None,
    data_markdown: str | None = None,
    contradictions: list[str] | None = None,
    measured_facts: list[str] | None = None,
    libraries: dict[str, str] | None = None,
    data_warnings: list[str] | None = None,
) -> DesignDocument:
    """Assemble the report. `data` and `data_markdown` come from the data layer when a dataset was analysed;
    `measured_facts` are the answers the data filled in (shown as measured, not as what the person said)."""
    steps = [_step_section(step, advice) for step in Step]
    reached = _reached(brief, knowledge, advice, frozenset(measured_facts or []))
    quoted = {fact for entry in reached for fact in deciding_facts(advice, entry.rule)} | RECORD_FACTS
    cited = (
        item.sources for section in steps for item in [*section.recommendations, *section.exclusions, *section.risks]
    )
    return DesignDocument(
        title=brief.problem.name or brief.problem.goal or "ML project design",
        generator=Generator(
            advisor_version=__version__,
            rule_base=rule_base_fingerprint(knowledge.root),
            rules=len(knowledge.rules),
            seed=seed,
            libraries=libraries or {},
        ),
        summary=_summary(brief, knowledge, advice, contradictions or []).model_copy(
            update={"protected_attributes": protected_statement(data), "data_warnings": _unsaid(data_warnings, data)}
        ),
        decision=decision_record(brief, knowledge, advice, data),
        milestones=milestones(brief, knowledge, advice, data),
        reached=reached,
        answers=_answers(brief, knowledge, set(measured_facts or []), quoted),
        steps=steps,
        conflicts=list(advice.conflicts),
        references=build_references(cited, knowledge.bibliography),
        data=data,
        data_markdown=data_markdown,
    )


def _unsaid(warnings: list[str] | None, data: dict[str, Any] | None) -> list[str]:
    """The data's warnings less the one the decision record's operating point already states (over capacity)."""
    point = ((data or {}).get("baseline") or {}).get("operating_point") or {}
    note = point.get("cost_threshold_note") if isinstance(point, dict) else None
    return [warning for warning in warnings or [] if not (note and warning == f"Operating point: {note}.")]


def _answers(brief: Brief, knowledge: KnowledgeBase, measured: set[str], quoted: set[str]) -> list[Answer]:
    """Every answer; `quoted` marks those a rule's reasons already show (the Markdown lists only the others)."""
    answered = brief.answered()
    rows: list[Answer] = []
    for section, values in answered.items():
        if section in {"skipped", "dataset", "monitoring"} or not isinstance(values, dict):
            continue
        for name, value in values.items():
            fact = f"{section}.{name}"
            question = knowledge.question_for_fact(fact)
            rows.append(
                Answer(
                    step=question.step if question is not None else Step.problem,
                    fact=fact,
                    name=fact_name(knowledge, fact),
                    question=question.prompt if question is not None else _describe(section, name),
                    answer=format_value(value, knowledge, fact, brief.costs.currency),
                    measured=fact in measured,
                    quoted=fact in quoted,
                    context=_is_context(knowledge, fact, value),
                )
            )
    order = {step.value: index for index, step in enumerate(Step)}
    return sorted(rows, key=lambda row: order[str(row.step)])


def _is_context(knowledge: KnowledgeBase, fact: str, value: Any) -> bool:
    spec = knowledge.facts.get(fact)
    # A "none" answer says something no fired rule shows; free text (the business value, who is affected) is kept
    # in design.json and, for the goal and target, in the decision record.
    return value == [] and spec is not None


def _describe(section: str, name: str) -> str:
    """The fact's own description when no question asks for it (e.g. a value written straight into the file)."""
    field_info = SECTIONS[section].model_fields.get(name)
    return field_info.description if field_info is not None and field_info.description else f"{section}.{name}"


def _baseline_to_beat(brief: Brief, knowledge: KnowledgeBase) -> str | None:
    problem = brief.problem
    parts: list[str] = []
    if problem.baseline_metric and problem.baseline_value is not None:
        parts.append(f"{problem.baseline_metric} = {problem.baseline_value:g}")
    if problem.prior_approach:
        parts.append(f"today: {format_value(problem.prior_approach, knowledge, 'problem.prior_approach')}")
    if problem.required_improvement is not None:
        parts.append(f"success means at least +{problem.required_improvement:g}")
    return "; ".join(parts) or None


def _summary(brief: Brief, knowledge: KnowledgeBase, advice: Advice, contradictions: list[str]) -> Summary:
    primary = advice.primary(Category.metric.value)
    # The summary names the families worth starting with; "worth considering" ones stay in the model section.
    candidates = advice.items(Category.model_family.value)
    strong = [item for item in candidates if item.strength != Strength.consider.value] or candidates
    families = sorted(strong, key=lambda item: item.strength != Strength.primary.value)
    legal = [item.label for item in advice.items(Category.legal.value)]
    legal += [risk.label for risk in advice.risks if risk.category == Category.legal.value]
    target = brief.problem.target
    if target and brief.problem.target_definition:
        target = f"{target} ({brief.problem.target_definition})"
    task = brief.problem.task_type
    return Summary(
        goal=brief.problem.goal,
        target=target,
        task=format_value(task, knowledge, "problem.task_type") if task else None,
        primary_metric=primary.label if primary else None,
        baseline_to_beat=_baseline_to_beat(brief, knowledge),
        model_families=[family.label for family in families],
        serving_mode=serving_mode(advice),
        top_risks=[f"{risk.label} ({risk.severity})" for risk in advice.top_risks(SUMMARY_RISKS)],
        legal_flags=list(dict.fromkeys(legal)),
        data_contradictions=contradictions,
    )


def _reached(brief: Brief, knowledge: KnowledgeBase, advice: Advice, measured: frozenset[str]) -> list[Reached]:
    """Every rule behind an item (leading or supporting), with the facts that made it fire in words."""
    labels: dict[str, list[str]] = {}
    steps: dict[str, Any] = {}
    sources: dict[str, list[str]] = {}
    items: list[Recommendation | Exclusion | Risk] = [*advice.recommendations, *advice.exclusions, *advice.risks]
    for item in items:
        for rule, step, cited in [
            (item.rule, item.step, item.sources),
            *((reason.rule, reason.step, reason.sources) for reason in getattr(item, "supporting", [])),
        ]:
            labels.setdefault(rule, [])
            if item.label not in labels[rule]:
                labels[rule].append(item.label)
            steps.setdefault(rule, step)
            sources.setdefault(rule, list(cited))
    return [
        Reached(
            rule=rule,
            step=steps[rule],
            labels=names,
            because=reached_by(advice, knowledge, rule, brief.costs.currency, measured),
            sources=sources[rule],
        )
        for rule, names in labels.items()
    ]


def _step_section(step: Step, advice: Advice) -> StepSection:
    def in_step(items: list[Any]) -> list[Any]:
        return [item for item in items if item.step == step.value]

    return StepSection(
        step=step,
        title=STEP_TITLES[step],
        recommendations=in_step(advice.recommendations),
        exclusions=in_step(advice.exclusions),
        risks=in_step(advice.risks),
        checklist=[item.text for item in in_step(advice.checklist)],
        open_questions=[item.text for item in in_step(advice.open_questions)],
    )
