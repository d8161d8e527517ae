"""The conversation without a terminal: a scripted prompter, the real state, rule base and console."""

from __future__ import annotations

import pytest

from advisor.brief.model import Brief
from advisor.interview.console import Console
from advisor.interview.flow import run_interview
from advisor.interview.replies import Answer, Back, Skip, SkipRest, Typed, Why
from advisor.interview.state import InterviewState
from advisor.knowledge.base import KnowledgeBase

from .scripted import ScriptedPrompter


def _run(knowledge: KnowledgeBase, replies: list[object], brief: Brief | None = None) -> tuple[Brief, ScriptedPrompter]:
    prompter = ScriptedPrompter(replies)  # type: ignore[arg-type]
    state = InterviewState(brief or Brief(), knowledge)
    result = run_interview(state, prompter, Console(color=False))
    assert prompter.replies == [], "the interview ended before the script did"
    return result, prompter


def test_questions_come_in_workflow_order_and_answers_reach_the_brief(interview_knowledge: KnowledgeBase) -> None:
    brief, prompter = _run(
        interview_knowledge,
        [
            Answer("binary_classification"),
            Typed("Catch fraud before payout"),
            Answer(True),
            Answer([]),  # nothing ticked: asked again
            Answer(["eu", "uk"]),
            Typed("50"),
            Typed("12k"),
            Typed("2%"),
            True,
        ],
    )
    assert prompter.asked_ids == [
        *["task_type", "goal", "personal_data", "jurisdictions", "jurisdictions"],
        *["latency_ms", "rows", "positive_share"],
    ]
    assert [choice.value for choice in prompter.asked[3].choices] == ["us", "eu", "uk", "other"]
    assert brief.legal.jurisdictions == ["eu", "uk"]
    assert brief.problem.task_type == "binary_classification"
    assert brief.problem.goal == "Catch fraud before payout"
    assert brief.legal.personal_data is True
    assert brief.serving.latency_ms == 50.0
    assert brief.data.rows == 12000
    assert brief.data.positive_share == pytest.approx(0.02)
    assert brief.skipped == []


def test_ask_when_leaves_out_questions_that_do_not_apply(interview_knowledge: KnowledgeBase) -> None:
    brief, prompter = _run(interview_knowledge, [Answer("regression"), SkipRest(), True])
    assert prompter.asked_ids == ["task_type", "goal"]
    assert brief.skipped == ["goal", "personal_data", "latency_ms", "rows"]


