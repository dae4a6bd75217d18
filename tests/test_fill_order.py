"""fill's canonical order: by source (registry order), start offset, then claim id."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from provenance.fill import canonical_order

REGISTRY = ["s1", "s2", "s3"]
ROW = st.tuples(st.sampled_from([*REGISTRY, "unknown"]),
                st.sampled_from(["", "0", "5", "12", "5 ", "x"]),
                st.sampled_from(["c1", "c10", "c2", "b", "é", "c1"]))


def as_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """A claims frame of (source_id, start, claim_id) rows, a note naming each row."""
    return pd.DataFrame({"source_id": [r[0] for r in rows], "start": [r[1] for r in rows],
                         "claim_id": [r[2] for r in rows],
                         "note": [f"row {i}" for i in range(len(rows))]}, dtype=object)


def stable_sort(frame: pd.DataFrame) -> pd.DataFrame:
    """The order spelled out: a stable sort by the three keys."""
    def start(cell: str) -> float:
        try:
            return float(cell)
        except ValueError:
            return np.inf
    keys = sorted(range(len(frame)), key=lambda i: (
        REGISTRY.index(frame["source_id"].iat[i]) if frame["source_id"].iat[i] in REGISTRY
        else len(REGISTRY), start(frame["start"].iat[i]), frame["claim_id"].iat[i]))
    return frame.iloc[keys]


@given(st.lists(ROW, max_size=30))
def test_claims_are_ordered_by_source_start_and_claim_id_stably(rows):
    frame = as_frame(rows)
    ledger = SimpleNamespace(sources=pd.DataFrame({"source_id": REGISTRY}))
    assert canonical_order(frame, ledger)["note"].tolist() == stable_sort(frame)["note"].tolist()


def test_claim_ids_are_compared_only_where_source_and_start_tie(monkeypatch):
    """Rows with distinct (source, start) are ordered without reading a claim id."""
    frame = as_frame([("s2", "3", "a"), ("s1", "9", "b"), ("s1", "2", "c"), ("s1", "2", "a")])
    ledger = SimpleNamespace(sources=pd.DataFrame({"source_id": REGISTRY}))
    compared: list[int] = []
    real = sorted
    monkeypatch.setattr("builtins.sorted", lambda items, key=None: compared.extend(items) or
                        real(items, key=key))
    assert canonical_order(frame, ledger)["note"].tolist() == ["row 3", "row 2", "row 1",
                                                               "row 0"]
    assert real(compared) == [2, 3]
