"""The bulk column statistics against plain per-column pandas, on real data and on the cases that trip them up."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from advisor.data.vectorised import identical_columns

from .conftest import CHURN, HOUSES


def reference_pairs(frame: pd.DataFrame, names: list[str]) -> list[tuple[str, str]]:
    """Each later column paired with the earliest column whose float64 bytes it repeats."""
    pairs = []
    for later_index, later in enumerate(names):
        bits = frame[later].to_numpy(dtype="float64", na_value=np.nan).tobytes()
        for earlier in names[:later_index]:
            if frame[earlier].to_numpy(dtype="float64", na_value=np.nan).tobytes() == bits:
                pairs.append((earlier, later))
                break
    return pairs


@pytest.mark.parametrize("path", [CHURN, HOUSES], ids=["churn", "houses"])
def test_identical_columns_match_a_pairwise_comparison_on_real_data(path: Path) -> None:
    frame = pd.read_csv(path)
    numeric = [name for name in frame.columns if pd.api.types.is_numeric_dtype(frame[name])]
    frame["first_again"] = frame[numeric[0]]
    frame["last_as_float"] = frame[numeric[-1]].astype("float64")
    names = [*numeric, "first_again", "last_as_float"]
    found = identical_columns(frame, names)
    assert found == reference_pairs(frame, names)
    assert (numeric[0], "first_again") in found
    assert (numeric[-1], "last_as_float") in found


def test_identical_columns_pairs_each_copy_with_the_earliest_and_respects_missing_cells() -> None:
    rng = np.random.default_rng(0)
    values = rng.normal(size=500)
    holed = values.copy()
    holed[7] = np.nan
    frame = pd.DataFrame(
        {
            "a": values,
            "b": values.copy(),  # a copy
            "c": values.copy(),  # a second copy: paired with the first column, not with b
            "holed": holed,  # one cell missing: not a copy
            "holed_again": holed.copy(),
            "counts": np.arange(500),
            "counts_float": np.arange(500, dtype="float64"),  # the same numbers as floats
            "nullable": pd.array([*range(499), None], dtype="Int64"),
            "nullable_float": [*map(float, range(499)), np.nan],
        }
    )
    names = list(frame.columns)
    found = identical_columns(frame, names)
    assert found == [
        ("a", "b"),
        ("a", "c"),
        ("holed", "holed_again"),
        ("counts", "counts_float"),
        ("nullable", "nullable_float"),
    ]
    assert found == reference_pairs(frame, names)
    for left, right in itertools.combinations(["a", "holed", "counts", "nullable"], 2):
        assert (left, right) not in found
