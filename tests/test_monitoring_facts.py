"""The `monitoring.*` facts are part of the fact space, measured (never asked), and readable from a case's brief."""

from __future__ import annotations

from advisor.facts import brief_fact_space
from advisor.monitoring_facts import MonitoringFacts


def test_monitoring_facts_are_measured_facts_with_units_and_bounds() -> None:
    space = brief_fact_space()
    spec = space["monitoring.domain_auc"]
    assert spec.origin == "dataset" and spec.kind == "number" and spec.maximum == 1.0
    assert space["monitoring.drifted_share"].origin == "computed"
    assert space["monitoring.sudden_shift"].is_finite
    assert MonitoringFacts(drifted_features=2, features_compared=8).drifted_share == 0.25

