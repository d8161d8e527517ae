"""Look at the first bytes of a file: is it Parquet or CSV, which encoding, which delimiter, is the header sound.

Everything here refuses bad input with a `DataError` that names the file and the problem, before pandas or DuckDB
get a chance to fail with a message the person cannot act on.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.errors import DataError

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

HEAD_BYTES = 256 * 1024
PARQUET_MAGIC = b"PAR1"
GZIP_MAGIC = b"\x1f\x8b"
DELIMITERS = ",;\t|"
WESTERN = ("cp1252", "latin_1")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class FileShape:
    """What the first bytes say about a file."""

    path: Path
    format: str  # "csv" or "parquet"
    size_bytes: int
    compressed: bool = False
    encoding: str = "utf-8"
    delimiter: str = ","
    header: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    line_end: str = "\n"  # "\n", "\r\n" or "\r": what ends most lines of the head

    @property
    def size_mb(self) -> float:
        return self.size_bytes / 1_000_000


def sniff(path: Path) -> FileShape:
    """Check the file exists and is readable data; detect its format, encoding, delimiter and header."""
    if not path.exists():
        raise DataError("no such file", file=path)
    if path.is_dir():
        raise DataError("is a folder, not a data file", file=path, hint="give a CSV or Parquet file")
    size = path.stat().st_size
    if size == 0:
        raise DataError("the file is empty", file=path)
    with path.open("rb") as stream:
        magic = stream.read(4)
    if magic == PARQUET_MAGIC:
        return FileShape(path=path, format="parquet", size_bytes=size)
    if path.suffix.lower() in {".parquet", ".pq"}:
        raise DataError("not a Parquet file (no PAR1 magic bytes)", file=path)
    compressed = magic[:2] == GZIP_MAGIC
    head = _read_head(path, compressed)
    if not head.strip():
        raise DataError("the file is empty", file=path)
    encoding, text, warnings = _decode(path, head)
    delimiter = _delimiter(text)
    if delimiter != ",":
        warnings.append(f"{path.name}: {DELIMITER_NAMES[delimiter]}-delimited file (delimiter detected)")
    header = _header(path, text, delimiter)
    return FileShape(
        path=path,
        format="csv",
        size_bytes=size,
        compressed=compressed,
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        warnings=warnings,
        line_end=_line_end(head),
    )


def _line_end(head: bytes) -> str:
    """What ends the lines: CRLF when most line feeds follow a carriage return, LF when they do not, CR (old Macs)
    when there is no line feed at all. A stray CR inside text does not make an LF file a CRLF one."""
    feeds = head.count(b"\n")
    if feeds == 0:
        return "\r" if b"\r" in head else "\n"
    return "\r\n" if head.count(b"\r\n") * 2 > feeds else "\n"


def _read_head(path: Path, compressed: bool) -> bytes:
    if not compressed:
        with path.open("rb") as stream:
            return stream.read(HEAD_BYTES)
    try:
        with gzip.open(path, "rb") as stream:
            return stream.read(HEAD_BYTES)
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(f"not a readable gzip file ({error})", file=path) from None


def _decode(path: Path, head: bytes) -> tuple[str, str, list[str]]:
    """Decode the head: UTF-8 when it is, else the encoding charset-normalizer finds; binary data is refused."""
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("binary data, not a CSV or Parquet file", file=path)
    # A multi-byte character may be cut at the end of the head: drop up to 3 trailing bytes before judging.
    for cut in range(4):
        try:
            text = head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return ("utf-8-sig" if text.startswith("\ufeff") else "utf-8"), text.lstrip("\ufeff"), []
    from charset_normalizer import from_bytes

    matches = list(from_bytes(head))
    best = _western_if_tied(matches)
    if best is None or best.encoding is None:
        raise DataError("binary data, not a CSV or Parquet file", file=path)
    text = str(best)
    printable = sum(character.isprintable() or character in "\r\n\t" for character in text[:10_000])
    if printable < 0.95 * min(len(text), 10_000):
        raise DataError("binary data, not a CSV or Parquet file", file=path)
    encoding = best.encoding
    return encoding, text, [f"{path.name}: not UTF-8, read as {encoding}"]


def _western_if_tied(matches: list[CharsetMatch]) -> CharsetMatch | None:
    """The best match, but Windows-1252 (Latin-1's superset) when it reads the bytes as cleanly.

    Several single-byte code pages decode a short Western text without visible errors and charset-normalizer then
    picks the first by name: cp1250 turns "Åsa" into "Ĺsa". Western European text is by far the most common case,
    so among equally clean readings cp1252 wins, then Latin-1; a text only cp1250 reads cleanly stays cp1250.
    """
    if not matches:
        return None
    best = matches[0]
    tied = [match for match in matches if match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.05]
    for preferred in WESTERN:
        chosen = next((match for match in tied if match.encoding == preferred), None)
        if chosen is not None:
            return chosen
    return best


def _delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    sample = "\n".join(lines)
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found in DELIMITERS and found:
        return found
    # The sniffer gives up on one-column files and some quoting: count candidates in the header line instead.
    header = lines[0] if lines else ""
    counts = {candidate: header.count(candidate) for candidate in DELIMITERS}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] > 0 else ","


def _header(path: Path, text: str, delimiter: str) -> list[str]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise DataError(f"cannot read the header line ({error})", file=path, place="line 1") from None
    names = [name.strip() for name in header]
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name in seen:
            raise DataError(
                f"duplicate column name '{name}' (columns {seen[name]} and {position})",
                file=path,
                place="line 1",
                hint="rename one of them",
            )
        seen[name] = position
    return names
