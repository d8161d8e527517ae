"""The References section: every cited entry once, in Markdown, HTML and JSON, and every item links to its entries."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from advisor.brief.model import Brief
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.bibliography import Citation
from advisor.knowledge.load import inspect_knowledge, load_knowledge
from advisor.report import build, render_html, render_json, render_markdown

LINK = re.compile(r"\[\\\[(\d+)\\\]\]\(#([a-z0-9-]+)\)")


def test_markdown_ends_with_references_that_every_item_links_to(
    fraud_brief: Brief, bundled_knowledge: KnowledgeBase
) -> None:
    report = build(fraud_brief, bundled_knowledge)
    text = render_markdown(report)
    assert re.findall(r"^## (.+)$", text, flags=re.MULTILINE)[-1] == "References"
    references = text.split("\n## References\n", 1)[1]
    headings = re.findall(r"^### \\\[(\d+)\\\] (.+)$", references, flags=re.MULTILINE)
    assert [int(number) for number, _ in headings] == list(range(1, len(headings) + 1))
    # The heading is the title without its subtitle; design.json keeps the whole title.
    assert "Rules of Machine Learning" in {title for _, title in headings}
    assert "<https://developers.google.com/machine-learning/guides/rules-of-ml>" in references
    # Every line of the appendix that names rules links their sources, and every reference is cited.
    body = text.split("\n## References\n", 1)[0]
    cited = {int(number) for number, _ in LINK.findall(body)}
    assert cited == set(range(1, len(headings) + 1))
    appendix = body.split("## How each recommendation was reached\n", 1)[1].split("\n### ", 1)[0]
    for line in appendix.splitlines():
        if line.startswith("- ") and "`" in line:
            rules = re.findall(r"`([a-z_]+\.[a-z0-9_]+)`", line)
            cites = {Citation.parse(text).key for rule in rules for text in report.reached_for(rule).sources}  # type: ignore[union-attr]
            keys = {reference.key for reference in report.references}
            if cites & keys:
                assert LINK.search(line), line
    document = json.loads(render_json(report))
    assert {entry["title"] for entry in document["references"]} >= {
        "Rules of Machine Learning: Best Practices for ML Engineering"
    }


def test_html_anchors_resolve(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    html = render_html(build(fraud_brief, bundled_knowledge))
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert "references" in ids
    assert targets and targets <= ids, targets - ids
    assert any(target.startswith("1-") for target in targets)


def test_json_lists_the_references_and_each_advice_names_its_numbers(
    fraud_brief: Brief, bundled_knowledge: KnowledgeBase
) -> None:
    document = json.loads(render_json(build(fraud_brief, bundled_knowledge)))
    references = {entry["number"]: entry for entry in document["references"]}
    assert references and all({"key", "title", "author", "year", "url"} <= set(entry) for entry in references.values())
    assert bundled_knowledge.bibliography is not None
    for advice in document["advice"]:
        keys = [Citation.parse(text).key for text in advice["sources"]]
        assert [references[number]["key"] for number in advice["references"]] == keys


def test_no_item_cites_an_internal_file(fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    text = render_markdown(build(fraud_brief, bundled_knowledge))
    assert not re.search(r"KNOWLEDGE\.md|DESIGN\.md|\[guess|seed 00\d|§", text)


def test_bibliography_text_is_escaped_and_a_link_cannot_carry_markup(
    fraud_brief: Brief, bundled_knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(bundled_knowledge.root, rules)
    bibliography = yaml.safe_load((rules / "sources.yaml").read_text(encoding="utf-8"))
    entry = bibliography["sources"]["google-rules-of-ml"]
    entry["title"] = "<script>alert('t')</script> **bold** [x](javascript:alert(1)) & co"
    entry["author"] = "<img src=x onerror=y>"
    (rules / "sources.yaml").write_text(yaml.safe_dump(bibliography), encoding="utf-8")
    html = render_html(build(fraud_brief, load_knowledge(rules))).lower()
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    # A link with markup in it is refused when the rule base loads.
    entry["url"] = "https://example.org/<script>"
    (rules / "sources.yaml").write_text(yaml.safe_dump(bibliography), encoding="utf-8")
    _, problems = inspect_knowledge(rules)
    assert any("google-rules-of-ml" in str(problem) for problem in problems)
