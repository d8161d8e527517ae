"""The engine: chaining, fixpoint, once-only firing, agenda order, conflicts and the cycle cap."""

from __future__ import annotations

import pytest

from advisor.brief.model import Brief
from advisor.errors import RuleCycleError
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase


def brief(**sections: dict[str, object]) -> Brief:
    return Brief.model_validate(sections)


def test_chains_through_derived_facts(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(data={"rows": 500}), engine_knowledge)
    assert advice.derived == {"derived.level": "high", "derived.flagged": True}
    assert advice.recommendation("metric:m_chain") is not None
    order = [firing.rule for firing in advice.firings if firing.rule.startswith("chain.")]
    assert order == ["chain.start", "chain.middle", "chain.end"]


def test_chain_does_not_start_below_threshold(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(data={"rows": 99}), engine_knowledge)
    assert advice.derived == {}
    assert advice.recommendation("metric:m_chain") is None


def test_unknown_fact_blocks_rule_without_making_it_false(engine_knowledge: KnowledgeBase) -> None:
    # Nothing answered: no rule can fire, and the advice is empty rather than wrong.
    advice = advise(Brief(), engine_knowledge)
    assert advice.firings == []
    assert advice.recommendations == []


def test_each_rule_fires_once_and_inference_reaches_a_fixpoint(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(
        brief(data={"rows": 500}, problem={"task_type": "regression", "domain": "general"}), engine_knowledge
    )
    fired = [firing.rule for firing in advice.firings]
    assert len(fired) == len(set(fired))
    # Fixpoint: every rule whose condition holds on the final facts has fired.
    from advisor.knowledge.conditions import compile_condition

    for rule in engine_knowledge.rules:
        if compile_condition(rule.when)(advice.facts) is True:
            assert rule.id in fired, rule.id


def test_agenda_order_is_priority_then_specificity_then_id(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(problem={"domain": "general"}), engine_knowledge)
    fired = [firing.rule for firing in advice.firings if firing.rule.startswith("order.")]
    assert fired == ["order.a_high", "order.c_specific", "order.d_general", "order.e_same", "order.b_low"]
    # A checklist text two rules share appears once, credited to the first rule that fired.
    general = [item for item in advice.checklist if item.text == "general fired"]
    assert [item.rule for item in general] == ["order.d_general"]


def test_higher_priority_exclusion_beats_recommendation(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(problem={"task_type": "regression"}), engine_knowledge)
    assert advice.recommendation("model_family:f_contested") is None
    assert advice.is_excluded("model_family:f_contested")
    conflict = next(c for c in advice.conflicts if c.subject == "model_family:f_contested")
    assert conflict.kind == "recommend_vs_exclude"
    assert conflict.winners == ["conflict.exclude"] and conflict.losers == ["conflict.recommend"]


def test_higher_priority_recommendation_beats_exclusion(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(problem={"task_type": "regression"}), engine_knowledge)
    assert advice.recommendation("model_family:f_kept") is not None
    assert not advice.is_excluded("model_family:f_kept")
    conflict = next(c for c in advice.conflicts if c.subject == "model_family:f_kept")
    assert conflict.winners == ["conflict.recommend"]


def test_tie_is_resolved_as_exclusion_and_reported(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(problem={"task_type": "regression"}), engine_knowledge)
    assert advice.is_excluded("model_family:f_tied")
    conflict = next(c for c in advice.conflicts if c.subject == "model_family:f_tied")
    assert "tie" in conflict.resolution


def test_two_primaries_keep_the_higher_priority_and_report_it(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(problem={"task_type": "regression"}), engine_knowledge)
    primary = advice.primary("metric")
    assert primary is not None and primary.item == "m_first"
    demoted = advice.recommendation("metric:m_second")
    assert demoted is not None and demoted.strength == "recommended"
    conflict = next(c for c in advice.conflicts if c.kind == "two_primaries")
    assert conflict.winners == ["metric:m_first"] and conflict.losers == ["metric:m_second"]


def test_cycle_cap_names_the_fact_and_rule(engine_knowledge: KnowledgeBase) -> None:
    with pytest.raises(RuleCycleError) as caught:
        advise(brief(problem={"domain": "media"}), engine_knowledge)
    message = str(caught.value)
    # a, b, c are allowed; the fourth change (to d, by spin.four) exceeds the cap of three.
    assert "derived.spin" in message and "spin.four" in message and "advisor rules lint" in message


def test_trace_records_expected_and_actual_values(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(brief(data={"rows": 500}), engine_knowledge)
    firing = advice.firing("chain.start")
    assert firing is not None
    (check,) = list(firing.trace.checks())
    assert (check.fact, check.op, check.expected, check.actual, check.result) == ("data.rows", "ge", 100, 500, True)
    assert firing.asserted == {"derived.level": "high"}
    recommendation = advice.recommendation("metric:m_chain")
    assert recommendation is not None and recommendation.how == "derived.flagged is yes"


def test_skipped_questions_become_open_questions(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(Brief(skipped=["rows"]), engine_knowledge)
    assert [(q.question, q.step, q.text) for q in advice.open_questions] == [("rows", "data_sources", "How many rows?")]


def test_advice_is_ordered_by_workflow_step(engine_knowledge: KnowledgeBase) -> None:
    advice = advise(
        brief(data={"rows": 500}, problem={"task_type": "regression", "domain": "general"}), engine_knowledge
    )
    from advisor.brief.enums import STEP_ORDER

    steps = [STEP_ORDER[str(item.step)] for item in advice.checklist]
    assert steps == sorted(steps)
