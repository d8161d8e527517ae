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
CANDIDATE_MARGIN = 1.5  # rows kept aside: half as many again as the sample needs on the estimated row count
CANDIDATE_SLACK = 100  # buckets: room for chance around the expected count
CANDIDATE_ROWS = "(SELECT unnest(row_) FROM (SELECT unnest(candidates0) AS row_ FROM scanned))"
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

    The statistics pass also keeps aside the rows under loose bucket thresholds (per class the head of the file
    shows, from an estimate of the row count); the sample is drawn from them when they provably hold it. Otherwise
    (no time column to restore the order, a compressed file, or a head whose classes, shares or row count misled) the
    file is read once more for the class counts or the sample."""
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
        plan = _candidate_plan(head, sample_rows, estimated_rows(shape)) if time_column is not None else {}
        full = full_scan(
            connection,
            source,
            types,
            head,
            row_bucket=_bucket(seed),
            candidates=_collect(plan, head.target),
        )
        if full.rows == 0:
            raise DataError("the file has a header but no rows", file=shape.path)
        class_counts, reads = full.class_counts, 1
        if class_counts is None:  # a class the head did not show: count them all in a narrow pass
            class_counts, reads = count_classes(connection, source, target, types), reads + 1
        thresholds = _thresholds(full.rows, class_counts, sample_rows)
        if _complete(plan, thresholds):
            source = CANDIDATE_ROWS
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


def _candidate_plan(head: Head, sample_rows: int, rows: int | None) -> dict[str | None, int]:
    """Loose bucket thresholds for the rows kept aside during the statistics pass, per class the head shows (or one
    for all rows): the sample's thresholds for `rows` (an estimate), widened so a fair misestimate still fits."""
    if rows is None or rows <= 0:
        return {}
    if head.labels is None or head.target is None:
        return {None: _loose(sample_rows, rows)}
    total = max(sum(head.labels.values()), 1)
    plan: dict[str | None, int] = {}
    for label, count in head.labels.items():
        expected = rows * count / total
        plan[label] = _loose(max(sample_rows * count / total, MIN_ROWS_PER_CLASS), expected)
    return plan


def _loose(keep: float, rows: float) -> int:
    return min(HASH_BUCKETS + 1, int(HASH_BUCKETS * CANDIDATE_MARGIN * keep / max(rows, 1.0)) + CANDIDATE_SLACK)


def _collect(plan: dict[str | None, int], target: str | None) -> tuple[str, ...]:
    if not plan:
        return ()
    if None in plan or target is None:
        limit = str(plan[None])
    else:
        label = f"row_.{quote(target)}::VARCHAR"
        cases = " ".join(f"WHEN {label} = {literal(str(value))} THEN {loose}" for value, loose in plan.items())
        limit = f"CASE {cases} ELSE 0 END"
    return (f"list(row_) FILTER (WHERE bucket_ < {limit})",)


def estimated_rows(shape: FileShape) -> int | None:
    """Rows in the file: exact for Parquet (its footer); for a plain CSV from the densest of three megabytes (start,
    middle, end), so a file whose rows shrink later keeps fewer rows aside rather than too many; None when compressed
    (its size says little)."""
    if shape.format == "parquet":
        import pyarrow.parquet as pq

        return int(pq.read_metadata(shape.path).num_rows)
    if shape.compressed:
        return None
    size, window = shape.path.stat().st_size, 1 << 20
    densities = []
    with shape.path.open("rb") as stream:
        for offset in sorted({0, max(size // 2 - window // 2, 0), max(size - window, 0)}):
            stream.seek(offset)
            chunk = stream.read(window)
            densities.append(chunk.count(b"\n") / max(len(chunk), 1))
    rows = int(size * max(densities))
    return rows if rows > 1 else None


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


def _complete(plan: dict[str | None, int], thresholds: dict[str | None, int]) -> bool:
    """Whether the rows kept aside hold every row the sample takes: the same classes, none with a threshold past
    the loose one the rows were kept under."""
    return bool(plan) and set(plan) == set(thresholds) and all(thresholds[key] <= plan[key] for key in plan)


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
    # Rows at the same time fall in the same bucket often enough (a million buckets): the whole hash breaks those
    # ties, or DuckDB's parallel sort would order them differently from one run to the next.
    order = f" ORDER BY t.{quote(time_column)}, {bucket}, hash(t, {int(seed)})" if time_column else ""
    if time_column:
        how += f", sorted by '{time_column}' so the sample spans the whole period in order"
    frame = connection.execute(f"SELECT t.* FROM {source} t WHERE {condition}{order}").df()
    how = f"{len(frame):,} of {rows:,} rows sampled ({how}); exact column statistics from a full scan with DuckDB"
    return frame.reset_index(drop=True), how


def _explain(shape: FileShape, error: Exception) -> NoReturn:
    """DuckDB's CSV errors are terse: name the ragged line when there is one, else pass its first line on."""
    if shape.format == "csv":
        from advisor.data.read import bare_carriage_return_line, raise_if_ragged

        raise_if_ragged(shape, error)
        line = bare_carriage_return_line(shape)
        if line is not None:  # read whole, such a file loads (read_frame); DuckDB's scan cannot take it
            raise DataError(
                "a carriage return inside unquoted text, which the out-of-core scan cannot read",
                file=shape.path,
                place=f"line {line}",
                hint="remove the carriage returns from the text, for example with tr -d '\\r', or quote the field",
            ) from None
    raise DataError(f"cannot scan the file ({_first_line(error)})", file=shape.path) from None


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
