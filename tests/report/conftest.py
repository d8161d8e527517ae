"""Briefs for the report tests: the bundled examples' answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.brief.answers import load_brief
from advisor.brief.model import Brief
from advisor.knowledge.base import KnowledgeBase

EXAMPLES = Path(__file__).parent.parent.parent / "examples"


@pytest.fixture
def fraud_brief(bundled_knowledge: KnowledgeBase) -> Brief:
    return load_brief(EXAMPLES / "fraud" / "answers.yaml", bundled_knowledge)
