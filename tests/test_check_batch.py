"""The typed check batch: span integrity and cell parsing agree with plain Python."""

from __future__ import annotations

import hashlib
import math
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.cells import arrow_text, numbers, offsets
from provenance.cells import dates as _dates
from provenance.check.engines.pandas import batch as check_batch
from provenance.check.engines.pandas import spans as check_spans
from provenance.check.engines.pandas.batch import build_batch, category, category_text, id_category
from provenance.check.engines.pandas.spans import SourceBytes, SourceTexts, span_matches
from provenance.csvio import TEXT
from provenance.sources import LoadedSource

TEXTS = {"ascii": "Officials said 300 troops crossed.", "wide": "“Nearly 50,000” — said Zoë\n🙂 ok"}


def reference(text: str | None, start: int, end: int, quote: str | None) -> bool:
    """The definition: non-empty quote equal to the text at ``[start, end)``."""
    return (text is not None and bool(quote) and 0 <= start <= end <= len(text)
            and text[start:end] == quote)


def check(rows: list[tuple[str, int, int, str | None]], chunk: int | None = None) -> list[bool]:
    """``span_matches`` of ``rows``, the quotes in Arrow chunks of ``chunk`` rows."""
    ids = ["ascii", "wide", "gone"]
    texts = SourceBytes.of(ids, TEXTS)
    codes = np.array([ids.index(r[0]) if r[0] in ids else -1 for r in rows], dtype=np.int64)
    quotes = arrow_text(pd.Series([r[3] for r in rows], dtype="str"))
    if chunk:
        flat = quotes.combine_chunks()
        quotes = pa.chunked_array([flat[at : at + chunk] for at in range(0, len(flat), chunk)],
                                  type=flat.type)
    start = np.array([r[1] for r in rows], dtype=np.int64)
    end = np.array([r[2] for r in rows], dtype=np.int64)
    return span_matches(codes, start, end, quotes, texts).tolist()


@pytest.mark.parametrize(
    ("source", "start", "end", "quote", "expected"),
    [
        ("ascii", 15, 25, "300 troops", True),
        ("ascii", 15, 25, "300 Troops", False),
        ("ascii", 15, 24, "300 troops", False),
        ("wide", 1, 14, "Nearly 50,000", True),
        ("wide", 23, 26, "Zoë", True),
        ("wide", 27, 28, "🙂", True),
        ("wide", 26, 28, "\n🙂", True),
        ("wide", 0, 1, "“", True),
        ("wide", 0, 1, "\"", False),
        ("ascii", 5, 5, "", False),
        ("ascii", -1, 3, "Off", False),
        ("ascii", 30, 40, "crossed.", False),
        ("gone", 0, 3, "Off", False),
        ("nowhere", 0, 3, "Off", False),
        ("ascii", 0, 3, None, False),
    ],
)
def test_span_matches_is_the_exact_substring_test(source, start, end, quote, expected):
    assert check([(source, start, end, quote)]) == [expected]
    assert reference(TEXTS.get(source), start, end, quote) == expected


COMPARISONS = {  # PIECE_ROWS, WORD_PASSES, TAIL_ROWS of span integrity's byte comparison
    "as shipped: row by row when this few": (check_spans.PIECE_ROWS, check_spans.WORD_PASSES,
                                             check_spans.TAIL_ROWS),
    "every word of every row at once": (1000, 256, 0),
    "the first word at once, the rest row by row": (1000, 1, 0),
    "three rows at a time": (3, 256, 0),
}


@pytest.mark.parametrize("comparison", COMPARISONS)
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ascii", "wide", "gone"]), st.integers(-2, 40),
                          st.integers(0, 30), st.sampled_from(["true", "other", "one off"]),
                          st.integers(0, 29)), max_size=30),
       st.one_of(st.none(), st.integers(1, 7)))
def test_span_matches_agrees_with_python_slicing(comparison, draws, chunk):
    rows = []
    for source, start, width, kind, at in draws:
        text = TEXTS.get(source, "")
        quote = text[max(start, 0) : start + width] if kind != "other" else "x" * width
        if kind == "one off" and at < len(quote):  # differs in one character only
            quote = quote[:at] + ("y" if quote[at] != "y" else "z") + quote[at + 1 :]
        rows.append((source, start, start + width, quote))
    pieces, passes, tail = COMPARISONS[comparison]
    with (mock.patch.object(check_spans, "PIECE_ROWS", pieces),
          mock.patch.object(check_spans, "WORD_PASSES", passes),
          mock.patch.object(check_spans, "TAIL_ROWS", tail)):
        assert check(rows, chunk) == [reference(TEXTS.get(s), a, b, q) for s, a, b, q in rows]


NUMBER_CELLS = st.one_of(
    st.sampled_from(["", "1e3", ".5", "-2", "+7", " 3", "1_000", "1,000", "inf", "nan", "x"]),
    st.floats(allow_nan=False).map(repr),
    st.integers(-10**20, 10**20).map(str),
)


def python_float(cell: str) -> float:
    try:
        return float(cell) if cell else math.nan
    except ValueError:
        return math.nan


@settings(max_examples=150, deadline=None)
@given(st.lists(NUMBER_CELLS, max_size=20))
def test_numbers_parse_like_python_float_or_nan(cells):
    got = numbers(pd.Series(cells, dtype="str"))
    assert np.array_equal(got, [python_float(c) for c in cells], equal_nan=True)


def test_numbers_in_object_columns_too():
    assert np.array_equal(numbers(pd.Series(["2", "", None], dtype=object)), [2.0, np.nan, np.nan],
                          equal_nan=True)


def test_offsets_are_minus_one_when_missing():
    assert offsets(pd.Series(["3", "", "x", "inf"], dtype="str")).tolist() == [3, -1, -1, -1]


