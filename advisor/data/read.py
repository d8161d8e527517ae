"""Read a whole CSV or Parquet file into memory (files under the size threshold)."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn

from advisor.data.sniff import FileShape
from advisor.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

C_ENGINE_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_frame(shape: FileShape) -> tuple[pd.DataFrame, list[str]]:
    """The whole file as a DataFrame, and warnings about how it was read; a ragged CSV is refused naming its first
    bad line."""
    import pandas as pd

    if shape.format == "parquet":
        return read_parquet(shape), []
    options: dict[str, object] = {"sep": shape.delimiter, "encoding": shape.encoding}
    try:
        # pyarrow parses ~4x faster than the C engine but is stricter (stray carriage returns in unquoted text).
        return pd.read_csv(shape.path, engine="pyarrow", **options), []  # type: ignore[call-overload]
    except Exception as error:  # pyarrow raises several unrelated types for bad CSV
        # A row with more or fewer fields than the header is refused with its line number: the C engine would pad
        # short rows with missing values and so invent rows from a broken file.
        raise_if_ragged(shape, error)
    if _bare_cr_is_text(shape):
        # Lines end with LF: a carriage return inside unquoted text (pasted or exported text, tweets) is part of the
        # value, where pyarrow and Python's csv module would end the row there and so break it in two.
        options["lineterminator"] = "\n"
    try:
        frame: pd.DataFrame = pd.read_csv(shape.path, engine="c", low_memory=False, **options)  # type: ignore[call-overload]
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as error:
        _raise_located(shape, error)
    return frame, _carriage_return_warnings(shape, frame)


def _bare_cr_is_text(shape: FileShape) -> bool:
    return shape.line_end == "\n"


def _carriage_return_warnings(shape: FileShape, frame: pd.DataFrame) -> list[str]:
    if not _bare_cr_is_text(shape):
        return []
    import pandas as pd

    text = [name for name in frame.columns if pd.api.types.is_string_dtype(frame[name].dtype)]
    found = int(sum(frame[name].astype(str).str.contains("\r", regex=False).sum() for name in text))
    if not found:
        return []
    return [
        f"{shape.path.name}: {found} value(s) hold a carriage return inside unquoted text, kept as part of the "
        "value (the lines end with LF)"
    ]


def read_parquet(shape: FileShape) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(shape.path)
    except Exception as error:  # a corrupt file raises ArrowInvalid, OSError or others
        raise DataError(f"not a readable Parquet file ({error})", file=shape.path) from None
    check_unique(shape, list(table.column_names))
    frame: pd.DataFrame = table.to_pandas()
    return frame


def check_unique(shape: FileShape, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DataError(f"duplicate column name '{name}'", file=shape.path, hint="rename one of them")
        seen.add(name)


def _raise_located(shape: FileShape, error: Exception) -> NoReturn:
    match = C_ENGINE_RAGGED.search(str(error))
    if match:
        expected, line, found = match.groups()
        raise _ragged(shape, int(expected), int(found), int(line))
    raise_if_ragged(shape, error)
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    raise DataError(f"malformed CSV ({first})", file=shape.path) from None


def raise_if_ragged(shape: FileShape, error: Exception) -> None:
    """Raise for the first record whose field count differs from the header's; return if there is none."""
    expected = len(shape.header)
    try:
        for line, fields in _records(shape):
            if len(fields) != expected and any(value.strip() for value in fields):
                raise _ragged(shape, expected, len(fields), line)
    except csv.Error as problem:
        raise DataError(f"malformed CSV ({problem})", file=shape.path) from None


def bare_carriage_return_line(shape: FileShape) -> int | None:
    """The first line (1-based) of an LF file that holds a carriage return inside it, if any."""
    if not _bare_cr_is_text(shape):
        return None
    with gzip.open(shape.path, "rb") if shape.compressed else shape.path.open("rb") as raw:
        for number, line in enumerate(raw, start=1):  # binary lines end at LF only
            if b"\r" in line.rstrip(b"\r\n"):
                return number
    return None


def _ragged(shape: FileShape, expected: int, found: int, line: int) -> DataError:
    return DataError(
        f"expected {expected} fields as in the header, found {found}",
        file=shape.path,
        place=f"line {line}",
        hint="a ragged row: check quoting and delimiters on that line",
    )


def _records(shape: FileShape) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (1-based), read with the detected delimiter and encoding."""
    with (
        gzip.open(shape.path, "rb") if shape.compressed else shape.path.open("rb") as raw,
        io.TextIOWrapper(raw, encoding=shape.encoding, errors="replace", newline="") as text,
    ):
        lines: Iterator[str] = text
        if _bare_cr_is_text(shape):  # as read_frame reads it: only LF ends a line (the csv module would end it at CR)
            text.reconfigure(newline="\n")
            lines = (line.replace("\r", " ") for line in text)
        reader = csv.reader(lines, delimiter=shape.delimiter)
        start = 1
        for fields in reader:
            yield start, fields
            start = reader.line_num + 1
