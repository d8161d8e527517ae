"""Escaping: whatever a person typed is shown as text in Markdown, never interpreted."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st

from advisor.report.html import markdown_to_html
from advisor.util.escape import md_cell, md_text


def test_html_and_markdown_metacharacters_are_neutralised() -> None:
    text = md_text("<script>alert('x')</script> **bold** [a](javascript:x) `code` a|b # & _u_")
    assert "<" not in text  # every `<` here could open a tag; `>` alone is text
    assert "&lt;script>" in text and "&lt;/script>" in text
    assert r"\*\*bold\*\*" in text and r"\[a\]" in text and r"\|" in text and r"\`code\`" in text
    assert r"\_u\_" in text
    assert md_text("&amp; AT&T < 0.1 % snake_case") == "&amp;amp; AT&T < 0.1 % snake_case"  # plain text stays plain


def test_newlines_fold_so_text_cannot_open_a_block() -> None:
    assert md_text("line one\n# not a heading\n- not a list") == r"line one \# not a heading - not a list"


def test_cells_are_never_empty() -> None:
    assert md_cell(None) == "—"
    assert md_cell("") == "—"
    assert md_cell(0) == "0"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_rendered_text_round_trips_to_the_same_visible_words(raw: str) -> None:
    html = markdown_to_html(f"Answer: {md_text(raw)}")
    # No element other than the paragraph: nothing the person typed became markup.
    assert html.count("<") == html.count("<p>") + html.count("</p>")
    visible = markdown.markdown(f"Answer: {md_text(raw)}")
    assert "<script" not in visible.lower()
