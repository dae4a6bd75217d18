"""SourceViewer and the UTF-16 <-> code-point conversion, without a browser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.highlight import Span
from provenance.utf16 import (
    codepoint_to_utf16,
    utf16_length,
    utf16_span_to_codepoints,
    utf16_to_codepoint,
)
from provenance.widgets import SourceViewer

ASTRAL = "a🚀b🇺🇦c"  # 🚀 is one astral code point; the flag is two


@pytest.mark.parametrize(
    ("text", "utf16", "codepoint"),
    [
        ("plain", 3, 3),
        ("“curly” quotes", 7, 7),  # BMP punctuation: one unit each
        (ASTRAL, 1, 1),
        (ASTRAL, 3, 2),  # just after 🚀
        (ASTRAL, 4, 3),  # after b
        (ASTRAL, 8, 5),  # after both regional indicators
        (ASTRAL, 9, 6),  # end of text
    ],
)
def test_utf16_offset_converts_to_code_points(text, utf16, codepoint):
    assert utf16_to_codepoint(text, utf16) == codepoint
    assert codepoint_to_utf16(text, codepoint) == utf16


def test_offset_inside_a_surrogate_pair_snaps_to_the_character_start():
    assert utf16_to_codepoint(ASTRAL, 2) == 1


@pytest.mark.parametrize("offset", [-1, 10])
def test_offset_outside_the_text_is_refused(offset):
    with pytest.raises(ValueError, match="UTF-16 offset"):
        utf16_to_codepoint(ASTRAL, offset)


def test_backwards_selection_is_ordered():
    assert utf16_span_to_codepoints(ASTRAL, 8, 3) == (2, 5)


@given(st.text(), st.data())
def test_round_trip_through_javascript_offsets(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    js = text.encode("utf-16-le")
    u_start, u_end = codepoint_to_utf16(text, start), codepoint_to_utf16(text, end)
    assert js[2 * u_start : 2 * u_end].decode("utf-16-le") == text[start:end]
    assert utf16_span_to_codepoints(text, u_start, u_end) == (start, end)
    assert utf16_length(text) == len(js) // 2


def test_viewer_segments_cover_the_text_exactly():
    text = "Some 50,000 troops massed near Kursk."
    viewer = SourceViewer(text, [Span(5, 18, "c1", ("conflict",))])
    assert "".join(s["text"] for s in viewer.segments) == text
    assert [s["claims"] for s in viewer.segments] == [[], ["c1"], []]
    assert viewer.segments[1]["classes"] == ["conflict"]


def test_browser_selection_is_reported_in_code_points():
    viewer = SourceViewer(ASTRAL + " troops")
    viewer.selection_utf16 = [3, 8]  # what the browser sends for "b🇺🇦"
    assert viewer.selection == [2, 5]
    assert viewer.selected_text == "b🇺🇦"


def test_empty_browser_selection_clears_the_selection():
    viewer = SourceViewer("abc")
    viewer.selection_utf16 = [0, 2]
    viewer.selection_utf16 = []
    assert (viewer.selection, viewer.selected_text) == ([], "")


def test_python_selection_outside_the_text_is_refused():
    with pytest.raises(ValueError, match="outside"):
        SourceViewer("abc").select(1, 4)


def test_show_replaces_text_and_clears_state():
    viewer = SourceViewer("first", claims={"c1": {"quote": "first"}})
    viewer.selected_claim = "c1"
    viewer.show("second", claims={"c2": {"value": None}})
    assert viewer.text == "second"
    assert viewer.selected_claim == ""
    assert viewer.claims == {"c2": {"value": ""}}


def test_widget_front_end_files_ship_with_the_package():
    viewer = SourceViewer("x")
    assert "export default" in viewer._esm
    assert ".pv-viewer" in viewer._css
