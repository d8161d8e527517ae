"""The brief: the typed facts about one ML project, as the questionnaire collects them.

A brief has sections (`problem`, `costs`, `legal`, `serving`, `data`, `compute`) whose fields are the answers; every
field is optional because "not answered" is a real state the rules reason about. A field's dotted path
(`serving.latency_ms`) is the fact name that rules, questions and the answers file all use. Units are part of the
field's name or its `unit` (latency in milliseconds, costs in the brief's currency per prediction, sizes in MB).

Two more slots hold facts the person does not type: `dataset` (measured on the data by the data layer, see
`advisor.brief.dataset_facts`) and, during inference only, derived facts that rules assert.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import (
    Automation,
    BiasRisk,
    Budget,
    DataSource,
    Decomposition,
    DeploymentTarget,
    Domain,
    Explainability,
    FeatureType,
    Freshness,
    HeuristicFit,
    HumanInLoop,
    Imbalance,
    Integration,
    Jurisdiction,
    LabelAvailability,
    LabelQuality,
    LabelSource,
    PredictionOutput,
    PredictionTiming,
    PriorApproach,
    ProtectedAttribute,
    Regulation,
    RetrainCadence,
    Severity,
    TargetKind,
    TaskType,
    UseCase,
    UserKind,
)
from advisor.brief.fields import fact_field
from advisor.brief.monitoring_facts import MonitoringFacts

# A capacity named in the baseline metric's words: "top 10 %", "the 5 % reviewed", "a review rate of 2 %".
_PERCENT = r"(\d+(?:\.\d+)?)\s*(?:%|percent\b)"
CAPACITY_WORDS = (
    re.compile(rf"\btop\s*{_PERCENT}"),
    re.compile(
        rf"{_PERCENT}\s*(?:of\s+(?:\w+\s+){{0,3}})?(?:called|contacted|reviewed|checked|flagged|audited|investigated)\b"
    ),
    re.compile(rf"\b(?:review|call|contact|alert|flag|audit|investigation)\s+rate\s+(?:of\s+)?{_PERCENT}"),
    re.compile(rf"{_PERCENT}\s*(?:review|call|contact|alert|flag|audit|investigation)\s+rate\b"),
)


def capacity_in_words(text: str | None) -> float | None:
    """The share acted on that a metric's words name ("recall in the top 10 % called" -> 0.1), if any."""
    lowered = (text or "").lower()
    for pattern in CAPACITY_WORDS:
        found = pattern.search(lowered)
        if found is not None:
            share = float(found.group(1)) / 100
            if 0 < share <= 1:
                return share
    return None


