"""Profile a loaded table: column kinds, the per-column table, relations, the target, leakage, protected columns.

The result carries everything the report, the facts and the baselines need, plus the warnings for data that was
handled rather than refused (single-sample classes, all-missing or constant features, mixed types, wide tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import TaskType
from advisor.brief.model import Brief
from advisor.data.baseline.rows import cap_rows
from advisor.data.columns import Columns, infer_columns
from advisor.data.companion import Companion, Outcome
from advisor.data.drop import dropped_columns
from advisor.data.facts import dataset_facts
from advisor.data.leakage import LeakageCheck, suspects_in
from advisor.data.leakage.strength import labelled_sample
from advisor.data.loaded_table import Table
from advisor.data.models import ColumnProfile, LeakageSuspect, TargetSummary
from advisor.data.profile import profile_columns
from advisor.data.protected import protected_columns
from advisor.data.relations import Relations, relate
from advisor.data.target import check_target, detect_task, summarise_target, target_kind

if TYPE_CHECKING:
    import pandas as pd

WIDE_TABLE = 1_000


@dataclass
class Profiled:
    table: Table
    columns: Columns
    profile: list[ColumnProfile]
    relations: Relations
    facts: DatasetFacts
    target: TargetSummary | None = None
    task: TaskType | None = None
    leakage: list[LeakageSuspect] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)
    # Set from the rule base before the baselines (advisor.data.baseline.protected.protected_policy).
    drop_protected: bool = True
    protected_why: str = "left out of the features (no rule base consulted)"
    unusable: dict[str, str] = field(default_factory=dict)
    time_column: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Set when the frame holds only the rows the baselines fit on (see advisor.data.analysis): the labelled rows of
    # the whole table, which the report states.
    labelled_rows: int | None = None
    # The labelled rows the baselines will fit on, drawn in the companion while this process profiles (see
    # `profile_table`'s `capped_rows`); None when not asked for or when every labelled row is kept.
    capped: Outcome[list[Any]] | None = None

    @property
    def frame(self) -> pd.DataFrame:
        return self.columns.frame


def profile_table(
    table: Table,
    *,
    target: str | None,
    brief: Brief,
    seed: int = 0,
    companion: Companion | None = None,
    capped_rows: int | None = None,
) -> Profiled:
    """The columns' kinds and statistics, their relations, the target and the leakage suspects. With a running
    `companion`, the leakage is measured there while this process profiles the columns; with `capped_rows` too,
    the companion then draws that many of the labelled rows for the baselines (`Profiled.capped`), so that they
    can start as soon as the profile is done."""
    companion = companion or Companion(None)
    capped: Outcome[list[Any]] | None = None
    columns = infer_columns(table.frame)
    warnings = [*table.warnings, *columns.warnings]
    source = table.source
    task: TaskType | None = None
    found: Outcome[tuple[list[LeakageSuspect], LeakageCheck]] | None = None
    if target is not None:
        check_target(columns.frame[target], source.file)
    # Columns the person dropped take no part in the checks: the suspects are found again without them.
    dropped = dropped_columns(brief.data.drop_columns, list(columns.frame.columns), target, source.file)
    kept = columns.frame.drop(columns=dropped)
    if target is not None:
        task = detect_task(columns.frame[target], columns.kinds[target])
        known = brief.data.features_at_prediction_time
        # Only the labelled sample the checks use goes to the companion, not the whole table.
        sample = labelled_sample(kept, target, regression=task == TaskType.regression, seed=seed)
        found = companion.run(
            suspects_in, list(kept.columns), sample, columns.kinds, target, task, seed, known_at_prediction=known
        )
        if capped_rows is not None and companion.running:
            labels = columns.frame[target]
            labels = labels[labels.notna()]
            if len(labels) > capped_rows:
                capped = companion.run(cap_rows, labels, task, capped_rows, seed)
    profile = profile_columns(columns, table.exact, source.rows)
    numeric = [name for name in columns.of_kind("numeric", "boolean") if name != target]
    numeric = [name for name in numeric if _is_number(columns.frame[name])]
    distinct = {name: counted[0] for name, counted in columns.counts.items()}
    relations = relate(columns.frame, numeric, seed, distinct)
    summary: TargetSummary | None = None
    kind_of_target: str | None = None
    leakage: list[LeakageSuspect] = []
    checked: list[str] = []
    if target is not None and task is not None and found is not None:
        summary = summarise_target(columns.frame[target], task, table.class_counts or None)
        if task == TaskType.regression:
            kind_of_target = target_kind(columns.frame[target]).value
        leakage, check = found.result()
        checked.append(check.describe())
        warnings += _single_sample_classes(summary)
    # Names alone mislead when the rows are not people (the `age` of a house): trust the brief when it says so.
    by_name = brief.legal.personal_data is not False
    declared = brief.legal.protected_columns
    protected = [name for name in protected_columns(kept.columns, declared, by_name=by_name) if name != target]
    unusable = _unusable_features(profile, target)
    warnings += [f"column '{name}' is {why}: dropped from the features" for name, why in unusable.items()]
    if len(columns.frame.columns) > WIDE_TABLE:
        warnings.append(
            f"{len(columns.frame.columns):,} columns: correlations and outlier checks use the "
            f"{len(relations.correlation_columns)} most variable numeric columns; plots are limited"
        )
    facts = dataset_facts(
        source,
        profile,
        relations,
        target=summary,
        target_kind=kind_of_target,
        leakage=leakage,
        protected=protected,
        dropped=dropped,
    )
    time_column = next((name for name in columns.of_kind("datetime") if name != target), None)
    return Profiled(
        table=table,
        columns=columns,
        profile=profile,
        relations=relations,
        facts=facts,
        target=summary,
        task=task,
        leakage=leakage,
        checked=checked,
        dropped=dropped,
        protected=protected,
        unusable=unusable,
        time_column=time_column,
        warnings=warnings,
        capped=capped,
    )


def _is_number(series: pd.Series) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_numeric_dtype(series.dtype)) and not pd.api.types.is_bool_dtype(series.dtype)


def _single_sample_classes(summary: TargetSummary) -> list[str]:
    single = [label for label, count in summary.classes.items() if count == 1]
    if not single:
        return []
    shown = ", ".join(f"'{_short(label)}'" for label in single[:5])
    more = f" and {len(single) - 5} more" if len(single) > 5 else ""
    plural = "es" if len(single) > 1 else ""
    return [f"target class{plural} {shown}{more}: a single row each, the split cannot be stratified on them"]


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _unusable_features(profile: list[ColumnProfile], target: str | None) -> dict[str, str]:
    unusable = {}
    for column in profile:
        if column.name == target:
            continue
        if column.missing_share >= 1.0:
            unusable[column.name] = "all missing"
        elif column.constant:
            unusable[column.name] = "constant"
    return unusable
