"""Hostile inputs are made by the tests themselves; these helpers write them and run the real command line."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pytest

from advisor.cli import main

BRIEF = """\
problem:
  name: {name}
  goal: predict whether a customer leaves
  task_type: binary_classification
  target: {target}
"""


def write_brief(path: Path, name: str = "hostile", target: str = "label") -> Path:
    import json

    # JSON strings are valid YAML scalars: any name is written exactly, escapes included.
    path.write_text(BRIEF.format(name=json.dumps(name), target=json.dumps(target)), encoding="utf-8")
    return path


def write_table(
    path: Path,
    names: Sequence[str],
    values: Sequence[str],
    rows: int = 40,
    seed: int = 0,
    labels: tuple[str, str] = ("yes", "no"),
) -> Path:
    """A small CSV: numeric and categorical (`values`) columns under `names`, and a binary `label` of `labels`."""
    generator = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = _QuotedWriter(stream)
        writer.writerow([*names, "label"])
        for row in range(rows):
            cells: list[object] = []
            for index, _ in enumerate(names):
                if index % 2 == 0:
                    cells.append(round(generator.gauss(0, 1), 3))
                else:
                    cells.append(values[(row + index) % len(values)])
            writer.writerow([*cells, labels[0] if row % 3 == 0 else labels[1]])
    return path


class _QuotedWriter:
    """Every field quoted, quotes doubled (RFC 4180): csv.writer on Python 3.10 refuses a NUL byte in a field, and a
    hostile name may hold one."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def writerow(self, cells: Sequence[object]) -> None:
        self.stream.write(",".join('"' + str(cell).replace('"', '""') + '"' for cell in cells) + "\r\n")


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
