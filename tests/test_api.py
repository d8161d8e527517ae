"""The Python API as docs/api.md and the README give it: every documented call runs as written, on the bundled churn
slice with real fits, and the calls agree with each other (one way to pass data, the bundled rule base by default)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import advisor
from advisor.brief.model import Brief
from advisor.knowledge.base import KnowledgeBase

REPO = Path(__file__).parent.parent
API_PAGE = REPO / "docs" / "api.md"
CHURN = REPO / "examples" / "churn"
HEAVY = ("pandas", "sklearn", "matplotlib", "scipy", "duckdb", "pyarrow")
TIMING = re.compile(r"\d[\d.,]* ms\b")


def without_timings(markdown: str) -> str:
    """A report with its measured latencies masked (the one thing two fits on one machine do not repeat)."""
    return re.sub(r"-{3,}", "---", re.sub(r" {2,}", " ", TIMING.sub("<ms>", markdown)))


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.DOTALL)


@pytest.fixture
def clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder that looks like a clone of the repository (its examples and rules), as the docs assume."""
    for name in ("examples", "rules"):
        (tmp_path / name).symlink_to(REPO / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_block(code: str) -> tuple[dict[str, Any], str]:
    """Run one documented block as a reader would paste it; its names and what it printed."""
    names: dict[str, Any] = {"__name__": "__docs__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(API_PAGE), "exec"), names)  # our own documentation: running it is the test
    return names, printed.getvalue()


@pytest.fixture(scope="module")
def churn_brief() -> Brief:
    return advisor.load_brief(CHURN / "answers.yaml")


@pytest.fixture(scope="module")
def churn_analysis(churn_brief: Brief) -> advisor.DataAnalysis:
    return advisor.baseline(CHURN / "data.csv", brief=churn_brief)


def test_every_block_of_the_api_page_runs_as_written(clone: Path) -> None:
    blocks = python_blocks(API_PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    outputs = [run_block(block) for block in blocks]

    first, _ = outputs[0]
    assert first["report"].summary.primary_metric and first["markdown"].startswith("#")
    assert json.loads(first["json_text"])["title"] == first["report"].title

    written, printed = outputs[1]
    assert [path.name for path in written["result"].files] == [
        "design.md", "design.html", "design.json", "model.joblib", "plots"
    ]  # fmt: skip
    assert all((clone / "churn-report" / name).exists() for name in ("design.md", "model.joblib", "plots"))
    assert "design.md" in printed

    measured, printed = outputs[2]
    assert printed.startswith(measured["best"]) and measured["analysis"].baseline.verdict in printed
    assert sorted(p.name for p in (clone / "churn-from-analysis").iterdir() if not p.name.startswith(".")) == [
        "design.json", "design.md"
    ]  # fmt: skip

    profiled, printed = outputs[3]
    assert profiled["profile"].baseline is None and profiled["report"].data is not None
    assert printed.split()[0] == "2000"

    own, printed = outputs[4]
    assert own["knowledge"].root.resolve() == (REPO / "rules").resolve()
    assert printed.strip() == own["advice"].primary("metric").item

    _, printed = outputs[5]
    assert printed.strip() == "again: already holds design.md (pass force=True to overwrite, or choose another out_dir)"
    assert "--" not in printed


def test_the_readme_python_section_runs_as_written(clone: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API") :]
    (block,) = python_blocks(section[: section.index("\n## ", 1)])
    names, _ = run_block(block)
    assert names["report"].data is not None and names["analysis"].baseline is not None
    written = {path.name for path in (clone / "churn-report").iterdir()}
    assert {"design.md", "design.html", "design.json", "plots", "model.joblib"} <= written


def test_the_package_docstring_shows_the_readme_example_that_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API") :]
    (block,) = python_blocks(section[: section.index("\n## ", 1)])
    assert advisor.__doc__ is not None
    assert textwrap.indent(block, "    ").rstrip() in advisor.__doc__


def test_report_formats_are_checked_and_named_as_python_arguments(churn_brief: Brief, tmp_path: Path) -> None:
    with pytest.raises(advisor.InputError) as caught:
        advisor.write_report(churn_brief, tmp_path / "out", formats=("md", "pdf"))
    assert str(caught.value).startswith("formats: unknown report format pdf")
    assert not (tmp_path / "out").exists()
    result = advisor.write_report(churn_brief, tmp_path / "out", formats="json,md")
    assert [path.name for path in result.files] == ["design.md", "design.json"]


def test_the_three_ways_to_pass_data_give_the_same_report(
    churn_brief: Brief, churn_analysis: advisor.DataAnalysis
) -> None:
    # A file is measured for the brief: the same report as from the analysis advisor.baseline made for it.
    from_file = advisor.render(churn_brief, data=str(CHURN / "data.csv"))
    from_analysis = advisor.render(churn_brief, data=churn_analysis)
    assert without_timings(from_file.markdown()) == without_timings(from_analysis.markdown())
    assert "## Data profile" in from_file.markdown() and from_file.data is not None
    assert from_file.data["baseline"]["best_model"] == churn_analysis.baseline.best_model  # type: ignore[union-attr]
    assert from_file.data["plots"] == [] and from_analysis.data is not None and from_analysis.data["plots"] == []
    # A DataRequest names the target or turns the models off: the same as advisor.profile for the brief.
    request = advisor.DataRequest(CHURN / "data.csv", target="churn", run_baseline=False)
    profiled = advisor.profile(CHURN / "data.csv", target="churn", brief=churn_brief)
    from_request = advisor.render(churn_brief, data=request)
    assert from_request.markdown() == advisor.render(churn_brief, data=profiled).markdown()
    assert from_request.data is not None and from_request.data["baseline"] is None


def test_the_bundled_rule_base_is_the_default_everywhere(
    churn_brief: Brief, bundled_knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    assert advisor.advise(churn_brief) == advisor.advise(churn_brief, knowledge=bundled_knowledge)
    assert advisor.render(churn_brief).markdown() == advisor.render(churn_brief, knowledge=bundled_knowledge).markdown()
    implicit = advisor.write_report(churn_brief, tmp_path / "a", formats=("md",))
    explicit = advisor.write_report(churn_brief, tmp_path / "b", formats=("md",), knowledge=bundled_knowledge)
    assert implicit.files[0].read_text(encoding="utf-8") == explicit.files[0].read_text(encoding="utf-8")


def test_advice_with_data_fills_what_the_brief_left_open(
    churn_brief: Brief, churn_analysis: advisor.DataAnalysis
) -> None:
    # The churn brief skips questions the data answers; with the data they leave the open questions.
    without = advisor.advise(churn_brief)
    with_file = advisor.advise(churn_brief, data=CHURN / "data.csv")
    with_analysis = advisor.advise(churn_brief, data=churn_analysis)
    assert with_file == with_analysis
    assert with_file != without
    assert with_analysis.facts["dataset.rows"] == 2000 and "dataset.rows" not in without.facts


def test_an_analysis_made_for_another_brief_is_refused_with_the_fix(churn_brief: Brief, tmp_path: Path) -> None:
    other = advisor.profile(CHURN / "data.csv", target="churn")  # no brief: measured for an empty one
    with pytest.raises(advisor.InputError, match="another brief") as caught:
        advisor.render(churn_brief, data=other)
    assert "brief=brief" in str(caught.value) and "--" not in str(caught.value)
    with pytest.raises(advisor.InputError, match="another brief"):
        advisor.write_report(churn_brief, tmp_path / "out", data=other)
    assert not (tmp_path / "out").exists()


def test_an_analysis_from_the_data_layer_itself_is_accepted(churn_brief: Brief) -> None:
    # `advisor.data.analyse` (the lower level) does not record its brief: the caller vouches for it, as for a file.
    from advisor.data import analyse

    plain = analyse(CHURN / "data.csv", target="churn", brief=churn_brief, out_dir=None, run_baseline=False)
    assert type(plain) is advisor.DataAnalysis
    profiled = advisor.profile(CHURN / "data.csv", brief=churn_brief)
    assert advisor.render(churn_brief, data=plain).markdown() == advisor.render(churn_brief, data=profiled).markdown()


def test_api_errors_use_python_words_and_the_commands_keep_theirs(
    churn_brief: Brief, tmp_path: Path, bundled_knowledge: KnowledgeBase
) -> None:
    from advisor.report import write_report as command_write_report

    out = tmp_path / "out"
    advisor.write_report(churn_brief, out, formats=("md",))
    with pytest.raises(advisor.InputError) as from_python:
        advisor.write_report(churn_brief, out, formats=("md",))
    assert "force=True" in str(from_python.value) and "--force" not in str(from_python.value)
    with pytest.raises(advisor.InputError) as from_commands:
        command_write_report(churn_brief, bundled_knowledge, out, formats=("md",))
    assert "--force" in str(from_commands.value)

    with pytest.raises(advisor.InputError, match="data= takes a file"):
        advisor.render(churn_brief, data=42)  # type: ignore[arg-type]
    with pytest.raises(advisor.InputError) as missing_column:
        advisor.baseline(CHURN / "data.csv", target="no_such_column")
    assert "no_such_column" in str(missing_column.value) and "--target" not in str(missing_column.value)


def test_every_exported_name_resolves() -> None:
    assert set(advisor.__all__) <= set(dir(advisor))
    for name in advisor.__all__:
        assert getattr(advisor, name) is not None, name
    with pytest.raises(AttributeError):
        advisor.no_such_name  # noqa: B018


def test_import_and_advice_without_data_load_no_heavy_library() -> None:
    probe = (
        "import sys, advisor\n"
        f"brief = advisor.load_brief({str(CHURN / 'answers.yaml')!r})\n"
        "advisor.advise(brief); advisor.render(brief).html()\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
