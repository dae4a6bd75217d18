"""Exact CSV reading and byte-preserving writing."""

from __future__ import annotations

import csv
import io
import tempfile
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from provenance.csvio import (
    SCAN_BYTES,
    _quote_scan,
    frame_cells,
    parse,
    quote_scan,
    read_frame,
    read_table,
    table_of_bytes,
)
from provenance.errors import LedgerFormatError, UsageError

ROUND_TRIPS = {
    "lf": "a,b\n1,2\n",
    "crlf": "a,b\r\n1,2\r\n",
    "no final newline": "a,b\n1,2",
    "quoted newline": 'a,b\n1,"two\nlines"\n',
    "quoted newline crlf": 'a,b\r\n1,"two\r\nlines"\r\n',
    "needless quotes": '"a","b"\n"1","2"\n',
    "doubled quotes": 'a,b\n1,"say ""hi"""\n',
    "blank lines": "a,b\n1,2\n\n3,4\n\n",
    "unicode": "a,b\nمرحبا,👍🏽 e\u0301\u200b\n",
}


@pytest.mark.parametrize("text", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_unedited_table_dumps_to_the_same_text(text):
    table = parse(text, "t.csv")
    assert table.dump(table.header, table.rows) == text.encode("utf-8")


def test_bom_is_kept(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b\n1,2\n")
    table = read_table(path)
    assert table.header == ["a", "b"]
    assert table.dump(table.header, table.rows) == path.read_bytes()


def test_editing_one_row_rewrites_only_that_row():
    table = parse('"a","b"\n"1","2"\n"3","4"\n', "t.csv")
    rows = [row[:] for row in table.rows]
    rows[1][1] = "five"
    assert table.dump(table.header, rows) == b'"a","b"\n"1","2"\n3,five\n'


def test_new_rows_use_the_file_line_ending():
    table = parse("a,b\r\n1,2", "t.csv")
    assert table.dump(table.header, [*table.rows, ["3", "4"]]) == b"a,b\r\n1,2\r\n3,4\r\n"


def test_record_lines_count_embedded_newlines():
    table = parse('a,b\n1,"x\ny"\n2,3\n', "t.csv")
    assert table.lines == [2, 4]


ERRORS = [
    ('a,b\n1,"abc\n', 2, 3, "never closed"),
    ('a,b\n1,"abc"d\n', 2, 8, "after a closing quote"),
    ("a,b\n1,2,3\n", 2, 5, "row has 3 fields"),
    ("a,b,a\n", 1, 5, "duplicate column 'a'"),
    ("a,,b\n", 1, 3, "column 2 has an empty name"),
    ("", 1, 1, "empty file"),
    ("\n\n", 1, 1, "empty file"),
]


@pytest.mark.parametrize(("text", "line", "column", "words"), ERRORS)
def test_malformed_csv_names_line_and_column(text, line, column, words):
    with pytest.raises(LedgerFormatError) as caught:
        parse(text, "claims.csv")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert words in caught.value.message


def test_nul_bytes_are_refused_as_binary(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"a,b\n1,\x002\n")
    with pytest.raises(LedgerFormatError, match="binary"):
        read_table(path, "claims.csv")


def test_invalid_utf8_names_the_byte_position(tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"a,b\nx\xc3\xa9,\xff\n")
    with pytest.raises(LedgerFormatError) as caught:
        read_table(path, "claims.csv")
    assert (caught.value.line, caught.value.column) == (2, 4)


def test_oversized_file_is_refused_with_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr("provenance.csvio.MAX_EXACT_BYTES", 10)
    path = tmp_path / "claims.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    with pytest.raises(LedgerFormatError, match="exact reading is limited"):
        read_table(path, "claims.csv")


cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00\r"), max_size=12)


@given(
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), max_size=6),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_any_csv_round_trips_byte_for_byte(rows, quoting, newline):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=quoting, lineterminator=newline)
    writer.writerow(["x", "y", "z"])
    writer.writerows(rows)
    text = buffer.getvalue()
    table = parse(text, "t.csv")
    assert table.rows == rows
    assert table.dump(table.header, table.rows) == text.encode("utf-8")


FRAME_ERRORS = [
    (b"a,b\n1,2,3\n", 2, 5, "row has 3 fields"),
    (b'a,b\n1,"x\n', 2, 3, "never closed"),
    (b"a,b\n1,\xff\n", 2, 3, "not UTF-8"),
]


