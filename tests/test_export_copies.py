"""Saving and exporting a large ledger share its cells rather than copying each of them."""

from __future__ import annotations

import pandas as pd

from provenance.csvio import frame_cells
from provenance.export import export_spreadsheet_safe
from provenance.ledger import load_ledger


def test_frame_cells_gives_the_frame_own_strings():
    frame = pd.DataFrame({"a": ["x", "y"], "b": ["=1+1", None]}, dtype=object)
    header, rows = frame_cells(frame)
    assert (header, rows) == (["a", "b"], [["x", "=1+1"], ["y", ""]])
    assert rows[0][0] is frame.iloc[0, 0]


def test_export_converts_no_column_and_keeps_unchanged_bytes(mini_ledger, tmp_path,
                                                             monkeypatch):
    ledger = load_ledger(mini_ledger, strict=False)
    conversions = []
    astype = pd.DataFrame.astype

    def counted(self, *args, **kwargs):
        conversions.append(args)
        return astype(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "astype", counted)
    output = tmp_path / "safe.csv"
    assert export_spreadsheet_safe(ledger, output) == 0
    assert conversions == []
    assert output.read_bytes() == (mini_ledger / "claims.csv").read_bytes()
