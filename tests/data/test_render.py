"""The Markdown data section: headings, aligned tables, verdicts in words, image links that exist."""

from __future__ import annotations

from pathlib import Path

from advisor.data import DataAnalysis, render_data_markdown, render_data_text


def tables(markdown: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks + ([current] if current else [])


def test_markdown_has_sections_aligned_tables_and_existing_images(churn_run: tuple[DataAnalysis, Path]) -> None:
    analysis, out = churn_run
    markdown = render_data_markdown(analysis)
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[0] == "## Data profile" and "## Baselines" in headings
    assert all(line.startswith(("## ", "### ")) for line in headings)
    for block in tables(markdown):
        assert len({len(line) for line in block}) == 1, block[0]
    for plot in analysis.plots:
        assert f"![{plot.title}]({plot.path})" in markdown
        assert (out / plot.path).is_file()
    assert "clearly beats the dummy" in markdown
    assert "Tuning the threshold saves" in markdown
    assert "| FAIL" in markdown  # the model-size limit of the fixture's brief


def test_profile_only_and_terminal_text(churn_run: tuple[DataAnalysis, Path]) -> None:
    analysis, _ = churn_run
    profile_only = render_data_markdown(analysis, baseline=False)
    assert "## Baselines" not in profile_only and "### Columns" in profile_only
    text = render_data_text(analysis)
    assert "Data profile" in text and "![" not in text and "plots/histograms.png" in text
    assert "tenure" in text


def test_cells_with_pipes_are_escaped() -> None:
    from advisor.data.tables import table

    rendered = table(["a", "b"], [("x|y", 1)], [False, True])
    assert "x\\|y" in rendered
