"""Every column statistic the DuckDB scan computes, with Spark's built-in aggregates over the whole data.

One `agg` (on a columnar source, one per few columns, each reading only its columns) holds, per column, the
non-missing count and a HyperLogLog++ distinct estimate (relative standard deviation `DISTINCT_RSD`), and for
numeric columns the mean, standard deviation, minimum, maximum, skewness and kurtosis of the finite values.
Spark's skewness and kurtosis are the population moments (g1, g2); they are converted to the bias-adjusted sample
forms (G1, G2) that DuckDB and pandas report, so the facts do not depend on the engine. The class counts of the
target are a second, narrow pass (Parquet reads only that column), skipped when the first pass already shows the
target has too many values to be a class label.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from advisor.data.moments import sample_kurtosis, sample_skewness
from advisor.data.scan import MAX_CLASSES_FOR_STRATA, ColumnScan

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame
    from pyspark.sql.types import StructField

DISTINCT_RSD = 0.01
NUMERIC_CLASSES = 20  # a numeric target with more values is a quantity, not a class label (as in the DuckDB scan)
COLUMNS_PER_PASS = 4  # on a columnar source (Parquet, a table); a CSV is parsed once, in one wide pass
MOMENTS = ("count", "mean", "std", "min", "max", "skew", "kurtosis")


def is_numeric(data_type: object) -> bool:
    from pyspark.sql.types import BooleanType, NumericType

    return isinstance(data_type, NumericType) and not isinstance(data_type, BooleanType)


def is_time(data_type: object) -> bool:
    from pyspark.sql.types import DateType, TimestampNTZType, TimestampType

    return isinstance(data_type, (DateType, TimestampType, TimestampNTZType))


def column_statistics(frame: DataFrame, columns_per_pass: int | None = None) -> tuple[int, dict[str, ColumnScan]]:
    """Rows and per-column statistics: one aggregation, or one per `columns_per_pass` columns.

    A single very wide aggregation compiles to a method too large for the JVM to optimise (measured: skewness and
    kurtosis of 14 columns took 25 times as long as those of 3). On a columnar source each narrower pass reads only
    its own columns, so the chunks together still read the data once.
    """
    fields = frame.schema.fields
    size = columns_per_pass or max(len(fields), 1)
    rows = 0
    columns: dict[str, ColumnScan] = {}
    for start in range(0, max(len(fields), 1), size):
        rows, chunk = _aggregate(frame, fields[start : start + size])
        columns |= chunk
    return rows, columns


def _aggregate(frame: DataFrame, fields: list[StructField]) -> tuple[int, dict[str, ColumnScan]]:
    from pyspark.sql import functions as F

    expressions: list[Column] = [F.count(F.lit(1))]
    for field in fields:
        column = F.col(_quoted(field.name))
        expressions += [F.count(column), F.approx_count_distinct(column, rsd=DISTINCT_RSD)]
        if is_numeric(field.dataType):
            value = _finite(column)
            expressions += [F.count(value), F.avg(value), F.stddev_samp(value), F.min(value), F.max(value)]
            expressions += [F.skewness(value), F.kurtosis(value)]
    row = frame.agg(*expressions).first()
    assert row is not None
    values = iter(row)
    rows = int(next(values))
    columns: dict[str, ColumnScan] = {}
    for field in fields:
        present = int(next(values))
        scan = ColumnScan(missing=rows - present, distinct=int(next(values)))
        if is_numeric(field.dataType):
            stats = dict(zip(MOMENTS, (next(values) for _ in MOMENTS), strict=True))
            finite = int(stats["count"])
            scan.mean, scan.std, scan.min, scan.max = (_float(stats[key]) for key in ("mean", "std", "min", "max"))
            scan.skew = sample_skewness(_float(stats["skew"]), finite)
            scan.kurtosis = sample_kurtosis(_float(stats["kurtosis"]), finite)
        columns[field.name] = scan
    return rows, columns


def class_counts(frame: DataFrame, target: str | None, distinct: int | None = None) -> dict[str, int]:
    """Rows per target value, most frequent first; empty for a numeric or many-valued target (no strata).

    `distinct`, the first pass's estimate, spares the grouping pass when the target is clearly not a class label
    (a regression target has thousands of values): the margin covers the sketch's error.
    """
    from pyspark.sql import functions as F

    if target is None or target not in frame.columns:
        return {}
    numeric = is_numeric(frame.schema[target].dataType)
    if distinct is not None and distinct > (NUMERIC_CLASSES if numeric else MAX_CLASSES_FOR_STRATA) * 1.2:
        return {}
    column = F.col(_quoted(target))
    label = column.cast("string")
    counted = (
        frame.where(column.isNotNull())
        .groupBy(label.alias("label"))
        .count()
        .orderBy(F.col("count").desc(), F.col("label"))
        .limit(MAX_CLASSES_FOR_STRATA + 1)
        .collect()
    )
    if len(counted) > MAX_CLASSES_FOR_STRATA or (numeric and len(counted) > NUMERIC_CLASSES):
        return {}
    return {str(row["label"]): int(row["count"]) for row in counted}


def _finite(column: Column) -> Column:
    from pyspark.sql import functions as F

    as_double = column.cast("double")
    return F.when(~F.isnan(as_double) & (F.abs(as_double) != F.lit(float("inf"))), as_double)


def _float(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"
