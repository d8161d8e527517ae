"""What the data layer returns: the source, the per-column profile, contradictions, plots and baseline results.

Plain pydantic models (no pandas), so the report, the JSON output and the tests can use them without the heavy
libraries. Every float is rounded where it is produced, so the JSON is byte-identical for the same inputs and seed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import FeatureType


class DataModel(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Source(DataModel):
    """Where the data came from and how much of it the analysis saw."""

    file: str
    format: str = Field(description="csv or parquet")
    rows: int = Field(description="Rows in the whole file (exact).")
    columns: int
    file_size_mb: float
    encoding: str | None = None
    delimiter: str | None = None
    sampled: bool = False
    sample_rows: int = Field(description="Rows held in memory for the profile and baselines.")
    how: str = Field(description="How the rows were read or sampled, in words.")


class ColumnProfile(DataModel):
    """One row of the per-column table."""

    name: str
    kind: FeatureType | str = Field(description="numeric, categorical, boolean, datetime, text or identifier")
    dtype: str
    missing_share: float
    distinct: int
    top_share: float = Field(description="Share of the most frequent value among present values.")
    constant: bool = False
    near_constant: bool = False
    mean: float | None = None
    std: float | None = None
    min: float | None = None
    max: float | None = None
    skew: float | None = None
    kurtosis: float | None = None
    outlier_share: float | None = Field(default=None, description="Share of values outside 1.5 IQR of the quartiles.")
    bad_values: int = Field(default=0, description="Values that could not be coerced to the column's type.")
    notes: list[str] = Field(default_factory=list)


class Correlation(DataModel):
    left: str
    right: str
    pearson: float
    spearman: float | None = None


class TargetSummary(DataModel):
    """The target column: its task type and its distribution."""

    column: str
    task_type: str
    classes: dict[str, int] = Field(default_factory=dict, description="Class counts (classification).")
    minority_share: float | None = None
    imbalance: str | None = None
    ratio: str | None = Field(
        default=None, description="Minority to majority, as '1:30' (30 majority rows per minority row)."
    )
    missing_share: float = 0.0
    mean: float | None = None
    std: float | None = None
    skew: float | None = None


class LeakageSuspect(DataModel):
    column: str
    kind: str = Field(
        default="target_derived",
        description="target_derived, reproduces_target, post_outcome, same_time or identifier (docs/data.md).",
    )
    reason: str
    score: float | None = Field(default=None, description="The measured strength behind the flag (see the reason).")
    partner: str | None = Field(default=None, description="The other column of a pair that reproduces the target.")
    kept: bool = Field(
        default=False,
        description="Strength alone in the grey zone (no hint, not near-deterministic): asked about, kept as feature.",
    )


class Contradiction(DataModel):
    """Where the data disagrees with an answer in the brief."""

    fact: str = Field(description="The brief's fact, e.g. data.imbalance.")
    answered: str
    measured: str
    message: str


class Plot(DataModel):
    title: str
    path: str = Field(description="Path of the PNG relative to the output folder.")


class Interval(DataModel):
    """A metric on the test split with its bootstrap 95 % confidence interval (None where it is undefined, e.g.
    ROC AUC on a test split holding one class)."""

    value: float | None
    low: float | None
    high: float | None


class ModelResult(DataModel):
    name: str
    description: str
    params: dict[str, str | float | int | None] = Field(default_factory=dict)
    validation_score: float | None = Field(default=None, description="Primary metric on the validation split.")
    cv_mean: float | None = Field(default=None, description="Primary metric, k-fold CV on the training split.")
    cv_std: float | None = None
    test: dict[str, Interval] = Field(default_factory=dict, description="Metric id -> value and 95 % CI on test.")
    threshold: float | None = Field(
        default=None, description="Decision threshold of the label metrics (F1, recall...), tuned on validation."
    )


class CurvePoint(DataModel):
    train_rows: int
    train_score: float | None
    validation_score: float | None


class LearningCurve(DataModel):
    points: list[CurvePoint]
    verdict: str
    more_data_helps: bool | None


class Importance(DataModel):
    feature: str
    mean: float
    std: float


class ThresholdResult(DataModel):
    """The cost-optimal decision threshold, tuned on validation and reported on test."""

    false_positive_cost: float
    false_negative_cost: float
    threshold: float
    expected_cost: float = Field(description="Mean cost per prediction on test at the tuned threshold.")
    expected_cost_at_half: float = Field(description="Mean cost per prediction on test at threshold 0.5.")
    dummy_expected_cost: float = Field(description="The dummy's mean cost on test at its own best threshold.")


class Check(DataModel):
    """A measured figure against a limit from the brief."""

    name: str
    measured: float
    unit: str
    limit: float | None = None
    passed: bool | None = None


class GroupMetrics(DataModel):
    column: str
    group: str
    rows: int
    metrics: dict[str, float]


class ProtectedEffect(DataModel):
    """Protected columns in or out of the features (as the rules decide) and the primary metric both ways."""

    columns: list[str]
    dropped: bool = Field(description="True when the rules left them out of the features.")
    why: str
    metric: str
    model: str = Field(description="The model fitted both ways (the strong baseline).")
    with_protected: float | None = Field(description="Test score of the model with the protected columns.")
    without_protected: float | None = Field(description="Test score of the model without them.")


class FeatureShift(DataModel):
    feature: str
    validation: float = Field(description="Shift from train to validation (|standardised mean difference| or TVD).")
    test: float


class SplitShift(DataModel):
    """How far validation and test differ from train: the target and the features, and who wins where."""

    target_means: dict[str, float] = Field(
        description="Split -> mean target (binary: the positive share; multi-class: the training majority's share)."
    )
    target_smd: dict[str, float] = Field(description="Split -> standardised mean difference of the target vs train.")
    features: list[FeatureShift] = Field(default_factory=list, description="The most shifted features first.")
    winners: dict[str, str] = Field(default_factory=dict, description="Split -> the best fitted model there.")
    warnings: list[str] = Field(default_factory=list)


class BusinessMetric(DataModel):
    """The brief's current-approach metric, measured on the model's test predictions."""

    stated_metric: str
    stated_value: float
    measured_as: str
    model: Interval
    reference: Interval | None = None
    verdict: str


class OperatingPoint(DataModel):
    """The capacity the business can afford (act on the top k %), the threshold there and the model's gain."""

    capacity_share: float = Field(description="Share of the cases the business can act on.")
    source: str = Field(description="Where the capacity comes from: the capacity answer or the baseline metric words.")
    metric: str = Field(description="recall_at_k or precision_at_k.")
    measured_as: str
    threshold: float = Field(description="The score at the capacity on the validation split: the decision threshold.")
    validation_share: float | None = Field(description="Share of validation cases at or above the threshold.")
    flagged_share: Interval = Field(description="Share of test cases at or above the threshold.")
    model: Interval = Field(description="The best model's business metric at the capacity on test.")
    constant: Interval = Field(description="The best constant policy at the same capacity (a random pick).")
    constant_policy: str
    gain: Interval = Field(description="Model minus the constant policy, paired bootstrap interval.")
    stated_value: float | None = Field(default=None, description="Today's stated value of the same metric.")
    over_stated: Interval | None = Field(default=None, description="Model minus today's stated value.")
    cost_threshold_share: float | None = Field(
        default=None, description="Share of test cases the cost-optimal threshold acts on."
    )
    cost_threshold_note: str | None = None
    headline: str = Field(description="The gain at the operating point in one sentence.")

    @computed_field(  # type: ignore[prop-decorator]
        description="True when the cost-optimal threshold acts on more cases than the capacity allows."
    )
    @property
    def over_capacity(self) -> bool:
        return self.cost_threshold_share is not None and self.cost_threshold_share > self.capacity_share


