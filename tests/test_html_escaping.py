"""Untrusted text (quotes, outlet names, article text) is shown as text, never as markup."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tiny_ledger import write_ledger

from provenance.dashboard import ConflictView, QuoteView
from provenance.highlight import Span, context, segments
from provenance.html import definition_list, esc, quote_in_context, table
from provenance.ledger import load_ledger
from provenance.widgets import ClaimEditor, Dashboard
from provenance.widgets.dashboard_app import conflict_html

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


TAGS = ("<script", "<img", "<svg", "<b>News")  # what the hostile strings would inject


@pytest.fixture
def hostile_ledger(tmp_path):
    return load_ledger(write_ledger(tmp_path / "ledger"))


def test_conflict_panel_escapes_outlets_quotes_and_context():
    side = QuoteView("c<b>1", "s", HOSTILE[0], 0, 5, HOSTILE[1], HOSTILE[2], HOSTILE[3])
    rendered = conflict_html(ConflictView("k<svg onload=x>", "quantity", HOSTILE[3], side, side))
    assert not any(tag in rendered for tag in TAGS)
    assert esc(HOSTILE[0]) in rendered


def test_every_dashboard_panel_escapes_ledger_text(hostile_ledger):
    conflicts = pd.DataFrame([["k", "quantity", "a-01", "b-01", "a", "b", 1.0, HOSTILE[1]]],
                             columns=["fact_key", "kind", "claim_a", "claim_b", "source_a",
                                      "source_b", "gap", "message"])
    outcome = SimpleNamespace(suite=HOSTILE[0], expectation=HOSTILE[1], severity="critical",
                              success=False, unexpected=[HOSTILE[2]], error=HOSTILE[3])
    board = Dashboard(hostile_ledger, SimpleNamespace(conflicts=conflicts, internal=conflicts,
                                                      discrepancies=conflicts,
                                                      results=[outcome]))
    panels = [board.glance.value, board.coverage.value, board.validation_html.value]
    for box in (board.conflict_box, board.internal_box, board.discrepancy_box):
        panels += [row.children[0].value for row in box.children]
    for html in panels:
        assert not any(tag in html for tag in TAGS), html
    assert "Alpha &lt;script&gt;x&lt;/script&gt;" in board.glance.value
    assert "&lt;img onerror=x&gt;" in panels[3]  # the article's HTML, in the quote's context


def test_editor_preview_and_messages_escape_quotes(hostile_ledger):
    editor = ClaimEditor(hostile_ledger, check_conflicts=False)
    editor.quote.value = "<img onerror=x>"
    editor.fact_key.value = "page.markup"
    editor.kind.value = "text"
    editor.preview()
    editor.claim_id.value = "<script>alert(1)</script>"
    editor.quote.value = "<svg onload=alert(1)> is not in the text"
    editor.add()
    for html in (editor.preview_html.value, editor.message.value):
        assert not any(tag in html for tag in TAGS), html
    assert "&lt;img onerror=x&gt;" in editor.preview_html.value
