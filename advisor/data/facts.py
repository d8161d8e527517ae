"""Turn a profile into `DatasetFacts`: the figures the rules read as `dataset.*`."""

from __future__ import annotations

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import FeatureType, TaskType
from advisor.data.columns import IDENTIFIER
from advisor.data.leakage.names import follow_up_word
from advisor.data.models import ColumnProfile, LeakageSuspect, Source, TargetSummary
from advisor.data.profile import rounded
from advisor.data.protected import attributes_of
from advisor.data.relations import Relations

SKEWED = 1.0
HEAVY_TAILED = 3.0
HIGH_CARDINALITY = 50


def dataset_facts(
    source: Source,
    profile: list[ColumnProfile],
    relations: Relations,
    *,
    target: TargetSummary | None,
    target_kind: str | None,
    leakage: list[LeakageSuspect],
    protected: list[str],
    dropped: list[str] | None = None,
) -> DatasetFacts:
    features = [column for column in profile if target is None or column.name != target.column]
    kinds = [str(column.kind) for column in features]
    numeric = [column for column in features if column.kind == "numeric"]
    categorical = [column for column in features if column.kind == "categorical"]
    skews = [abs(column.skew) for column in numeric if column.skew is not None]
    outliers = [column.outlier_share for column in numeric if column.outlier_share is not None]
    missing = [column.missing_share for column in profile]
    feature_types = [kind for kind in FeatureType if kind.value in kinds]
    facts = DatasetFacts(
        rows=source.rows,
        columns=source.columns,
        sampled=source.sampled,
        sample_rows=source.sample_rows,
        file_size_mb=source.file_size_mb,
        feature_types=feature_types,
        numeric_columns=len(numeric),
        categorical_columns=len(categorical),
        text_columns=kinds.count("text"),
        datetime_columns=kinds.count("datetime"),
        identifier_columns=kinds.count(IDENTIFIER),
        boolean_columns=kinds.count("boolean"),
        has_time_column="datetime" in kinds,
        missing_share=rounded(sum(missing) / len(missing)) if missing else 0.0,
        max_missing_share=max(missing, default=0.0),
        columns_with_missing=sum(share > 0 for share in missing),
        constant_columns=sum(column.constant for column in profile),
        near_constant_columns=sum(column.near_constant for column in profile),
        duplicate_row_share=relations.duplicate_row_share,
        duplicate_columns=len(relations.duplicate_columns),
        mixed_type_columns=sum(column.bad_values > 0 and column.kind != "datetime" for column in profile),
        skewed_columns=sum(skew > SKEWED for skew in skews),
        max_abs_skew=rounded(max(skews)) if skews else None,
        heavy_tailed_columns=sum(column.kurtosis is not None and column.kurtosis > HEAVY_TAILED for column in numeric),
        outlier_share=max(outliers) if outliers else None,
        multivariate_outlier_share=relations.multivariate_outlier_share,
        high_cardinality_columns=sum(column.distinct > HIGH_CARDINALITY for column in categorical),
        max_cardinality=max((column.distinct for column in categorical), default=None),
        correlated_pairs=relations.correlated_pairs,
        max_abs_correlation=relations.max_abs_correlation,
        leakage_suspects=len(leakage),
        leakage_columns=[suspect.column for suspect in leakage],
        leakage_measured=sum(suspect.kind != "identifier" for suspect in leakage),
        leakage_target_derived=_of_kind(leakage, "target_derived"),
        leakage_reproduces_target=_of_kind(leakage, "reproduces_target"),
        leakage_post_outcome=_of_kind(leakage, "post_outcome"),
        leakage_same_time=_of_kind(leakage, "same_time"),
        leakage_identifiers=_of_kind(leakage, "identifier"),
        leakage_follow_up=_follow_up(leakage, target),
        follow_up_times=len(_follow_up(leakage, target)),
        dropped_columns=list(dropped or []),
        protected_columns=protected,
        protected_attributes=attributes_of(protected) or None,
    )
    if target is not None:
        _add_target(facts, target, target_kind)
    return facts


def _follow_up(leakage: list[LeakageSuspect], target: TargetSummary | None) -> list[str]:
    return [suspect.column for suspect in leakage if target and follow_up_word(suspect.column, target.column)]


def _of_kind(leakage: list[LeakageSuspect], kind: str) -> list[str]:
    return [suspect.column for suspect in leakage if suspect.kind == kind]


def _add_target(facts: DatasetFacts, target: TargetSummary, target_kind: str | None) -> None:
    facts.task_type = TaskType(target.task_type)
    facts.target_missing_share = target.missing_share
    if target.task_type == TaskType.regression:
        facts.target_kind = target_kind  # type: ignore[assignment]
        facts.target_skew = target.skew
        return
    facts.classes = len(target.classes)
    facts.minority_share = target.minority_share
    facts.imbalance = target.imbalance  # type: ignore[assignment]
