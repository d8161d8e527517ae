"""Regenerate the small real-data slices under tests/fixtures/honest/ (the honest-baselines tests) deterministically.

    python benchmarks/make_honest_fixtures.py [--source DIR]

`--source` is the folder with the shared real datasets (flights.csv.gz); it defaults to the `shared/data` folder
beside the repository. The same inputs always give byte-identical files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "fixtures" / "honest"
SEED = 0
SAMPLE_ROWS = 2_500
SAMPLE_COLUMNS = [
    "month",
    "day",
    "dep_time",
    "sched_dep_time",
    "dep_delay",
    "arr_time",
    "sched_arr_time",
    "arr_delay",
    "carrier",
    "origin",
    "dest",
    "air_time",
    "distance",
    "hour",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=REPO.parent.parent / "shared" / "data")
    source = parser.parse_args().source
    flights = pd.read_csv(source / "flights.csv.gz")
    OUT.mkdir(parents=True, exist_ok=True)
    # Flights per day in 2013: a series with a strong weekly season (fewer flights on Saturdays).
    daily = flights.groupby(["year", "month", "day"]).size().rename("flights").reset_index()
    daily["date"] = pd.to_datetime(daily[["year", "month", "day"]]).dt.strftime("%Y-%m-%d")
    daily[["date", "flights"]].to_csv(OUT / "flights_daily.csv", index=False)
    # A row sample with the columns that hold the arrival-delay leak (arr_time - sched_arr_time) and post-departure
    # figures (dep_delay, air_time), kept in file (time) order.
    labelled = flights[flights["arr_delay"].notna()].reset_index(drop=True)
    chosen = np.sort(np.random.default_rng(SEED).choice(len(labelled), size=SAMPLE_ROWS, replace=False))
    labelled.iloc[chosen][SAMPLE_COLUMNS].to_csv(OUT / "flights_sample.csv", index=False)


if __name__ == "__main__":
    main()
