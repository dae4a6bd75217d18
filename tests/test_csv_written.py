"""The table ``write_over`` returns is the file it wrote, as reading it back gives it."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.csvio import parse, read_table
from provenance.transaction import ledger_transaction

cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6) | (
    st.lists(st.sampled_from(["\r", "\n", "\r\n", '"', ",", " ", "a"]), max_size=4).map("".join)
)
FILES = ["x,y\n1,2\n\n3,4\n", "x,y\r\n1,\"a\r\nb\"\r\n3,4", "\ufeffx,y\n1\n2,3\n"]


@settings(max_examples=60, deadline=None)
@given(original=st.sampled_from(FILES),
       edits=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 1), cells), max_size=4),
       added=st.lists(st.lists(cells, min_size=2, max_size=2), max_size=2),
       header=st.sampled_from([["x", "y"], ["x", "y "]]))
def test_the_written_table_is_the_file_read_back(tmp_path_factory, original, edits, added,
                                                 header):
    folder = tmp_path_factory.mktemp("ledger")
    path = folder / "t.csv"
    path.write_bytes(original.encode("utf-8"))
    table = read_table(path, "t.csv")
    rows = table.rows
    for row, column, cell in edits:
        if row < len(rows):
            rows[row][column] = cell
    rows += added
    with ledger_transaction(folder) as tx:
        written = table.write_over(path, header, rows, tx=tx)
    if written is None:
        assert path.read_bytes() == original.encode("utf-8")
        return
    again = read_table(path, "t.csv")
    for field in ("header", "rows", "raw_header", "lines", "bom", "newline", "fingerprint"):
        assert getattr(written, field) == getattr(again, field), field
    assert list(written.raw) == list(again.raw)


def test_writing_does_not_parse_the_written_file(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["x", "y"], ["1", "2"]])
    path.write_text(buffer.getvalue())
    table = read_table(path)

    def refuse(*args, **kwargs):
        raise AssertionError("the written file was parsed again")

    monkeypatch.setattr("provenance.csvio.parse", refuse)
    with ledger_transaction(tmp_path) as tx:
        written = table.write_over(path, ["x", "y"], [["1", "two"]], tx=tx)
    assert written.rows == [["1", "two"]]
    assert parse(path.read_text(), "t.csv").rows == [["1", "two"]]
