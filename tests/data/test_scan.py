"""The out-of-core scan gives, on small files of several shapes, the statistics and the sample recorded from the
three-pass scan it replaced (tests/fixtures/scan/, written by benchmarks/make_scan_fixture.py), and statistics that
agree with pandas on the whole file."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from advisor.data.scan import scan
from advisor.data.sniff import sniff
from tests.data.scan_cases import CASES, FIXTURE, SEED, ScanCase, record

EXPECTED: dict[str, Any] = json.loads(FIXTURE.read_text())
MOMENTS = ("mean", "std", "min", "max", "skew", "kurtosis")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scan_cases")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_scan_gives_the_recorded_statistics_and_sample(case: ScanCase, folder: Path) -> None:
    expected = EXPECTED[case.name]
    got = record(case.path(folder), case.target, case.sample_rows)
    assert got["sample"] == expected["sample"]  # the same rows, in the same order, with the same types
    for key in ("rows", "class_counts", "time_column", "how"):
        assert got[key] == expected[key], key
    # One read of the file when a time column orders the sample; else a second one draws it in file order.
    assert got["reads"] == (1 if expected["time_column"] else 2)
    assert list(got["columns"]) == list(expected["columns"])
    for name, column in expected["columns"].items():
        ours = got["columns"][name]
        assert (ours["missing"], ours["distinct"]) == (column["missing"], column["distinct"]), name
        for statistic in MOMENTS:
            if column[statistic] is None:
                assert ours[statistic] is None, (name, statistic)
            else:
                assert ours[statistic] == pytest.approx(column[statistic], rel=1e-9, abs=1e-12), (name, statistic)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_scan_statistics_agree_with_pandas(case: ScanCase, folder: Path) -> None:
    path = case.path(folder)
    whole = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    result = scan(sniff(path), target=case.target, sample_rows=case.sample_rows, seed=SEED)
    assert result.rows == len(whole)
    numeric = [name for name, column in result.columns.items() if column.mean is not None]
    assert numeric == [name for name in whole.columns if _numeric(whole[name])]
    for name, column in result.columns.items():
        assert column.missing == whole[name].isna().sum(), name
        if name not in numeric:
            continue
        values = whole[name].astype("float64")
        finite = values[values.map(math.isfinite)]
        expected = [finite.mean(), finite.std(), finite.min(), finite.max(), finite.skew(), finite.kurt()]
        for statistic, value in zip(MOMENTS, expected, strict=True):
            if statistic in {"skew", "kurtosis"} and finite.nunique() == 1:
                assert asdict(column)[statistic] is None, (name, statistic)  # undefined, where pandas says 0
            else:
                assert asdict(column)[statistic] == pytest.approx(value, rel=1e-9, abs=1e-9), (name, statistic)
    if case.target is not None and not result.class_counts:
        assert whole[case.target].nunique() > 20  # a numeric target with many values is not stratified


def _numeric(series: pd.Series) -> bool:
    return bool(pd.api.types.is_numeric_dtype(series.dtype)) and not pd.api.types.is_bool_dtype(series.dtype)


def test_a_class_the_head_does_not_show_is_still_counted_and_sampled(tmp_path: Path) -> None:
    # 30,000 rows in time order; the "late" class starts after the rows the head reads, and "early" stops there.
    rows, late_from = 30_000, 24_000
    frame = pd.DataFrame(
        {
            "when": pd.date_range("2022-01-01", periods=rows, freq="min").strftime("%Y-%m-%d %H:%M:%S"),
            "value": [(index * 7919) % 1000 / 10 for index in range(rows)],
            "label": ["late" if index >= late_from and index % 3 == 0 else "common" for index in range(rows)],
        }
    )
    path = tmp_path / "drift.csv"
    frame.to_csv(path, index=False)
    result = scan(sniff(path), target="label", sample_rows=3_000, seed=SEED)
    truth = frame["label"].value_counts()
    assert result.class_counts == {"common": truth["common"], "late": truth["late"]}
    assert result.reads == 3  # statistics, then the class counts, then the sample
    sampled = result.frame["label"].value_counts()
    assert sampled["late"] >= 50 and abs(sampled["common"] - 3_000 * truth["common"] / rows) < 200
    assert result.frame["when"].is_monotonic_increasing


def test_row_estimate_follows_the_densest_part_of_the_file(tmp_path: Path) -> None:
    from advisor.data.scan import estimated_rows

    # Long rows first, short ones after: the first megabyte alone would guess five times too few rows, and keep
    # five times too many aside.
    long_rows = [f"{index},{'x' * 400}\n" for index in range(3_000)]
    short_rows = [f"{index},y\n" for index in range(300_000)]
    path = tmp_path / "shrinking.csv"
    path.write_text("id,text\n" + "".join(long_rows + short_rows))
    estimate = estimated_rows(sniff(path))
    assert estimate is not None and 0.9 * 303_001 <= estimate <= 1.5 * 303_001


def test_rows_at_the_same_time_are_sampled_in_an_order_the_file_order_does_not_change(tmp_path: Path) -> None:
    """Thousands of rows share each time, so some share a hash bucket too: the sample's order must come from the
    rows alone (DuckDB's parallel sort leaves ties in any order), the same whatever order the file lists them in."""
    rows = 40_000
    frame = pd.DataFrame(
        {
            "when": [f"2022-01-0{1 + index % 2} 00:00:00" for index in range(rows)],
            "key": range(rows),
            "value": [(index * 7919) % 1000 / 10 for index in range(rows)],
        }
    )
    samples = []
    for name, order in (("forward", frame), ("backward", frame.iloc[::-1])):
        path = tmp_path / f"{name}.csv"
        order.to_csv(path, index=False)
        samples.append(scan(sniff(path), target=None, sample_rows=rows, seed=SEED).frame)
    assert len(samples[0]) > rows // 2
    pd.testing.assert_frame_equal(samples[0], samples[1])