@pytest.mark.parametrize(("data", "line", "column", "words"), FRAME_ERRORS)
def test_fast_reader_is_as_strict_as_the_exact_one(tmp_path, data, line, column, words):
    path = tmp_path / "claims.csv"
    path.write_bytes(data)
    with pytest.raises(LedgerFormatError) as caught:
        read_frame(path, name="claims.csv")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert words in caught.value.message


@pytest.mark.parametrize(
    "data",
    [b'a,b\n1,"x\ny"\n', b"\xef\xbb\xbfa,b\n1,2\n", b'a,b\r\n1,"say ""hi"""\r\n', b"a,b\n,\n",
     b'a,b,c\n1,2,3\n4,"x\ny"\n'],
)
def test_fast_reader_reads_what_the_exact_reader_reads(tmp_path, data):
    path = tmp_path / "claims.csv"
    path.write_bytes(data)
    table = read_table(path)
    frame = read_frame(path)
    assert list(frame.columns) == table.header
    assert frame.astype(object).to_numpy().tolist() == table.rows


def scanned_as_utf8(data: bytes, block: int) -> bool:
    """Whether the fast reader's scan, reading ``block`` bytes at a time, finds ``data``
    UTF-8 (a file it does not find so is read exactly)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("provenance.csvio.SCAN_BYTES", block)
        return not quote_scan(io.BufferedReader(io.BytesIO(b"a\n" + data + b"\n")))[1]


@given(st.lists(st.sampled_from([b"a", b"\xe2\x82\xac", b"\xe2\x82", b"\xac", b"\xff",
                                 b"\xc3\xa9", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80"]),
                max_size=12).map(b"".join), st.integers(1, 8))
@example(b"\xe2\x82a\xac", 1)  # a character begun, an ASCII block, then its end
def test_the_scan_finds_bytes_utf8_as_python_does_whatever_its_blocks(data, block):
    try:
        data.decode("utf-8")
        expected = True
    except UnicodeDecodeError:
        expected = False
    assert scanned_as_utf8(data, block) == expected


def read_in_blocks(data: bytes, block: int) -> tuple[list[str], list[list[str]]]:
    """The fast reader's header and rows of ``data``, pyarrow reading ``block`` bytes at once."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "claims.csv"
        path.write_bytes(data)
        patch.setattr("provenance.csvio.BLOCK_BYTES", block)
        frame = read_frame(path)
        return list(frame.columns), frame.astype(object).to_numpy().tolist()


SPLIT_CRLF = b'a,b\n1,"' + b"x" * 24 + b'\r\ny"\n2,z\n'  # block 32 would end inside the CRLF


def test_fast_reader_keeps_a_quoted_crlf_that_a_block_would_split():
    assert read_in_blocks(SPLIT_CRLF, 32) == (["a", "b"], [["1", "x" * 24 + "\r\ny"], ["2", "z"]])


def test_fast_reader_refuses_a_file_whose_crlfs_meet_every_block_size(monkeypatch):
    monkeypatch.setattr("provenance.csvio.BLOCK_TRIES", 1)
    with pytest.raises(LedgerFormatError, match="save the file with LF line ends"):
        read_in_blocks(SPLIT_CRLF, 32)


cells = st.lists(st.sampled_from(["a", "b", " ", ",", '"', "\n", "\r\n"]), max_size=6).map("".join)


@given(st.lists(st.lists(cells, min_size=2, max_size=2), min_size=1, max_size=12),
       st.integers(96, 256), st.sampled_from(["\n", "\r\n"]))
def test_fast_reader_reads_multiline_values_whatever_its_blocks(rows, block, line_end):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows([["x", "y"], *rows])
    data = buffer.getvalue().encode()
    assert read_in_blocks(data, block) == (["x", "y"], rows)


def test_fast_reader_refuses_a_file_changed_while_it_was_read(tmp_path, monkeypatch):
    path = tmp_path / "claims.csv"
    path.write_bytes(b"a,b\n1,2\n")

    def edited_meanwhile(at: Path) -> tuple[bool, bool]:
        at.write_bytes(b"a,b\n1,2\n3,4\n")
        return False, False

    monkeypatch.setattr("provenance.csvio._quote_scan", edited_meanwhile)
    with pytest.raises(LedgerFormatError, match="changed while it was read"):
        read_frame(path, name="claims.csv")


