"""The interview tests run against a small fixture rule base: six questions of every type, one `ask_when`."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.load import load_knowledge

INTERVIEW_RULES = Path(__file__).parent.parent / "fixtures" / "interview_rules"


@pytest.fixture(scope="session")
def interview_knowledge() -> KnowledgeBase:
    return load_knowledge(INTERVIEW_RULES)
