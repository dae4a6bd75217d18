"""Records written column by column are the csv module's, byte for byte."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.csvwrite import RawRecords, _quoted, serialise, serialise_columns
from provenance.errors import UsageError

CELL = st.text(alphabet=st.sampled_from(['a', ' ', ',', '"', '\r', '\n', 'é', '€', '𝄞',
                                         '\u2028', '\x1c', '0']), max_size=6)


def as_columns(rows: list[list[str]], width: int) -> list[np.ndarray]:
    """The rows' cells as one object array per column."""
    columns = [np.empty(len(rows), dtype=object) for _ in range(width)]
    for index, row in enumerate(rows):
        for column, cell in zip(columns, row, strict=True):
            column[index] = cell
    return columns


@given(st.integers(0, 4).flatmap(lambda width: st.tuples(
           st.just(width), st.lists(st.lists(CELL, min_size=width, max_size=width),
                                    max_size=8))),
       st.sampled_from(["\n", "\r\n"]), st.data())
def test_records_built_column_by_column_are_the_csv_modules(table, newline, data):
    width, rows = table
    picked = sorted(data.draw(st.sets(st.integers(0, max(len(rows) - 1, 0)))
                              if rows else st.just(set())))
    columns = as_columns(rows, width)
    expected = serialise([rows[i] for i in picked], newline, "claims.csv")
    assert serialise_columns(columns, np.array(picked, dtype=np.int64), newline,
                             "claims.csv") == expected


@pytest.mark.parametrize("cells", [["a", "b\x00"], ["\x00"], ["x", "\x00y", "z"]])
def test_a_nul_in_a_column_is_refused_in_one_line(cells):
    column = np.array(cells, dtype=object)
    with pytest.raises(UsageError, match="claims.csv: a cell holds a NUL character"):
        serialise_columns([column], np.arange(len(cells)), "\n", "claims.csv")


def test_cells_that_are_not_str_are_written_as_the_csv_module_writes_them():
    columns = [np.array(["a", 1.5, None], dtype=object), np.array([3, "b,c", ""], dtype=object)]
    assert serialise_columns(columns, np.arange(3), "\n", "claims.csv") == [
        "a,3\n", '1.5,"b,c"\n', ",\n"]


def test_cells_without_marks_are_taken_as_they_are_not_rebuilt():
    """Only the cells holding a comma, a quote or a line break are quoted anew; every
    other cell is the object read (a column without marks is never looked at cell by cell)."""
    marked = np.array(["a,b" if i % 2 else f"a{i}" for i in range(1000)], dtype=object)
    quoted = _quoted(marked, "claims.csv")
    assert quoted[:2] == ["a0", '"a,b"']
    assert all(quoted[i] is marked[i] for i in range(0, 1000, 2))


def test_records_written_anew_go_out_together_not_one_piece_each():
    old = RawRecords("a\nb\n", np.array([0, 2, 4]))
    fresh = {i: f"n{i}\n" for i in (1, 2, 3, 5)}
    raw = old.kept(np.array([0, -1, -1, -1, 1, -1]), fresh, "\n")
    assert list(raw.pieces()) == ["a\n", "n1\nn2\nn3\n", "b\n", "n5\n"]
