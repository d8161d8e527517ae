"""The decision record is read from the advice and the brief: change the brief and the record changes with it, for
the bundled examples, the golden cases and random briefs alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from advisor.brief.answers import load_brief
from advisor.brief.enums import Step
from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.load import load_knowledge
from advisor.report import build, render_markdown
from advisor.report.decision import FIRST_STEPS, NO_PROBLEM, SERVING_NOT_DECIDED, decision_record
from tests.inference.test_properties import briefs
from tests.report.conftest import EXAMPLES

KNOWLEDGE = load_knowledge()
STEP_ORDER = [step.value for step in Step]


def _brief(name: str) -> Brief:
    return load_brief(EXAMPLES / name / "answers.yaml", KNOWLEDGE)


def _changed(brief: Brief, **sections: dict[str, object]) -> Brief:
    data = brief.model_dump(mode="json", exclude_computed_fields=True)
    for section, values in sections.items():
        data.setdefault(section, {}).update(values)
    return Brief.model_validate(data)


def _record_section(markdown: str) -> str:
    return markdown.split("## Decision record\n", 1)[1].split("\n## ", 1)[0]


def assert_record_follows_the_advice(brief: Brief, knowledge: KnowledgeBase) -> None:
    """What every record must satisfy, whatever the brief."""
    advice = advise(brief, knowledge)
    record = decision_record(brief, knowledge, advice)
    primary = advice.primary("metric")
    assert record.primary_metric == (primary.label if primary else None)
    families = {item.label for item in advice.items("model_family")}
    assert {family.removesuffix(" (worth considering)") for family in record.model_families} <= families
    strong = [family for family in record.model_families if not family.endswith("(worth considering)")]
    assert record.model_families[: len(strong)] == strong  # the families to try first come first
    checklist = [item.text for item in advice.checklist]
    assert len(record.first_steps) == min(FIRST_STEPS, len(checklist))
    assert {step.text for step in record.first_steps} <= set(checklist)
    steps = [STEP_ORDER.index(str(step.step)) for step in record.first_steps]
    assert steps == sorted(steps)  # in workflow order
    per_step = [str(item.step) for item in advice.checklist]
    if sum(min(2, per_step.count(step)) for step in set(per_step)) >= len(record.first_steps):
        assert all(steps.count(index) <= 2 for index in steps)  # spread over the project when it can be
    risks = {risk.label: risk for risk in advice.risks}
    for line in record.risks:
        risk = risks[line.label]
        todos = [item.text for item in advice.checklist if item.rule == risk.rule]
        assert line.mitigation == (todos[0] if todos else risk.title)
        assert line.checklist == bool(todos)
    assert record.problem


@pytest.mark.parametrize("name", ["churn", "fraud", "house_prices", "lending"])
def test_the_examples_records_follow_their_advice(name: str) -> None:
    assert_record_follows_the_advice(_brief(name), KNOWLEDGE)


@pytest.mark.parametrize("case_id", sorted(case.id for case in KNOWLEDGE.cases))
def test_every_golden_case_gets_a_record_that_follows_its_advice(case_id: str) -> None:
    case = next(case for case in KNOWLEDGE.cases if case.id == case_id)
    assert_record_follows_the_advice(case.brief, KNOWLEDGE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs())
def test_random_briefs_get_a_record_that_follows_their_advice(brief: Brief) -> None:
    assert_record_follows_the_advice(brief, KNOWLEDGE)


def test_the_first_steps_are_the_most_urgent_checklist_items() -> None:
    brief = _brief("lending")
    advice = advise(brief, KNOWLEDGE)
    record = decision_record(brief, KNOWLEDGE, advice)
    # The critical ECOA risk's to-do outranks every routine item, and the record says so first among its risks.
    ecoa = next(item.text for item in advice.checklist if item.rule == "legal.ecoa_lending")
    assert ecoa in {step.text for step in record.first_steps}
    assert record.risks[0].severity == "critical"
    priority = {rule.id: rule.priority for rule in KNOWLEDGE.rules}
    chosen = min(priority[step.rule] for step in record.first_steps)
    left_out = [item for item in advice.checklist if item.text not in {step.text for step in record.first_steps}]
    # Nothing left out has a higher priority than what was chosen, unless its step already has two items.
    per_step = [str(step.step) for step in record.first_steps]
    assert all(priority[item.rule] <= chosen or per_step.count(str(item.step)) == 2 for item in left_out)


def test_changing_the_brief_changes_the_record() -> None:
    fraud = _brief("fraud")
    before = decision_record(fraud, KNOWLEDGE, advise(fraud, KNOWLEDGE))
    assert before.primary_metric == "Recall@k"  # analysts review 1 %: recall in that 1 % leads
    assert before.serving == "Online prediction service"
    assert "Latency budget for one prediction: 50 ms" in before.serving_budget
    # The capacity sets the operating point; the cost-optimal threshold comes second, as what the costs alone say.
    assert before.operating_point[0].startswith("Act on the top 1 % of scores")
    assert any("the error costs alone" in line and "0.04" in line for line in before.operating_point)  # 5 / 125

    uncapped = _changed(fraud, problem={"baseline_metric": "share of fraud caught"})
    no_capacity = decision_record(uncapped, KNOWLEDGE, advise(uncapped, KNOWLEDGE))
    assert len(no_capacity.operating_point) == 1
    assert no_capacity.operating_point[0].startswith("Act above a probability of 0.04")
    assert no_capacity.primary_metric != "Recall@k"

    batch = _changed(fraud, serving={"prediction_timing": "batch", "latency_ms": 2000})
    after = decision_record(batch, KNOWLEDGE, advise(batch, KNOWLEDGE))
    assert after.serving == "Batch scoring"
    assert "Latency budget for one prediction: 2,000 ms" in after.serving_budget

    costly = _changed(fraud, costs={"false_positive_cost": 50.0, "false_negative_cost": 50.0})
    record = decision_record(costly, KNOWLEDGE, advise(costly, KNOWLEDGE))
    assert any("0.5" in line and "50 USD" in line for line in record.operating_point)

    regression = _brief("house_prices")
    other = decision_record(regression, KNOWLEDGE, advise(regression, KNOWLEDGE))
    assert other.primary_metric != before.primary_metric and other.model_families != before.model_families
    assert other.operating_point == []  # no error costs, no capacity: nothing invented

    bar = _changed(fraud, problem={"baseline_value": 0.5, "required_improvement": 0.2})
    assert decision_record(bar, KNOWLEDGE, advise(bar, KNOWLEDGE)).business_metric == (
        "recall at 1 % review rate: today 0.5, success at 0.7 or better"
    )


def test_an_empty_brief_says_what_is_missing_instead_of_inventing_it() -> None:
    brief = Brief()
    record = decision_record(brief, KNOWLEDGE, advise(brief, KNOWLEDGE))
    assert record.problem == NO_PROBLEM
    assert record.serving == SERVING_NOT_DECIDED
    assert record.business_metric is None and record.operating_point == []
    markdown = render_markdown(build(brief, KNOWLEDGE))
    assert "not decided: see the open questions" in _record_section(markdown)


def test_the_markdown_opens_with_the_record_and_shows_its_fields(fraud_brief: Brief) -> None:
    report = build(fraud_brief, KNOWLEDGE)
    markdown = render_markdown(report)
    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    assert headings[0] == "Decision record"
    section = _record_section(markdown)
    for label in ("**Problem.**", "**Primary metric.**", "**Operating point.**", "**Model families, in order.**"):
        assert label in section
    assert "**Serving.** Online prediction service" in section
    assert "**First five things to do**" in section
    numbered = re.findall(r"^(\d)\. \[ \] ", section, flags=re.MULTILINE)
    assert numbered == ["1", "2", "3", "4", "5"]
    assert "recall at 1 % review rate: today 0.45, success at 0.55 or better" in section
    assert len(section.split()) < 450  # one page


def test_with_data_the_capacity_sets_the_operating_point_and_the_gain_is_measured_there(tmp_path: Path) -> None:
    """Churn's brief calls the top 10 %: the record gives the capacity threshold and the measured gain over a random
    pick of that size, says the cost-optimal threshold is over the capacity, and does not repeat it as a warning."""
    import advisor

    brief = _brief("churn")
    report = advisor.render(brief, data=advisor.DataRequest(EXAMPLES / "churn" / "data.csv", target="churn"))
    assert report.data is not None
    point = report.data["baseline"]["operating_point"]
    record = report.decision.operating_point
    assert record[0] == "Act on the top 10 % of scores (the capacity)"
    assert f"threshold {point['threshold']:.3g} (validation)" in record[1]
    assert f"gain +{point['gain']['value']:.3g}" in record[1] and "random pick" in record[1]
    assert point["over_capacity"] and record[-1].endswith("over the capacity")
    assert not any(warning.startswith("Operating point:") for warning in report.summary.data_warnings)
    body = report.markdown().split("## How each recommendation was reached")[0]
    assert "### Operating point" not in body  # said once, in the record
