"""The condition language: three-valued logic, traces that agree with compiled conditions, validation."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from advisor.knowledge.conditions import Condition, compile_condition, trace_condition, validate_condition
from advisor.knowledge.facts import brief_fact_space

parse = TypeAdapter(Condition).validate_python
ROWS_SMALL = {"fact": "data.rows", "op": "lt", "value": 50}
REGRESSION = {"fact": "problem.task_type", "op": "eq", "value": "regression"}


@pytest.mark.parametrize(
    ("condition", "facts", "expected"),
    [
        (ROWS_SMALL, {}, None),
        (ROWS_SMALL, {"data.rows": 10}, True),
        (ROWS_SMALL, {"data.rows": 50}, False),
        ({"not": ROWS_SMALL}, {}, None),
        ({"not": ROWS_SMALL}, {"data.rows": 60}, True),
        ({"all": [ROWS_SMALL, REGRESSION]}, {"data.rows": 10}, None),
        ({"all": [ROWS_SMALL, REGRESSION]}, {"data.rows": 60}, False),
        ({"any": [ROWS_SMALL, REGRESSION]}, {"data.rows": 10}, True),
        ({"any": [ROWS_SMALL, REGRESSION]}, {"data.rows": 60}, None),
        ({"fact": "data.rows", "op": "exists"}, {}, False),
        ({"fact": "data.rows", "op": "exists", "value": False}, {}, True),
        ({"fact": "legal.jurisdictions", "op": "contains", "value": "eu"}, {"legal.jurisdictions": ["eu"]}, True),
        ({"fact": "legal.jurisdictions", "op": "contains", "value": "eu"}, {"legal.jurisdictions": []}, False),
        ({"fact": "problem.goal", "op": "contains", "value": "Churn"}, {"problem.goal": "reduce churn"}, True),
        ({"fact": "problem.domain", "op": "not_in", "value": ["lending"]}, {"problem.domain": "media"}, True),
    ],
)
def test_three_valued_logic(condition: dict[str, Any], facts: dict[str, Any], expected: bool | None) -> None:
    parsed = parse(condition)
    assert compile_condition(parsed)(facts) is expected
    assert trace_condition(parsed, facts).result is expected


predicate = st.sampled_from([ROWS_SMALL, REGRESSION, {"fact": "data.temporal", "op": "eq", "value": True}])
conditions = st.recursive(
    predicate,
    lambda inner: st.one_of(
        st.builds(lambda parts: {"all": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda parts: {"any": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda part: {"not": part}, inner),
    ),
    max_leaves=8,
)
fact_values = st.fixed_dictionaries(
    {
        "data.rows": st.one_of(st.none(), st.integers(0, 100)),
        "problem.task_type": st.sampled_from([None, "regression", "clustering"]),
        "data.temporal": st.sampled_from([None, True, False]),
    }
)


@given(conditions, fact_values)
def test_trace_agrees_with_compiled_condition(condition: dict[str, Any], facts: dict[str, Any]) -> None:
    parsed = parse(condition)
    assert trace_condition(parsed, facts).result is compile_condition(parsed)(facts)


def test_validation_reports_each_problem_with_its_place() -> None:
    condition = parse(
        {
            "all": [
                {"fact": "data.rowz", "op": "lt", "value": 3},
                {"fact": "legal.jurisdictions", "op": "eq", "value": "eu"},
                {"fact": "data.positive_share", "op": "gt", "value": 2},
            ]
        }
    )
    problems = list(validate_condition(condition, brief_fact_space()))
    assert [(field, hint) for field, _, hint in problems] == [
        ("when.all[0].fact", "did you mean 'data.rows'?"),
        ("when.all[1].op", "use op: contains"),
        ("when.all[2].value", None),
    ]
    assert "outside the range" in problems[2][1]


def test_a_pending_fact_exists_but_compares_as_unknown() -> None:
    from advisor.knowledge.conditions import PENDING, Predicate, compile_condition

    exists = compile_condition(Predicate(fact="data.rows", op="exists"))
    compare = compile_condition(Predicate(fact="data.rows", op="gt", value=10))
    assert exists({"data.rows": PENDING}) is True
    assert exists({"data.rows": None}) is False
    assert compare({"data.rows": PENDING}) is None
