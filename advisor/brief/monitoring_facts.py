"""Facts measured by `advisor monitor`: how far new data has moved from the data the model was built on.

The monitor fills these; the rules read them as `monitoring.*` and advise on the deployment and iteration steps
(retrain now, investigate a feature, look for a pipeline bug, or nothing to do). Golden cases may set them by hand.
A feature counts as drifted only when its test is significant after the Holm correction over every test of the run
AND its effect passes the threshold (PSI >= 0.1, or a missing-rate change of 5 points): with big samples a tiny,
harmless shift is always significant, and with small samples a large-looking shift may be noise.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, computed_field

from advisor.brief.fields import fact_field


class MonitoringFacts(BaseModel):
    """What changed between the reference data and the current data."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    reference_rows: int | None = fact_field(
        "Rows of the reference data (what the model was built on).", unit="rows", ge=0
    )
    current_rows: int | None = fact_field("Rows of the current data (what the model sees now).", unit="rows", ge=0)
    features_compared: int | None = fact_field("Feature columns compared.", unit="columns", ge=0)
    drifted_features: int | None = fact_field(
        "Features whose distribution moved: significant after correction and PSI at least 0.1.", unit="columns", ge=0
    )
    major_drift_features: int | None = fact_field(
        "Drifted features with PSI at least 0.25 (a major shift in the PSI bands).", unit="columns", ge=0
    )
    max_psi: float | None = fact_field("Largest population stability index over the features compared.", ge=0)
    new_category_share: float | None = fact_field(
        "Largest share of current rows, in one column, holding categories the reference never had (beyond what "
        "sampling explains).",
        unit="fraction",
        ge=0,
        le=1,
    )
    missing_rate_increases: int | None = fact_field(
        "Columns whose missing share rose by at least 5 points (significant after correction).", unit="columns", ge=0
    )
    broken_columns: int | None = fact_field(
        "Columns that vary in the reference but are all missing or constant in the current data.", unit="columns", ge=0
    )
    domain_auc: float | None = fact_field(
        "Cross-validated ROC-AUC of a classifier telling reference rows from current rows (0.5: indistinguishable).",
        ge=0,
        le=1,
    )
    sudden_shift: bool | None = fact_field(
        "True when, over time windows of the current data, drift jumps from one window to the next."
    )
    gradual_shift: bool | None = fact_field("True when, over time windows of the current data, drift grows steadily.")
    prediction_psi: float | None = fact_field("PSI of the model's predictions, current against reference.", ge=0)
    labels_available: bool | None = fact_field(
        "True when the current data holds the target, so quality can be measured."
    )
    metric_degraded: bool | None = fact_field(
        "True when the primary metric on current data is worse than the reference's beyond both bootstrap intervals "
        "and by at least 5 % of its value."
    )
    metric_change: float | None = fact_field(
        "Relative change of the primary metric, current against reference (negative: worse).", unit="fraction"
    )

    @computed_field(description="Share of the compared features that drifted.")  # type: ignore[prop-decorator]
    @property
    def drifted_share(self) -> float | None:
        if self.drifted_features is None or not self.features_compared:
            return None
        return self.drifted_features / self.features_compared
