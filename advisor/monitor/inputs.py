"""Read the reference and current files with the data layer's readers, check they share a schema, type the columns.

Each file goes through `load_table` (files over 100 MB are scanned with DuckDB and sampled), then through the same
column typing as the profile. The reference decides what each column is; the current file must have the same
columns, and a numeric column must still hold numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.errors import DataError, UsageError

if TYPE_CHECKING:
    import pandas as pd

COMPARED_KINDS = {"numeric": "numeric", "categorical": "categorical", "boolean": "categorical"}
NOT_COMPARED = {
    "datetime": "a date or time: it moves forward by construction",
    "identifier": "an identifier: unique per row, no distribution to compare",
    "text": "free text: not compared",
}
NUMERIC_PARSE_SHARE = 0.9


@dataclass
class Inputs:
    """The two frames (same columns, coerced alike) and what each column is compared as."""

    reference: pd.DataFrame
    current: pd.DataFrame
    reference_rows: int
    current_rows: int
    kinds: dict[str, str]  # column -> "numeric" or "categorical", features only
    skipped: dict[str, str] = field(default_factory=dict)
    how: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_inputs(
    reference_path: Path, current_path: Path, *, target: str | None, time_column: str | None, seed: int
) -> Inputs:
    import pandas as pd

    from advisor.data.columns import infer_columns
    from advisor.data.load import load_table

    reference_table = load_table(reference_path, target=target, seed=seed)
    # The current file need not hold the target (labels often arrive late): it is sampled without strata.
    current_table = load_table(current_path, seed=seed)
    _check_columns(
        reference_path,
        current_path,
        [name for name in reference_table.frame.columns if name != target],
        [name for name in current_table.frame.columns if name != target],
    )
    if target is not None and target not in reference_table.frame.columns:
        raise UsageError(f"no column named '{target}' (the target)", file=reference_path, place="--target")
    if time_column is not None and time_column not in reference_table.frame.columns:
        raise UsageError(f"no column named '{time_column}'", file=current_path, place="--time-column")
    typed = infer_columns(reference_table.frame)
    reference = typed.frame
    current = infer_columns(current_table.frame[[n for n in reference.columns if n in current_table.frame]]).frame
    kinds: dict[str, str] = {}
    skipped: dict[str, str] = {}
    for name, kind in typed.kinds.items():
        if name == target:
            continue
        if name == time_column:
            skipped[name] = "the time column (--time-column)"
        elif kind in COMPARED_KINDS:
            kinds[name] = COMPARED_KINDS[kind]
        else:
            skipped[name] = NOT_COMPARED.get(kind, f"{kind}: not compared")
    for name, kind in kinds.items():
        if kind == "numeric":
            current[name] = _as_numbers(current[name], name, current_path)
            reference[name] = pd.to_numeric(reference[name], errors="coerce")
    if time_column is not None:
        current[time_column] = _as_times(current_table.frame[time_column], time_column, current_path)
    how = [f"reference: {reference_table.source.how}", f"current: {current_table.source.how}"]
    warnings = [*reference_table.warnings, *current_table.warnings, *typed.warnings]
    return Inputs(
        reference=reference,
        current=current,
        reference_rows=reference_table.source.rows,
        current_rows=current_table.source.rows,
        kinds=kinds,
        skipped=skipped,
        how=how,
        warnings=warnings,
    )


def _check_columns(reference_path: Path, current_path: Path, reference: list[str], current: list[str]) -> None:
    missing = [name for name in reference if name not in current]
    extra = [name for name in current if name not in reference]
    if missing:
        shown = ", ".join(f"'{name}'" for name in missing[:8])
        raise DataError(
            f"the schema differs from the reference ({reference_path.name}): missing column(s) {shown}",
            file=current_path,
            hint="both files must hold the same feature columns; rename or add them",
        )
    if extra:
        shown = ", ".join(f"'{name}'" for name in extra[:8])
        raise DataError(
            f"the schema differs from the reference ({reference_path.name}): column(s) {shown} not in the reference",
            file=current_path,
            hint="drop them or add them to the reference",
        )


def _as_numbers(series: pd.Series, name: str, path: Path) -> pd.Series:
    """A numeric reference column must still be numeric: a column that turned into text is a schema change."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("float64")
    present = series.dropna()
    numbers = pd.to_numeric(present.astype(str).str.strip(), errors="coerce")
    if len(present) and numbers.notna().mean() < NUMERIC_PARSE_SHARE:
        example = str(present[numbers.isna()].iloc[0])[:30]
        raise DataError(
            f"column '{name}' is numeric in the reference but holds text here (e.g. '{example}')",
            file=path,
            place=f"column '{name}'",
            hint="the schema changed: check the upstream export",
        )
    return pd.to_numeric(series.astype("string").str.strip(), errors="coerce").astype("float64")


def _as_times(series: pd.Series, name: str, path: Path) -> pd.Series:
    import pandas as pd

    parsed = pd.to_datetime(series, errors="coerce", utc=True)
    if parsed.notna().sum() == 0:
        raise DataError(f"column '{name}' holds no dates or times", file=path, place="--time-column")
    return parsed
