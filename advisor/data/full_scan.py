"""The statistics pass of the out-of-core scan: every column's exact statistics, and the target's class counts, from
one read of the file.

Per column: the non-missing count and DuckDB's HyperLogLog distinct estimate; for numeric columns the minimum,
maximum and the power sums the moments come from (`advisor.data.moments`), over the finite values only. The class
counts of a target ride along in the same read when they can: the head of the file (its first rows, read apart,
cheaply) names the labels, the pass counts those and anything else. A label the head did not show is counted by a
narrow pass of its own (`count_classes`), so the counts are always exact; a target whose head already shows too
many values to be a class label (a quantity) needs no counting at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisor.data.moments import from_power_sums

if TYPE_CHECKING:
    import duckdb

NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "U")
FLOAT_TYPES = ("FLOAT", "DOUBLE")  # the only ones that hold NaN or infinities
MAX_CLASSES_FOR_STRATA = 100
NUMERIC_CLASSES = 20  # a numeric target with more values is a quantity, not a class label
HEAD_ROWS = 20_480  # as many as DuckDB's CSV sniffer reads


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
class Head:
    """What the first rows tell before the full read: a shift near each numeric column's mean, and the target."""

    shifts: dict[str, float]
    rows: int = 0
    target: str | None = None
    labels: dict[str, int] | None = None  # rows per label in the head; None: too many values for a class label


@dataclass
class FullScan:
    rows: int
    columns: dict[str, ColumnScan]
    class_counts: dict[str, int] | None = field(default_factory=dict)  # None: labels beyond the head, count apart


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def is_numeric(kind: str) -> bool:
    return kind.startswith(NUMERIC_TYPES)


def read_head(connection: duckdb.DuckDBPyConnection, source: str, types: dict[str, str], target: str | None) -> Head:
    numeric = [name for name, kind in types.items() if is_numeric(kind)]
    head = f"(SELECT * FROM {source} LIMIT {HEAD_ROWS})"
    averages = ", ".join(f"avg({_finite(name, types[name])})" for name in numeric)
    row = connection.execute(f"SELECT count(*){', ' + averages if averages else ''} FROM {head}").fetchone()
    assert row is not None
    shifts = {name: float(value) if value is not None else 0.0 for name, value in zip(numeric, row[1:], strict=True)}
    if target is None or target not in types:
        return Head(shifts, int(row[0]))
    limit = NUMERIC_CLASSES if is_numeric(types[target]) else MAX_CLASSES_FOR_STRATA
    labels = connection.execute(
        f"SELECT {quote(target)}::VARCHAR, count(*) FROM {head} WHERE {quote(target)} IS NOT NULL "
        f"GROUP BY 1 ORDER BY 1 LIMIT {limit + 1}"
    ).fetchall()
    counted = {str(label): int(count) for label, count in labels} if len(labels) <= limit else None
    return Head(shifts, int(row[0]), target, counted)


