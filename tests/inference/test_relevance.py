"""Question relevance: a question is asked only when its answer can still change what some rule does."""

from __future__ import annotations

import shutil
from pathlib import Path

from advisor.brief.model import Brief
from advisor.inference.relevance import pending_questions
from advisor.knowledge.load import load_knowledge

FIXTURES = Path(__file__).parent.parent / "fixtures"

EXISTS_RULES = """\
rules:
  - id: costs.known_misses
    step: metrics
    title: Misses have a price
    when: {fact: costs.false_negative_cost, op: exists}
    then: [{checklist: Put the price of a miss into the threshold.}]
    because: A rule that only needs to know the cost was given.
    sources: [test]
"""

EXISTS_QUESTION = """\
  - id: false_negative_cost
    fact: costs.false_negative_cost
    step: metrics
    prompt: What does a miss cost?
    help: Decides the decision threshold.
    type: number
"""


def test_question_read_only_by_an_exists_test_is_still_asked(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "engine_rules", root)
    (root / "costs.yaml").write_text(EXISTS_RULES)
    with (root / "questions.yaml").open("a") as questions:
        questions.write(EXISTS_QUESTION)
    knowledge = load_knowledge(root)
    assert "false_negative_cost" in [question.id for question in pending_questions(Brief(), knowledge)]
    answered = Brief()
    answered.costs.false_negative_cost = 10
    assert "false_negative_cost" not in [question.id for question in pending_questions(answered, knowledge)]
