"""A plain (non-editable) install works from any folder: the wheel carries the rules, templates and examples."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_wheel_carries_the_rule_base_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "advisor/_bundled/rules/questions.yaml" in names
    assert "advisor/_bundled/rules/catalog.yaml" in names
    assert any(name.startswith("advisor/_bundled/rules/cases/") for name in names)
    assert any(name.startswith("advisor/_bundled/templates/") for name in names)
    rule_files = {path.name for path in (REPO / "rules").glob("*.yaml")}
    assert rule_files <= {Path(name).name for name in names if name.startswith("advisor/_bundled/rules/")}


def _install_elsewhere(wheel: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Install the wheel (no dependencies: they are in this environment) into a folder; return it and a work folder."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return target, elsewhere


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target, elsewhere = _install_elsewhere(wheel, tmp_path)
    environment = {**os.environ, "PYTHONPATH": str(target)}
    probe = (
        "import advisor.util.resources as r, advisor.cli as c, sys; "
        "print(r.bundled_rules()); sys.exit(c.main(['rules', 'lint', '-q']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=elsewhere, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0].startswith(str(target))


@pytest.mark.slow
def test_installed_wheel_runs_the_readme_example(wheel: Path, tmp_path: Path) -> None:
    # The README's first command, minus the virtual environment: `advisor run --example churn` from a plain install.
    target, elsewhere = _install_elsewhere(wheel, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "run", "--example", "churn"],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = elsewhere / "advisor-report" / "churn"
    assert f"wrote            {Path('advisor-report') / 'churn' / 'design.md'}" in result.stdout
    markdown = (report / "design.md").read_text(encoding="utf-8")
    assert "## Baselines" in markdown and "`examples/churn/data.csv`" in markdown
    assert (report / "model.joblib").is_file() and (report / "design.html").is_file()
