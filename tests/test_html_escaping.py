"""Untrusted text (quotes, outlet names, article text) is shown as text, never as markup."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.highlight import Span, context, segments
from provenance.html import definition_list, esc, highlighted_source, quote_in_context, table

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "\"><svg onload=alert(1)>",
    "Tom & Jerry's <b>News</b>",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_quote_in_context_escapes_quote_and_context(hostile):
    text = f"before {hostile} after"
    start = text.index(hostile)
    rendered = quote_in_context(text, start, start + len(hostile))
    assert "<script" not in rendered and "<img" not in rendered and "<svg" not in rendered
    assert f"<mark>{esc(hostile)}</mark>" in rendered


@pytest.mark.parametrize("hostile", HOSTILE)
def test_highlighted_source_escapes_text_title_and_ids(hostile):
    text = f"{hostile} 50,000 troops {hostile}"
    rendered = highlighted_source(text, [Span(0, len(hostile), hostile)], title=hostile)
    for tag in ("<script", "<img", "<svg", "<b>"):
        assert tag not in rendered
    assert rendered.count(esc(hostile)) >= 3


@pytest.mark.parametrize("hostile", HOSTILE)
def test_tables_and_details_escape_cells_and_headers(hostile):
    rendered = table(pd.DataFrame({hostile: [hostile], "n": [None]}))
    rendered += definition_list({hostile: hostile})
    for tag in ("<script", "<img", "<svg", "<b>"):
        assert tag not in rendered


def test_escaping_keeps_the_visible_text():
    assert esc("<img onerror=x>") == "&lt;img onerror=x&gt;"


@given(st.text(), st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=5))
def test_segments_reassemble_the_text(text, pairs):
    spans = [Span(min(a, b), max(a, b), f"c{i}") for i, (a, b) in enumerate(pairs)]
    pieces = segments(text, spans)
    assert "".join(p.text for p in pieces) == text
    assert all(text[p.start : p.end] == p.text for p in pieces)
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            covered = "".join(p.text for p in pieces if span.claim_id in p.claim_ids)
            assert covered == text[span.start : span.end]


def test_overlapping_spans_share_a_segment():
    pieces = segments("abcdef", [Span(0, 4, "a"), Span(2, 6, "b")])
    assert [(p.text, p.claim_ids) for p in pieces] == [
        ("ab", ("a",)),
        ("cd", ("a", "b")),
        ("ef", ("b",)),
    ]


def test_context_marks_truncation_with_ellipses():
    assert context("0123456789", 4, 6, width=2) == ("…23", "45", "67…")
