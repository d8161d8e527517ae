"""From a brief, its advice and (optionally) the data analysis to the `DesignReport` every format renders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor import __version__
from advisor.brief import SECTIONS
from advisor.enums import STEP_TITLES, Category, Step, Strength
from advisor.report.fingerprint import rule_base_fingerprint
from advisor.report.model import Answer, DesignReport, Generator, StepSection, Summary
from advisor.report.protected import protected_statement
from advisor.report.references import build_references

if TYPE_CHECKING:
    from advisor.advice import Advice
    from advisor.brief import Brief
    from advisor.knowledge import KnowledgeBase

SUMMARY_RISKS = 5
# The deployment items that name how predictions are served; the other deployment items (reviews, pipelines,
# fallbacks, release strategies) are not a serving mode and must never stand in for one in the summary.
SERVING_MODE_ITEMS = ("on_device_runtime", "online_service", "hybrid_serving", "batch_scoring")
SERVING_NOT_DECIDED = "not decided: say when predictions are needed and the latency budget"


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
) -> DesignReport:
    """Assemble the report. `data` and `data_markdown` come from the data layer when a dataset was analysed;
    `measured_facts` are the answers the data filled in (shown as measured, not as what the person said)."""
    steps = [_step_section(step, advice) for step in Step]
    cited = (
        item.sources for section in steps for item in [*section.recommendations, *section.exclusions, *section.risks]
    )
    return DesignReport(
        title=brief.problem.name or brief.problem.goal or "ML project design",
        generator=Generator(
            advisor_version=__version__,
            rule_base=rule_base_fingerprint(knowledge.root),
            rules=len(knowledge.rules),
            seed=seed,
            libraries=libraries or {},
        ),
        summary=_summary(brief, knowledge, advice, contradictions or []).model_copy(
            update={"protected_attributes": protected_statement(data), "data_warnings": data_warnings or []}
        ),
        answers=_answers(brief, knowledge, set(measured_facts or [])),
        steps=steps,
        conflicts=list(advice.conflicts),
        references=build_references(cited, knowledge.bibliography),
        data=data,
        data_markdown=data_markdown,
    )


def format_value(value: Any, knowledge: KnowledgeBase, fact: str, currency: str | None = None) -> str:
    """An answer in words: choice labels for enums, yes/no for booleans, numbers without float noise, an empty list
    as the question's "none" answer, and a cost in the brief's own currency ("5 EUR per prediction")."""
    question = knowledge.question_for_fact(fact)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if not value:
            return question.none if question is not None and question.none else "none"
        return ", ".join(format_value(item, knowledge, fact) for item in value)
    unit = question.unit if question is not None else None
    if unit is not None and unit.startswith("currency"):
        unit = unit.replace("currency", currency or "(currency not given)", 1)
    if isinstance(value, float) and unit == "fraction":
        return f"{value:.3g} ({value:.1%})"
    if isinstance(value, float):
        text = f"{value:,.6g}" if abs(value) >= 1e-4 or value == 0 else f"{value:.3g}"
    elif isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, str) and question is not None and question.choices:
        return question.choice_label(value)
    else:
        return str(value)
    return f"{text} {unit}" if unit else text


def _answers(brief: Brief, knowledge: KnowledgeBase, measured: set[str]) -> list[Answer]:
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
                    question=question.prompt if question is not None else _describe(section, name),
                    answer=format_value(value, knowledge, fact, brief.costs.currency),
                    measured=fact in measured,
                )
            )
    order = {step.value: index for index, step in enumerate(Step)}
    return sorted(rows, key=lambda row: order[str(row.step)])


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
        serving_mode=_serving_mode(advice),
        top_risks=[f"{risk.label} ({risk.severity})" for risk in advice.top_risks(SUMMARY_RISKS)],
        legal_flags=list(dict.fromkeys(legal)),
        data_contradictions=contradictions,
    )


def _serving_mode(advice: Advice) -> str:
    """The serving mode the advice settles on: its primary serving item, else the first serving item recommended."""
    modes = [item for item in advice.items(Category.deployment.value) if item.item in SERVING_MODE_ITEMS]
    chosen = next((item for item in modes if item.strength == Strength.primary.value), None) or next(iter(modes), None)
    return chosen.label if chosen is not None else SERVING_NOT_DECIDED


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
