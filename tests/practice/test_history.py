"""The practice history survives a crash mid-write: a cut-off last line never swallows the next attempt."""

from __future__ import annotations

import json
from pathlib import Path

from advisor.knowledge.base import KnowledgeBase
from advisor.practice import grade
from advisor.practice.history import history_path, read_history, record_attempt
from advisor.practice.scenarios import Scenario


def test_an_attempt_after_a_cut_off_line_is_kept(
    data_dir: Path, fraud: Scenario, bundled_knowledge: KnowledgeBase
) -> None:
    card = grade(fraud, {"metrics": "PR-AUC because fraud is rare."}, bundled_knowledge)
    record_attempt(card, "answers_file")
    path = history_path()
    whole = path.read_text(encoding="utf-8")
    path.write_text(whole + whole[: len(whole) // 2], encoding="utf-8")  # a crash in the middle of a second write
    record_attempt(card, "answers_file")
    attempts, unreadable = read_history()
    assert [attempt.score for attempt in attempts] == [card.score, card.score]
    assert unreadable == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[-1])["scenario"] == "fraud"


def test_a_deeply_nested_line_is_skipped_not_fatal(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    history_path().write_text("[" * 100_000 + "\n", encoding="utf-8")
    assert read_history() == ([], 1)
