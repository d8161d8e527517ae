"""Record what the out-of-core scan gives on the small files of tests/data/scan_cases.py, for tests/data/test_scan.py.

    python benchmarks/make_scan_fixture.py

Written once from the three-pass scan (statistics, class counts, sample: three reads of the file), before the scan
became one read, so the test shows the one-read scan gives the same statistics and the same sample. The sample is
recorded by its size, dtypes and a digest of its CSV text, so a changed row or order shows.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.data.scan_cases import CASES, FIXTURE, record  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        expected = {case.name: record(case.path(Path(folder)), case.target, case.sample_rows) for case in CASES}
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(expected, indent=1) + "\n")
    print(f"wrote {FIXTURE.relative_to(REPO)}: {', '.join(expected)}")


if __name__ == "__main__":
    main()
