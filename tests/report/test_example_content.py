"""What a reviewer checks first in the four bundled example reports: no item twice, no internal file name, no summary
line that says something the advice does not."""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from advisor.brief.enums import STEP_TITLES
from advisor.knowledge.base import KnowledgeBase
from advisor.lint.near_duplicates import near_identical
from advisor.report.build import SERVING_MODE_ITEMS, SERVING_NOT_DECIDED

CHECKED = Path(__file__).parent.parent.parent / "reports" / "examples"
EXAMPLES = ["churn", "fraud", "house_prices", "lending"]
INTERNAL = re.compile(r"KNOWLEDGE\.md|DESIGN\.md|DEVELOPERS\.md|\[guess|seed 00\d|§")


def sections(text: str) -> dict[str, str]:
    """The report's `## ` sections by heading."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def subsections(section: str) -> dict[str, str]:
    """A section's `### ` subsections by heading; a step's recommendations come before its first subsection."""
    parts = re.split(r"^### (.+)$", section, flags=re.MULTILINE)
    return {"Recommendations": parts[0], **dict(zip(parts[1::2], parts[2::2], strict=True))}


def entries(section: str) -> list[str]:
    """The heading line of each advice entry (`- **Label** (...): Title`)."""
    return [line for line in section.splitlines() if line.startswith("- **")]


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_internal_file_name_or_guess_marker(name: str) -> None:
    for suffix in ("md", "html", "json"):
        text = (CHECKED / name / f"design.{suffix}").read_text(encoding="utf-8")
        assert not INTERNAL.search(text), (suffix, INTERNAL.search(text))


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_item_twice_and_no_two_entries_that_say_the_same(name: str) -> None:
    text = (CHECKED / name / "design.md").read_text(encoding="utf-8")
    document = json.loads((CHECKED / name / "design.json").read_text(encoding="utf-8"))
    keys = [(advice["kind"], advice["category"], advice["item"]) for advice in document["advice"]]
    assert len(keys) == len(set(keys))
    for heading, body in sections(text).items():
        # One rule may recommend an item and also warn against another (PR-AUC, not accuracy): those sit in different
        # subsections. Within one subsection no two entries may say the same.
        for kind, part in subsections(body).items():
            if kind in ("Recommendations", "Ruled out by a stronger rule") and heading in STEP_TITLES.values():
                titles = [
                    line.split("): ", 1)[-1] if "): " in line else line.split("**: ", 1)[-1] for line in entries(part)
                ]
                repeated = [(a, b) for a, b in combinations(titles, 2) if near_identical(a, b)]
                assert repeated == [], (heading, kind, repeated)
            listed = [line for line in part.splitlines() if line.startswith("- ")]
            assert len(listed) == len(set(listed)), (heading, kind)


@pytest.mark.parametrize("name", EXAMPLES)
def test_summary_serving_line_is_a_serving_mode(name: str, bundled_knowledge: KnowledgeBase) -> None:
    document = json.loads((CHECKED / name / "design.json").read_text(encoding="utf-8"))
    labels = {bundled_knowledge.catalog.label("deployment", item) for item in SERVING_MODE_ITEMS}
    serving = document["summary"]["serving_mode"]
    assert serving in labels | {SERVING_NOT_DECIDED}
    chosen = [a for a in document["advice"] if a["kind"] == "recommend" and a["label"] == serving]
    assert chosen and chosen[0]["category"] == "deployment"
    primary = [a for a in document["advice"] if a["kind"] == "recommend" and a["strength"] == "primary"]
    metric = [a["label"] for a in primary if a["category"] == "metric"]
    assert document["summary"]["primary_metric"] == (metric[0] if metric else None)


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_ticket_routing_example_outside_ticket_routing(name: str) -> None:
    # The KPI checklist once carried a support-ticket example into every report, whatever the project.
    text = (CHECKED / name / "design.md").read_text(encoding="utf-8").lower()
    assert "ticket" not in text
