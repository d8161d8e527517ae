"""What the monitor measured: per-feature drift, the multivariate check, the model check, the windows."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.brief.monitoring_facts import MonitoringFacts

Severity = Literal["none", "moderate", "major"]


class MonitorModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FeatureDrift(MonitorModel):
    """One feature, reference against current: the test, its corrected p-value, the effect and the verdict."""

    column: str
    kind: Literal["numeric", "categorical"]
    test: str  # "Kolmogorov-Smirnov" or "chi-square"
    statistic: float
    p_value: float
    p_adjusted: float = 1.0
    psi: float
    js_distance: float | None = None  # categorical only (base 2: 0 same, 1 disjoint)
    severity: Severity = "none"
    drifted: bool = False
    reference_summary: str = ""  # median or top category, for the table
    current_summary: str = ""
    new_categories: list[str] = Field(default_factory=list)  # the most frequent ones, at most 5
    new_share: float = 0.0  # share of current rows in unseen categories beyond the Good-Turing expectation
    vanished_categories: list[str] = Field(default_factory=list)


class MissingChange(MonitorModel):
    column: str
    reference_share: float
    current_share: float
    p_value: float
    p_adjusted: float = 1.0
    increased: bool = False


class Skipped(MonitorModel):
    column: str
    reason: str


class DomainCheck(MonitorModel):
    """A classifier trained to tell reference rows (0) from current rows (1)."""

    auc: float
    rows_per_side: int
    folds: int
    shifted: bool
    top_features: list[tuple[str, float]] = Field(default_factory=list)  # permutation importance (AUC drop)


class MetricComparison(MonitorModel):
    metric: str
    greater_is_better: bool
    reference: float | None
    reference_low: float | None
    reference_high: float | None
    reference_from: str  # where the reference figure comes from
    current: float | None
    current_low: float | None
    current_high: float | None
    change: float | None  # relative, negative = worse
    degraded: bool


class ModelCheck(MonitorModel):
    model: str
    task: str
    features: list[str]
    prediction_psi: float
    prediction_reference: str
    prediction_current: str
    labels: bool
    comparison: MetricComparison | None = None
    conclusions: list[str] = Field(default_factory=list)


class Window(MonitorModel):
    start: str
    rows: int
    score: float  # mean PSI over features above the noise the window's size explains
    drifted_features: int  # features with PSI over the moderate band beyond noise


class WindowDrift(MonitorModel):
    time_column: str
    window: str
    windows: list[Window]
    sudden: bool
    gradual: bool
    pattern: str  # a sentence


class Plot(MonitorModel):
    title: str
    path: str


class MonitorResult(MonitorModel):
    reference: str
    current: str
    reference_rows: int
    current_rows: int
    how: list[str] = Field(default_factory=list)  # how each file was read (sampled or whole)
    target: str | None = None
    features: list[FeatureDrift] = Field(default_factory=list)
    missing: list[MissingChange] = Field(default_factory=list)
    broken: list[Skipped] = Field(default_factory=list)  # columns that became constant or all missing
    skipped: list[Skipped] = Field(default_factory=list)
    domain: DomainCheck | None = None
    model: ModelCheck | None = None
    windows: WindowDrift | None = None
    plots: list[Plot] = Field(default_factory=list)
    facts: MonitoringFacts = Field(default_factory=MonitoringFacts)
    drift_found: bool = False
    warnings: list[str] = Field(default_factory=list)
