"""Property: any valid brief runs through the bundled rules without error, and twice gives identical advice."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.knowledge.facts import FactSpec, brief_fact_space
from advisor.knowledge.load import load_knowledge

KNOWLEDGE = load_knowledge()
SPECS = [spec for spec in brief_fact_space().specs.values() if spec.origin in ("answer", "dataset")]


def values_of(spec: FactSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "enum":
        return st.sampled_from(spec.values)
    if spec.kind == "enum_list":
        return st.lists(st.sampled_from(spec.values), max_size=3, unique=True)
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind in ("integer", "number"):
        low = spec.minimum if spec.minimum is not None else -1e6
        high = spec.maximum if spec.maximum is not None else 1e9
        if spec.kind == "integer":
            return st.integers(int(low) + (1 if spec.exclusive_minimum else 0), int(high))
        return st.floats(low, high, exclude_min=spec.exclusive_minimum, allow_nan=False)
    if spec.kind == "text_list":
        return st.lists(st.text(max_size=12), max_size=3)
    return st.text(max_size=40)


@st.composite
def briefs(draw: st.DrawFn) -> Brief:
    chosen = draw(st.lists(st.sampled_from(SPECS), max_size=25, unique_by=lambda spec: spec.path))
    sections: dict[str, dict[str, Any]] = {}
    for spec in chosen:
        section, name = spec.path.split(".", 1)
        sections.setdefault(section, {})[name] = draw(values_of(spec))
    return Brief.model_validate(sections)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs())
def test_random_briefs_never_crash_and_are_deterministic(brief: Brief) -> None:
    first = advise(brief, KNOWLEDGE)
    second = advise(brief, KNOWLEDGE)
    assert first.model_dump_json() == second.model_dump_json()
    assert sum(1 for r in first.recommendations if r.category == "metric" and r.strength == "primary") <= 1
