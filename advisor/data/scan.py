"""Out-of-core reading of large files with DuckDB: exact column statistics from a full scan, and a bounded sample.

The sample keeps memory bounded by its size, not the file's. It is stratified on a categorical target (every class
keeps its share, and rare classes keep at least a few rows), and sorted by time when there is a time column, so a
time-based split of the sample still trains on the past. Rows are chosen by a hash of their content and the seed, so
the same file and seed give the same sample on any number of threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from advisor.data.sniff import FileShape
from advisor.errors import DataError

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

HASH_BUCKETS = 1_000_003
MIN_ROWS_PER_CLASS = 50
MAX_CLASSES_FOR_STRATA = 100
NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "U")
TIME_TYPES = ("DATE", "TIMESTAMP")


@dataclass
class ColumnScan:
    """Exact statistics of one column over the whole file (distinct counts are HyperLogLog estimates)."""

    missing: int
    distinct: int
    mean: float | None = None
    std: float | None = None
    min: float | None = None
    max: float | None = None
    skew: float | None = None
    kurtosis: float | None = None


@dataclass
class ScanResult:
    frame: pd.DataFrame
    rows: int
    columns: dict[str, ColumnScan]
    class_counts: dict[str, int] = field(default_factory=dict)
    time_column: str | None = None
    how: str = ""


def scan(shape: FileShape, *, target: str | None, sample_rows: int, seed: int) -> ScanResult:
    """Scan the whole file for exact statistics, then pull a stratified (or time-ordered) sample into memory."""
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET threads = 2")
    connection.execute("SET memory_limit = '1GB'")
    connection.execute("SET preserve_insertion_order = true")
    connection.execute("SET enable_progress_bar = false")  # it would write to stdout, which may hold JSON
    source = _source(shape)
    try:
        schema = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as error:
        _explain(shape, error)
    types = {str(row[0]): str(row[1]) for row in schema}
    if shape.format == "parquet" and len(types) != len(schema):
        raise DataError("duplicate column names", file=shape.path)
    try:
        rows, columns = _statistics(connection, source, types)
        if rows == 0:
            raise DataError("the file has a header but no rows", file=shape.path)
        class_counts = _class_counts(connection, source, target, types)
        time_column = next((name for name, kind in types.items() if kind.startswith(TIME_TYPES)), None)
        frame, how = _sample(
            connection,
            source,
            rows=rows,
            target=target,
            class_counts=class_counts,
            time_column=time_column,
            sample_rows=sample_rows,
            seed=seed,
        )
    except duckdb.Error as error:
        _explain(shape, error)
    finally:
        connection.close()
    return ScanResult(frame, rows, columns, class_counts, time_column, how)


def _source(shape: FileShape) -> str:
    path = str(shape.path).replace("'", "''")
    if shape.format == "parquet":
        return f"read_parquet('{path}')"
    delimiter = shape.delimiter.replace("'", "''")
    options = f"delim='{delimiter}', header=true, sample_size=20480"
    encoding = shape.encoding.lower().replace("_", "-")
    if encoding not in {"utf-8", "utf-8-sig", "ascii"}:
        options += ", encoding='latin-1'" if encoding in {"latin-1", "iso-8859-1", "cp1252"} else ""
    return f"read_csv('{path}', {options})"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _statistics(
    connection: duckdb.DuckDBPyConnection, source: str, types: dict[str, str]
) -> tuple[int, dict[str, ColumnScan]]:
    expressions = ["count(*)"]
    for name, kind in types.items():
        column = _quote(name)
        expressions += [f"count({column})", f"approx_count_distinct({column})"]
        if kind.startswith(NUMERIC_TYPES):
            value = f"CASE WHEN isfinite({column}::DOUBLE) THEN {column}::DOUBLE END"
            expressions += [f"avg({value})", f"stddev_samp({value})", f"min({value})", f"max({value})"]
            expressions += [f"skewness({value})", f"kurtosis({value})"]
    row = connection.execute(f"SELECT {', '.join(expressions)} FROM {source}").fetchone()
    assert row is not None
    values = iter(row)
    rows = int(next(values))
    columns: dict[str, ColumnScan] = {}
    for name, kind in types.items():
        present = int(next(values))
        scan_column = ColumnScan(missing=rows - present, distinct=int(next(values)))
        if kind.startswith(NUMERIC_TYPES):
            stats: list[Any] = [next(values) for _ in range(6)]
            scan_column.mean, scan_column.std, scan_column.min, scan_column.max = (_float(v) for v in stats[:4])
            scan_column.skew, scan_column.kurtosis = _float(stats[4]), _float(stats[5])
        columns[name] = scan_column
    return rows, columns


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _class_counts(
    connection: duckdb.DuckDBPyConnection, source: str, target: str | None, types: dict[str, str]
) -> dict[str, int]:
    if target is None or target not in types:
        return {}
    column = _quote(target)
    result = connection.execute(
        f"SELECT {column}::VARCHAR, count(*) FROM {source} WHERE {column} IS NOT NULL "
        f"GROUP BY 1 ORDER BY 2 DESC LIMIT {MAX_CLASSES_FOR_STRATA + 1}"
    ).fetchall()
    if len(result) > MAX_CLASSES_FOR_STRATA or (types[target].startswith(NUMERIC_TYPES) and len(result) > 20):
        return {}  # a numeric or many-valued target: no strata
    return {str(label): int(count) for label, count in result}


def _sample(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    *,
    rows: int,
    target: str | None,
    class_counts: dict[str, int],
    time_column: str | None,
    sample_rows: int,
    seed: int,
) -> tuple[pd.DataFrame, str]:
    bucket = f"(hash(t, {int(seed)}) % {HASH_BUCKETS})"
    if class_counts and target is not None:
        cases = []
        for label, count in class_counts.items():
            keep = min(count, max(round(sample_rows * count / rows), MIN_ROWS_PER_CLASS))
            threshold = int(HASH_BUCKETS * keep / count) + 1
            escaped = label.replace("'", "''")
            cases.append(f"WHEN t.{_quote(target)}::VARCHAR = '{escaped}' THEN {threshold}")
        condition = f"{bucket} < CASE {' '.join(cases)} ELSE 0 END"
        how = f"stratified on '{target}': each class keeps its share (at least {MIN_ROWS_PER_CLASS} rows)"
    else:
        threshold = int(HASH_BUCKETS * min(1.0, sample_rows / rows)) + 1
        condition = f"{bucket} < {threshold}"
        how = "uniform"
    order = f" ORDER BY t.{_quote(time_column)}, {bucket}" if time_column else ""
    if time_column:
        how += f", sorted by '{time_column}' so the sample spans the whole period in order"
    frame = connection.execute(f"SELECT t.* FROM {source} t WHERE {condition}{order}").df()
    how = f"{len(frame):,} of {rows:,} rows sampled ({how}); exact column statistics from a full scan with DuckDB"
    return frame.reset_index(drop=True), how


def _explain(shape: FileShape, error: Exception) -> NoReturn:
    """DuckDB's CSV errors are terse: name the ragged line when there is one, else pass its first line on."""
    if shape.format == "csv":
        from advisor.data.read import raise_if_ragged

        raise_if_ragged(shape, error)
    raise DataError(f"cannot scan the file ({_first_line(error)})", file=shape.path) from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
