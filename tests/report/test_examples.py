"""The checked example reports under reports/examples/ are exactly what the current code and rules produce."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.cli import main
from advisor.examples import example_names

REPO = Path(__file__).parent.parent.parent
CHECKED = REPO / "reports" / "examples"
REGENERATE = "advisor run --example {name} --out reports/examples/{name} --force"


def test_every_bundled_example_has_a_checked_report() -> None:
    assert set(example_names()) == {"churn", "fraud", "house_prices", "lending"}
    assert sorted(path.name for path in CHECKED.iterdir() if path.is_dir()) == sorted(example_names())


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(example_names()))
def test_checked_example_report_is_not_stale(name: str, tmp_path: Path) -> None:
    assert main(["run", "--example", name, "--out", str(tmp_path)]) == 0
    for file in ("design.md", "design.json", "design.html"):
        fresh = (tmp_path / file).read_text(encoding="utf-8")
        checked = (CHECKED / name / file).read_text(encoding="utf-8")
        assert fresh == checked, f"reports/examples/{name}/{file} is stale: run `{REGENERATE.format(name=name)}`"
