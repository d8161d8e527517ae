"""Item 1: text from a file (column names, category values, the target, the brief) never becomes markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.brief.answers import load_brief
from advisor.knowledge.base import KnowledgeBase
from advisor.report import DataRequest, write_report
from advisor.util.controls import CONTROL
from tests.hostile.conftest import write_brief, write_table
from tests.hostile.markup import html_problems, markdown_problems

INJECTED_NAMES = [
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![c](b.png)",
    "![remote](https://evil.example/pixel.png)",
    "carriage\rreturn|pipe",
    "escaped\\|pipe",
    "<a href='data:text/html;base64,PHNjcmlwdD4='>x</a>",
    "https://evil.example/",
    "\x1b]0;pwned\x07title",
    "`code` *em* _u_ # h ~~s~~",
]
INJECTED_VALUES = [
    "<script>alert(1)</script>",
    "![i](https://evil.example/i.png)",
    '<a href="javascript:x">z</a>',
    "mail@evil.example",
    "www.evil.example",
]


def _report(tmp_path: Path, knowledge: KnowledgeBase, names: list[str], values: list[str], brief_name: str) -> Path:
    labels = (values[0], values[-1] + " (other)")  # the target's classes are shown in a table and a plot
    table = write_table(tmp_path / "data.csv", names, values, labels=labels)
    brief = load_brief(write_brief(tmp_path / "answers.yaml", name=brief_name), knowledge)
    out = tmp_path / "out"
    write_report(
        brief, knowledge, out, force=True, data=DataRequest(table, "label", run_baseline=False, progress=False)
    )
    return out


def _our_links(knowledge: KnowledgeBase) -> frozenset[str]:
    """The bibliography's addresses: the References section shows them as links, and the loader validated them."""
    return frozenset(source.url for source in knowledge.bibliography.entries.values() if source.url)


def _check(out: Path, names: list[str], knowledge: KnowledgeBase) -> None:
    markdown = (out / "design.md").read_text(encoding="utf-8")
    plots = {f"plots/{path.name}" for path in (out / "plots").iterdir()}
    assert markdown_problems(markdown, plots, _our_links(knowledge)) == []
    html = (out / "design.html").read_text(encoding="utf-8")
    assert html_problems(html, markdown.count("](plots/")) == []
    document = json.loads((out / "design.json").read_text(encoding="utf-8"))
    profiled = [column["name"] for column in document["data"]["profile"]]
    assert [name for name in profiled if name != "label"] == names  # JSON keeps the data exactly, escaped by JSON


def test_injected_column_names_and_values_stay_text_in_every_format(
    tmp_path: Path, bundled_knowledge: KnowledgeBase
) -> None:
    out = _report(tmp_path, bundled_knowledge, INJECTED_NAMES, INJECTED_VALUES, "<b>brief</b> [x](javascript:y)")
    _check(out, INJECTED_NAMES, bundled_knowledge)
    markdown = (out / "design.md").read_text(encoding="utf-8")
    assert "\x1b" not in markdown and "\x1b" not in (out / "design.html").read_text(encoding="utf-8")
    assert r"\!\[c\](b.png)" in markdown  # shown, not linked (it used to crash the report with exit 1)


def test_the_checks_catch_what_the_old_escaping_let_through() -> None:
    # The checker must be able to fail: these are lines the report used to contain.
    assert markdown_problems("| <img src=x onerror=alert(1)> | 1 |", set())
    assert markdown_problems("| a | b |\n|---|---|\n| x\\\\|y | 1 |", set())
    assert markdown_problems("see https://evil.example", set())
    assert html_problems('<style></style><a href="javascript:alert(1)">x</a>', 0)
    assert html_problems('<style></style><img src="https://evil.example/p.png">', 0)


PIECES = st.one_of(
    st.sampled_from(list("<>&|\\`*_[]()!#~:/@.\"' \r\n\t\x1b\x00\x07\u2028")),
    st.sampled_from(["javascript:", "data:", "https://", "www.", "<script>", "onerror=", "![", "](", "<img src=x "]),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
hostile_text = st.lists(PIECES, min_size=1, max_size=10).map("".join)
names_strategy = st.lists(
    hostile_text,
    min_size=1,
    max_size=3,
    unique_by=lambda name: re.sub(r"\s+", " ", name.replace("\x00", "")).strip().lower(),
)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(names=names_strategy, values=st.lists(hostile_text, min_size=1, max_size=3))
def test_random_names_and_values_never_produce_markup_or_broken_tables(
    tmp_path_factory: pytest.TempPathFactory, bundled_knowledge: KnowledgeBase, names: list[str], values: list[str]
) -> None:
    tmp_path = tmp_path_factory.mktemp("random")
    try:
        out = _report(tmp_path, bundled_knowledge, names, values, CONTROL.sub("", names[0]))
    except Exception as error:  # a name the CSV layer refuses must be refused as bad input, never crash
        from advisor.errors import InputError

        assert isinstance(error, InputError), repr(error)
        return
    markdown = (out / "design.md").read_text(encoding="utf-8")
    plots = {f"plots/{path.name}" for path in (out / "plots").iterdir()}
    assert markdown_problems(markdown, plots, _our_links(bundled_knowledge)) == []
    assert html_problems((out / "design.html").read_text(encoding="utf-8"), markdown.count("](plots/")) == []
    json.loads((out / "design.json").read_text(encoding="utf-8"))
