"""Shared fixtures: the bundled rule base and small fixed rule bases that tests can rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.load import load_knowledge

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def analysis_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analyses run in the test's own process unless a test asks for worker processes (`jobs`, `--jobs`), so that
    monkeypatched constants reach the code. The companion process is tested in tests/data/test_companion.py, and
    every command run in a subprocess uses it as a user's command does."""
    monkeypatch.setattr("advisor.util.processes.unasked_processes_safe", lambda: False)


@pytest.fixture(scope="session")
def bundled_knowledge() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine_knowledge() -> KnowledgeBase:
    return load_knowledge(FIXTURES / "engine_rules")
