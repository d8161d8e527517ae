"""Choosing the engine: DuckDB by default, Spark when asked, and under `auto` for lake paths and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.data.engine import EngineChoice, engine_choice, is_remote, location
from advisor.errors import UsageError


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("s3a://bucket/flights/", "s3a://bucket/flights"),
        ("hdfs://namenode:8020/data/x.parquet", "hdfs://namenode:8020/data/x.parquet"),
        ("abfss://c@account.dfs.core.windows.net/t", "abfss://c@account.dfs.core.windows.net/t"),
        ("/tmp/local.parquet", "/tmp/local.parquet"),
    ],
)
def test_location_survives_pathlib(given: str, expected: str) -> None:
    # click hands over a Path, which folds the double slash of a URI: the location puts it back.
    assert location(Path(given)) == expected
    assert is_remote(Path(given)) == (not given.startswith("/"))


def test_auto_picks_spark_for_lake_paths_and_tables_only() -> None:
    auto = EngineChoice(name="auto")
    assert auto.uses_spark(Path("s3a://bucket/key")) and not auto.uses_spark(Path("data.parquet"))
    assert EngineChoice(name="auto", table="db.t").uses_spark(None)
    assert not EngineChoice().uses_spark(Path("s3a://bucket/key"))
    assert EngineChoice(name="spark").spark_master == "local[*]"


def test_engine_choice_checks_its_options() -> None:
    choice = engine_choice("spark", conf=("spark.executor.memory = 4g", "a=b=c"))
    assert choice.conf == (("spark.executor.memory", "4g"), ("a", "b=c"))
    with pytest.raises(UsageError, match="--table needs the Spark engine"):
        engine_choice("duckdb", table="db.t")
    with pytest.raises(UsageError, match="unknown engine"):
        engine_choice("polars")