def test_a_bad_value_is_asked_again_with_the_reason(
    interview_knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    brief, prompter = _run(
        interview_knowledge,
        [Answer("regression"), Skip(), Skip(), Typed("0"), Typed("fast"), Typed("80"), Typed("-3"), Typed("9"), True],
    )
    out = capsys.readouterr().out
    assert "Not accepted: must be greater than 0. Try again." in out
    assert "Not accepted: 'fast' is not a number" in out
    assert "Not accepted: must be at least 0. Try again." in out  # the question's own minimum
    assert prompter.asked_ids == ["task_type", "goal", "personal_data", *["latency_ms"] * 3, "rows", "rows"]
    assert brief.serving.latency_ms == 80.0 and brief.data.rows == 9


def test_skipped_questions_are_listed_and_enter_alone_skips(interview_knowledge: KnowledgeBase) -> None:
    brief, _ = _run(
        interview_knowledge,
        [Answer("binary_classification"), Typed(""), Skip(), Typed("skip"), Typed("100"), Typed("  "), True],
    )
    assert brief.skipped == ["goal", "personal_data", "latency_ms", "positive_share"]
    assert brief.data.rows == 100


def test_back_undoes_the_previous_answer_and_asks_it_again(
    interview_knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    brief, prompter = _run(
        interview_knowledge,
        [
            Back(),  # nothing to undo yet
            Answer("binary_classification"),
            Typed("Old goal"),
            Typed("<"),  # back from personal_data: goal is asked again, with the old answer as default
            Typed(""),  # Enter keeps it
            Back(),  # back to goal
            Typed("New goal"),
            Back(),  # back to goal
            Back(),  # back to task_type
            Answer("regression"),
            Typed("Predict demand"),
            SkipRest(),
            True,
        ],
    )
    assert "nothing to go back to" in capsys.readouterr().out
    assert prompter.asked_ids == [
        *["task_type"] * 2,
        "goal",
        "personal_data",
        "goal",
        "personal_data",
        "goal",
        "personal_data",
        "goal",
        "task_type",
        "goal",
        "personal_data",
    ]
    assert prompter.asked[4].default == "Old goal"
    assert prompter.asked[9].default == "binary_classification"
    assert brief.problem.task_type == "regression" and brief.problem.goal == "Predict demand"
    assert brief.skipped == ["personal_data", "latency_ms", "rows"]


def test_why_explains_and_asks_again(interview_knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    _, prompter = _run(interview_knowledge, [Why(), Answer("regression"), Typed("?"), SkipRest(), True])
    out = capsys.readouterr().out
    assert "What each answer changes:" in out
    assert "regression: recommends MAE" in out
    assert "Rules waiting on this answer" in out
    assert prompter.asked_ids == ["task_type", "task_type", "goal", "goal"]


def test_editing_in_the_summary_drops_answers_that_no_longer_apply(
    interview_knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    brief, prompter = _run(
        interview_knowledge,
        [
            Answer("binary_classification"),
            SkipRest(),
            False,  # edit: the summary lists task_type, goal, personal_data, latency_ms, rows, positive_share
            "9",  # out of range
            "6",  # positive_share: skipped so far
            Typed("0.3"),
            False,
            "1",
            Answer("regression"),
            True,
        ],
    )
    out = capsys.readouterr().out
    assert "Not accepted: there is no answer number '9' (they go from 1 to 6; Enter cancels)." in " ".join(out.split())
    assert "Dropped the answer to 'What share of examples are positive?'" in out
    assert "skipped: 2\u00a0goal, 3\u00a0personal_data, 4\u00a0latency_ms" in out
    assert prompter.asked[2].editing and prompter.asked[2].question.id == "positive_share"
    assert brief.problem.task_type == "regression"
    assert brief.data.positive_share is None
    assert "positive_share" not in brief.skipped


def test_a_resumed_brief_asks_only_what_is_left_and_back_reaches_old_answers(
    interview_knowledge: KnowledgeBase,
) -> None:
    resumed = Brief.model_validate({"problem": {"task_type": "regression", "goal": "Predict demand"}})
    state = InterviewState(resumed, interview_knowledge)
    assert [entry.question_id for entry in state.history] == ["task_type", "goal"]
    # Certain: personal_data, latency_ms, rows; may come: jurisdictions (when personal data is "yes"): 3 or 4 more.
    assert state.progress(state.pending()) == (3, 6)
    brief, prompter = _run(interview_knowledge, [Back(), Typed("Predict demand weekly"), SkipRest(), True], resumed)
    assert prompter.asked_ids == ["personal_data", "goal", "personal_data"]
    assert brief.problem.goal == "Predict demand weekly" and brief.problem.task_type == "regression"


def test_the_summary_lists_steps_questions_and_answers(
    interview_knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(interview_knowledge, [Answer("regression"), Typed("Predict demand"), Answer(False), Typed("Skip All"), True])
    out = capsys.readouterr().out
    summary = out[out.index("Summary of your answers") :].splitlines()
    assert summary[1:8] == [
        "Problem and constraints",
        "  1. What kind of prediction is this?          regression",
        "  2. What is the business goal, in one sen...  Predict demand",
        "  3. Does the data describe identifiable p...  no",
        "     skipped: 4\u00a0latency_ms",
        "Data sources",
        "     skipped: 5\u00a0rows",
    ]
    assert all(len(line) <= 78 for line in out.splitlines())
