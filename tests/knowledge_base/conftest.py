"""Shared for the knowledge-base tests: the advice of every golden case, computed once per session."""

from __future__ import annotations

import pytest

from advisor.inference.advice import Advice
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase


@pytest.fixture(scope="session")
def case_advice(bundled_knowledge: KnowledgeBase) -> dict[str, Advice]:
    return {case.id: advise(case.brief, bundled_knowledge) for case in bundled_knowledge.cases}


@pytest.fixture(scope="session")
def fired_by_cases(case_advice: dict[str, Advice]) -> set[str]:
    return {firing.rule for advice in case_advice.values() for firing in advice.firings}
