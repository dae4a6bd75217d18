"""validate's rules over whole columns (claim_rules.py, span_rules.py) and its one read of a
ledger (validate_load.py): the same findings however the ledger was read, each rule
asked once per distinct cell or source, never per claim."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from provenance import claim_rules, csvarrow, span_rules
from provenance.claim_rules import Cells, blank, distinct, read_distinct
from provenance.csvio import cell_position
from provenance.ledger import load_ledger
from provenance.plain_cells import matches, plain_numbers
from provenance.rules import PLAIN_NUMBER, is_offset
from provenance.validate import check_claims, plain_columns, validate_ledger, validate_loaded
from provenance.validate_load import Records, load_for_validate
from tests.test_bulk_paths import HEADER, ROW, many_sources, write_ledger

ROWS = st.lists(ROW.map(lambda row: [row[c] for c in HEADER]), min_size=1, max_size=8)
WHITE = ["", " ", "\t", "\x1c", "\x1f", "\x85", "\xa0", "\u2028", "\u3000", " \n "]
NOT_WHITE = ["a", " a ", "\u200b", "\x00", "é", "\ufeff", "-"]


def text(cells: list[str]) -> pa.ChunkedArray:
    return pa.chunked_array([pa.array(cells, pa.large_string())])


@pytest.mark.parametrize("cell", WHITE + NOT_WHITE)
def test_blank_is_what_str_strip_leaves_empty(cell):
    assert blank(text([cell, "x"])).tolist() == [not cell.strip(), False]


def test_a_rule_function_is_asked_once_per_distinct_cell():
    asked = []
    found = distinct(text(["a", "b", "a", "c", "a"]), lambda c: asked.append(c) or c == "a",
                     np.array([True, True, True, False, True]))
    assert found.tolist() == [True, False, True, False, True]
    assert sorted(asked) == ["a", "b"]


NUMBER_CELLS = st.text(st.sampled_from("0123456789-.e \u0661x"), max_size=8) | st.sampled_from(
    ["1" * 300, "1" * 301, "-" + "1" * 300, "1" * 301 + ".5", "\u0661\u0662"])


@settings(deadline=None)
@given(st.lists(NUMBER_CELLS, max_size=12))
def test_plain_numbers_are_the_cells_the_pattern_matches(cells):
    assert plain_numbers(text(cells)).tolist() == matches(text(cells), PLAIN_NUMBER).tolist()


def test_cells_left_out_are_not_read():
    read = read_distinct(text(["1", "x", "1"]), int, np.array([True, False, True]))
    assert read.tolist() == [1, None, 1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS)
def test_each_row_checked_alone_finds_what_the_whole_ledger_finds_of_it(rows):
    with tempfile.TemporaryDirectory() as folder:
        ledger = load_ledger(write_ledger(Path(folder), HEADER, rows), strict=False)
        alone = [f for i in range(len(rows)) for f in check_claims(ledger, [i])]
        assert check_claims(ledger) == alone


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS)
def test_arrow_cells_and_the_csv_modules_give_the_same_findings(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = write_ledger(Path(folder), HEADER, rows)
        exact = validate_loaded(load_ledger(path, strict=False))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(csvarrow, "FAST_MIN_BYTES", 0)  # Arrow reads even a small file
            assert validate_ledger(path).findings == exact.findings


def test_a_large_claims_file_stays_arrow_strings(tmp_path):
    folder = many_sources(tmp_path / "ledger", 300, 60)
    assert (folder / "claims.csv").stat().st_size >= csvarrow.FAST_MIN_BYTES
    ledger, records = load_for_validate(folder)
    assert all(isinstance(ledger.claims[c].dtype, pd.StringDtype) for c in ledger.claims)
    assert ledger.claims_table is None  # read to look at, never saved
    assert records.line_of(0) == 2 and records.raw[0].startswith("s0-0,s0,")


PLACED_CELLS = st.text(st.sampled_from(["a", "é", "𝔠", ",", '"', "\n", " "]), max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(st.lists(PLACED_CELLS, min_size=len(HEADER),
                                        max_size=len(HEADER)), st.booleans()),
                     min_size=1, max_size=6))
def test_a_cell_is_placed_from_the_cells_lengths_where_the_walk_places_it(rows):
    """Records read as bytes: a field after unquoted ones is placed from the lengths of
    the cells before it, at the column the character walk finds (0 after a quoted one)."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_ledger(Path(folder), HEADER, [])
        with (path / "claims.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerow(HEADER)
            for cells, every in rows:  # some records with each field quoted
                csv.writer(handle, lineterminator="\n",
                           quoting=csv.QUOTE_ALL if every else csv.QUOTE_MINIMAL).writerow(cells)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(csvarrow, "FAST_MIN_BYTES", 0)
            ledger, records = load_for_validate(path)
        assert records.in_bytes
        cells = Cells(ledger, line_of=records.line_of)
        at = np.repeat(np.arange(len(rows)), len(HEADER))
        fields = np.tile(np.arange(len(HEADER)), len(rows))
        found = plain_columns(cells, records, at, at, fields)
        for row, field, column in zip(at.tolist(), fields.tolist(), found.tolist(),
                                      strict=True):
            cells_before, every = rows[row][0][:field], rows[row][1]
            quoted = (every and field > 0) or any(set(cell) & set(',"\n') for cell in cells_before)
            assert cell_position(records.raw[row], records.line_of(row), field) == (
                records.line_of(row), column) if not quoted else column == 0


def test_records_place_rows_read_and_none_other():
    records = Records([2, 3, 5], ["a\n", "b\n", "c\n"])
    assert [records.line_of(i) for i in (0, 2, 3, -1, "x")] == [2, 5, None, None, None]


def test_validate_reads_a_large_ledger_as_load_ledger_does(tmp_path):
    folder = many_sources(tmp_path / "ledger", 300, 60)
    claims = (folder / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    claims[5] = claims[5].replace(",confirmed,", ",approved,")
    claims[9] = claims[9].replace("s0,", "ghost,", 1)
    claims.insert(12, claims[11])  # a duplicate claim id
    (folder / "claims.csv").write_text("".join(claims), encoding="utf-8")
    report = validate_ledger(folder)
    assert {"bad-status", "unknown-source", "duplicate-claim-id"} <= set(report.slugs())
    assert report.findings == validate_loaded(load_ledger(folder, strict=False)).findings


def test_quotes_to_anchor_are_found_with_one_search_of_all_sources(tmp_path, monkeypatch):
    ledger = load_ledger(many_sources(tmp_path / "ledger", 2000, 4), strict=False)
    passes = []
    find = span_rules.exact_once_many
    monkeypatch.setattr(span_rules, "exact_once_many", lambda texts, quotes: passes.append(
        list(map(len, quotes))) or find(texts, quotes))
    assert validate_loaded(ledger).ok
    assert len(passes) == 1 and len(passes[0]) == 2000
    assert sum(passes[0]) == 4000  # 8,000 claims, half to anchor


def test_fills_check_anchors_no_quote_one_by_one(tmp_path, monkeypatch):
    """A quote found once in its source is not anchored again row by row, even one
    holding two figures (which the two-values screen flags)."""
    folder = write_ledger(tmp_path / "ledger", HEADER, [
        [f"daily-{i:02d}", "daily", "convoy.distance", "quantity",
         "about 190 miles — roughly 300 km", "", "", "candidate", *[""] * 9]
        for i in range(6)])
    located = []
    monkeypatch.setattr(span_rules, "locate", lambda *a: located.append(a))
    assert validate_loaded(load_ledger(folder, strict=False), warnings=False).findings == []
    assert located == []


def test_the_two_values_warning_reads_each_distinct_quote_once(tmp_path, monkeypatch):
    folder = write_ledger(tmp_path / "ledger", HEADER, [
        [f"daily-{i:02d}", "daily", "convoy.distance", "quantity",
         "about 190 miles — roughly 300 km", "", "", "candidate", *[""] * 9]
        for i in range(6)])
    read = []
    words = claim_rules.two_values_message
    monkeypatch.setattr(claim_rules, "two_values_message",
                        lambda q, k: read.append(q) or words(q, k))
    found = check_claims(load_ledger(folder, strict=False))
    assert [f.slug for f in found if f.slug == "quote-holds-two-values"] == [
        "quote-holds-two-values"] * 6
    assert read == ["about 190 miles — roughly 300 km"]


OFFSET_CELLS = ["7", "007", "1" * 18, "1" * 19, "9" * 30, " 7", "7 ", "\u0661\u0662", "-7",
                "7.0", "x", "\u00bd"]


@pytest.mark.parametrize("cell", OFFSET_CELLS)
@pytest.mark.parametrize("column", ["start", "end"])
def test_an_offset_cell_is_whole_exactly_when_is_offset_says_so(tmp_path, column, cell):
    offsets = {"start": "0", "end": "9", column: cell}
    folder = write_ledger(tmp_path / "ledger", HEADER, [
        ["daily-01", "daily", "crossing.date", "date", "on Sunday", offsets["start"],
         offsets["end"], "confirmed", *[""] * 9]])
    found = [f for f in validate_ledger(folder).findings if f.slug == "bad-offset"]
    assert [f.message.split()[0] for f in found] == ([] if is_offset(cell) else [column])


def test_unique_claim_ids_are_not_sorted_for_repeats(tmp_path, monkeypatch):
    """Claim ids that are all distinct (their count of distinct ids says so) are not
    searched for the first row of each repeated id."""
    ledger = load_ledger(many_sources(tmp_path / "ledger", 20, 10), strict=False)
    monkeypatch.setattr(np, "unique", lambda *a, **k: pytest.fail("searched for repeats"))
    assert "duplicate-claim-id" not in check_claims_slugs(ledger)


ID_CELLS = st.text(st.sampled_from(["a", "b", "\x00", "é", "\u20ac", "\U0001f600"]), max_size=7)


@settings(deadline=None)
@given(chunks=st.lists(st.lists(ID_CELLS, max_size=6), min_size=1, max_size=3),
       skip=st.integers(0, 2))
@example(chunks=[["a", "a\x00", ""]], skip=0)  # equal bytes but for the NUL: the length
def test_short_cells_are_distinct_exactly_when_no_two_are_equal(chunks, skip):
    column = pa.chunked_array([pa.array(chunk, pa.string()) for chunk in chunks],
                              pa.string())[skip:]  # a sliced first chunk too
    cells = column.to_pylist()
    short = all(len(cell.encode("utf-8")) <= claim_rules.SHORT_CELL_BYTES for cell in cells)
    assert claim_rules.short_and_distinct(column) == (short and len(set(cells)) == len(cells))


def check_claims_slugs(ledger) -> list[str]:
    return [finding.slug for finding in check_claims(ledger)]
