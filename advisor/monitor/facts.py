"""The measured drift as `MonitoringFacts`, and whether it is an alarm (what `--fail-on drift` fails on)."""

from __future__ import annotations

from advisor.brief.monitoring_facts import MonitoringFacts
from advisor.monitor import thresholds as limits
from advisor.monitor.models import MonitorResult


def monitoring_facts(result: MonitorResult) -> MonitoringFacts:
    features = result.features
    comparison = result.model.comparison if result.model else None
    return MonitoringFacts(
        reference_rows=result.reference_rows,
        current_rows=result.current_rows,
        features_compared=len(features),
        drifted_features=sum(1 for item in features if item.drifted),
        major_drift_features=sum(1 for item in features if item.severity == "major"),
        max_psi=round(max((item.psi for item in features), default=0.0), 6),
        new_category_share=round(min(1.0, max((item.new_share for item in features), default=0.0)), 6),
        missing_rate_increases=sum(1 for item in result.missing if item.increased),
        broken_columns=len(result.broken),
        domain_auc=result.domain.auc if result.domain else None,
        sudden_shift=result.windows.sudden if result.windows else None,
        gradual_shift=result.windows.gradual if result.windows else None,
        prediction_psi=result.model.prediction_psi if result.model else None,
        labels_available=result.model.labels if result.model else None,
        metric_degraded=comparison.degraded if comparison else None,
        metric_change=comparison.change if comparison else None,
    )


def drift_found(facts: MonitoringFacts) -> bool:
    """Any alarm: a drifted feature, a broken column, a missing-rate rise, new categories, a separable sample,
    a sudden jump or a quality drop."""
    return bool(
        (facts.drifted_features or 0) > 0
        or (facts.broken_columns or 0) > 0
        or (facts.missing_rate_increases or 0) > 0
        or (facts.new_category_share or 0.0) >= limits.NEW_CATEGORY_SHARE
        or (facts.domain_auc or 0.0) >= limits.DOMAIN_AUC
        or facts.sudden_shift
        or facts.metric_degraded
    )