def full_scan(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    types: dict[str, str],
    head: Head,
    *,
    row_bucket: str | None = None,
    candidates: tuple[str, ...] = (),
) -> FullScan:
    """One aggregation over the whole file; every numeric value is cast and checked once, in an inner projection.

    `candidates` are more aggregates over each whole row (`row_`) and its sampling bucket (`bucket_`, the expression
    `row_bucket` of the row `t`): they land in the one-row temporary table `scanned` as `candidates0`, ... for the
    sample to be drawn from without reading the file again."""
    names = list(types)
    numeric = [index for index, name in enumerate(names) if is_numeric(types[name])]
    carried = ["row_", "bucket_"] if candidates else []
    inner = [f"t AS row_, {row_bucket} AS bucket_"] if candidates else []
    inner += [f"{quote(name)} AS c{index}" for index, name in enumerate(names)]
    inner += [f"{_finite(names[index], types[names[index]])} AS v{index}" for index in numeric]
    shifted = carried + [f"c{index}" for index in range(len(names))]
    for index in numeric:
        shifted += [f"v{index}", f"v{index} - {head.shifts[names[index]]!r} AS d{index}"]
    powers = carried + [f"c{index}" for index in range(len(names))]
    for index in numeric:
        powers += [f"v{index}", f"d{index}", f"d{index} * d{index} AS p{index}"]
    expressions = ["count(*)"]
    for index in range(len(names)):
        expressions += [f"count(c{index})", f"approx_count_distinct(c{index})"]
    for index in numeric:
        d, p = f"d{index}", f"p{index}"
        expressions += [f"count(v{index})", f"min(v{index})", f"max(v{index})"]
        expressions += [f"sum({d})", f"sum({p})", f"sum({p} * {d})", f"sum({p} * {p})"]
    expressions += _class_expressions(head, names)
    statistics = [f"{expression} AS a{index}" for index, expression in enumerate(expressions)]
    collected = [f"{expression} AS candidates{index}" for index, expression in enumerate(candidates)]
    connection.execute(
        f"CREATE OR REPLACE TEMPORARY TABLE scanned AS SELECT {', '.join(statistics + collected)} "
        f"FROM (SELECT {', '.join(powers)} FROM (SELECT {', '.join(shifted)} FROM "
        f"(SELECT {', '.join(inner)} FROM {source} t)))"
    )
    row = connection.execute(
        f"SELECT {', '.join(f'a{index}' for index in range(len(expressions)))} FROM scanned"
    ).fetchone()
    assert row is not None
    values = iter(row)
    rows = int(next(values))
    columns = {name: ColumnScan(missing=rows - int(next(values)), distinct=int(next(values))) for name in names}
    for index in numeric:
        column = columns[names[index]]
        count, low, high = int(next(values)), next(values), next(values)
        sums = tuple(float(next(values) or 0.0) for _ in range(4))
        moments = from_power_sums(count, head.shifts[names[index]], sums, constant=low == high)  # type: ignore[arg-type]
        column.mean, column.std, column.skew, column.kurtosis = (
            moments.mean,
            moments.std,
            moments.skew,
            moments.kurtosis,
        )
        column.min, column.max = _float(low), _float(high)
    return FullScan(rows, columns, _class_counts_from(head, list(values)))


def count_classes(
    connection: duckdb.DuckDBPyConnection, source: str, target: str | None, types: dict[str, str]
) -> dict[str, int]:
    """Rows per target value, most frequent first, from a pass over the target alone; empty when it is no label."""
    if target is None or target not in types:
        return {}
    column = quote(target)
    limit = NUMERIC_CLASSES if is_numeric(types[target]) else MAX_CLASSES_FOR_STRATA
    result = connection.execute(
        f"SELECT {column}::VARCHAR, count(*) FROM {source} WHERE {column} IS NOT NULL "
        f"GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {limit + 1}"
    ).fetchall()
    if len(result) > limit:
        return {}  # a quantity or a many-valued column: no strata
    return {str(label): int(count) for label, count in result}


def _class_expressions(head: Head, names: list[str]) -> list[str]:
    """The head's labels counted in a bounded histogram, and how many rows hold any other label."""
    if head.target is None or head.labels is None:
        return []
    label = f"c{names.index(head.target)}::VARCHAR"
    if not head.labels:
        return [f"count({label})"]
    known = ", ".join(literal(value) for value in sorted(head.labels))
    return [
        f"histogram({label}) FILTER (WHERE {label} IN ({known}))",
        f"count({label}) FILTER (WHERE {label} NOT IN ({known}))",
    ]


def _class_counts_from(head: Head, values: list[Any]) -> dict[str, int] | None:
    if head.target is None or head.labels is None:
        return {}
    counted: dict[str, int] = {str(key): int(value) for key, value in (values[0] or {}).items()} if head.labels else {}
    others = int(values[-1] or 0)
    if others:
        return None
    return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def _finite(name: str, kind: str) -> str:
    """The value as a double, or NULL for NaN and infinities (whole numbers and decimals are always finite)."""
    column = f"{quote(name)}::DOUBLE"
    return f"CASE WHEN isfinite({column}) THEN {column} END" if kind.startswith(FLOAT_TYPES) else column


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
