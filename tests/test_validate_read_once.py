"""validate's read of claims.csv: its bytes scanned once (quote marks, line feeds and the
places Arrow and the csv module may part found in one pass), cells tested on their first
byte, and Arrow's own strings never turned into Python objects to be screened."""

from __future__ import annotations

import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import claim_rules, csvarrow, csvio, quote_split
from provenance.ledger import load_ledger
from provenance.validate import validate_ledger
from tests.test_bulk_paths import many_sources

BYTES = st.lists(st.sampled_from([b'"', b",", b"\n", b"\r", b"\r\n", b"\x00", b"a", b"\xc3\xa9",
                                  b'""', b" "]), max_size=40).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(BYTES, st.integers(1, 9))
def test_one_scan_finds_what_quote_scan_and_a_search_for_each_byte_find(data, block):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvio, "SCAN_BYTES", block)  # blocks of every size meet every byte
        marks = csvio.byte_marks(np.frombuffer(data, dtype=np.uint8))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvio, "SCAN_BYTES", block)
        assert (marks.odd, marks.doubtful) == csvio.quote_scan(
            io.BufferedReader(io.BytesIO(data)))
    array = np.frombuffer(data, dtype=np.uint8)
    assert marks.quotes.tolist() == np.flatnonzero(array == ord('"')).tolist()
    assert marks.newlines.tolist() == np.flatnonzero(array == ord("\n")).tolist()


def test_validate_scans_a_large_claims_file_once(tmp_path, monkeypatch):
    folder = many_sources(tmp_path, sources=20, per_source=10)
    monkeypatch.setattr(csvarrow, "FAST_MIN_BYTES", 0)  # read by Arrow, as a large file is
    scans = []
    real = csvio.byte_marks
    monkeypatch.setattr(csvio, "byte_marks", lambda data: scans.append(len(data)) or real(data))
    monkeypatch.setattr(csvio, "quote_scan", lambda handle: pytest.fail("scanned again"))
    report = validate_ledger(folder)
    assert report.ok
    assert sorted(scans) == sorted((folder / name).stat().st_size  # each file once
                                   for name in ("claims.csv", "sources/sources.csv"))


CELLS = st.lists(st.text(max_size=4), max_size=12)


@settings(max_examples=300, deadline=None)
@given(CELLS, CELLS, st.integers(0, 3))
def test_first_bytes_are_each_cells_first_utf8_byte(one, two, cut):
    chunks = [pa.array(one, pa.large_string()), pa.array(two, pa.string())]
    text = pa.chunked_array([chunks[0].slice(min(cut, len(one))),
                             chunks[1].cast(pa.large_string())])
    cells = text.to_pylist()
    assert claim_rules.first_bytes(text).tolist() == [
        cell.encode()[0] if cell else -1 for cell in cells]


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_blank_is_not_cell_strip_for_any_text(cells):
    text = pa.chunked_array([pa.array(cells, pa.large_string())], pa.large_string())
    assert claim_rules.blank(text).tolist() == [not cell.strip() for cell in cells]


def test_the_two_values_screen_reads_arrow_quotes_without_python_objects(monkeypatch):
    quotes = pa.chunked_array([pa.array(["50 troops and 40 tanks", "5 troops"],
                                        pa.large_string()), pa.array(["3 and 4 tanks"],
                                                                     pa.large_string())])
    expected = quote_split.may_hold_two(quotes.to_pylist(), "quantity").tolist()
    real = pa.array

    def array(values, *args, **kwargs):
        assert not isinstance(values, pa.ChunkedArray), "a chunked array read through Python"
        return real(values, *args, **kwargs)

    monkeypatch.setattr(quote_split.pa, "array", array)
    assert quote_split.may_hold_two(quotes, "quantity").tolist() == expected == [
        True, False, True]


def test_each_columns_first_bytes_are_read_once_per_check(tmp_path, monkeypatch):
    """Several rules test a column's first bytes (empty, blank, formula-like): they are
    read from its Arrow buffers once."""
    folder = many_sources(tmp_path, sources=3, per_source=4)
    read = []
    real = claim_rules.first_bytes
    monkeypatch.setattr(claim_rules, "first_bytes", lambda text: read.append(text) or real(text))
    assert validate_ledger(folder).ok
    assert read and len({id(text) for text in read}) == len(read)


def test_two_rules_asking_for_a_columns_first_bytes_at_once_read_them_once(tmp_path,
                                                                          monkeypatch):
    """The rules run two at a time: the second asking waits for the first's reading."""
    cells = claim_rules.Cells(load_ledger(many_sources(tmp_path, sources=2, per_source=2)))
    read, real, both = [], claim_rules.first_bytes, threading.Barrier(2, timeout=10)

    def slow(text):
        read.append(text)
        time.sleep(0.2)  # the other thread asks meanwhile
        return real(text)

    monkeypatch.setattr(claim_rules, "first_bytes", slow)

    def ask(_):
        both.wait()
        return cells.first_bytes("quote")

    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(ask, range(2))
    assert len(read) == 1 and first is second


def test_a_large_claims_file_is_not_decoded_whole(tmp_path, monkeypatch):
    """Arrow checks the cells are UTF-8; only the records a finding is placed in are
    decoded, and the findings are placed as the exact reader places them (columns in
    code points, after text that is not ASCII)."""
    folder = many_sources(tmp_path, sources=300, per_source=60)
    claims = (folder / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    claims[7] = claims[7].replace("topic.", "Tópico.é.", 1)  # a fact key warning after é
    claims[8] = claims[8].replace(",confirmed,", ",apprové,")
    (folder / "claims.csv").write_text("".join(claims), encoding="utf-8")
    decoded = []
    real = csvio.decode
    monkeypatch.setattr(csvio, "decode", lambda data, name: decoded.append(name)
                        or real(data, name))
    report = validate_ledger(folder)
    assert "claims.csv" not in decoded
    monkeypatch.setattr(csvarrow, "FAST_MIN_BYTES", 1 << 40)  # the exact reader's places
    assert report.findings == validate_ledger(folder).findings
    assert {"fact-key-format", "bad-status"} <= set(report.slugs())
