"""Small files that go through the out-of-core scan, each with the awkward parts of a real large file: a categorical
target to stratify on, a numeric target with many values (a uniform sample), integer class labels, a time column to
sort by, missing cells, NaN and infinities. The scan's fixture (tests/fixtures/scan/) records what the scan gave on
them; `benchmarks/make_scan_fixture.py` writes it."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.data.scan import scan
from advisor.data.sniff import sniff

if TYPE_CHECKING:
    import pandas as pd

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scan" / "expected.json"
SEED = 7


@dataclass(frozen=True)
class ScanCase:
    name: str
    target: str | None
    sample_rows: int
    file: str  # an example's data file, or the name of a file `build` writes

    def path(self, folder: Path) -> Path:
        if (EXAMPLES / self.file).exists():
            return EXAMPLES / self.file
        return build(self.file, folder)


CASES = (
    ScanCase("churn", "churn", 500, "churn/data.csv"),
    ScanCase("lending", "Status", 300, "lending/data.csv"),
    ScanCase("houses", "price", 400, "house_prices/data.csv"),
    ScanCase("houses_no_target", None, 250, "house_prices/data.csv"),
    ScanCase("events_csv", "grade", 600, "events.csv"),
    ScanCase("events_parquet", "label", 600, "events.parquet"),
)


def build(name: str, folder: Path) -> Path:
    """A 3,000-row table written the same way every time: a time column, a skewed amount with NaN, an infinity and
    missing cells, a constant, a boolean, a rare class, integer grades (a numeric target with few values), and a
    quoted text column."""
    import numpy as np
    import pandas as pd

    path = folder / name
    if path.exists():
        return path
    rng = np.random.default_rng(SEED)
    rows = 3000
    frame = pd.DataFrame(
        {
            "when": pd.date_range("2021-03-01", periods=rows, freq="37min"),
            "amount": rng.lognormal(3.0, 1.2, size=rows).round(4),
            "count": rng.poisson(4, size=rows),
            "grade": rng.integers(1, 6, size=rows),
            "label": np.where(rng.random(rows) < 0.03, "rare, but present", "common"),
            "city": rng.choice(["Lyon", "Nantes", 'Le "Havre"', "Lille"], size=rows),
            "ratio": rng.normal(0.0, 1.0, size=rows),
            "version": 3,
            "flag": rng.random(rows) < 0.5,
        }
    )
    frame.loc[::41, "amount"] = np.nan
    frame.loc[7, "ratio"] = np.inf
    frame.loc[11, "ratio"] = -np.inf
    frame.loc[::29, "city"] = None
    frame = frame.sample(frac=1.0, random_state=SEED).reset_index(drop=True)  # time out of file order
    folder.mkdir(parents=True, exist_ok=True)
    if name.endswith(".parquet"):
        frame.to_parquet(path, index=False, coerce_timestamps="us", allow_truncated_timestamps=True)
    else:
        frame.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
    return path


def sample_digest(frame: pd.DataFrame) -> str:
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def record(path: Path, target: str | None, sample_rows: int) -> dict[str, Any]:
    result = scan(sniff(path), target=target, sample_rows=sample_rows, seed=SEED)
    return {
        "rows": result.rows,
        "columns": {name: asdict(column) for name, column in result.columns.items()},
        "class_counts": result.class_counts,
        "time_column": result.time_column,
        "how": result.how,
        "reads": result.reads,
        "sample": {
            "rows": len(result.frame),
            "dtypes": [str(dtype) for dtype in result.frame.dtypes],
            "sha256": sample_digest(result.frame),
        },
    }
