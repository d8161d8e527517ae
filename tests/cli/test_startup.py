"""Start-up stays light: `advisor --help` and `advisor rules lint` import no pandas, scikit-learn or matplotlib."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pandas", "sklearn", "matplotlib", "scipy", "duckdb", "pyarrow", "pyspark", "py4j")
PROBE = """
import sys
from advisor.cli import main
code = main({argv!r})
heavy = sorted({{name.split('.')[0] for name in sys.modules}} & {heavy!r})
print('HEAVY=' + ','.join(heavy))
sys.exit(code)
"""


@pytest.mark.parametrize("argv", [["--help"], ["rules", "lint"], ["rules", "list"], ["schema"], ["monitor", "--help"]])
def test_light_commands_import_no_heavy_library(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=set(HEAVY))], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="


def test_what_starts_the_companion_loads_before_the_models_and_the_report() -> None:
    """A command with data starts its companion process first (advisor.cli.app.companion_started_early): what it
    imports to get there (the engine choice, the companion) must not pull in the data layer's pydantic models or the
    report package, which took a fifth of a second before the companion could start."""
    probe = (
        "import sys\n"
        "import advisor.cli.app, advisor.data.engine, advisor.data.companion\n"
        "print(sorted(name for name in ('advisor.data.models', 'advisor.report', 'pydantic') if name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_python_dash_m_is_the_same_program() -> None:
    result = subprocess.run([sys.executable, "-m", "advisor", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "rules" in result.stdout


def test_a_report_without_data_imports_no_heavy_library(tmp_path: Path) -> None:
    """The design report alone needs no data library: scikit-learn (and the scipy.stats it imports itself),
    pandas and matplotlib load only when data is profiled, fitted or plotted."""
    answers = Path(__file__).resolve().parents[2] / "examples" / "churn" / "answers.yaml"
    argv = ["report", "--answers", str(answers), "--out", str(tmp_path / "out"), "--format", "md"]
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=set(HEAVY))], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="
    assert (tmp_path / "out" / "design.md").is_file()


def test_the_command_ends_with_its_exit_handlers_run_and_its_output_whole(tmp_path: Path) -> None:
    """The command skips the interpreter's teardown: handlers registered before it (a coverage tool's) and during it
    still run, the exit code is kept, and a long output arrives whole through a pipe."""
    script = (
        "import atexit, sys\n"
        "atexit.register(print, 'registered before')\n"
        "import advisor.cli as cli\n"
        "work = cli.main\n"
        "def main():\n"
        "    atexit.register(print, 'registered during')\n"
        "    return work()\n"
        "cli.main = main\n"
        "sys.argv = ['advisor', *sys.argv[1:]]\n"
        "cli.run()\n"
    )
    schema = subprocess.run([sys.executable, "-c", script, "schema"], capture_output=True, text=True, check=False)
    assert schema.returncode == 0, schema.stderr
    text, _, handlers = schema.stdout.rpartition("}")
    assert json.loads(text + "}") and handlers.split() == ["registered", "during", "registered", "before"]
    missing = subprocess.run(
        [sys.executable, "-m", "advisor", "report", "--answers", str(tmp_path / "none.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2 and "none.yaml" in missing.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "advisor", "rules", "list"], capture_output=True, text=True, check=False
    )
    probe = PROBE.format(argv=["rules", "list"], heavy=set())
    direct = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert listed.returncode == 0 and listed.stdout.splitlines() == direct.stdout.splitlines()[:-1]
