"""Rendering a `DesignReport` as Markdown, standalone HTML and JSON (the same content in each)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from advisor.brief.enums import STEP_TITLES
from advisor.report.html import markdown_to_html
from advisor.report.model import DesignReport, Reached
from advisor.report.templates import html_environment, markdown_environment
from advisor.util.escape import md_text
from advisor.util.resources import bundled

STRENGTH_WORDS = {"primary": "primary", "recommended": "recommended", "consider": "worth considering"}
# "recommended" is the default strength: only the others are named next to an item.
EMPHASISED = ("primary", "consider")
JSON_FORMAT_VERSION = 2


def reached_facts(report: DesignReport) -> list[str]:
    """The facts that more than one line of the appendix rests on, in words, once each: the appendix numbers them
    (F1, F2, ...) and its lines cite the numbers; a fact only one line uses is written out on that line."""
    uses: dict[str, set[tuple[str, ...]]] = {}
    for entry in report.reached:
        for phrase in entry.because:
            uses.setdefault(phrase, set()).add(tuple(entry.because))
    return [phrase for phrase, sets in uses.items() if len(sets) > 1]


def reached_groups(report: DesignReport) -> list[tuple[str, list[Reached]]]:
    """The appendix's lines: rules that fired on the same facts share one line, in order of appearance; the key is
    Markdown (shared facts as their numbers, the others written out and escaped)."""
    shared = {phrase: index for index, phrase in enumerate(reached_facts(report), start=1)}
    groups: dict[str, list[Reached]] = {}
    for entry in report.reached:
        numbered = sorted(shared[phrase] for phrase in entry.because if phrase in shared)
        written = [md_text(phrase) for phrase in entry.because if phrase not in shared]
        key = "; ".join([", ".join(f"F{number}" for number in numbered), *written] if numbered else written)
        groups.setdefault(key, []).append(entry)
    return list(groups.items())


def short_author(author: str) -> str:
    """The first author and "et al." when there are several: the full list stays in design.json."""
    names = author.split(" (", maxsplit=1)[0].split(", ")
    return names[0] + (" et al." if len(names) > 1 else "")


def render_markdown(report: DesignReport) -> str:
    template = markdown_environment().get_template("design.md.j2")
    text = template.render(
        report=report,
        step_titles={step.value: title for step, title in STEP_TITLES.items()},
        strength_words=STRENGTH_WORDS,
        emphasised=EMPHASISED,
        reached_groups=reached_groups(report),
        reached_facts=reached_facts(report),
        short_author=short_author,
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
                reached = report.reached_for(item.rule)
                advice.append(
                    {
                        "kind": kind,
                        **entry,
                        "references": numbers,
                        "supporting": supporting,
                        "reached_by": reached.because if reached is not None else [],
                    }
                )
    data = report.data or {}
    return {
        "format_version": JSON_FORMAT_VERSION,
        "title": report.title,
        "generator": report.generator.model_dump(mode="json"),
        "summary": report.summary.model_dump(mode="json"),
        "decision": report.decision.model_dump(mode="json"),
        "milestones": [milestone.model_dump(mode="json") for milestone in report.milestones],
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
