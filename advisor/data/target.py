"""The target column: refuse one that cannot be learned, detect the task type, summarise its distribution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.brief.enums import TargetKind, TaskType, imbalance_band
from advisor.data.models import TargetSummary
from advisor.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

MAX_INTEGER_CLASSES = 10
MIN_LABELLED_ROWS = 2  # one row is neither constant nor learnable: say it is too few
INTEGRAL_TOLERANCE = 1e-9


def check_target(series: pd.Series, file: str) -> None:
    """Refuse a target that is all missing or has a single value: nothing can be learned from it."""
    present = series.dropna()
    if present.empty:
        raise DataError(f"the target column '{series.name}' is empty (every value is missing)", file=file)
    if len(present) < MIN_LABELLED_ROWS:
        raise DataError(
            f"too few rows to learn from: {len(present)} row(s) with a target in '{series.name}'",
            file=file,
            hint=f"a model needs at least {MIN_LABELLED_ROWS} labelled rows; profile without --target",
        )
    if present.nunique() < 2:
        value = str(present.iloc[0])
        raise DataError(
            f"the target column '{series.name}' is constant (every row is '{value}')",
            file=file,
            hint="a model cannot learn a target that never changes",
        )


def detect_task(series: pd.Series, kind: str) -> TaskType:
    """Binary, multi-class or regression, from the values (two values are binary, whatever their type)."""
    import pandas as pd

    present = series.dropna()
    distinct = present.nunique()
    if distinct <= 2:
        return TaskType.binary_classification
    if kind in {"categorical", "boolean", "text", "identifier"} or not pd.api.types.is_numeric_dtype(present):
        return TaskType.multiclass_classification
    # Whole numbers, whatever the dtype: 1, 2, 3 and 1.0, 2.0, 3.0 are the same three classes.
    values = present.astype("float64")
    integral = bool(((values - values.round()).abs() <= INTEGRAL_TOLERANCE).all())
    if integral and distinct <= MAX_INTEGER_CLASSES:
        return TaskType.multiclass_classification
    return TaskType.regression


def target_kind(series: pd.Series) -> TargetKind:
    present = series.dropna().astype("float64")
    if (present < 0).any():
        return TargetKind.real
    if present.between(0, 1).all():
        return TargetKind.proportion
    # Counts are small integers that include zero (visits, claims); integral prices or sizes are merely positive.
    if bool((present == present.round()).all()) and ((present == 0).any() or present.median() <= 20):
        return TargetKind.counts
    return TargetKind.positive if (present > 0).all() else TargetKind.real


def summarise_target(series: pd.Series, task: TaskType, class_counts: dict[str, int] | None = None) -> TargetSummary:
    """Class counts and imbalance (exact counts from a full scan when the rows are a sample) or moments."""
    missing_share = round(float(series.isna().mean()), 6)
    if task == TaskType.regression:
        values = series.dropna().astype("float64")
        return TargetSummary(
            column=str(series.name),
            task_type=task,
            missing_share=missing_share,
            mean=round(float(values.mean()), 6),
            std=round(float(values.std()), 6),
            skew=round(float(values.skew()), 6),  # type: ignore[arg-type]
        )
    counts = class_counts or {str(label): int(count) for label, count in series.dropna().value_counts().items()}
    ordered = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    total = sum(ordered.values())
    smallest, largest = min(ordered.values()), max(ordered.values())
    minority = smallest / total
    return TargetSummary(
        column=str(series.name),
        task_type=task,
        classes=ordered,
        minority_share=round(minority, 6),
        imbalance=imbalance_band(minority),
        ratio=f"1:{largest / smallest:.0f}" if largest / smallest >= 2 else f"1:{largest / smallest:.1f}",
        missing_share=missing_share,
    )
