"""Reading and profiling fixes: mixed types coerced, Latin-1 read as Latin-1, integer-valued float classes, one row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.brief.model import Brief
from advisor.data import DataAnalysis, analyse
from advisor.data.load import load_table
from advisor.errors import DataError


def profile(path: Path, target: str | None = None) -> DataAnalysis:
    return analyse(path, target=target, brief=Brief(), out_dir=None, run_baseline=False)


def test_numbers_with_some_missing_markers_are_coerced_with_a_count(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    values = [f"{value:.2f}" for value in rng.normal(50, 10, 400)]
    for index in range(0, 400, 7):  # 15 % of the cells: three markers people type for "unknown"
        values[index] = ["unknown", "?", "missing"][index % 3]
    path = tmp_path / "mixed.csv"
    pd.DataFrame({"m": values, "y": rng.integers(0, 2, 400)}).to_csv(path, index=False)
    analysis = profile(path, "y")
    column = next(column for column in analysis.profile if column.name == "m")
    assert column.kind == "numeric"
    assert column.bad_values == 58
    assert any("column 'm': mixed types, 58 non-numeric" in warning for warning in analysis.warnings)
    assert analysis.facts.mixed_type_columns == 1


def test_a_category_with_some_number_codes_stays_a_category(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    levels = ["red", "green", "blue", "1", "2", "3"]
    path = tmp_path / "colours.csv"
    pd.DataFrame({"colour": rng.choice(levels, 300), "y": rng.integers(0, 2, 300)}).to_csv(path, index=False)
    column = next(column for column in profile(path, "y").profile if column.name == "colour")
    assert column.kind == "categorical" and column.bad_values == 0


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin_1_text_keeps_its_letters(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "names.csv"
    path.write_bytes("name,score\nÅsa,1\nBjörn,2\nJosé,3\nFrançois,4\nMüller,5\n".encode(encoding))
    table = load_table(path)
    assert list(table.frame["name"]) == ["Åsa", "Björn", "José", "François", "Müller"]


def test_central_european_text_is_still_read_as_such(tmp_path: Path) -> None:
    path = tmp_path / "cz.csv"
    path.write_bytes("a,b\nPříliš žluťoučký kůň,1\nŁódź,2\n".encode("cp1250"))
    assert list(load_table(path).frame["a"]) == ["Příliš žluťoučký kůň", "Łódź"]


@pytest.mark.parametrize("values", [[1, 2, 3], [-1, 0, 1]])
def test_the_same_classes_as_integers_or_floats_are_one_task(tmp_path: Path, values: list[int]) -> None:
    rng = np.random.default_rng(2)
    chosen = rng.choice(values, 200)
    tasks = set()
    for name, column in {"ints": chosen.astype(int), "floats": chosen.astype(float)}.items():
        path = tmp_path / f"{name}.csv"
        frame = pd.DataFrame({"x": rng.normal(size=200), "y": column})
        frame.to_csv(path, index=False, float_format="%.1f")
        analysis = profile(path, "y")
        assert analysis.target is not None
        tasks.add(analysis.target.task_type)
    assert tasks == {"multiclass_classification"}


def test_a_one_row_file_is_too_few_rows_not_a_constant_target(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("x,y\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match="too few rows to learn from: 1 row") as error:
        profile(path, "y")
    assert "constant" not in str(error.value)
