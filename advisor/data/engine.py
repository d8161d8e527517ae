"""Which engine scans a dataset: DuckDB on this machine (the default) or Apache Spark where the data lives.

This is the one place the choice is made. DuckDB reads local files (small ones whole, large ones out of core);
Spark reads what a cluster can reach (a lake path such as `s3a://`, `hdfs://`, `abfss://`, or a metastore table)
and brings only the sample to this machine. Both fill the same `Table`, so the profile, the facts, the sample-size
rules and the report do not depend on the engine.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import UsageError

ENGINES = ("duckdb", "spark", "auto")
DEFAULT_MASTER = "local[*]"
# Schemes only a cluster file system reads; `file:` stays with DuckDB under `auto`.
REMOTE_SCHEMES = ("s3a", "s3n", "s3", "gs", "hdfs", "abfss", "abfs", "wasbs", "wasb", "dbfs", "viewfs", "oss")
_SCHEME = re.compile(r"^(" + "|".join(REMOTE_SCHEMES) + r"):/+(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class EngineChoice:
    """What the person asked for: the engine, and for Spark the master, extra settings and an optional table."""

    name: str = "duckdb"
    master: str | None = None
    conf: tuple[tuple[str, str], ...] = ()
    table: str | None = None

    def uses_spark(self, path: Path | None = None) -> bool:
        if self.name == "spark":
            return True
        if self.name == "auto":
            return self.table is not None or (path is not None and is_remote(path))
        return False

    @property
    def spark_master(self) -> str:
        return self.master or DEFAULT_MASTER


def engine_choice(
    name: str = "duckdb", *, master: str | None = None, conf: tuple[str, ...] = (), table: str | None = None
) -> EngineChoice:
    """Check the engine options together: `--conf key=value` pairs, and Spark settings only with a Spark engine."""
    if name not in ENGINES:
        raise UsageError(f"unknown engine '{name}'", place="--engine", hint="use duckdb, spark or auto")
    pairs = []
    for item in conf:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise UsageError(f"'{item}' is not key=value", place="--conf", hint="e.g. --conf spark.executor.memory=4g")
        pairs.append((key.strip(), value.strip()))
    if name == "duckdb":
        given = [flag for flag, value in (("--spark-master", master), ("--conf", pairs), ("--table", table)) if value]
        if given:
            raise UsageError(
                f"{', '.join(given)} needs the Spark engine", place="--engine", hint="add --engine spark (or auto)"
            )
    return EngineChoice(name=name, master=master, conf=tuple(pairs), table=table)


def is_remote(path: Path | str) -> bool:
    return _SCHEME.match(str(path)) is not None


def location(path: Path | str) -> str:
    """The path as Spark needs it: `Path` folds `s3a://bucket/key` to `s3a:/bucket/key`, so put the slashes back."""
    match = _SCHEME.match(str(path))
    if match is None:
        return str(path)
    return f"{match.group(1).lower()}://{match.group(2)}"


def spark_remote() -> str | None:
    """The Spark Connect endpoint from the standard `SPARK_REMOTE` variable, if any."""
    return os.environ.get("SPARK_REMOTE") or None
