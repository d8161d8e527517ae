"""Writing reports: atomically, never over an existing report without --force, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.brief.model import Brief
from advisor.errors import OutputExistsError, UsageError
from advisor.knowledge.base import KnowledgeBase
from advisor.report import parse_formats, write_report
from advisor.report.output import staged


def test_writes_the_chosen_formats_only(tmp_path: Path, fraud_brief: Brief, bundled_knowledge: KnowledgeBase) -> None:
    result = write_report(fraud_brief, bundled_knowledge, tmp_path / "out", formats=("md", "json"))
    assert [path.name for path in result.files] == ["design.md", "design.json"]
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        ".advisor-manifest.json",
        "design.json",
        "design.md",
    ]


def test_existing_report_is_kept_without_force(
    tmp_path: Path, fraud_brief: Brief, bundled_knowledge: KnowledgeBase
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "design.md").write_text("my edited report\n")
    with pytest.raises(OutputExistsError, match=r"already holds design\.md") as caught:
        write_report(fraud_brief, bundled_knowledge, out)
    assert "--force" in caught.value.message
    assert (out / "design.md").read_text() == "my edited report\n"
    assert sorted(path.name for path in out.iterdir()) == ["design.md"]  # nothing else written
    write_report(fraud_brief, bundled_knowledge, out, force=True)
    assert (out / "design.md").read_text().startswith("# Marketplace card-fraud screening")


def test_a_failure_while_staging_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "design.md").write_text("old\n")
    with pytest.raises(RuntimeError), staged(out, force=True) as staging:
        (staging / "design.md").write_text("new, half done\n")
        raise RuntimeError("renderer failed")
    assert sorted(path.name for path in out.iterdir()) == ["design.md"]
    assert (out / "design.md").read_text() == "old\n"


def test_output_path_that_is_a_file_is_refused(
    tmp_path: Path, fraud_brief: Brief, bundled_knowledge: KnowledgeBase
) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="not a folder"):
        write_report(fraud_brief, bundled_knowledge, tmp_path / "file")


def test_formats_parse_in_canonical_order_and_reject_unknown_names() -> None:
    assert parse_formats("json, md") == ("md", "json")
    with pytest.raises(UsageError, match="unknown report format pdf"):
        parse_formats("md,pdf")


def test_a_failed_first_run_leaves_no_folder_behind(tmp_path: Path) -> None:
    out = tmp_path / "new" / "report"
    with pytest.raises(RuntimeError), staged(out, force=False):
        raise RuntimeError("the data could not be read")
    assert not out.exists()
