"""Saving, re-anchoring and exporting a large ledger: the file goes out in blocks as it is
made, never as one string and its bytes, and a save looks at the rows that changed."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance import csvio, csvwrite, transaction
from provenance import reanchor as reanchor_module
from provenance.atomic import write_atomic
from provenance.cli import main
from provenance.errors import LedgerFormatError
from provenance.export import export_spreadsheet_safe
from provenance.ledger import load_ledger
from provenance.reanchor import apply_reanchor, reanchor_ledger
from tests.tiny_ledger import fictional_ledger

OUTLET = "The Daily Fictional (FICTIONAL)"
TEXT = "The Daily Fictional (FICTIONAL) says about 150 troops reached Testville.\n"
QUOTE = "about 150 troops"
CLAIMS = 20_000  # more than a MiB: read by Arrow, as a million claims are
BLOCK = 4096


@pytest.fixture
def large_ledger(tmp_path):
    start = TEXT.index(QUOTE)
    claims = [[f"f-{i:05d}", "f", f"testville.k{i % 97}", "quantity", QUOTE, str(start),
               str(start + len(QUOTE)), "officials", "confirmed", f"note {i}, kept"]
              for i in range(CLAIMS)]
    return fictional_ledger(tmp_path / "large", {"f": (OUTLET, "2024-11-18", TEXT)}, claims)


@pytest.fixture
def staged(monkeypatch):
    """The data each staged file was given (bytes, or the list of its blocks)."""
    seen: list[bytes | list[bytes]] = []
    real = transaction.staged_temp

    def spy(path, data):
        seen.append(data if isinstance(data, bytes) else list(data))
        return real(path, seen[-1])

    monkeypatch.setattr(transaction, "staged_temp", spy)
    monkeypatch.setattr(csvwrite, "PIECE_CHARS", BLOCK)
    return seen


def test_a_saved_ledger_goes_to_disk_in_blocks_not_as_the_whole_file(large_ledger, staged):
    before = (large_ledger / "claims.csv").read_bytes()
    ledger = load_ledger(large_ledger, strict=False)
    ledger.claims.loc[7, "note"] = "edited"
    assert ledger.save(reread=False)
    (blocks,) = staged
    assert isinstance(blocks, list) and max(map(len, blocks)) < len(before) / 50
    assert (large_ledger / "claims.csv").read_bytes() == before.replace(
        b'"note 7, kept"', b"edited")


def test_saving_one_edit_allocates_far_less_than_the_file(large_ledger, monkeypatch):
    monkeypatch.setattr(csvwrite, "PIECE_CHARS", BLOCK)
    size = (large_ledger / "claims.csv").stat().st_size
    ledger = load_ledger(large_ledger, strict=False)
    ledger.claims.loc[7, "note"] = "edited"
    tracemalloc.start()
    try:
        assert ledger.save(reread=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < size / 2


def test_the_table_of_a_written_file_keeps_the_text_read_not_a_copy(large_ledger):
    ledger = load_ledger(large_ledger, strict=False)
    read = ledger.claims_table
    ledger.claims.loc[7, "note"] = "edited"
    assert ledger.save()
    written = ledger.claims_table
    assert written.raw._text is read.raw._text
    assert list(written.raw) == list(csvio.read_table(large_ledger / "claims.csv").raw)


def test_an_export_goes_to_disk_in_blocks_with_formulas_neutralised(large_ledger, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setattr(csvwrite, "PIECE_CHARS", BLOCK)
    written: list[bytes | list[bytes]] = []

    def spy(path, data):
        written.append(data if isinstance(data, bytes) else list(data))
        return write_atomic(path, written[-1])

    monkeypatch.setattr("provenance.export.write_atomic", spy)
    ledger = load_ledger(large_ledger, strict=False)
    ledger.claims.loc[3, "attributed_to"] = "=HYPERLINK(1)"
    output = tmp_path / "safe.csv"
    assert export_spreadsheet_safe(ledger, output) == 1
    (blocks,) = written
    assert isinstance(blocks, list) and max(map(len, blocks)) < output.stat().st_size / 50
    assert output.read_bytes() == (large_ledger / "claims.csv").read_bytes().replace(
        b"officials,confirmed,\"note 3, kept\"", b"'=HYPERLINK(1),confirmed,\"note 3, kept\"")


def test_re_anchoring_keeps_object_cells_and_shares_the_columns_it_leaves():
    start, end = TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE)
    claims = pd.DataFrame({"claim_id": ["a-01", "b-01"], "source_id": ["a", "b"],
                           "quote": [QUOTE, "x"], "start": [str(start), "0"],
                           "end": [str(end), "1"],
                           "status": ["confirmed", "confirmed"], "note": ["kept", ""]},
                          dtype=object)
    sources = pd.DataFrame({"source_id": ["a", "b"], "sha256": ["", ""]})
    report = reanchor_ledger(claims, sources, None, {"a": "New first line.\n" + TEXT})
    out = apply_reanchor(claims, report)
    assert all(dtype == np.dtype(object) for dtype in out.dtypes)
    assert out.loc[0, "start"] == str(TEXT.index(QUOTE) + len("New first line.\n"))
    assert np.shares_memory(out["note"].to_numpy(), claims["note"].to_numpy())
    assert claims.loc[0, "start"] == str(start)


TEN_MILLION_CLAIMS = 10_000_000 * 150  # bytes: the benchmark's claims take about 150 each


def test_the_exact_limit_fits_ten_million_claims_on_an_idle_24_gib_machine(monkeypatch):
    monkeypatch.delenv(csvio.LIMIT_VARIABLE, raising=False)
    monkeypatch.setattr(csvio, "available_memory", lambda: 22 * 2**30)
    assert csvio.exact_limit() > TEN_MILLION_CLAIMS


def test_a_claims_file_beyond_any_memory_is_refused_in_one_line_unread(tmp_path, monkeypatch):
    monkeypatch.delenv(csvio.LIMIT_VARIABLE, raising=False)
    path = tmp_path / "claims.csv"
    with path.open("wb") as handle:
        handle.truncate(2**40)  # sparse: a TiB of nothing
    with pytest.raises(LedgerFormatError) as caught:
        csvio.read_table(path, "claims.csv")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("claims.csv: file is 1048576.0 MiB; exact "
                                        "reading is limited to")


RECORDS = ['1,"a"\n', "1,a\n", "1\n", "1,\n", '"2","b, c"\n', "3,d\r\n", '4,"e\nf"\n', "5,g"]


def _reference(raw: list[str], old: list[list[str]], rows: list[list[str]]) -> str:
    """What a write must give: each row the raw text of the first unused old record with its
    cells, else the row as the csv module writes it; a line end after a record that had none."""
    return _by_origin(raw, old, rows, [-1] * len(rows))


def _by_origin(raw: list[str], old: list[list[str]], rows: list[list[str]],
               origins: list[int]) -> str:
    """What a write of rows read from ``origins`` must give: a row whose cells are still
    its origin's (the first row naming it) takes that record's raw text; each other row the
    first unused record with its cells, else it is written anew."""
    taken: dict[int, int] = {}
    for index, (row, origin) in enumerate(zip(rows, origins, strict=True)):
        if 0 <= origin < len(old) and origin not in taken.values() and old[origin] == row:
            taken[index] = origin
    unused = [i for i in range(len(old)) if i not in taken.values()]
    pieces = []
    for index, row in enumerate(rows):
        at = taken.get(index, next((i for i in unused if old[i] == row), None))
        if index not in taken and at is not None:
            unused.remove(at)
        pieces.append(csvwrite.serialise([row], "\n", "t.csv")[0] if at is None else raw[at])
    return "x,y\n" + "".join(p if p.endswith("\n") or i == len(pieces) - 1 else p + "\n"
                             for i, p in enumerate(pieces))


def _picked(records: list[str], picks: list[int], edits: list[tuple[int, str]]):
    """A table of ``records``, its rows, and rows picked from them (by number, wrapping
    around) with ``edits`` made."""
    table = csvio.parse("x,y\n" + "".join(records), "t.csv")
    old = table.rows
    rows = [list(old[i % len(old)]) for i in picks]
    for at, cell in edits:
        if rows:
            rows[at % len(rows)][at % 2] = cell
    return table, old, rows


TABLES = st.lists(st.sampled_from(RECORDS[:-1]), max_size=6).map(lambda r: r + RECORDS[-1:])
EDITS = st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["1", "a", "z", ""])), max_size=2)


@settings(max_examples=200)
@given(records=TABLES, picks=st.lists(st.integers(0, 7), max_size=8), edits=EDITS)
def test_rows_kept_moved_dropped_or_repeated_keep_their_records_text(records, picks, edits):
    table, old, rows = _picked(records, picks, edits)
    assert table.dump(table.header, rows) == _reference(list(table.raw), old, rows).encode()


@settings(max_examples=200)
@given(records=TABLES, picks=st.lists(st.integers(-1, 8), max_size=8), edits=EDITS)
def test_rows_moved_from_known_records_keep_those_records_text(records, picks, edits):
    table, old, rows = _picked(records, picks, edits)
    columns = csvwrite.columns_of(rows, 2, "t.csv")
    moved = csvwrite.Columns(columns.arrays, len(rows), np.array(picks, dtype=np.int64))
    assert table.dump(table.header, moved) == _by_origin(list(table.raw), old, rows,
                                                          picks).encode()


def test_a_save_after_sorting_keeps_every_moved_rows_text_without_matching_rows(
        large_ledger, monkeypatch):
    ledger = load_ledger(large_ledger)
    before = (large_ledger / "claims.csv").read_bytes()
    ledger.claims = ledger.claims.iloc[::-1]
    monkeypatch.setattr(csvwrite, "_matched", _never)
    ledger.save()
    records = before.decode().splitlines(keepends=True)
    assert (large_ledger / "claims.csv").read_bytes().decode() == "".join(
        [records[0], *records[:0:-1]])


def _never(*_args):
    raise AssertionError("rows matched cell by cell")


def test_the_reanchor_command_hashes_an_unchanged_source_once(tmp_path, monkeypatch):
    start = TEXT.index(QUOTE)
    claims = [[f"{sid}-01", sid, "testville.size", "quantity", QUOTE, str(start),
               str(start + len(QUOTE)), "", "confirmed", ""] for sid in ("f", "g")]
    root = fictional_ledger(tmp_path / "two", {sid: (OUTLET, "2024-11-18", TEXT)
                                               for sid in ("f", "g")}, claims)
    (root / "sources" / "g.txt").write_text("A new first line.\n" + TEXT, encoding="utf-8")
    hashed = []
    real = reanchor_module.text_sha256
    monkeypatch.setattr(reanchor_module, "text_sha256", lambda text: hashed.append(text)
                        or real(text))
    assert main(["reanchor", "--ledger", str(root)]) == 0
    assert hashed.count(TEXT) == 1
