"""Reading: formats, encodings, delimiters, the out-of-core path, and every refused input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from advisor.data.columns import infer_columns
from advisor.data.load import load_table
from advisor.errors import DataError


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def refused(path: Path, **options: object) -> str:
    with pytest.raises(DataError) as caught:
        load_table(path, **options)  # type: ignore[arg-type]
    assert caught.value.exit_code == 2
    return caught.value.message


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    assert "no such file" in refused(tmp_path / "nope.csv")
    assert "is a folder" in refused(tmp_path)


def test_empty_file_and_header_without_rows_are_refused(tmp_path: Path) -> None:
    assert "empty" in refused(write(tmp_path / "empty.csv", ""))
    assert "header but no rows" in refused(write(tmp_path / "header.csv", "a,b,c\n"))


def test_binary_garbage_and_fake_parquet_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 40)
    assert "binary data" in refused(garbage)
    fake = write(tmp_path / "data.parquet", "a,b\n1,2\n")
    assert "not a Parquet file" in refused(fake)


def test_ragged_row_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "ragged.csv", "a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n")
    message = refused(path)
    assert "line 4" in message and "expected 3 fields" in message and "found 4" in message


def test_short_row_is_refused_too(tmp_path: Path) -> None:
    message = refused(write(tmp_path / "short.csv", "a;b;c\n1;2;3\n4;5\n"))
    assert "line 3" in message and "found 2" in message


def test_duplicate_column_names_are_refused(tmp_path: Path) -> None:
    message = refused(write(tmp_path / "dup.csv", "a,b,a\n1,2,3\n"))
    assert "duplicate column name 'a'" in message and "line 1" in message


def test_absent_target_suggests_the_closest_name(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "churned,tenure\n1,2\n0,3\n")
    message = refused(path, target="churn")
    assert "no column named 'churn'" in message and "did you mean 'churned'?" in message


def test_semicolon_latin1_file_is_detected(tmp_path: Path) -> None:
    rows = "".join(f"Zürich;{value};Müller\n" for value in range(30))
    path = write(tmp_path / "latin.csv", "city;amount;name\n" + rows, encoding="latin-1")
    table = load_table(path)
    assert list(table.frame.columns) == ["city", "amount", "name"]
    assert table.frame["city"].iloc[0] == "Zürich"
    assert table.source.delimiter == ";"
    assert any("semicolon" in warning for warning in table.warnings)
    assert any("not UTF-8" in warning for warning in table.warnings)


def test_tab_delimited_file_is_detected(tmp_path: Path) -> None:
    path = write(tmp_path / "tab.tsv", "x\ty\n1\t2\n3\t4\n")
    table = load_table(path)
    assert table.frame.shape == (2, 2) and table.source.delimiter == "\t"


def test_parquet_round_trip_and_duplicate_names(tmp_path: Path) -> None:
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": ["a", "b", "c"]})
    frame.to_parquet(tmp_path / "ok.parquet")
    table = load_table(tmp_path / "ok.parquet")
    assert table.source.format == "parquet" and table.frame.shape == (3, 2)


def test_mixed_types_and_infinities_are_coerced_and_counted(tmp_path: Path) -> None:
    values = [str(number) for number in range(40)] + ["n/a?", "oops"]
    infinite = ["inf"] * 3 + ["1.5"] * 39
    text = "mixed,inf\n" + "".join(f"{left},{right}\n" for left, right in zip(values, infinite, strict=True))
    table = load_table(write(tmp_path / "mixed.csv", text))
    read = table.frame.copy()
    columns = infer_columns(table.frame)
    pd.testing.assert_frame_equal(table.frame, read)  # the coerced columns are new: the file's frame is unchanged
    assert columns.kinds["mixed"] == "numeric" and columns.bad_values["mixed"] == 2
    assert columns.frame["mixed"].isna().sum() == 2
    assert columns.infinite_values["inf"] == 3 and columns.frame["inf"].isna().sum() == 3
    assert any("mixed types" in warning for warning in columns.warnings)


def test_infinities_in_an_all_float_file_become_missing_in_the_columns_only(tmp_path: Path) -> None:
    """One block of floats, whose values pandas can hand out without a copy: the file's frame keeps its infinities."""
    text = "a,b\n" + "".join(f"{index}.5,{'inf' if index % 10 == 0 else f'{index}.25'}\n" for index in range(50))
    table = load_table(write(tmp_path / "floats.csv", text))
    read = table.frame.copy()
    columns = infer_columns(table.frame)
    pd.testing.assert_frame_equal(table.frame, read)
    assert columns.infinite_values == {"b": 5} and columns.frame["b"].isna().sum() == 5


def test_large_file_is_scanned_exactly_and_sampled_by_class(tmp_path: Path) -> None:
    rows = 4000
    frame = pd.DataFrame(
        {
            "label": ["rare" if index % 40 == 0 else "common" for index in range(rows)],
            "value": [float(index) for index in range(rows)],
            "day": pd.date_range("2020-01-01", periods=rows, freq="h").strftime("%Y-%m-%d %H:%M:%S"),
        }
    )
    path = tmp_path / "big.csv"
    frame.to_csv(path, index=False)
    table = load_table(path, target="label", large_file_mb=0.0, sample_rows=400)
    assert table.source.sampled and table.source.rows == rows
    assert table.exact is not None and table.exact["value"].mean == pytest.approx(1999.5)
    assert table.class_counts == {"common": 3900, "rare": 100}
    counts = table.frame["label"].value_counts()
    assert counts["rare"] >= 50  # the rare class keeps at least 50 rows
    assert 300 <= len(table.frame) <= 500
    assert table.frame["day"].is_monotonic_increasing  # sorted by the time column
    again = load_table(path, target="label", large_file_mb=0.0, sample_rows=400)
    pd.testing.assert_frame_equal(table.frame, again.frame)