class BaselineResult(DataModel):
    target: str
    task_type: str
    primary_metric: str
    primary_metric_source: str = Field(description="Why this metric: the engine's primary, or the default.")
    greater_is_better: bool
    split: str
    rows: dict[str, int] = Field(description="Rows in train, validation and test.")
    labelled_rows: int = Field(description="Rows with a target; above the cap, the split uses a sample of them.")
    features: list[str]
    excluded_features: dict[str, str] = Field(default_factory=dict, description="Column -> why it was left out.")
    models: list[ModelResult]
    best_model: str
    learning_curve: LearningCurve | None = None
    importances: list[Importance] = Field(default_factory=list)
    threshold: ThresholdResult | None = None
    checks: list[Check] = Field(default_factory=list)
    groups: list[GroupMetrics] = Field(default_factory=list)
    protected: ProtectedEffect | None = None
    model_path: str | None = None
    positive_class: str | None = Field(default=None, description="The class binary metrics are about.")
    positive_class_reason: str | None = None
    dummy_strategies: dict[str, str] = Field(
        default_factory=dict, description="Metric id -> the constant strategy that scores best for it."
    )
    threshold_rule: str | None = Field(default=None, description="How the label metrics' threshold was chosen.")
    verdict: str | None = Field(default=None, description="The best model against the best reference, in words.")
    verdict_kind: str | None = Field(default=None, description="suspicious, beats, not_clearly or undefined.")
    suspicious_columns: list[str] = Field(default_factory=list)
    season: int | None = Field(default=None, description="Season (in rows) of a series split in time.")
    season_reason: str | None = None
    interval_method: str = "bootstrap of test rows"
    shift: SplitShift | None = None
    business: BusinessMetric | None = None
    operating_point: OperatingPoint | None = Field(
        default=None, description="The capacity the brief gives (top k % acted on), its threshold and the gain there."
    )
    feature_screen: str | None = Field(default=None, description="How a very wide table was narrowed, if it was.")
    fitting_budget: str | None = Field(
        default=None, description="How a costly model family was cut down to the fitting budget, if it was."
    )

    def alerts(self) -> list[str]:
        """What the report's summary must say loudly: a suspicious verdict and shifted splits."""
        found = [f"Baselines: {self.verdict}."] if self.verdict_kind == "suspicious" else []
        if self.business is not None and self.business.verdict.startswith("does not beat"):
            found.append(
                f"Against what we do today ({self.business.stated_metric}): {self.best_model} {self.business.verdict}."
            )
        point = self.operating_point
        if point is not None and point.over_capacity and point.cost_threshold_note:
            found.append(f"Operating point: {point.cost_threshold_note}.")
        if self.shift is not None:
            found += self.shift.warnings
        return found


class DataAnalysis(DataModel):
    """Everything the data layer found: the report's data section and the facts that flow back into the engine."""

    source: Source
    facts: DatasetFacts
    profile: list[ColumnProfile]
    target: TargetSummary | None = None
    correlations: list[Correlation] = Field(default_factory=list)
    leakage: list[LeakageSuspect] = Field(default_factory=list)
    checked: list[str] = Field(default_factory=list, description="What the profile's checks looked at, in words.")
    dropped_columns: list[str] = Field(default_factory=list, description="Columns the person asked to leave out.")
    protected_columns: list[str] = Field(default_factory=list)
    protected_policy: str | None = Field(default=None, description="Whether protected columns are features, and why.")
    warnings: list[str] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    baseline: BaselineResult | None = None
    plots: list[Plot] = Field(default_factory=list)
