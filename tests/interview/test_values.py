from __future__ import annotations

from typing import Any

import pytest

from advisor.brief.model import Brief
from advisor.interview.values import AnswerRejected, choices_of, describe, parse_typed, with_value
from advisor.knowledge.base import KnowledgeBase


def _question(knowledge: KnowledgeBase, question_id: str) -> Any:
    question = knowledge.question(question_id)
    assert question is not None
    return question


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        ("rows", "12000", 12000),
        ("rows", "12k", 12000),
        ("rows", "1,500", 1500),
        ("rows", "1_000_000 rows", 1000000),
        ("rows", "2.5M", 2500000),
        ("latency_ms", "50 ms", 50.0),
        ("latency_ms", "0.5", 0.5),
        ("positive_share", "5%", 0.05),
        ("positive_share", "0.3", 0.3),
    ],
)
def test_typed_numbers_are_read_as_people_write_them(
    interview_knowledge: KnowledgeBase, question_id: str, text: str, value: float
) -> None:
    parsed = parse_typed(_question(interview_knowledge, question_id), text)
    assert parsed == pytest.approx(value)
    assert type(parsed) is type(value)


@pytest.mark.parametrize(
    ("question_id", "text", "reason"),
    [
        ("rows", "many", "'many' is not a number"),
        ("rows", "12.5", "must be a whole number, not 12.5"),
        ("latency_ms", "5%", "a percentage only fits a share"),
        ("latency_ms", "inf", "must be a finite number"),
        ("latency_ms", "1,5", "'1,5' is not a number"),
    ],
)
def test_unreadable_numbers_are_rejected_with_the_reason(
    interview_knowledge: KnowledgeBase, question_id: str, text: str, reason: str
) -> None:
    with pytest.raises(AnswerRejected) as rejected:
        parse_typed(_question(interview_knowledge, question_id), text)
    assert rejected.value.reason.startswith(reason)


def test_the_brief_validates_the_value_and_the_reason_reads_as_words(interview_knowledge: KnowledgeBase) -> None:
    latency = _question(interview_knowledge, "latency_ms")
    with pytest.raises(AnswerRejected) as rejected:
        with_value(Brief(), latency, 0.0)
    assert rejected.value.reason == "must be greater than 0"
    share = _question(interview_knowledge, "positive_share")
    with pytest.raises(AnswerRejected) as too_big:
        with_value(Brief(), share, 1.5)
    assert too_big.value.reason == "must be less than or equal to 1"


def test_setting_a_value_leaves_the_original_brief_alone_and_unskips(interview_knowledge: KnowledgeBase) -> None:
    latency = _question(interview_knowledge, "latency_ms")
    original = Brief(skipped=["latency_ms"])
    updated = with_value(original, latency, 20.0)
    assert updated.serving.latency_ms == 20.0 and updated.skipped == []
    assert original.serving.latency_ms is None and original.skipped == ["latency_ms"]


def test_choices_come_from_the_fact_when_the_question_lists_none(interview_knowledge: KnowledgeBase) -> None:
    task = _question(interview_knowledge, "task_type")
    choices = choices_of(task, interview_knowledge)
    assert [c.value for c in choices][:2] == ["binary_classification", "multiclass_classification"]
    assert choices[0].label == "binary classification"
    assert [c.label for c in choices_of(_question(interview_knowledge, "personal_data"), interview_knowledge)] == [
        "Yes",
        "No",
    ]


def test_answers_are_described_in_words(interview_knowledge: KnowledgeBase) -> None:
    assert describe(_question(interview_knowledge, "latency_ms"), 50.0, interview_knowledge) == "50 ms"
    assert describe(_question(interview_knowledge, "personal_data"), True, interview_knowledge) == "yes"
    assert describe(_question(interview_knowledge, "task_type"), "regression", interview_knowledge) == "regression"
    assert describe(_question(interview_knowledge, "rows"), 12000, interview_knowledge) == "12000 rows"
