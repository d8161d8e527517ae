"""One local Spark (two cores, quiet, no UI) for the whole test session, and a small Parquet file made from the
shipped churn slice with the awkward cells real files have: missing values, NaN, an infinity and a date column."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from advisor.data.engine import EngineChoice

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

CHURN = Path(__file__).resolve().parents[3] / "examples" / "churn" / "data.csv"
# Tiny data: compiling generated code for every query costs more than it saves, so the tests interpret.
TEST_CONF = (
    ("spark.sql.shuffle.partitions", "2"),
    ("spark.default.parallelism", "2"),
    ("spark.sql.codegen.wholeStage", "false"),
    ("spark.sql.codegen.factoryMode", "NO_CODEGEN"),
)
LOCAL = EngineChoice(name="spark", master="local[2]", conf=TEST_CONF)


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java on this machine")
    from advisor.data.spark.session import spark_session

    session = spark_session(LOCAL)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def churn_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import numpy as np
    import pandas as pd

    frame = pd.read_csv(CHURN)
    frame["signup"] = pd.date_range("2020-01-01", periods=len(frame), freq="6h")
    rng = np.random.default_rng(0)
    frame["score"] = rng.lognormal(size=len(frame))
    frame.loc[::37, "score"] = np.nan
    frame.loc[5, "score"] = np.inf
    frame.loc[::53, "contract"] = None
    path = tmp_path_factory.mktemp("spark") / "churn.parquet"
    # Microsecond timestamps: pandas 2 writes nanoseconds, which Spark 4 refuses to read.
    frame.to_parquet(path, index=False, coerce_timestamps="us", allow_truncated_timestamps=True)
    return path
