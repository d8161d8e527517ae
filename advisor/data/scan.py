"""Out-of-core reading of large files with DuckDB: exact column statistics from a full scan, and a bounded sample.

The sample keeps memory bounded by its size, not the file's. It is stratified on a categorical target (every class
keeps its share, and rare classes keep at least a few rows), and sorted by time when there is a time column, so a
time-based split of the sample still trains on the past. Rows are chosen by a hash of their content and the seed, so
the same file and seed give the same sample on any number of threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from advisor.data.full_scan import (
    MAX_CLASSES_FOR_STRATA,
    NUMERIC_TYPES,
    ColumnScan,
    Head,
    count_classes,
    full_scan,
    literal,
    quote,
    read_head,
)
from advisor.data.sniff import FileShape
from advisor.errors import DataError

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

HASH_BUCKETS = 1_000_003
MIN_ROWS_PER_CLASS = 50
TIME_TYPES = ("DATE", "TIMESTAMP")
CANDIDATE_MARGIN = 1.25
CANDIDATE_SLACK = 200
__all__ = ["MAX_CLASSES_FOR_STRATA", "NUMERIC_TYPES", "ColumnScan", "ScanResult", "scan"]


@dataclass
class ScanResult:
    frame: pd.DataFrame
    rows: int
    columns: dict[str, ColumnScan]
    class_counts: dict[str, int] = field(default_factory=dict)
    time_column: str | None = None
    how: str = ""
    reads: int = 1  # full reads of the file: the statistics pass, and any pass for the class counts or the sample


def scan(shape: FileShape, *, target: str | None, sample_rows: int, seed: int) -> ScanResult:
    """Exact statistics, class counts and the sample, from one read of the file when it has a time column.

    The statistics pass also keeps aside, per class the head of the file shows, the rows of lowest sampling bucket;
    the sample is drawn from them when they provably hold it. Otherwise (no time column to restore the order, or a
    head whose classes or shares misled) the file is read once more for the class counts or the sample."""
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
        head = read_head(connection, source, types, target)
        time_column = next((name for name, kind in types.items() if kind.startswith(TIME_TYPES)), None)
        # Rows kept aside come back in bucket order, not file order: only a time column restores the sample's order.
        plan = _candidate_plan(head, sample_rows) if time_column is not None else {}
        full = full_scan(
            connection,
            source,
            types,
            head,
            row_bucket=_bucket(seed),
            candidates=tuple(_collect(label, size, head.target) for label, size in plan.items()),
        )
        if full.rows == 0:
            raise DataError("the file has a header but no rows", file=shape.path)
        class_counts, reads = full.class_counts, 1
        if class_counts is None:  # a class the head did not show: count them all in a narrow pass
            class_counts, reads = count_classes(connection, source, target, types), reads + 1
        thresholds = _thresholds(full.rows, class_counts, sample_rows)
        if _complete(connection, plan, thresholds, seed):
            source = _candidate_rows(len(plan))
        else:  # no time column, or the head misled: read the file again for the sample
            reads += 1
        frame, how = _sample(
            connection,
            source,
            rows=full.rows,
            target=target,
            thresholds=thresholds,
            time_column=time_column,
            seed=seed,
        )
    except duckdb.Error as error:
        _explain(shape, error)
    finally:
        connection.close()
    return ScanResult(frame, full.rows, full.columns, class_counts, time_column, how, reads)


def _bucket(seed: int, row: str = "t") -> str:
    return f"(hash({row}, {int(seed)}) % {HASH_BUCKETS})"


def _candidate_plan(head: Head, sample_rows: int) -> dict[str | None, int]:
    """How many rows of lowest bucket to keep aside during the statistics pass, per class the head shows (or for
    all rows): enough to hold the sample with a wide margin when the head's class shares hold for the whole file."""
    if head.labels is None or head.target is None:
        return {None: int(sample_rows * CANDIDATE_MARGIN) + CANDIDATE_SLACK}
    total = max(sum(head.labels.values()), 1)
    return {
        label: int(max(sample_rows * count / total, MIN_ROWS_PER_CLASS) * CANDIDATE_MARGIN) + CANDIDATE_SLACK
        for label, count in head.labels.items()
    }


def _collect(label: str | None, size: int, target: str | None) -> str:
    chosen = f"min_by(row_, bucket_, {size})"
    if label is None or target is None:
        return chosen
    return f"{chosen} FILTER (WHERE row_.{quote(target)}::VARCHAR = {literal(label)})"


def _thresholds(rows: int, class_counts: dict[str, int], sample_rows: int) -> dict[str | None, int]:
    """The bucket each row's must be under to be sampled: per class (each keeps its share, and at least
    `MIN_ROWS_PER_CLASS` rows) or, without classes, one for all."""
    if not class_counts:
        return {None: int(HASH_BUCKETS * min(1.0, sample_rows / rows)) + 1}
    thresholds: dict[str | None, int] = {}
    for label, count in class_counts.items():
        keep = min(count, max(round(sample_rows * count / rows), MIN_ROWS_PER_CLASS))
        thresholds[label] = int(HASH_BUCKETS * keep / count) + 1
    return thresholds


def _complete(
    connection: duckdb.DuckDBPyConnection, plan: dict[str | None, int], thresholds: dict[str | None, int], seed: int
) -> bool:
    """Whether the rows kept aside hold every row the sample takes: per class, either every row of the class, or
    rows up to a bucket at or past the threshold (rows under it have lower buckets, so none was left out)."""
    if not plan or set(plan) != set(thresholds):
        return False
    measures = ", ".join(
        f"len(candidates{index}), list_max(list_transform(candidates{index}, lambda row: {_bucket(seed, 'row')}))"
        for index in range(len(plan))
    )
    row = connection.execute(f"SELECT {measures} FROM scanned").fetchone()
    assert row is not None
    for index, (label, size) in enumerate(plan.items()):
        kept, highest = row[2 * index] or 0, row[2 * index + 1]
        if kept >= size and (highest is None or highest < thresholds[label]):
            return False
    return True


def _candidate_rows(lists: int) -> str:
    """The rows kept aside, as a table with the file's columns."""
    joined = f"list_concat({', '.join(f'candidates{index}' for index in range(lists))})" if lists > 1 else "candidates0"
    return f"(SELECT unnest(row_) FROM (SELECT unnest({joined}) AS row_ FROM scanned))"


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


def _sample(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    *,
    rows: int,
    target: str | None,
    thresholds: dict[str | None, int],
    time_column: str | None,
    seed: int,
) -> tuple[pd.DataFrame, str]:
    bucket = _bucket(seed)
    if target is not None and None not in thresholds:
        cases = [
            f"WHEN t.{quote(target)}::VARCHAR = {literal(str(label))} THEN {limit}"
            for label, limit in thresholds.items()
        ]
        condition = f"{bucket} < CASE {' '.join(cases)} ELSE 0 END"
        how = f"stratified on '{target}': each class keeps its share (at least {MIN_ROWS_PER_CLASS} rows)"
    else:
        condition = f"{bucket} < {thresholds[None]}"
        how = "uniform"
    order = f" ORDER BY t.{quote(time_column)}, {bucket}" if time_column else ""
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