def test_parquet_with_duplicate_column_names_is_refused(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_arrays([pa.array([1, 2]), pa.array([3, 4])], names=["a", "a"])
    pq.write_table(table, tmp_path / "dup.parquet")
    assert "duplicate column name 'a'" in refused(tmp_path / "dup.parquet")


def test_large_parquet_is_scanned_with_duckdb(tmp_path: Path) -> None:
    frame = pd.DataFrame({"x": [float(index) for index in range(1000)], "y": ["a", "b"] * 500})
    frame.to_parquet(tmp_path / "big.parquet")
    table = load_table(tmp_path / "big.parquet", target="y", large_file_mb=0.0, sample_rows=200)
    assert table.source.format == "parquet" and table.source.sampled and table.source.rows == 1000
    assert table.class_counts == {"a": 500, "b": 500}
    assert table.exact is not None and table.exact["x"].max == 999.0


def test_ragged_row_in_a_scanned_file_names_its_line(tmp_path: Path) -> None:
    rows = "".join(f"{index},2,3\n" for index in range(3000))
    path = write(tmp_path / "big_ragged.csv", "a,b,c\n" + rows + "7,8,9,10\n")
    message = refused(path, large_file_mb=0.0)
    assert "line 3002" in message and "found 4" in message


def test_gzip_is_judged_by_its_size_in_memory(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "data.csv.gz"
    with gzip.open(path, "wt") as stream:
        stream.write("x,y\n" + "".join(f"{index},{index % 2}\n" for index in range(5000)))
    size_mb = path.stat().st_size / 1e6
    assert not load_table(path, large_file_mb=size_mb * 6).source.sampled
    assert load_table(path, large_file_mb=size_mb * 4, sample_rows=100).source.sampled


# Text exported from other tools (tweets, reviews, support notes) often holds a bare carriage return inside an
# unquoted value of a file whose lines end with LF: the value goes on, the row does not end there.
PASTED_TEXT = {
    "tweets": (
        "source,id,text,retweets\n",
        "Web Client,{index},Watch my interview\rMy words… (cont) http://t.co/x,{index}\n",
    ),
    "reviews": ("stars;review;helpful\n", "{index};Great phone.\r\rBattery lasts two days;{index}\n"),
    "notes": ("ticket\tnote\tminutes\n", "{index}\tcalled back\r  no answer\t{index}\n"),
}


@pytest.mark.parametrize("kind", sorted(PASTED_TEXT))
def test_a_carriage_return_inside_text_of_an_lf_file_is_part_of_the_value(tmp_path: Path, kind: str) -> None:
    header, row = PASTED_TEXT[kind]
    plain = row.replace("\r", " ")
    rows = [row if index % 7 == 3 else plain for index in range(60)]
    table = load_table(
        write(tmp_path / f"{kind}.csv", header + "".join(row.format(index=index) for index, row in enumerate(rows)))
    )
    assert table.frame.shape == (60, 3 if kind != "tweets" else 4)
    text = table.frame.iloc[:, 2 if kind == "tweets" else 1]
    assert int(text.str.contains("\r", regex=False).sum()) == 9  # rows 3, 10, ..., 59 kept their carriage returns
    assert any("9 value(s) hold a carriage return" in warning for warning in table.warnings)


def test_a_crlf_file_reads_without_carriage_returns_left_in_its_values(tmp_path: Path) -> None:
    text = "name,amount\r\n" + "".join(f"item {index},{index}.5\r\n" for index in range(30))
    table = load_table(write(tmp_path / "windows.csv", text))
    assert table.frame.shape == (30, 2) and not table.frame["name"].str.contains("\r", regex=False).any()
    assert not any("carriage return" in warning for warning in table.warnings)


def test_a_ragged_row_after_carriage_returns_in_text_is_refused_at_its_own_line(tmp_path: Path) -> None:
    lines = ["source,id,text\n"] + [f"web,{index},hello\rthere\n" for index in range(20)] + ["web,20\n"]
    message = refused(write(tmp_path / "broken.csv", "".join(lines)))
    assert "line 22" in message and "expected 3 fields as in the header, found 2" in message


def test_a_large_file_with_carriage_returns_in_text_is_refused_at_the_line(tmp_path: Path) -> None:
    """Over the size threshold the file is scanned by DuckDB, which cannot read such text: the refusal names the
    line and the fix, not DuckDB's sniffing error."""
    lines = ["source,id,text\n"] + [f"web,{index},hello there\n" for index in range(40)]
    lines[31] = "web,30,hello\rthere\n"
    message = refused(write(tmp_path / "large.csv", "".join(lines)), large_file_mb=0.0001)
    assert "line 32" in message and "carriage return inside unquoted text" in message and "tr -d" in message
