"""Sentence windows and value shapes of many spans of many texts at once (windows.py,
values/shapes.text_shapes) are those of one span at a time (tense.sentence_window,
shapes.masked_prefix and masked_figure), and fill finds them a batch of sources at a time."""

from __future__ import annotations

import importlib
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.fill import complete
from provenance.sentences import BOUNDARY_RE
from provenance.values import shapes
from provenance.values.tense import sentence_window
from provenance.windows import Texts, sentence_windows
from tests.spies import Spy
from tests.test_fill_bulk import ledger_of
from tests.test_shapes_figure import reference, rows_of

fill_bulk = importlib.import_module("provenance.fill_bulk")
windows = importlib.import_module("provenance.windows")

PIECES = st.sampled_from([
    "a", "B", ". ", "! ", "; ", "\n", "\n\n", " ", "U.S. ", "Mr. ", "Capt. ", '"', "”", ")",
    "1", "23", "12,345", "2023", "in 2021 ", "last year ", "Year", "#", "x" * 60, " " * 410,
    "Z", "…", "é", "😀", "March ", "Officials said ", "about 45,678 troops",
    "\t", "\xa0", "\u3000", "\x1c", "“", "‘", "(", "[", "'", "À", "×", "Þ", "ß", "Ø", "x.",
    " e. ", "Gen. ", "vs. ", "Dr.", "Brig.", "Brigs. ", "?", "!", ";", ".\n", "é.", "b",
    "said. \xa0A", "\n\u3000", "; \x85B", "done.” C", "ended. “Á", "said.  (B",
])
TEXT = st.lists(PIECES, min_size=1, max_size=60).map("".join)


def spans_of(texts: list[str], picks: list[tuple[int, int, int]]):
    """Spans ``[start, end)`` of texts picked by (text, start, length), in the joined text."""
    joined = Texts.of(texts)
    which = np.array([t % len(texts) for t, _, _ in picks], dtype=np.int64)
    local = [(s % len(texts[w]), n) for w, (_, s, n) in zip(which.tolist(), picks, strict=True)]
    starts = np.array([s for s, _ in local], dtype=np.int64)
    ends = np.array([min(len(texts[w]), s + n) for w, (s, n) in
                     zip(which.tolist(), local, strict=True)], dtype=np.int64)
    return joined, which, starts + joined.bases[which], ends + joined.bases[which]


PICKS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10**6), st.integers(1, 40)),
                 min_size=1, max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=4), PICKS)
def test_the_windows_of_many_spans_are_those_of_one_span_at_a_time(texts, picks):
    joined, which, starts, ends = spans_of(texts, picks)
    lows, highs = sentence_windows(joined, which, starts, ends)
    bases = joined.bases[which]
    for w, start, end, low, high, base in zip(which.tolist(), starts.tolist(), ends.tolist(),
                                              lows.tolist(), highs.tolist(), bases.tolist(),
                                              strict=True):
        assert (low - base, high - base) == sentence_window(texts[w], start - base, end - base)


def one_shape(window: str, start: int, quote: str) -> tuple:
    """The shape of one quote, rule by rule (shapes.masked_prefix, the figure pattern and
    the name before it)."""
    before, clean = shapes.masked_prefix(window, start)
    after = window[start + len(quote):]
    found = reference(window[:start], quote) \
        if clean and not any(c in "0123456789" for c in after) else None
    return (before, quote, after, None) if found is None else (before, found[0], after,
                                                               found[1:])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=4), PICKS)
