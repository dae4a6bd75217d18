"""Bulk paths: sources indexed once, validate's column screen agreeing with its row rules,
the exact reader's memory-sized limit."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import strategies as st

import provenance.csvio as csvio
from provenance.errors import LedgerFormatError
from provenance.ledger import Ledger, load_ledger
from provenance.sources import sha256_hex
from provenance.validate import validate_loaded
from tests.conftest import FIXTURES

TEXT = (FIXTURES / "mini" / "sources" / "daily.txt").read_text(encoding="utf-8")
SUNDAY = TEXT.index("on Sunday")
HEADER = ["claim_id", "source_id", "fact_key", "kind", "quote", "start", "end", "status",
          "qualifier", "value", "low", "high", "date_low", "date_high", "ambiguous", "note",
          "occurrence"]


def write_ledger(folder: Path, header: list[str], rows: list[list[str]]) -> Path:
    """The mini ledger's sources with ``rows`` as its claims."""
    shutil.copytree(FIXTURES / "mini" / "sources", folder / "sources")
    with (folder / "claims.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    return folder


def many_sources(folder: Path, sources: int, per_source: int) -> Path:
    """A ledger of ``sources`` fictional sources, each quoted ``per_source`` times (half
    the claims with offsets, half for fill to anchor)."""
    (folder / "sources").mkdir(parents=True)
    registry, claims = [], []
    for s in range(sources):
        text = "".join(f"Officials said {s * 100 + k:,} troops crossed. "
                       for k in range(per_source))
        (folder / "sources" / f"s{s}.txt").write_text(text, encoding="utf-8")
        registry.append([f"s{s}", f"The Fictional Outlet {s} (FICTIONAL)", "2024-11-18", "",
                         f"s{s}.txt", "", "", "", sha256_hex(text.encode())])
        for k in range(per_source):
            quote = f"{s * 100 + k:,} troops"
            start = text.index(quote)
            offsets = [str(start), str(start + len(quote))] if k % 2 else ["", ""]
            claims.append([f"s{s}-{k}", f"s{s}", f"topic.k{k}", "quantity", quote, *offsets,
                           "confirmed", *[""] * 8])
    with (folder / "sources" / "sources.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(
            [["source_id", "outlet", "published", "published_note", "path", "title", "byline",
              "url", "sha256"], *registry])
    with (folder / "claims.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([HEADER[:-1], *claims])
    return folder


def test_validate_of_2000_sources_looks_each_source_up_without_a_scan(tmp_path, monkeypatch):
    ledger = load_ledger(many_sources(tmp_path / "ledger", 2000, 4), strict=False)
    builds, lookups = [], []
    index = Ledger.source_rows
    row = Ledger._row

    def counted_index(self):
        if self._index is None or self._index[0] is not self.sources:
            builds.append(1)
        return index(self)

    def counted_row(self, source_id):
        lookups.append(source_id)
        return row(self, source_id)

    monkeypatch.setattr(Ledger, "source_rows", counted_index)
    monkeypatch.setattr(Ledger, "_row", counted_row)
    report = validate_loaded(ledger)
    assert report.ok, report.findings[:3]
    assert len(builds) <= 1
    assert len(lookups) <= 2000  # per source at most, never per claim (8,000 claims)


def test_reassigning_the_sources_renews_their_index(mini_ledger):
    ledger = load_ledger(mini_ledger)
    assert ledger.source("daily")["outlet"] == "The Daily Example (FICTIONAL)"
    ledger.sources = ledger.sources.assign(outlet="The Weekly Example (FICTIONAL)")
    assert ledger.source("daily")["outlet"] == "The Weekly Example (FICTIONAL)"


CELLS = {
    "claim_id": ["daily-01", "daily-01", "daily-02", "", " "],
    "source_id": ["daily", "daily", "ghost", "", " daily"],
    "fact_key": ["crossing.date", "", "Crossing.Date", " ", "a..b"],
    "kind": ["", "date", "quantity", "number"],
    "quote": ["on Sunday", "on Sunday", "the troops had crossed", "Officials said", "",
              "  ", "on  Sunday", "nowhere in the text"],
    "start": ["", "", str(SUNDAY), str(SUNDAY + 1), "abc", "-5", " 12", "\u0661\u0662",
              "99999", "0"],
    "end": ["", str(SUNDAY + 9), str(SUNDAY + 10), "5", "x", "99999", "0"],
    "status": ["", "confirmed", "candidate", "orphaned", "approved"],
    "qualifier": ["", "exact"],
    "value": ["", "1", "2.5", "nan", "inf", " 3 ", "1e999", "x", "1_0", "1e30"],
    "low": ["", "1", "5", "-2", "nan", "-2e19"],
    "high": ["", "1", "3", "abc", "5e18"],
    "date_low": ["", "2024-01-05", "2024-02-30", " 2024-01-05", "2024-1-5"],
    "date_high": ["", "2024-01-04", "2024-01-05", "x"],
    "ambiguous": ["", "true", "false", "yes"],
    "note": ["", "=SUM(A1)", "-5", "+x", "@a", "\tfoo", "- dash", "plain"],
    "occurrence": ["", "1", "2", "0", "x", " "],
}
ROW = st.fixed_dictionaries({c: st.sampled_from(v) for c, v in CELLS.items()})


def test_the_exact_limit_follows_the_memory_available(monkeypatch):
    monkeypatch.delenv(csvio.LIMIT_VARIABLE, raising=False)
    monkeypatch.setattr(csvio, "available_memory", lambda: 300 * csvio.MEMORY_PER_BYTE * 2**20)
    assert csvio.exact_limit() == 300 * 2**20
    monkeypatch.setattr(csvio, "available_memory", lambda: 0)
    assert csvio.exact_limit() == csvio.MIN_EXACT_MB * 2**20
    monkeypatch.setenv(csvio.LIMIT_VARIABLE, "5")
    assert csvio.exact_limit() == 5 * 2**20


def test_a_file_beyond_the_memory_available_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv(csvio.LIMIT_VARIABLE, raising=False)
    monkeypatch.setattr(csvio, "MIN_EXACT_MB", 0)
    monkeypatch.setattr(csvio, "available_memory", lambda: csvio.MEMORY_PER_BYTE * 2**20)
    path = tmp_path / "claims.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 2**19)
    with pytest.raises(LedgerFormatError, match="exact reading is limited to 1 MiB"):
        csvio.read_table(path, "claims.csv")


def test_the_checks_reader_holds_a_ten_million_claim_ledger_on_an_idle_24_gib_machine(
        monkeypatch):
    monkeypatch.delenv(csvio.LIMIT_VARIABLE, raising=False)
    monkeypatch.setattr(csvio, "available_memory", lambda: 22 * 2**30)
    assert csvio.frame_limit() > 1_500 * 2**20  # 10M claims as check_scale.py writes them


def test_a_file_beyond_what_the_checks_reader_holds_is_refused_in_one_line(tmp_path,
                                                                           monkeypatch):
    monkeypatch.delenv(csvio.LIMIT_VARIABLE, raising=False)
    monkeypatch.setattr(csvio, "MIN_EXACT_MB", 0)
    monkeypatch.setattr(csvio, "available_memory", lambda: csvio.FRAME_MEMORY_PER_BYTE * 2**20)
    path = tmp_path / "claims.csv"
    path.write_bytes(b"claim_id,source_id\n" + b"a,b\n" * 2**19)
    with pytest.raises(LedgerFormatError, match="reading is limited to 1 MiB"):
        csvio.read_frame(path)


def test_a_figure_beyond_the_largest_read_is_not_screened_out(seed_ledger):
    ledger = load_ledger(seed_ledger, strict=False)
    ledger.claims.loc[ledger.claims["value"].ne("").idxmax(), "value"] = "1e30"
    slugs = [f.slug for f in validate_loaded(ledger).findings]
    assert slugs == ["number-out-of-range"]


def test_the_rules_take_the_columns_arrow_read_and_convert_only_those_edited(tmp_path,
                                                                            monkeypatch):
    from provenance import claim_rules, csvarrow

    monkeypatch.setattr(csvarrow, "FAST_MIN_BYTES", 0)  # a small file read as a large one
    rows = [[f"c{i}", "daily", "topic.k", "quantity", "1 troop"] + [""] * (len(HEADER) - 5)
            for i in range(50)]
    ledger = load_ledger(write_ledger(tmp_path, HEADER, rows), strict=False, checked=True)
    converted = []
    real = claim_rules.arrow_text
    monkeypatch.setattr(claim_rules, "arrow_text",
                        lambda column: converted.append(column.name) or real(column))
    ledger.claims.loc[3, "quote"] = "2 troops"
    assert claim_rules.Cells(ledger)["quote"].to_pylist()[2:5] == ["1 troop", "2 troops",
                                                                   "1 troop"]
    assert converted == ["quote"]
    assert ledger.claims_table.arrow is None  # handed over once, then let go


def test_a_ledger_not_loaded_to_be_checked_keeps_no_arrow_cells(tmp_path, monkeypatch):
    from provenance import csvarrow

    monkeypatch.setattr(csvarrow, "FAST_MIN_BYTES", 0)
    rows = [[f"c{i}", "daily"] + [""] * (len(HEADER) - 2) for i in range(50)]
    assert load_ledger(write_ledger(tmp_path, HEADER, rows), strict=False).claims_table.arrow \
        is None
