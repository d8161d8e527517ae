"""The data layer's Markdown split for the reader: what decides the design stays in the body, the rest goes to the
appendix with long tables cut to their first rows (design.json keeps every row).

The body keeps the file and its size, where the data contradicts the brief, the target, the leakage verdict, the
protected attributes, and the baselines' table, verdict, comparison with today and decision threshold. Everything
else (the profile's summary and column tables, correlations, plots, shift, learning curve, importances, serving
checks, quality per group) is reference material.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from advisor.util.escape import md_text

# `### ` subsections of the data Markdown that a reader needs before the advice; all others go to the appendix.
BODY_SUBSECTIONS = frozenset(
    {
        "Target",
        "Leakage suspects",
        "Against what we do today",
        "Columns left out of the features",
        "Decision threshold",
    }
)
# Appendix subsections whose table a reader needs (fairness per group, serving against the budget); the other
# appendix subsections keep their verdicts and plots, and their tables stay in design.json only.
TABLES_KEPT = frozenset({"Quality per group"})
# Appendix subsections left to design.json: the decision record already says it (protected attributes), or it is a
# diagnostic a reader looks up rather than reads (shift between the splits).
LEFT_OUT = frozenset({"Protected attributes", "Shift between the splits"})
# Body subsections whose sentence says what their table shows (the target's class shares).
TABLES_DROPPED = frozenset({"Target"})
# Paragraphs of a body subsection that are detail (how a check was run), not a finding.
DETAIL_PREFIXES = ("Checked:", "The dummy is the best constant")
TABLE_ROWS = 3


@dataclass(frozen=True)
class DataSection:
    heading: str
    body: str
    appendix: str


@dataclass(frozen=True)
class DataSections:
    sections: list[DataSection]

    @property
    def has_appendix(self) -> bool:
        return any(section.appendix.strip() for section in self.sections)


def _parts(text: str, marker: str) -> tuple[str, list[tuple[str, str]]]:
    pieces = re.split(rf"^{marker} (.+)$", text, flags=re.MULTILINE)
    return pieces[0], list(zip(pieces[1::2], pieces[2::2], strict=True))


def _trim_tables(text: str, rows: int = TABLE_ROWS) -> str:
    """Every pipe table cut to its first `rows` rows, with a line saying how many more design.json holds."""
    out: list[str] = []
    in_table, kept, dropped = False, 0, 0
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            if not in_table:
                in_table, kept, dropped = True, 0, 0
                out.append(line)
                continue
            if re.fullmatch(r"\|[\s:|-]+\|", line):
                out.append(line)
                continue
            kept += 1
            if kept <= rows:
                out.append(line)
            else:
                dropped += 1
            continue
        if in_table and dropped:
            out.extend(["", f"{dropped} more {'row' if dropped == 1 else 'rows'} in design.json."])
        in_table = False
        out.append(line)
    return "\n".join(out).strip("\n")


def _without_tables(text: str) -> str:
    paragraphs = [part for part in text.strip().split("\n\n") if not part.lstrip().startswith("|")]
    return "\n\n".join(paragraphs)


def _without_details(text: str) -> str:
    paragraphs = [part for part in text.strip().split("\n\n") if not part.startswith(DETAIL_PREFIXES)]
    return "\n\n".join(paragraphs)


def _said_in_record(data: dict[str, Any] | None) -> set[str]:
    """Subsections the decision record already states: the columns left out when they are all protected columns
    (the record's protected-attributes line names them, the rule that left them out and what it cost)."""
    data = data or {}
    excluded = set(((data.get("baseline") or {}).get("excluded_features") or {}).keys())
    protected = set(data.get("protected_columns") or [])
    said = {"Columns left out of the features"} if excluded and excluded <= protected else set()
    point = (data.get("baseline") or {}).get("operating_point")
    if point:
        # The record gives the capacity, its threshold, the gain, what the costs would do and, in the same metric,
        # the gain over today's stated value.
        said.add("Operating point")
        if point.get("over_stated"):
            said.add("Against what we do today")
    return said


def _moved_to_appendix(data: dict[str, Any] | None) -> set[str]:
    """Body subsections that become reference material: with a capacity, the cost-optimal threshold is not the
    decision threshold (the record says where it stands against the capacity), so its table is a detail."""
    return {"Decision threshold"} if ((data or {}).get("baseline") or {}).get("operating_point") else set()


def _column_names(data: dict[str, Any] | None) -> str:
    """The profiled columns by name (escaped: they come from the file), in place of the per-column table."""
    names = [md_text(column["name"]) for column in (data or {}).get("profile") or [] if "name" in column]
    return f"{', '.join(names)} (profiles in design.json)." if names else ""


def split_data_markdown(text: str | None, data: dict[str, Any] | None = None) -> DataSections:
    if not text:
        return DataSections(sections=[])
    left_out = LEFT_OUT | _said_in_record(data)
    in_body = BODY_SUBSECTIONS - _moved_to_appendix(data)
    _, sections = _parts(text, "##")
    result = []
    for heading, content in sections:
        intro, subsections = _parts(content, "###")
        body = [_without_details(intro)]
        appendix = []
        for sub, sub_text in subsections:
            if sub in left_out:
                continue
            if sub in in_body:
                shown = _without_details(_without_tables(sub_text) if sub in TABLES_DROPPED else sub_text)
                body.append(f"### {sub}\n\n{shown}")
            else:
                kept = _trim_tables(sub_text.strip()) if sub in TABLES_KEPT else _without_tables(sub_text)
                if sub == "Columns":
                    kept = _column_names(data)
                # Kept when it says more than a caption: the column names, a verdict, a table or a plot.
                if kept.strip() and (sub == "Columns" or "\n\n" in kept.strip() or "](" in kept):
                    appendix.append(f"### {sub}\n\n{kept}")
        result.append(
            DataSection(
                heading=heading.strip(),
                body="\n\n".join(part for part in body if part),
                appendix="\n\n".join(appendix),
            )
        )
    return DataSections(sections=result)
