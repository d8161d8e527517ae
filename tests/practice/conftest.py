"""Shared fixtures of the practice tests: the bundled scenarios, their concepts and a private data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.knowledge.base import KnowledgeBase
from advisor.practice.concepts import ConceptBook, load_concepts
from advisor.practice.scenarios import Scenario, find_scenario
from advisor.practice.written import load_written_answers


@pytest.fixture(scope="session")
def concepts(bundled_knowledge: KnowledgeBase) -> ConceptBook:
    return load_concepts(bundled_knowledge)


@pytest.fixture(scope="session")
def fraud(bundled_knowledge: KnowledgeBase) -> Scenario:
    return find_scenario("fraud", bundled_knowledge)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its practice history in its own folder, never in the user's."""
    folder = tmp_path / "advisor-data"
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(folder))
    return folder


CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def strong_fraud() -> dict[str, str]:
    """What a strong candidate writes about marketplace fraud: every choice with its reason (the corpus answer)."""
    return load_written_answers(CORPUS / "fraud" / "strong.yaml")
