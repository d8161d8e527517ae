"""The data layer's Markdown split for the reader: findings in the body, diagnostics in the appendix, long tables
cut (design.json keeps every row), file text escaped."""

from __future__ import annotations

from advisor.report.data_sections import TABLE_ROWS, split_data_markdown

DATA = """## Data profile

`data.csv` (CSV, 0.1 MB): 9 rows and 3 columns.

### Summary

| measure | value |
|---|---:|
| missing cells | 0 % |

### Columns

| column | kind |
|---|---|
| a | numeric |

### Target

`y`: binary classification.

| class | rows |
|---|---:|
| no | 6 |
| yes | 3 |

### Leakage suspects

None found.

Checked: 2 columns scored alone.

### Protected attributes

`sex`: kept as features.

### Plots

![Histograms](plots/histograms.png)

## Baselines

Target `y`. Split 60/20/20.

The dummy is the best constant for each metric.

Verdict: it beats the dummy.

### Quality per group

Per group:

| column | group | rows |
|---|---|---:|
| sex | 1 | 1 |
| sex | 2 | 1 |
| sex | 3 | 1 |
| sex | 4 | 1 |
| sex | 5 | 1 |

### Shift between the splits

Target by split: the same.
"""


def test_findings_stay_in_the_body_and_diagnostics_go_to_the_appendix() -> None:
    profile, baselines = split_data_markdown(DATA, {"profile": [{"name": "a"}, {"name": "![c](b.png)"}]}).sections
    assert profile.heading == "Data profile" and baselines.heading == "Baselines"
    assert "### Target" in profile.body and "### Leakage suspects" in profile.body
    assert "| class |" not in profile.body  # the sentence says the shares
    assert "Checked:" not in profile.body  # how a check ran is detail
    assert "### Summary" not in profile.body + profile.appendix  # a table only: design.json has it
    assert "Protected attributes" not in profile.body + profile.appendix  # the decision record says it
    assert "![Histograms](plots/histograms.png)" in profile.appendix  # every plot stays linked
    assert "a, \\!\\[c\\](b.png) (profiles in design.json)." in profile.appendix  # names escaped, never markup
    assert "Verdict: it beats the dummy." in baselines.body and "The dummy is the best constant" not in baselines.body
    assert "Shift between the splits" not in baselines.appendix


def test_long_appendix_tables_are_cut_and_say_how_many_rows_are_left_out() -> None:
    baselines = split_data_markdown(DATA).sections[1]
    rows = [line for line in baselines.appendix.splitlines() if line.startswith("| sex |")]
    assert len(rows) == TABLE_ROWS
    assert f"{5 - TABLE_ROWS} more rows in design.json." in baselines.appendix


def test_left_out_columns_stay_unless_all_are_protected() -> None:
    text = "## Baselines\n\nIntro.\n\n### Columns left out of the features\n\n- `age`: protected attribute\n"
    protected = {"protected_columns": ["age"], "baseline": {"excluded_features": {"age": "protected"}}}
    leaked = {"protected_columns": ["age"], "baseline": {"excluded_features": {"age": "p", "paid_late": "leak"}}}
    assert "Columns left out" not in split_data_markdown(text, protected).sections[0].body
    assert "Columns left out" in split_data_markdown(text, leaked).sections[0].body


def test_no_data_gives_no_sections() -> None:
    assert split_data_markdown(None).sections == [] and not split_data_markdown("").has_appendix
