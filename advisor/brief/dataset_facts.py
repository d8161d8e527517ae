"""Facts measured on a dataset: the slot the data layer fills and the rules read as `dataset.*`.

The data layer computes these from the person's data; golden cases may also set them by hand to test data-driven
rules without a file. Counts are numbers of columns unless the name says otherwise; shares are fractions in [0, 1].
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, computed_field

from advisor.brief.enums import FeatureType, Imbalance, ProtectedAttribute, TargetKind, TaskType
from advisor.brief.fields import fact_field


class DatasetFacts(BaseModel):
    """What the data says, whatever the answers said."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=True)

    rows: int | None = fact_field("Rows in the whole file (exact, from the full scan).", unit="rows", ge=0)
    columns: int | None = fact_field("Columns in the file.", unit="columns", ge=0)
    sampled: bool | None = fact_field("True when the profile and baselines used a sample of a large file.")
    sample_rows: int | None = fact_field("Rows in the sample the profile and baselines used.", unit="rows", ge=0)
    file_size_mb: float | None = fact_field("Size of the file on disk.", unit="MB", ge=0)
    task_type: TaskType | None = fact_field("Task type detected from the target column.")
    target_kind: TargetKind | None = fact_field("Range of a numeric target (real, counts, positive, proportion).")
    classes: int | None = fact_field("Distinct values of a classification target.", ge=0)
    minority_share: float | None = fact_field("Share of the rarest class of the target.", unit="fraction", ge=0, le=1)
    imbalance: Imbalance | None = fact_field("Band of the minority share.")
    positive_class: str | None = fact_field("The binary target's positive class (see docs/data.md for the rule).")
    positive_share: float | None = fact_field(
        "Share of the positive class in a binary target.", unit="fraction", ge=0, le=1
    )
    target_missing_share: float | None = fact_field("Share of rows whose target is missing.", unit="fraction")
    target_skew: float | None = fact_field("Skewness of a numeric target.")
    feature_types: list[FeatureType] | None = fact_field("Kinds of feature columns found.")
    numeric_columns: int | None = fact_field("Numeric feature columns.", unit="columns", ge=0)
    categorical_columns: int | None = fact_field("Categorical feature columns.", unit="columns", ge=0)
    text_columns: int | None = fact_field("Free-text feature columns.", unit="columns", ge=0)
    datetime_columns: int | None = fact_field("Date or time columns.", unit="columns", ge=0)
    identifier_columns: int | None = fact_field(
        "Columns that look like identifiers (unique per row or named like an id).", unit="columns", ge=0
    )
    boolean_columns: int | None = fact_field("Two-valued columns.", unit="columns", ge=0)
    has_time_column: bool | None = fact_field("True when a date or time column can order the rows.")
    missing_share: float | None = fact_field("Share of missing cells over the whole table.", unit="fraction")
    max_missing_share: float | None = fact_field("Share of missing values in the worst column.", unit="fraction")
    columns_with_missing: int | None = fact_field("Columns with at least one missing value.", unit="columns", ge=0)
    constant_columns: int | None = fact_field("Columns with a single value.", unit="columns", ge=0)
    near_constant_columns: int | None = fact_field(
        "Columns whose most frequent value covers at least 99 % of rows.", unit="columns", ge=0
    )
    duplicate_row_share: float | None = fact_field("Share of rows that repeat an earlier row.", unit="fraction")
    duplicate_columns: int | None = fact_field("Columns identical to an earlier column.", unit="columns", ge=0)
    mixed_type_columns: int | None = fact_field(
        "Columns mixing numbers and text (coerced, bad values counted).", unit="columns", ge=0
    )
    skewed_columns: int | None = fact_field("Numeric columns with absolute skewness above 1.", unit="columns", ge=0)
    max_abs_skew: float | None = fact_field("Largest absolute skewness of a numeric column.", ge=0)
    heavy_tailed_columns: int | None = fact_field("Numeric columns with excess kurtosis above 3.", unit="columns", ge=0)
    outlier_share: float | None = fact_field("Largest share of IQR outliers in one numeric column.", unit="fraction")
    multivariate_outlier_share: float | None = fact_field(
        "Share of rows flagged by a multivariate outlier check.", unit="fraction"
    )
    high_cardinality_columns: int | None = fact_field(
        "Categorical columns with more than 50 distinct values.", unit="columns", ge=0
    )
    max_cardinality: int | None = fact_field("Most distinct values in one categorical column.", ge=0)
    correlated_pairs: int | None = fact_field("Pairs of numeric features with absolute correlation above 0.9.", ge=0)
    max_abs_correlation: float | None = fact_field("Largest absolute correlation between two numeric features.")
    leakage_suspects: int | None = fact_field("Columns suspected of leaking the target.", unit="columns", ge=0)
    leakage_columns: list[str] | None = fact_field("Names of the columns suspected of leaking the target.")
    leakage_measured: int | None = fact_field(
        "Columns suspected of leaking the target by what they hold (identifiers not counted).", unit="columns", ge=0
    )
    leakage_target_derived: list[str] | None = fact_field(
        "Columns that alone predict the target almost perfectly, or are named like it."
    )
    leakage_reproduces_target: list[str] | None = fact_field(
        "Columns that, with one other column (difference, sum, product or ratio), reproduce the target."
    )
    leakage_post_outcome: list[str] | None = fact_field(
        "Columns named like data recorded after the outcome that carry information on the target."
    )
    leakage_same_time: list[str] | None = fact_field(
        "Columns strongly tied to the target and probably recorded at the same event (a hint in the name or brief)."
    )
    leakage_identifiers: list[str] | None = fact_field("Identifier columns (unique per row or named like an id).")
    leakage_follow_up: list[str] | None = fact_field(
        "Suspects that are a follow-up time beside an event target (time-to-event data, with censored cases)."
    )
    follow_up_times: int | None = fact_field(
        "How many suspects are a follow-up time beside an event target (time-to-event data).", unit="columns", ge=0
    )
    dropped_columns: list[str] | None = fact_field("Columns the person asked to leave out of the features.")
    protected_columns: list[str] | None = fact_field(
        "Columns that hold protected attributes (from the brief and from names)."
    )
    protected_attributes: list[ProtectedAttribute] | None = fact_field(
        "Protected attributes the protected columns record, read from their names (race, sex, age, ...)."
    )

    @computed_field(description="Rows per column: low values risk the curse of dimensionality.")  # type: ignore[prop-decorator]
    @property
    def rows_per_column(self) -> float | None:
        if self.rows is None or not self.columns:
            return None
        return self.rows / self.columns