def test_the_shapes_of_many_spans_are_those_of_one_span_at_a_time(texts, picks):
    joined, which, starts, ends = spans_of(texts, picks)
    lows, highs = sentence_windows(joined, which, starts, ends)
    quotes = [joined.joined[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    found = rows_of(shapes.text_shapes(joined, quotes, starts, ends, lows, highs))
    for quote, start, low, high, shape in zip(quotes, starts.tolist(), lows.tolist(),
                                              highs.tolist(), found, strict=True):
        assert shape == one_shape(joined.joined[low:high], start - low, quote)


def test_fill_finds_windows_and_shapes_a_batch_of_sources_at_a_time(monkeypatch):
    batches, single = [], []
    of = Texts.of.__func__
    monkeypatch.setattr(fill_bulk.Texts, "of", classmethod(
        lambda cls, texts: batches.append(len(texts)) or of(cls, texts)))
    monkeypatch.setattr(windows, "sentence_window",
                        lambda *args: single.append(args) or sentence_window(*args))
    quotes = [f"about {n:,} troops" for n in range(1_000, 21_000, 1_000)]
    text = "\n".join(f"Paragraph {n}. Officials said {q} on the record." for n, q in
                     enumerate(quotes))
    _, report = complete(ledger_of([(text, quotes, "2024-11-18")] * 40))
    assert len(report.valued) == 800
    assert batches == [40] and single == []


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_the_sentence_boundaries_of_joined_texts_are_each_texts_own_scan(texts):
    joined = Texts.of(texts)
    expected = [(m.start() + base, m.end() + base)
                for text, base in zip(texts, joined.bases.tolist(), strict=False)
                for m in BOUNDARY_RE.finditer(text)]
    assert list(zip(joined.boundary_starts.tolist(), joined.boundary_ends.tolist(),
                    strict=True)) == expected


def test_no_sentence_boundary_starts_but_at_the_marks_the_scan_tries():
    """Every code point of the Basic Multilingual Plane but ``BOUNDARY_FIRST`` starts no
    boundary, whatever follows it (a space, a line break, a capital)."""
    starting = {chr(code) for code in range(0xD800) if BOUNDARY_RE.match(chr(code) + " \n A")}
    starting |= {chr(code) for code in range(0xE000, 0x10000)
                 if BOUNDARY_RE.match(chr(code) + " \n A")}
    assert starting <= set(windows.BOUNDARY_FIRST)


def test_the_boundary_pattern_is_tried_only_at_marks_the_code_points_leave_in_doubt(
        monkeypatch):
    """A line break, a ";", and an end mark after a long word or a figure, followed by
    ASCII space and a capital, are read over the code points; an end mark after a short
    word (perhaps an abbreviation) or before a closing quote is matched by the pattern."""
    tried = Spy(windows.BOUNDARY_RE)
    monkeypatch.setattr(windows, "BOUNDARY_RE", tried)
    text = ("One sentence finished. Another one; and a line\nend in 2024. Gen. Smith said "
            '"Yes." Then the U.S. team departed.' + "x" * 500)
    found = Texts.of([text])
    assert [at for _, at in tried.args] == [text.index("Gen.") + 3, text.index('s."') + 1,
                                            text.index("U.S.") + 1, text.index("U.S.") + 3]
    assert list(zip(found.boundary_starts.tolist(), found.boundary_ends.tolist(),
                    strict=True)) == [(m.start(), m.end()) for m in BOUNDARY_RE.finditer(text)]


@pytest.mark.parametrize(("text", "dtype"), [
    ("Officials said 12,345 troops.\n", np.uint8),
    ("", np.uint8),
    ("Caf\u00e9 at 12,345", np.uint32),
    ("about 45,678 troops \U0001f600", np.uint32),
])
def test_a_texts_code_points_take_one_byte_each_when_it_is_ascii(text, dtype):
    codes = windows.code_points(text)
    assert codes.dtype == dtype
    assert codes.tolist() == list(map(ord, text))
    assert windows.from_code_points(codes) == text


ASCII_TEXT = st.lists(PIECES.filter(str.isascii), min_size=1, max_size=60).map("".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(ASCII_TEXT, min_size=1, max_size=4))
def test_the_marks_of_ascii_texts_are_those_four_byte_code_points_give(texts):
    narrow = Texts.of(texts)
    four = lambda text: np.frombuffer(text.encode(*windows.UTF32), dtype=np.uint32)  # noqa: E731
    with mock.patch.object(windows, "code_points", four):
        wide = Texts.of(texts)
    for name in narrow.__dataclass_fields__:
        mine, theirs = getattr(narrow, name), getattr(wide, name)
        assert (mine.tolist() if isinstance(mine, np.ndarray) else mine) == \
            (theirs.tolist() if isinstance(theirs, np.ndarray) else theirs)
