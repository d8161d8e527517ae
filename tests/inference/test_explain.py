"""HOW, WHY and WHY-NOT on the chained fixture rules."""

from __future__ import annotations

from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.inference.explain import how, render_how, render_why, render_why_not, why, why_not
from advisor.knowledge.base import KnowledgeBase


def test_how_follows_the_chain_back_to_the_answer(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(Brief.model_validate({"data": {"rows": 500}}), engine_knowledge)
    proof = how(advice, engine_knowledge, "metric:m_chain")
    assert proof is not None and proof.rule == "chain.end"
    (flag,) = proof.supports
    assert (flag.fact, flag.value, flag.origin) == ("derived.flagged", True, "derived")
    assert flag.derived_by is not None and flag.derived_by.rule == "chain.middle"
    (level,) = flag.derived_by.supports
    assert level.derived_by is not None and level.derived_by.rule == "chain.start"
    (rows,) = level.derived_by.supports
    assert (rows.fact, rows.value, rows.origin, rows.question) == ("data.rows", 500, "answer", "rows")
    text = render_how(proof)
    assert text.splitlines()[-1].strip() == "because data.rows is 500 (answer to 'rows')"


def test_how_of_something_not_advised_is_none(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(Brief(), engine_knowledge)
    assert how(advice, engine_knowledge, "metric:m_chain") is None


def test_why_lists_waiting_rules_and_the_effect_of_each_answer(engine_knowledge: KnowledgeBase) -> None:
    answer = why("task_type", engine_knowledge)
    assert answer is not None
    assert {item.rule for item in answer.waiting} >= {"conflict.exclude", "primary.first"}
    regression = next(effect for effect in answer.effects if effect.answer == "regression")
    assert "recommends First primary (primary)" in regression.adds
    assert "rules out Contested family" in regression.adds
    clustering = next(effect for effect in answer.effects if effect.answer == "clustering")
    assert clustering.adds == []
    assert "What each answer changes" in render_why(answer)


def test_why_of_unknown_question_is_none(engine_knowledge: KnowledgeBase) -> None:
    assert why("nope", engine_knowledge) is None


def test_why_not_gives_the_first_failing_check(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(Brief.model_validate({"data": {"rows": 20}}), engine_knowledge)
    answer = why_not("chain.start", advice, engine_knowledge)
    assert answer is not None and answer.status == "failed"
    (check,) = answer.checks
    assert (check.fact, check.expected, check.actual) == ("data.rows", 100, 20)
    assert render_why_not(answer).splitlines()[1].strip() == "data.rows >= 100 (fails: data.rows is 20)"


def test_why_not_on_a_chain_blames_the_missing_derived_fact(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(Brief.model_validate({"data": {"rows": 20}}), engine_knowledge)
    answer = why_not("chain.end", advice, engine_knowledge)
    assert answer is not None and answer.status == "waiting"
    assert [check.fact for check in answer.checks] == ["derived.flagged"]


def test_why_not_for_a_fired_rule(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(Brief.model_validate({"data": {"rows": 500}}), engine_knowledge)
    answer = why_not("chain.end", advice, engine_knowledge)
    assert answer is not None and answer.status == "fired"
