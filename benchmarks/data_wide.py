"""Benchmark a very wide, very short table: 50 rows x 10,000 numeric columns, profile and baselines.

    python benchmarks/data_wide.py [--rows 50] [--columns 10000]

The file is generated (seed 0) into benchmarks/out/ (never committed); the label depends on the first column plus
noise. `advisor baseline` runs in a fresh subprocess so imports count. Goal: a few seconds of work, not 70-90 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50)
    parser.add_argument("--columns", type=int, default=10_000)
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    values = rng.normal(size=(options.rows, options.columns)).round(3)
    frame = pd.DataFrame(values, columns=[f"g{index}" for index in range(options.columns)])
    frame["label"] = np.where(values[:, 0] + rng.normal(size=options.rows) > 0, "yes", "no")
    path = OUT / f"wide_{options.rows}x{options.columns}.csv"
    frame.to_csv(path, index=False)
    for command in ("profile", "baseline"):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "advisor", command, str(path), "--target", "label", "--json"],
            check=True,
            capture_output=True,
        )
        print(f"advisor {command:<8} {options.rows} x {options.columns:,}: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
