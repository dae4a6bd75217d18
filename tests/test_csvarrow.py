"""The exact reader's Arrow path reads every file it accepts as the csv module reads it."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import csvarrow
from provenance.csvarrow import arrow_records
from provenance.csvio import parse


def both_ways(text: str):
    """``text`` parsed by the Arrow path (None when it declines) and by the csv module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvarrow, "FAST_MIN_BYTES", 0)
        fast = arrow_records(text.encode("utf-8"), text)
        arrow_table = parse(text, "t.csv")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvarrow, "FAST_MIN_BYTES", 1 << 62)
        exact = parse(text, "t.csv")
    return fast, arrow_table, exact


def same_table(a, b) -> bool:
    return (a.header, a.rows, list(a.raw), a.lines, a.raw_header, a.newline) == (
        b.header, b.rows, list(b.raw), b.lines, b.raw_header, b.newline)


cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r"), max_size=8) | (
    st.lists(st.sampled_from(["\n", "\r\n", '"', ",", " ", "a", "é", "\t"]), max_size=5)
    .map("".join)
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=3, max_size=3), max_size=8),
       newline=st.sampled_from(["\n", "\r\n"]), blank=st.integers(0, 8))
def test_arrow_reads_what_the_csv_module_reads(rows, newline, blank):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([["x", "y", "z"], *rows])
    text = buffer.getvalue()
    if rows and blank:  # a blank line after some record, which stays with it
        lines = text.split(newline)
        at = min(blank, len(lines) - 1)
        text = newline.join([*lines[:at], "", *lines[at:]])
    fast, arrow_table, exact = both_ways(text)
    assert same_table(arrow_table, exact)
    if '"' not in text.replace('""', ""):  # nothing quoted: Arrow never declines
        assert fast is not None


@pytest.mark.parametrize("text", [
    "x,y\n1,2\r3,4\n",        # a lone carriage return
    'x,y\n1,a"b\n',           # a quote mark inside an unquoted field
    'x,y\n1,"a"b\n',          # text after a closing quote mark
    "x,y\n1\n",               # a record shorter than the header
    "\nx,y\n1,2\n",           # a blank first line
    'x,y\n1,"2\n',            # an unclosed quote
    "x\n1\n",                 # one column (blank lines would be rows)
])
def test_arrow_declines_where_it_may_read_otherwise(text, monkeypatch):
    monkeypatch.setattr(csvarrow, "FAST_MIN_BYTES", 0)
    assert arrow_records(text.encode("utf-8"), text) is None


def test_a_large_plain_file_is_read_by_arrow_not_the_csv_module(monkeypatch):
    rows = "".join(f"c{i},s{i % 7},\"a quote, with a comma\"\n" for i in range(40_000))
    text = "claim_id,source_id,quote\n" + rows
    assert len(text) > csvarrow.FAST_MIN_BYTES

    def refuse(*args, **kwargs):
        raise AssertionError("the csv module read the records")

    monkeypatch.setattr("provenance.csvio._gather", refuse)  # the csv path's cell gatherer
    table = parse(text, "claims.csv")
    assert len(table.lines) == 40_000
    assert table.rows[-1] == ["c39999", "s1", "a quote, with a comma"]
    assert table.dump(table.header, table.rows) == text.encode("utf-8")


def test_equal_cells_of_a_column_with_few_distinct_ones_are_one_string(monkeypatch):
    monkeypatch.setattr(csvarrow, "FAST_MIN_BYTES", 0)
    text = "claim_id,status\n" + "".join(f"c{i},confirmed\n" for i in range(1_000))
    claim_ids, statuses = arrow_records(text.encode("utf-8"), text).columns
    assert len({id(cell) for cell in statuses}) == 1
    assert list(claim_ids) == [f"c{i}" for i in range(1_000)]


@pytest.mark.parametrize("header", [
    'x,"y\nz"',          # a line feed inside a header cell: the first line still shows two
    'x,"y\n,z",w',       # the first line shows two cells of three
    '"x\ny",z',          # the first line shows one cell of two
    '"x,\n",y,z',        # a comma and a line feed inside the first cell
])
def test_a_header_whose_first_line_hides_its_width_is_read_as_the_csv_module_reads_it(header):
    width = len(next(csv.reader(io.StringIO(header))))
    text = f"{header}\n" + "".join(",".join([str(i)] + ["b"] * (width - 1)) + "\n"
                                   for i in range(9))
    fast, arrow_table, exact = both_ways(text)
    assert fast is not None
    assert same_table(arrow_table, exact)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=40),
       newline=st.sampled_from(["\n", "\r\n"]), ended=st.booleans(),
       block=st.integers(16, 256))
def test_a_file_parsed_in_many_pieces_reads_as_the_csv_module_reads_it(rows, newline, ended,
                                                                        block):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([["x", "y", "z"], *rows])
    text = buffer.getvalue() if ended else buffer.getvalue().removesuffix(newline)
    with pytest.MonkeyPatch.context() as patch:  # pieces of a few records, or of one
        patch.setattr(csvarrow, "ARROW_BLOCK_BYTES", block)
        fast, arrow_table, exact = both_ways(text)
    assert same_table(arrow_table, exact)
    if not any('"' in cell for row in rows for cell in row):  # Arrow never declines
        assert fast is not None


def test_a_last_record_without_a_line_end_may_hold_line_feeds(monkeypatch):
    monkeypatch.setattr(csvarrow, "FAST_MIN_BYTES", 0)
    text = 'x,y\n1,"a\nb"\n2,"c\nd"'
    assert arrow_records(text.encode("utf-8"), text).columns[1].tolist() == ["a\nb", "c\nd"]
