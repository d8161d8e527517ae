"""`import advisor.data` stays light: the report and the CLI can import the models and renderers for free."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_package_loads_no_heavy_library() -> None:
    probe = (
        "import sys, advisor.data; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'sklearn', 'matplotlib', 'duckdb', 'scipy'}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