def test_dates_parse_iso_days_only():
    got = _dates(pd.Series(["2024-11-17", "", "2024-02-30", "Nov. 17", "2024-11-17"]))
    assert got.astype(str).tolist() == ["2024-11-17T00:00:00", "NaT", "NaT", "NaT",
                                        "2024-11-17T00:00:00"]


def test_category_keeps_order_of_appearance_and_empties_as_missing():
    cat = category(pd.Series(["b", "", "a", "b", None], dtype="str"))
    assert list(cat.categories) == ["b", "a"]
    assert cat.codes.tolist() == [0, -1, 1, 0, -1]
    assert cat.categories.get_loc("a") == 1  # lookups still work without pandas' kept table


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["", "c1", "c2"]), st.text(max_size=3)),
                max_size=12))
def test_ids_are_encoded_as_any_text_column(cells):
    column = pd.Series(cells, dtype="str")
    ids, text = id_category(column), category(column)
    assert ids.codes.tolist() == text.codes.tolist()
    assert list(ids.categories) == list(text.categories)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=12))
def test_the_categories_made_here_are_kept_as_their_arrow_strings(cells):
    for made in (category(pd.Series(cells, dtype="str")), id_category(pd.Series(cells))):
        text = category_text(made.categories)
        assert text.dtype == "str"
        pd.testing.assert_series_equal(text, pd.Series(made.categories, dtype=object).astype(str))


def test_other_categories_have_no_arrow_strings_kept():
    assert category_text(pd.Categorical(["c1", "c2"]).categories) is None


def test_kept_arrow_strings_are_let_go_with_their_categories():
    index = category(pd.Series(["c1", "c2"], dtype="str")).categories
    key = id(index)
    assert key in check_batch._TEXTS
    del index
    assert key not in check_batch._TEXTS


BATCH_CLAIMS = pd.DataFrame({
    "claim_id": ["c1", "c2", "c3"], "source_id": ["wide", "wide", "gone"],
    "fact_key": ["troops.total", "", "troops.total"],
    "quote": ["Zoë", "Zoe", "x"], "start": ["23", "23", "0"], "end": ["26", "26", "1"],
    "kind": ["text"] * 3,
}, dtype="str")
BATCH_SOURCES = pd.DataFrame({"source_id": ["wide", "gone"], "published": ["2024-11-17", ""],
                              "published_note": ["", "inferred: none"], "sha256": ["", ""]})
BATCH_COLUMNS = ["claim_id", "span_matches", "source_sha_ok", "published", "published_inferred",
                 "fact_key", "kind", "start"]


def test_batch_marks_spans_and_hashes_per_claim():
    batch = build_batch(BATCH_CLAIMS, BATCH_SOURCES, TEXTS, BATCH_COLUMNS)
    assert batch["span_matches"].tolist() == [True, False, False]
    assert batch["source_sha_ok"].tolist() == [True, True, False]
    assert batch["published_inferred"].tolist() == [False, False, True]
    assert batch["published"].isna().tolist() == [False, False, True]


def test_text_columns_are_categories_with_empty_cells_missing():
    batch = build_batch(BATCH_CLAIMS, BATCH_SOURCES, TEXTS, ["claim_id", "fact_key", "kind"])
    assert list(batch.columns) == ["claim_id", "fact_key", "kind"]
    assert (batch.dtypes == "category").all()
    assert batch["claim_id"].tolist() == ["c1", "c2", "c3"]
    assert batch["fact_key"].isna().tolist() == [False, True, False]


@pytest.mark.parametrize("column", BATCH_COLUMNS)
def test_a_column_is_the_same_whatever_else_is_asked_for(column):
    alone = build_batch(BATCH_CLAIMS, BATCH_SOURCES, TEXTS, [column])
    together = build_batch(BATCH_CLAIMS, BATCH_SOURCES, TEXTS, BATCH_COLUMNS)
    assert list(alone.columns) == [column]
    pd.testing.assert_series_equal(alone[column], together[column])


def read_as_bytes(ids: list[str]) -> SourceTexts:
    """The fixture's texts as ``load_for_check`` keeps them: the bytes each was read from."""
    loaded = {sid: LoadedSource(sid, text.encode(), hashlib.sha256(text.encode()).hexdigest(),
                                len(text)) for sid, text in TEXTS.items()}
    return SourceTexts(ids, SourceBytes.read(ids, loaded))


def test_texts_kept_as_bytes_decode_to_the_texts_read():
    texts = read_as_bytes(["ascii", "wide", "gone"])
    assert dict(texts) == TEXTS
    assert "gone" not in texts
    assert len(texts) == 2


def test_texts_kept_as_bytes_are_not_encoded_again():
    ids = ["wide", "gone"]
    texts = read_as_bytes(ids)
    assert SourceBytes.of(ids, texts) is texts.encoded
    assert SourceBytes.of(["gone", "wide"], texts) is not texts.encoded


@pytest.mark.parametrize("column", ["span_matches", "source_sha_ok"])
def test_a_batch_from_texts_kept_as_bytes_is_the_same(column):
    from_bytes = build_batch(BATCH_CLAIMS, BATCH_SOURCES, read_as_bytes(["wide", "gone"]),
                             [column])
    from_strings = build_batch(BATCH_CLAIMS, BATCH_SOURCES, TEXTS, [column])
    pd.testing.assert_series_equal(from_bytes[column], from_strings[column])


def test_distinct_ids_stay_arrow_strings_not_python_ones():
    ids = id_category(pd.Series(["c1", "c2", "c3"], dtype="str"))
    assert ids.categories.dtype == TEXT
    assert list(ids.categories) == ["c1", "c2", "c3"]
