"""Rendering a `DesignReport` as Markdown, standalone HTML and JSON (the same content in each)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from advisor.enums import STEP_TITLES
from advisor.report.html import markdown_to_html
from advisor.report.model import DesignReport
from advisor.report.templates import html_environment, markdown_environment
from advisor.resources import bundled

STRENGTH_WORDS = {"primary": "primary", "recommended": "recommended", "consider": "worth considering"}
JSON_FORMAT_VERSION = 1


def render_markdown(report: DesignReport) -> str:
    template = markdown_environment().get_template("design.md.j2")
    text = template.render(
        report=report,
        step_titles={step.value: title for step, title in STEP_TITLES.items()},
        strength_words=STRENGTH_WORDS,
    )
    return text.rstrip("\n") + "\n"


def render_html(report: DesignReport, markdown_text: str | None = None, base_dir: Path | None = None) -> str:
    """A standalone page: the Markdown converted, images under `base_dir` embedded, the stylesheet inline."""
    body = markdown_to_html(markdown_text if markdown_text is not None else render_markdown(report), base_dir)
    css = (bundled("templates") / "design.css").read_text(encoding="utf-8")
    page = (
        html_environment()
        .get_template("design.html.j2")
        .render(
            title=report.title,
            version=report.generator.advisor_version,
            css=Markup(css),  # our own stylesheet, not user text
            body=Markup(body),  # built by markdown with raw HTML disabled and every user string escaped
        )
    )
    return page.rstrip("\n") + "\n"


def report_json(report: DesignReport) -> dict[str, Any]:
    """The JSON document: stable keys, everything the Markdown shows (DESIGN.md "Commands")."""
    steps = report.steps
    advice: list[dict[str, Any]] = []
    for section in steps:
        for kind, items in (
            ("recommend", section.recommendations),
            ("exclude", section.exclusions),
            ("risk", section.risks),
        ):
            for item in items:
                entry = item.model_dump(mode="json", exclude={"supporting"})
                supporting = [reason.rule for reason in getattr(item, "supporting", [])]
                numbers = [cited.number for cited in report.citations(item.sources) if cited.number is not None]
                advice.append({"kind": kind, **entry, "references": numbers, "supporting": supporting})
    data = report.data or {}
    return {
        "format_version": JSON_FORMAT_VERSION,
        "title": report.title,
        "generator": report.generator.model_dump(mode="json"),
        "summary": report.summary.model_dump(mode="json"),
        "answers": [answer.model_dump(mode="json") for answer in report.answers],
        "advice": advice,
        "checklist": [{"step": s.step, "text": text} for s in steps for text in s.checklist],
        "open_questions": [{"step": s.step, "text": text} for s in steps for text in s.open_questions],
        "conflicts": [conflict.model_dump(mode="json") for conflict in report.conflicts],
        "steps": [{"step": s.step, "title": s.title} for s in steps],
        "references": [reference.model_dump(mode="json") for reference in report.references],
        "profile": data.get("profile"),
        "baseline": data.get("baseline"),
        "data": data or None,
    }


def render_json(report: DesignReport) -> str:
    return json.dumps(report_json(report), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
