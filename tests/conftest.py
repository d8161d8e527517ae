"""Shared fixtures: the bundled rule base and small fixed rule bases that tests can rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.load import load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def bundled_knowledge() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine_knowledge() -> KnowledgeBase:
    return load_knowledge(FIXTURES / "engine_rules")
