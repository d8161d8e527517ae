"""The sample Spark draws and sends to this machine: the only rows the profile's sampled parts and the baselines see.

The rules are the DuckDB scan's (`advisor.data.scan`): each class of a categorical target keeps its share and at
least `MIN_ROWS_PER_CLASS` rows; without strata the sample is uniform; with a time column it is sorted by time so a
time-based split still trains on the past. Rows are kept by a hash of their content and the seed rather than by
`sampleBy`'s per-partition random draws, so the same data and seed give the same sample on any cluster layout.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from advisor.data.scan import HASH_BUCKETS, MIN_ROWS_PER_CLASS

BUCKET = "__advisor_bucket__"
ROW_HASH = "__advisor_row_hash__"

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import Column, DataFrame


def draw_sample(
    frame: DataFrame,
    *,
    rows: int,
    target: str | None,
    class_counts: dict[str, int],
    time_column: str | None,
    sample_rows: int,
    seed: int,
) -> tuple[pd.DataFrame, str]:
    from pyspark.sql import functions as F

    row_hash = F.xxhash64(*_hashable(frame), F.lit(int(seed)))
    bucket = F.pmod(row_hash, F.lit(HASH_BUCKETS))
    if class_counts and target is not None:
        label = F.col(_quoted(target)).cast("string")
        threshold: Column = F.lit(0)
        for name, count in class_counts.items():
            keep = min(count, max(round(sample_rows * count / rows), MIN_ROWS_PER_CLASS))
            threshold = F.when(label == F.lit(name), F.lit(int(HASH_BUCKETS * keep / count) + 1)).otherwise(threshold)
        how = f"stratified on '{target}': each class keeps its share (at least {MIN_ROWS_PER_CLASS} rows)"
    else:
        threshold = F.lit(int(HASH_BUCKETS * min(1.0, sample_rows / rows)) + 1)
        how = "uniform"
    chosen = frame.where(bucket < threshold)
    if time_column is None:
        local = to_pandas(chosen)
    else:
        # Sorted here, not in Spark: the sample is small, and Spark's orderBy would scan the data once more to
        # sample its range partitions. The whole hash breaks ties of time and bucket, so the partitions' order (the
        # file's) never decides the sample's.
        local = to_pandas(chosen.withColumn(BUCKET, bucket).withColumn(ROW_HASH, row_hash))
        order = [time_column, BUCKET, ROW_HASH]
        local = local.sort_values(order, kind="stable", na_position="last").drop(columns=[BUCKET, ROW_HASH])
        how += f", sorted by '{time_column}' so the sample spans the whole period in order"
    how = f"{len(local):,} of {rows:,} rows sampled ({how}); exact column statistics from a full scan with Spark"
    return local.reset_index(drop=True), how


def to_pandas(frame: DataFrame) -> pd.DataFrame:
    """Through Arrow, with the types DuckDB hands over: decimals as floats, dates as timestamps."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DateType, DecimalType

    columns = []
    for field in frame.schema.fields:
        column = F.col(_quoted(field.name))
        if isinstance(field.dataType, DecimalType):
            column = column.cast("double")
        elif isinstance(field.dataType, DateType):
            column = column.cast("timestamp_ntz")
        columns.append(column.alias(field.name))
    with warnings.catch_warnings():
        # pyspark's Arrow conversion still passes `copy=` to pandas 3, which warns on every column.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        local = frame.select(*columns).toPandas()
    # Arrow hands timestamps over in nanoseconds; DuckDB in microseconds, and the report shows the dtype.
    for name in local.columns[local.dtypes.astype(str).str.startswith("datetime64[ns")]:
        local[name] = local[name].astype(str(local[name].dtype).replace("[ns", "[us"))
    return local


def _hashable(frame: DataFrame) -> list[Column]:
    from pyspark.sql import functions as F
    from pyspark.sql.types import MapType

    # Spark cannot hash maps; the other columns still tell rows apart.
    return [F.col(_quoted(f.name)) for f in frame.schema.fields if not isinstance(f.dataType, MapType)] or [F.lit(0)]


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"