def parity(data: bytes) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.csv"
        path.write_bytes(data)
        return _quote_scan(path)[0]


@given(st.binary())
def test_quote_parity_is_that_of_the_bytes(data):
    assert parity(data) == (data.count(b'"') % 2 == 1)


@pytest.mark.parametrize("at", [SCAN_BYTES - 1, SCAN_BYTES, 2 * SCAN_BYTES + 1])
def test_quote_parity_counts_across_blocks(at):
    data = bytearray(2 * SCAN_BYTES + 3)
    data[0] = data[at] = ord('"')
    assert not parity(bytes(data))
    data[-1] = ord('"')
    assert parity(bytes(data))


written_cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=10) | (
    st.lists(st.sampled_from(["\r", "\n", "\r\n", '"', ",", " ", "a", "\t"]), max_size=5)
    .map("".join)
)


@given(rows=st.lists(st.lists(written_cells, min_size=3, max_size=3), min_size=1, max_size=6),
       newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_every_cell_a_writer_emits_is_read_back_by_both_readers(rows, newline, bom):
    table = parse(f"x,y,z{newline}", "claims.csv", bom=bom)
    data = table.dump(table.header, rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.csv"
        path.write_bytes(data)
        assert read_table(path).rows == rows
        assert read_frame(path).astype(object).to_numpy().tolist() == rows


@pytest.mark.parametrize("cell", ["a\rb", "\r", "end\r", '"\r"'])
def test_a_lone_carriage_return_is_written_quoted(cell):
    table = parse("x,y\n", "claims.csv")
    assert table.dump(table.header, [[cell, "z"]]) == (
        "x,y\n" + '"' + cell.replace('"', '""') + '",z\n'
    ).encode()


def test_a_nul_cell_is_refused_not_written():
    table = parse("x,y\n", "claims.csv")
    with pytest.raises(UsageError, match="claims.csv: a cell holds a NUL character; not written"):
        table.dump(table.header, [["a\x00b", "z"]])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet='ab,"\r\n\x00 ', max_size=30))
def test_the_fast_reader_refuses_what_the_exact_reader_refuses_with_its_message(body):
    data = ("a,b\n" + body).encode()
    try:
        table_of_bytes(data, "claims.csv")
    except LedgerFormatError as exc:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "claims.csv"
            path.write_bytes(data)
            with pytest.raises(LedgerFormatError) as fast:
                read_frame(path, name="claims.csv")
        assert str(fast.value) == str(exc)


def test_frame_cells_keep_string_cells_and_convert_the_rest():
    frame = pd.DataFrame({"quote": np.array(["12,000 troops", "", "x"], dtype=object),
                          "note": np.array(["a", None, "c"], dtype=object),
                          "low": np.array([1.5, None, 2], dtype=object)}, dtype=object)
    header, rows = frame_cells(frame)
    assert header == ["quote", "note", "low"]
    assert rows == [["12,000 troops", "a", "1.5"], ["", "", ""], ["x", "c", "2"]]
    assert rows[0][0] is frame["quote"].to_numpy()[0]  # not copied (1M rows: 1.7 GB)
    assert frame_cells(frame.iloc[:0]) == (header, [])


def test_the_fast_reader_counts_quotes_while_arrow_parses(tmp_path, monkeypatch):
    import pyarrow.csv as pacsv

    path = tmp_path / "claims.csv"
    path.write_bytes(b'a,b\n1,"x\ny"\n')
    parsing, scanned, threads = threading.Event(), [], []
    read_csv, scan = pacsv.read_csv, _quote_scan

    def parse(*args, **kwargs):
        threads.append(kwargs["read_options"].use_threads)
        parsing.set()
        return read_csv(*args, **kwargs)

    def counted(at: Path) -> tuple[bool, bool]:
        scanned.append(parsing.wait(timeout=10))  # Arrow's parse has begun meanwhile
        return scan(at)

    monkeypatch.setattr(pacsv, "read_csv", parse)
    monkeypatch.setattr("provenance.csvio._quote_scan", counted)
    assert read_frame(path).astype(object).to_numpy().tolist() == [["1", "x\ny"]]
    assert scanned == [True]
    assert threads == [False]  # one thread of Arrow's beside the scan's
