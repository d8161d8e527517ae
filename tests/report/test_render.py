"""The report's three formats: the same content, the summary first, every step, hostile text escaped."""

from __future__ import annotations

import json
import re

from advisor.brief.enums import STEP_TITLES, Step
from advisor.brief.model import Brief
from advisor.knowledge.base import KnowledgeBase
from advisor.report import build, render_html, render_json, render_markdown
from advisor.util.escape import md_text

HOSTILE = "<script>alert('pwned')</script> **bold** [click](javascript:alert(1)) | pipe # hash & <img src=x onerror=y>"


def test_markdown_opens_with_the_decision_record_then_the_plan_then_one_section_per_step(
    fraud_brief: Brief, bundled_knowledge: KnowledgeBase
) -> None:
    text = render_markdown(build(fraud_brief, bundled_knowledge))
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings[:2] == ["Decision record", "What's next"]
    step_headings = [heading for heading in headings if heading in STEP_TITLES.values()]
    assert step_headings == [STEP_TITLES[step] for step in Step]
    assert headings.index("How each recommendation was reached") > headings.index(STEP_TITLES[Step.iteration])
    assert "**Primary metric.** Recall\\@k" in text  # analysts review 1 %: recall in that 1 % leads
    assert "- [ ] " in text  # checklists are task lists
    body, appendix = text.split("## How each recommendation was reached", 1)
    assert "`metrics.ranking_at_capacity`" in appendix  # every rule is named, in the appendix
    assert "`metrics." not in body


def test_json_carries_the_advice_with_stable_keys(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    document = json.loads(render_json(build(fraud_brief, bundled_knowledge)))
    assert {"advice", "checklist", "open_questions", "summary", "answers", "profile", "baseline"} <= set(document)
    primary = [a for a in document["advice"] if a["kind"] == "recommend" and a["strength"] == "primary"]
    assert {"rule", "step", "category", "item", "title", "because", "sources"} <= set(primary[0])
    assert ("metric", "recall_at_k") in {(a["category"], a["item"]) for a in primary}
    excluded = {(a["category"], a["item"]) for a in document["advice"] if a["kind"] == "exclude"}
    assert ("metric", "accuracy") in excluded
    assert document["profile"] is None and document["baseline"] is None  # no data given


def test_rendering_is_deterministic(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    first, second = build(fraud_brief, bundled_knowledge), build(fraud_brief, bundled_knowledge)
    assert render_markdown(first) == render_markdown(second)
    assert render_html(first) == render_html(second)
    assert render_json(first) == render_json(second)


def test_user_text_with_script_and_markup_is_escaped_in_every_format(
    fraud_brief: Brief, bundled_knowledge: KnowledgeBase
) -> None:
    brief = fraud_brief.model_copy(deep=True)
    brief.problem.name = HOSTILE
    brief.problem.goal = HOSTILE
    brief.problem.stakeholders = f"line one\n# heading\n{HOSTILE}"
    brief.problem.baseline_metric = HOSTILE
    brief.problem.prior_approach_notes = HOSTILE
    brief.legal.protected_attributes = []  # a "none" answer: the answers table shows it
    report = build(brief, bundled_knowledge)
    html = render_html(report)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert 'href="javascript' not in lowered
    assert "&lt;script&gt;" in html  # shown as text
    assert "<strong>bold</strong>" not in html  # user asterisks stay asterisks
    markdown_text = render_markdown(report)
    assert markdown_text.startswith("# " + md_text(HOSTILE) + "\n")
    record = [line for line in markdown_text.splitlines() if line.startswith("**Problem.**")]
    assert record and md_text(HOSTILE) in record[0]  # the goal, escaped, on one line
    table_rows = [line for line in markdown_text.splitlines() if line.startswith("| Protected attributes present")]
    assert table_rows and re.sub(r"\\\|", "", table_rows[0]).count("|") == 3  # the table kept its two cells
    assert json.loads(render_json(report))["title"] == HOSTILE  # JSON keeps the raw text; it is data, not markup


def test_html_is_standalone(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    html = render_html(build(fraud_brief, bundled_knowledge))
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html
    assert not re.search(r'<(link|script)\b|src="(?!data:)', html)


def test_python_api_renders_and_displays_in_jupyter(fraud_brief: Brief) -> None:
    import advisor

    report = advisor.render(fraud_brief)
    assert report._repr_markdown_() == report.markdown()
    assert report.markdown().startswith("# Marketplace card-fraud screening\n")
    assert json.loads(report.json_text())["summary"]["primary_metric"] == "Recall@k"
