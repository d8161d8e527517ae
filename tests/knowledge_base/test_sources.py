"""The bibliography: every rule and question cites only its keys, and no citation is an internal note."""

from __future__ import annotations

import re

import pytest

from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.bibliography import Citation, cited_keys

# What a reader cannot follow: our own working files, unlabelled guesses, seed file numbers.
INTERNAL = re.compile(r"KNOWLEDGE\.md|§|\[guess|seed 00\d|DESIGN\.md", re.IGNORECASE)


def citing(knowledge: KnowledgeBase) -> list[tuple[str, list[str]]]:
    return [
        *((f"rule {rule.id}", rule.sources) for rule in knowledge.rules),
        *((f"question {question.id}", question.sources) for question in knowledge.questions),
    ]


def test_every_rule_and_question_cites_only_bibliography_keys(bundled_knowledge: KnowledgeBase) -> None:
    assert bundled_knowledge.bibliography is not None
    unknown = {
        (who, text)
        for who, sources in citing(bundled_knowledge)
        for text in sources
        if bundled_knowledge.bibliography.get(Citation.parse(text).key) is None
    }
    assert unknown == set()


def test_every_rule_cites_at_least_one_source(bundled_knowledge: KnowledgeBase) -> None:
    assert all(rule.sources for rule in bundled_knowledge.rules)


def test_no_citation_names_an_internal_file_or_a_guess(bundled_knowledge: KnowledgeBase) -> None:
    internal = [(who, text) for who, sources in citing(bundled_knowledge) for text in sources if INTERNAL.search(text)]
    assert internal == []


def test_every_entry_can_be_found_by_a_reader(bundled_knowledge: KnowledgeBase) -> None:
    assert bundled_knowledge.bibliography is not None
    entries = bundled_knowledge.bibliography.entries
    assert len(entries) >= 20
    # A link, or a note that says plainly what the entry is (the common-practice entry has no link by nature).
    assert [key for key, entry in entries.items() if entry.url is None and not entry.note] == []
    # An entry without a year says why in its note (the seed notes are undated).
    assert [key for key, entry in entries.items() if entry.year is None and not entry.note] == []


def test_the_two_seed_documents_are_cited_under_their_own_titles(bundled_knowledge: KnowledgeBase) -> None:
    assert bundled_knowledge.bibliography is not None
    titles = {entry.title for entry in bundled_knowledge.bibliography.entries.values()}
    assert {"The End-to-End ML Workflow", "End-to-End Machine Learning: A Story"} <= titles
    cited = {key for _, sources in citing(bundled_knowledge) for key in cited_keys(sources)}
    assert {"seed-ml-workflow", "seed-ml-story"} <= cited


@pytest.mark.parametrize(
    ("text", "key", "locator"),
    [
        ("gdpr", "gdpr", None),
        ("gdpr: art. 22", "gdpr", "art. 22"),
        ("ml-canvas: prediction task, entity", "ml-canvas", "prediction task, entity"),
        ("google-rules-of-ml: #33 train up to day N: test", "google-rules-of-ml", "#33 train up to day N: test"),
    ],
)
def test_a_citation_is_a_key_and_an_optional_locator(text: str, key: str, locator: str | None) -> None:
    citation = Citation.parse(text)
    assert (citation.key, citation.locator) == (key, locator)
    assert str(citation) == text
