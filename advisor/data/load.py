"""Load a dataset: sniff it, read it whole or scan it out of core and sample it, and check it can be used."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.data.loaded_table import Table
from advisor.data.models import Source
from advisor.data.scan import ColumnScan, scan
from advisor.data.sniff import FileShape, sniff
from advisor.errors import DataError
from advisor.util.suggest import did_you_mean

if TYPE_CHECKING:
    from advisor.data.engine import EngineChoice

LARGE_FILE_MB = 100.0
SAMPLE_ROWS = 100_000
GZIP_RATIO = 5.0


def load_table(
    path: Path,
    *,
    target: str | None = None,
    seed: int = 0,
    large_file_mb: float = LARGE_FILE_MB,
    sample_rows: int = SAMPLE_ROWS,
    engine: EngineChoice | None = None,
) -> Table:
    """Read `path` (CSV or Parquet); files over `large_file_mb` are scanned with DuckDB and sampled."""
    if engine is not None and engine.uses_spark(path):
        from advisor.data.spark.load import load_with_spark  # Spark scans where the data lives

        return load_with_spark(path, engine, target=target, seed=seed, sample_rows=sample_rows)
    shape = sniff(path)
    if shape.format == "parquet":
        _check_parquet_schema(shape)
    # A gzip file holds about five times its size in text: judge it by what it will take in memory.
    in_memory_mb = shape.size_mb * (GZIP_RATIO if shape.compressed else 1.0)
    if in_memory_mb > large_file_mb:
        result = scan(shape, target=target, sample_rows=sample_rows, seed=seed)
        frame, rows, how = result.frame, result.rows, result.how
        exact: dict[str, ColumnScan] | None = result.columns
        class_counts = result.class_counts
    else:
        from advisor.data.read import read_frame

        frame, read_warnings = read_frame(shape)
        shape = replace(shape, warnings=[*shape.warnings, *read_warnings])
        rows, exact, class_counts = len(frame), None, {}
        how = f"all {rows:,} rows read into memory"
    if len(frame.columns) == 0:
        raise DataError("the file has no columns", file=path)
    if rows == 0:
        raise DataError("the file has a header but no rows", file=path)
    frame.columns = [str(name) for name in frame.columns]
    if target is not None and target not in frame.columns:
        raise DataError(
            f"no column named '{target}' (the target)",
            file=path,
            hint=did_you_mean(target, frame.columns) or f"columns: {', '.join(list(frame.columns)[:12])}",
        )
    source = Source(
        file=str(path),
        format=shape.format,
        rows=rows,
        columns=len(frame.columns),
        file_size_mb=round(shape.size_mb, 3),
        encoding=shape.encoding if shape.format == "csv" else None,
        delimiter=shape.delimiter if shape.format == "csv" else None,
        sampled=len(frame) < rows,
        sample_rows=len(frame),
        how=how,
    )
    return Table(frame=frame, source=source, exact=exact, class_counts=class_counts, warnings=list(shape.warnings))


def _check_parquet_schema(shape: FileShape) -> None:
    import pyarrow.parquet as pq

    from advisor.data.read import check_unique

    try:
        schema = pq.read_schema(shape.path)
    except Exception as error:  # a corrupt footer raises ArrowInvalid, OSError or others
        raise DataError(f"not a readable Parquet file ({error})", file=shape.path) from None
    check_unique(shape, list(schema.names))