class Section(BaseModel):
    """Base of a brief section: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=True)


class ProblemFacts(Section):
    """Step 1: the business problem, the target and what has been tried."""

    name: str | None = fact_field("Short name of the project.")
    goal: str | None = fact_field("The business goal in one sentence.")
    target: str | None = fact_field("The dependent variable in words (what is predicted).")
    target_definition: str | None = fact_field(
        "How the target is defined, e.g. what counts as churn and over what window."
    )
    target_column: str | None = fact_field("Name of the target column in the dataset, if there is one.")
    task_type: TaskType | None = fact_field("The kind of ML task.")
    target_kind: TargetKind | None = fact_field("Range of a numeric target (decides the regression loss).")
    prediction_output: PredictionOutput | None = fact_field("What one prediction must give (label, probability, ...).")
    entity: str | None = fact_field("What one prediction is about (a customer, a transaction, a query).")
    domain: Domain | None = fact_field("The business domain (several carry legal duties).")
    prior_approach: PriorApproach | None = fact_field("How the business has handled the problem so far.")
    prior_approach_notes: str | None = fact_field("What the current approach does and how well.")
    baseline_metric: str | None = fact_field("The metric the current approach is measured with.")
    baseline_value: float | None = fact_field("The current approach's value of that metric.")
    required_improvement: float | None = fact_field(
        "How far beyond the baseline counts as success, in the baseline metric's units.", unit="metric units"
    )
    capacity_share: float | None = fact_field(
        "Share of the cases the business can act on (call, review, investigate) per period: 0.1 when it can call "
        "the top 10 %.",
        unit="fraction",
        gt=0,
        le=1,
        allow_inf_nan=False,
    )
    heuristic_fit: HeuristicFit | None = fact_field("Would a heuristic or hand-written rules do well enough?")
    human_in_loop: HumanInLoop | None = fact_field("Where people stay in the loop.")
    decomposition: Decomposition | None = fact_field("One end-to-end model, or smaller sub-problems combined?")
    users: list[UserKind] | None = fact_field("Who uses the predictions.")
    integration: Integration | None = fact_field("Standalone tool or integrated into existing systems.")
    business_value: str | None = fact_field("The value a successful solution brings.")
    value_clear: bool | None = fact_field("Is the value to the business clear and agreed?")
    stakeholders: str | None = fact_field("Other people or teams affected by the system.")
    use_case: UseCase | None = fact_field("The common application this project is closest to, if any.")

    @computed_field(  # type: ignore[prop-decorator]
        description="Share of the cases acted on: the capacity answer, else a top k % named in the baseline metric."
    )
    @property
    def operating_share(self) -> float | None:
        if self.capacity_share is not None:
            return self.capacity_share
        return capacity_in_words(self.baseline_metric)


class CostFacts(Section):
    """Step 1: the cost of a wrong prediction."""

    error_impact: Severity | None = fact_field("How bad one wrong prediction is for the business or the person.")
    false_positive_cost: float | None = fact_field(
        "Cost of one false positive (acting when we should not).", unit="currency per prediction", ge=0
    )
    false_negative_cost: float | None = fact_field(
        "Cost of one false negative (missing a case we should catch).", unit="currency per prediction", ge=0
    )
    currency: str | None = fact_field("Currency of the costs, e.g. USD.")

    @computed_field(description="False-negative cost divided by false-positive cost.")  # type: ignore[prop-decorator]
    @property
    def false_negative_ratio(self) -> float | None:
        if self.false_positive_cost is None or self.false_negative_cost is None or self.false_positive_cost == 0:
            return None
        return self.false_negative_cost / self.false_positive_cost

    @computed_field(  # type: ignore[prop-decorator]
        description="Probability above which predicting positive costs least: C_FP / (C_FP + C_FN)."
    )
    @property
    def cost_optimal_threshold(self) -> float | None:
        if self.false_positive_cost is None or self.false_negative_cost is None:
            return None
        total = self.false_positive_cost + self.false_negative_cost
        return None if total == 0 else self.false_positive_cost / total


class LegalFacts(Section):
    """Step 1: legal, ethical and regulatory limits."""

    jurisdictions: list[Jurisdiction] | None = fact_field("Where the system is used.")
    regulations: list[Regulation] | None = fact_field("Regulations known to apply.")
    personal_data: bool | None = fact_field("Does the data describe identifiable people?")
    special_category_data: bool | None = fact_field("Health, biometric, ethnic, religious or similar sensitive data?")
    protected_attributes: list[ProtectedAttribute] | None = fact_field("Protected attributes present in the data.")
    protected_columns: list[str] | None = fact_field("Dataset columns that hold protected attributes.")
    automation: Automation | None = fact_field("How far the prediction decides on its own.")
    significant_effect: bool | None = fact_field("Do decisions have legal or similarly significant effects on people?")
    explainability: Explainability | None = fact_field("How much the predictions must be explained.")
    group_fairness_required: bool | None = fact_field("Must quality be reported and balanced across groups?")
    ethical_concerns_raised: bool | None = fact_field("Has anyone raised ethical concerns about this use of ML?")
    ethical_concerns: str | None = fact_field("Ethical concerns raised by anyone so far.")
    nyc_employment: bool | None = fact_field("Does the tool screen candidates or employees for jobs in New York City?")


class ServingFacts(Section):
    """Step 1 (technical requirements) and step 9: how and where predictions are made."""

    prediction_timing: PredictionTiming | None = fact_field("When predictions are needed.")
    latency_ms: float | None = fact_field("Latency budget for one prediction (p99).", unit="ms", gt=0)
    throughput_per_minute: float | None = fact_field(
        "Predictions to serve per minute at peak.", unit="per minute", ge=0
    )
    deployment_target: DeploymentTarget | None = fact_field("Where the model runs.")
    model_size_limit_mb: float | None = fact_field("Largest model the target can hold.", unit="MB", gt=0)
    serving_budget: Budget | None = fact_field("How much serving may cost.")
    training_can_be_slow: bool | None = fact_field("May training take hours even if inference must be fast?")
    retrain_cadence: RetrainCadence | None = fact_field("How often the model must be retrained.")
    data_stays_on_device: bool | None = fact_field("Must the users' raw data stay on their devices?")


class DataFacts(Section):
    """Step 3: the data, as the person describes it."""

    sources: list[DataSource] | None = fact_field("Where the data comes or could come from.")
    rows: int | None = fact_field("Number of examples available for training.", unit="rows", ge=0)
    features: int | None = fact_field("Number of input columns or features.", unit="columns", ge=0)
    volume_gb: float | None = fact_field("Size of the raw data.", unit="GB", ge=0)
    feature_types: list[FeatureType] | None = fact_field("Kinds of input data.")
    labels: LabelAvailability | None = fact_field("Are the examples labelled with the target?")
    label_delay_days: float | None = fact_field("Time until the true outcome is observed.", unit="days", ge=0)
    label_quality: LabelQuality | None = fact_field("Are the labels trustworthy?")
    imbalance: Imbalance | None = fact_field("Share of the rarest class.")
    positive_share: float | None = fact_field("Expected share of positive examples.", unit="fraction", ge=0, le=1)
    positive_class: str | None = fact_field(
        "The target value that counts as positive (what F1, recall and PR AUC are about), e.g. 'yes' or '1'."
    )
    temporal: bool | None = fact_field("Does the order in time matter (events, transactions, prices over time)?")
    freshness: Freshness | None = fact_field("How often the data is updated.")
    data_dictionary: bool | None = fact_field("Is there a data dictionary?")
    sme_access: bool | None = fact_field("Can we talk to subject-matter experts about the data?")
    collection: str | None = fact_field("How the data was collected.")
    bias_risk: BiasRisk | None = fact_field("Known or suspected sampling, selection or response bias.")
    features_at_prediction_time: bool | None = fact_field("Are all features known at the moment of prediction?")
    label_source: LabelSource | None = fact_field(
        "Where the labels come from (outcomes, past decisions, the model's own actions, ...)."
    )
    target_zero_share: float | None = fact_field(
        "Share of target values that are exactly zero.", unit="fraction", ge=0, le=1
    )
    series_count: int | None = fact_field("Number of time series forecast together.", unit="series", ge=0)
    drop_columns: list[str] | None = fact_field(
        "Dataset columns to leave out of the features (e.g. known only after the prediction); `--drop COL` adds to it."
    )

    @computed_field(description="Examples per feature (rows / features).")  # type: ignore[prop-decorator]
    @property
    def rows_per_feature(self) -> float | None:
        if self.rows is None or not self.features:
            return None
        return self.rows / self.features


class ComputeFacts(Section):
    """Step 7: the budget for training."""

    budget: Budget | None = fact_field("Compute budget for training and experiments.")
    gpu_available: bool | None = fact_field("Is a GPU or other accelerator available for training?")
    training_hours: float | None = fact_field("Longest acceptable training run.", unit="hours", gt=0)


SECTIONS: dict[str, type[BaseModel]] = {
    "problem": ProblemFacts,
    "costs": CostFacts,
    "legal": LegalFacts,
    "serving": ServingFacts,
    "data": DataFacts,
    "compute": ComputeFacts,
    "dataset": DatasetFacts,
    "monitoring": MonitoringFacts,
}


class Brief(BaseModel):
    """Everything known about one project: the answers, the measured data facts, the skipped questions."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    problem: ProblemFacts = Field(default_factory=ProblemFacts)
    costs: CostFacts = Field(default_factory=CostFacts)
    legal: LegalFacts = Field(default_factory=LegalFacts)
    serving: ServingFacts = Field(default_factory=ServingFacts)
    data: DataFacts = Field(default_factory=DataFacts)
    compute: ComputeFacts = Field(default_factory=ComputeFacts)
    dataset: DatasetFacts | None = Field(default=None, description="Facts measured on the dataset (the data layer).")
    monitoring: MonitoringFacts | None = Field(
        default=None, description="Drift measured by `advisor monitor`, new data against the reference."
    )
    skipped: list[str] = Field(
        default_factory=list, description="Ids of questions the person chose to skip: they become open questions."
    )

    def facts(self) -> dict[str, Any]:
        """The brief as flat facts: `{"serving.latency_ms": 50.0, ...}` with plain JSON values; None if unknown."""
        flat: dict[str, Any] = {}
        dumped = self.model_dump(mode="json", exclude={"skipped"})
        for section, model in SECTIONS.items():
            values = dumped.get(section) or {}
            for name in model.model_fields | model.model_computed_fields:
                flat[f"{section}.{name}"] = values.get(name)
        return flat

    def answered(self) -> dict[str, Any]:
        """Only the facts that have a value, as nested sections (what an answers file holds)."""
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=True, exclude_computed_fields=True)
