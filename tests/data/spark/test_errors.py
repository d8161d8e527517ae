"""With Spark as with DuckDB, a bad path, a missing column or a missing engine is exit 2 with a short message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from advisor.cli import main

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SPARK = ["--engine", "spark", "--spark-master", "local[2]"]
BLOCK_PYSPARK = "import sys; sys.modules['pyspark'] = None; from advisor.cli import main; sys.exit(main(sys.argv[1:]))"


def test_missing_file_and_folder(spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", str(tmp_path / "none.parquet"), *SPARK]) == 2
    assert "none.parquet: no such file" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["profile", str(empty), *SPARK]) == 2
    error = capsys.readouterr().err
    assert str(empty) in error and "Traceback" not in error


def test_missing_target_names_the_closest(
    spark: SparkSession, churn_parquet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", str(churn_parquet), "--target", "Churn", *SPARK]) == 2
    error = capsys.readouterr().err
    assert "no column named 'Churn'" in error and "did you mean 'churn'?" in error and str(churn_parquet) in error


def test_missing_table(spark: SparkSession, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profile", "--table", "nowhere.flights", *SPARK]) == 2
    assert "nowhere.flights: no such table" in capsys.readouterr().err


def test_profile_json_through_spark(
    spark: SparkSession, churn_parquet: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["profile", str(churn_parquet), "--target", "churn", "--json", *SPARK]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["facts"]["rows"] == 2000 and "full scan with Spark" in document["source"]["how"]


def run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_PYSPARK if env is None else "from advisor.cli import run; run()", *arguments],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_missing_pyspark_names_the_extra_and_java(churn_parquet: Path) -> None:
    result = run("profile", str(churn_parquet), "--engine", "spark")
    assert result.returncode == 2, result.stderr
    assert "pip install 'ml-design-advisor[spark]'" in result.stderr and "Java 17" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_java_is_explained(churn_parquet: Path) -> None:
    pytest.importorskip("pyspark")
    env = {key: value for key, value in os.environ.items() if key not in {"JAVA_HOME", "SPARK_REMOTE"}}
    env["PATH"] = str(Path(sys.executable).parent)  # python, but no java
    result = run("profile", str(churn_parquet), "--engine", "spark", env=env)
    assert result.returncode == 2, result.stderr
    assert "no Java found" in result.stderr and "Java 17" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--engine", "spark", "--conf", "spark.executor.memory"], "is not key=value"),
        (["--spark-master", "local[2]"], "--spark-master needs the Spark engine"),
        (["--table", "db.t", "--engine", "spark"], "not both"),
    ],
)
def test_engine_options_that_do_not_fit(
    churn_parquet: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], expected: str
) -> None:
    assert main(["profile", str(churn_parquet), *arguments]) == 2
    assert expected in capsys.readouterr().err


def test_report_takes_the_engine_options(churn_parquet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = Path(__file__).resolve().parents[3] / "examples" / "churn" / "answers.yaml"
    arguments = ["report", "--answers", str(answers), "--data", str(churn_parquet), "--conf", "a=b"]
    assert main(arguments) == 2
    assert "--conf needs the Spark engine" in capsys.readouterr().err


def test_csv_through_spark_and_a_ragged_line(
    spark: SparkSession, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from advisor.data.spark.load import load_with_spark
    from tests.data.spark.conftest import LOCAL

    lending = Path(__file__).resolve().parents[3] / "examples" / "lending" / "data.csv"
    table = load_with_spark(lending, LOCAL, target="Status", seed=0, sample_rows=100_000)
    assert table.source.rows == 3000 and table.source.format == "csv" and table.source.delimiter == ","
    assert sum(table.class_counts.values()) == 3000 and not table.source.sampled
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("a,b\n1,2\n3,4,5\n")
    assert main(["profile", str(ragged), *SPARK]) == 2
    assert "line 3" in capsys.readouterr().err
