"""A file, a folder of part files, a lake path or a metastore table as a Spark DataFrame, with the DuckDB path's
refusals: a missing path, an unreadable file and a duplicate column name are exit 2 with the file named."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from advisor.data.engine import EngineChoice, is_remote, location
from advisor.data.sniff import FileShape
from advisor.errors import DataError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".txt", ".csv.bz2")


@dataclass
class SparkSource:
    """What Spark reads and how the report names it."""

    frame: DataFrame
    label: str
    format: str
    size_mb: float
    encoding: str | None = None
    delimiter: str | None = None
    shape: FileShape | None = None  # a local file's sniffed shape, to name a ragged CSV line as DuckDB's path does


def read_source(spark: SparkSession, path: Path, choice: EngineChoice) -> SparkSource:
    if choice.table is not None:
        return SparkSource(_guard(choice.table, lambda: spark.table(choice.table or "")), choice.table, "table", 0.0)
    where = location(path)
    if not is_remote(path) and not path.is_dir():
        # A local file: the same checks, messages and CSV dialect as the DuckDB path.
        from advisor.data.sniff import sniff

        shape = sniff(path)
        where = str(path.resolve())
        if shape.format == "parquet":
            frame = _guard(str(path), lambda: spark.read.parquet(where))
            return SparkSource(frame, str(path), "parquet", shape.size_mb)
        frame = _guard(str(path), lambda: _csv(spark, where, shape.delimiter, _java_charset(shape.encoding)))
        return SparkSource(frame, str(path), "csv", shape.size_mb, shape.encoding, shape.delimiter, shape)
    if not is_remote(path):
        where = str(path.resolve())
    size = _folder_mb(path) if path.is_dir() else 0.0
    if _looks_like_csv(path):
        return SparkSource(_guard(where, lambda: _csv(spark, where, ",", "utf-8")), where, "csv", size, "utf-8", ",")
    return SparkSource(_guard(where, lambda: spark.read.parquet(where)), where, "parquet", size)


def _csv(spark: SparkSession, where: str, delimiter: str, encoding: str) -> DataFrame:
    # inferSchema costs one extra pass over CSV; Parquet carries its schema.
    reader = spark.read.option("header", "true").option("inferSchema", "true").option("mode", "FAILFAST")
    return reader.option("sep", delimiter).option("encoding", encoding).csv(where)


def _java_charset(encoding: str) -> str:
    """Python's codec name as Java knows it (Spark's CSV reader skips a UTF-8 byte-order mark itself)."""
    name = encoding.lower().replace("_", "-")
    return {"utf-8-sig": "UTF-8", "latin-1": "ISO-8859-1", "cp1252": "windows-1252"}.get(name, encoding)


def _looks_like_csv(path: Path) -> bool:
    name = str(path).lower()
    if name.endswith(CSV_SUFFIXES):
        return True
    if path.is_dir():
        files = [item.name.lower() for item in path.iterdir() if item.is_file()]
        return not any(".parquet" in item for item in files) and any(item.endswith(CSV_SUFFIXES) for item in files)
    return False


def _folder_mb(path: Path) -> float:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file()) / 1e6


def _guard(label: str, read: Callable[[], DataFrame]) -> DataFrame:
    try:
        frame = read()
    except Exception as error:  # Spark raises AnalysisException, Py4JJavaError and others for an unreadable source
        explain(label, error)
    check_unique(label, frame.columns)
    return frame


def check_unique(label: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DataError(f"duplicate column name '{name}'", file=label, hint="rename one of them")
        seen.add(name)


def explain(label: str, error: Exception) -> NoReturn:
    """Spark's error in one line: its error class where it has one, else the first line of its message."""
    condition = _condition(error)
    if condition == "PATH_NOT_FOUND":
        raise DataError("no such file or folder", file=label) from None
    if condition in {"TABLE_OR_VIEW_NOT_FOUND", "SCHEMA_NOT_FOUND"}:
        raise DataError("no such table", file=label, hint="name it as catalog.schema.table or schema.table") from None
    if condition == "UNABLE_TO_INFER_SCHEMA":
        raise DataError(
            "no data files found", file=label, hint="give a Parquet or CSV file, or a folder of them"
        ) from None
    text = str(error).strip()
    if condition == "PARQUET_TYPE_ILLEGAL" and "NANOS" in text:
        raise DataError(
            "Spark cannot read the nanosecond timestamps in this Parquet file",
            file=label,
            hint="write it with microsecond timestamps (pandas: to_parquet(..., coerce_timestamps='us')), "
            "or scan it with --engine duckdb",
        ) from None
    first = text.splitlines()[0] if text else type(error).__name__
    raise DataError(f"cannot scan with Spark ({first[:300]})", file=label) from None


def _condition(error: Exception) -> str | None:
    for getter in ("getCondition", "getErrorClass"):
        method = getattr(error, getter, None)
        if callable(method):
            try:
                value = method()
            except Exception:  # an exception raised from the JVM without an error class
                value = None
            if value:
                return str(value)
    return None
