"""The sample Spark brings to this machine keeps the class shares, spans the period in time order, and is the same
for the same seed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.data.spark.conftest import LOCAL

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def test_stratified_time_sample_keeps_class_shares(spark: SparkSession, churn_parquet: Path) -> None:
    import pandas as pd

    from advisor.data.spark.load import load_with_spark
    from advisor.data.spark.sample import draw_sample

    whole = pd.read_parquet(churn_parquet)
    table = load_with_spark(churn_parquet, LOCAL, target="churn", seed=3, sample_rows=600)
    sample = table.frame
    assert table.source.sampled and table.source.rows == 2000
    assert 450 <= len(sample) <= 750, len(sample)  # a hash sample: its size varies around the goal
    full_shares = whole["churn"].value_counts(normalize=True)
    shares = sample["churn"].value_counts(normalize=True)
    assert (shares - full_shares).abs().max() < 0.05, shares
    assert sample["signup"].is_monotonic_increasing
    period = whole["signup"]
    assert sample["signup"].min() < period.quantile(0.1) and sample["signup"].max() > period.quantile(0.9)
    assert list(sample.columns) == list(whole.columns)
    assert "stratified on 'churn'" in table.source.how and "sorted by 'signup'" in table.source.how
    # The same seed draws the same rows; another seed other rows (the draw alone, without the statistics pass).
    frame = spark.read.parquet(str(churn_parquet))
    options = {"rows": 2000, "target": "churn", "class_counts": table.class_counts, "time_column": "signup"}
    again, _ = draw_sample(frame, **options, sample_rows=600, seed=3)  # type: ignore[arg-type]
    assert again.equals(sample)
    other, _ = draw_sample(frame, **options, sample_rows=600, seed=4)  # type: ignore[arg-type]
    assert not other.equals(sample)


def test_rare_class_keeps_a_floor_and_numeric_target_is_uniform(spark: SparkSession, tmp_path: Path) -> None:
    import numpy as np
    import pandas as pd

    from advisor.data.scan import MIN_ROWS_PER_CLASS
    from advisor.data.spark.load import load_with_spark

    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"x": rng.normal(size=5000), "y": rng.normal(size=5000)})
    frame["label"] = np.where(np.arange(5000) < 100, "rare", "common")  # 2 % rare
    path = tmp_path / "rare.parquet"
    # Microsecond timestamps: pandas 2 writes nanoseconds, which Spark 4 refuses to read.
    frame.to_parquet(path, index=False, coerce_timestamps="us", allow_truncated_timestamps=True)
    table = load_with_spark(path, LOCAL, target="label", seed=0, sample_rows=500)
    counts = table.frame["label"].value_counts()
    assert counts["rare"] >= MIN_ROWS_PER_CLASS * 0.7  # the floor, up to the hash sample's spread
    assert table.class_counts == {"common": 4900, "rare": 100}
    regression = load_with_spark(path, LOCAL, target="y", seed=0, sample_rows=500)
    assert regression.class_counts == {} and "uniform" in regression.source.how


def test_rows_at_the_same_time_come_in_an_order_the_file_order_does_not_change(
    spark: SparkSession, tmp_path: Path
) -> None:
    """Thousands of rows share each time, so some share a hash bucket too: the whole hash orders them, never the
    partitions' (the file's) order."""
    import pandas as pd

    from advisor.data.spark.sample import draw_sample

    rows = 40_000
    frame = pd.DataFrame(
        {
            "when": pd.to_datetime([f"2022-01-0{1 + index % 2}" for index in range(rows)]).astype("datetime64[us]"),
            "key": range(rows),
        }
    )
    samples = []
    for name, order in (("forward", frame), ("backward", frame.iloc[::-1])):
        path = tmp_path / f"{name}.parquet"
        order.to_parquet(path, index=False)
        options = {"rows": rows, "target": None, "class_counts": {}, "time_column": "when"}
        sample, _ = draw_sample(spark.read.parquet(str(path)), **options, sample_rows=rows, seed=0)  # type: ignore[arg-type]
        samples.append(sample)
    assert len(samples[0]) > rows // 2
    pd.testing.assert_frame_equal(samples[0], samples[1])
