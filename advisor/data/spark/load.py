"""The `Table` from Spark: read, one aggregation pass, the class counts, the sample; the same `Table` as DuckDB's."""

from __future__ import annotations

from pathlib import Path

from advisor.data.engine import EngineChoice
from advisor.data.loaded_table import Table
from advisor.data.models import Source
from advisor.errors import DataError
from advisor.util.suggest import did_you_mean


def load_with_spark(path: Path, choice: EngineChoice, *, target: str | None, seed: int, sample_rows: int) -> Table:
    from advisor.data.spark.aggregates import COLUMNS_PER_PASS, class_counts, column_statistics, is_time
    from advisor.data.spark.read import explain, read_source
    from advisor.data.spark.sample import draw_sample
    from advisor.data.spark.session import spark_session

    spark = spark_session(choice)
    source = read_source(spark, path, choice)
    frame = source.frame
    if not frame.columns:
        raise DataError("the data has no columns", file=source.label)
    if target is not None and target not in frame.columns:
        raise DataError(
            f"no column named '{target}' (the target)",
            file=source.label,
            hint=did_you_mean(target, frame.columns) or f"columns: {', '.join(frame.columns[:12])}",
        )
    time_column = next((field.name for field in frame.schema.fields if is_time(field.dataType)), None)
    try:
        rows, columns = column_statistics(frame, None if source.format == "csv" else COLUMNS_PER_PASS)
        if rows == 0:
            raise DataError("the data has a header but no rows", file=source.label)
        counts = class_counts(frame, target, columns[target].distinct if target is not None else None)
        sample, how = draw_sample(
            frame,
            rows=rows,
            target=target,
            class_counts=counts,
            time_column=time_column,
            sample_rows=sample_rows,
            seed=seed,
        )
    except DataError:
        raise
    except Exception as error:  # a corrupt part file or a lost executor surfaces only when Spark runs the scan
        if source.shape is not None and source.format == "csv":
            from advisor.data.read import raise_if_ragged

            raise_if_ragged(source.shape, error)
        explain(source.label, error)
    sample.columns = [str(name) for name in sample.columns]
    summary = Source(
        file=source.label,
        format=source.format,
        rows=rows,
        columns=len(frame.columns),
        file_size_mb=round(source.size_mb, 3),
        encoding=source.encoding,
        delimiter=source.delimiter,
        sampled=len(sample) < rows,
        sample_rows=len(sample),
        how=how,
    )
    return Table(frame=sample, source=summary, exact=columns, class_counts=counts)
