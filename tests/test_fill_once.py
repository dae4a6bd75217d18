"""`fill` at scale: each quote is looked for once (its pre-check's finds are handed over),
the cells it writes stay Python strings as loaded, and a save that writes every row anew
reads the columns themselves."""

from __future__ import annotations

import importlib

import numpy as np

from provenance.csvio import read_table
from provenance.csvwrite import Columns, plan
from provenance.fill import fill
from provenance.ledger import load_ledger
from provenance.validate import validate_loaded
from tests.test_bulk_paths import many_sources

fill_bulk = importlib.import_module("provenance.fill_bulk")
span_rules = importlib.import_module("provenance.span_rules")


def searches(monkeypatch) -> list[str]:
    """The quotes given to a one-pass search (``exact_once_many`` by the pre-check,
    ``exact_once_each`` by fill)."""
    searched: list[str] = []
    many = span_rules.exact_once_many
    monkeypatch.setattr(span_rules, "exact_once_many", lambda texts, quotes: [
        searched.extend(wanted) for wanted in quotes] and many(texts, quotes))
    each = fill_bulk.exact_once_each
    monkeypatch.setattr(fill_bulk, "exact_once_each", lambda text, quotes:
                        searched.extend(quotes) or each(text, quotes))
    return searched


def test_a_fill_after_its_pre_check_looks_for_each_quote_once(tmp_path, monkeypatch):
    searched = searches(monkeypatch)
    ledger = load_ledger(many_sources(tmp_path / "ledger", 4, 10), strict=False)
    assert validate_loaded(ledger, warnings=False).ok
    report = fill(ledger)
    assert len(report.anchored) == 20
    anchored = ledger.claims.set_index("claim_id").loc[report.anchored, "quote"]
    assert sorted(searched) == sorted(anchored)


def test_a_quote_edited_after_the_pre_check_is_looked_for_again(tmp_path, monkeypatch):
    searched = searches(monkeypatch)
    ledger = load_ledger(many_sources(tmp_path / "ledger", 2, 4), strict=False)
    assert validate_loaded(ledger, warnings=False).ok
    claims = ledger.claims.copy()
    claims.loc[0, "quote"] = "2 troops crossed"  # s0's text holds "Officials said 2 troops"
    ledger.claims = claims
    fill(ledger)
    row = ledger.claims.set_index("claim_id").loc["s0-0"]
    assert ledger.texts["s0"][int(row["start"]):int(row["end"])] == "2 troops crossed"
    assert searched.count("2 troops crossed") == 1


def test_the_cells_fill_writes_stay_python_strings_as_loaded(tmp_path):
    ledger = load_ledger(many_sources(tmp_path / "ledger", 2, 4))
    fill(ledger)
    assert set(ledger.claims.dtypes) == {np.dtype(object)}
    assert all(type(cell) is str for cell in ledger.claims.to_numpy().ravel())


class Uncopied(np.ndarray):
    """A column that refuses to be copied by an index array."""

    def __getitem__(self, key):
        assert not isinstance(key, np.ndarray | list), "a column was copied"
        return super().__getitem__(key)


def test_a_save_writing_every_row_anew_reads_the_columns_themselves(tmp_path):
    table = read_table(many_sources(tmp_path / "ledger", 2, 4) / "claims.csv")
    header = [*table.header, "qualifier"]
    columns = [np.asarray(column, dtype=object).view(Uncopied) for column in table.columns]
    columns.append(np.full(len(columns[0]), "", dtype=object).view(Uncopied))
    written = plan(table, header, Columns(columns, len(columns[0])))
    assert len(written.fresh) == len(columns[0]) == 8
