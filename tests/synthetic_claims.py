"""A small typed claims frame and registry shaped like provenance.table.typed_claims output."""

from __future__ import annotations

import pandas as pd

SOURCES = pd.DataFrame(
    {
        "source_id": ["alpha", "beta"],
        "outlet": ["Alpha <b>Times</b>", "Beta Post"],
        "published": ["2024-11-17", "2024-11-18"],
        "published_note": ["date line", "inferred: no date line"],
        "path": ["a.txt", "b.txt"],
        "title": ["A", "B"],
        "byline": ["", ""],
        "url": ["", ""],
        "sha256": ["", ""],
    },
    dtype=object,
)

TEXTS = {
    "alpha": "Some 50,000 troops massed. The decision came on Sunday.",
    "beta": "More than 11,000 North Korean troops, officials said Thursday.",
}

ROWS = [
    # claim_id, source, fact_key, kind, quote, start, end, qualifier, value, low, high, unit,
    # date_low, date_high, status
    ("a1", "alpha", "kursk.force", "quantity", "Some 50,000 troops", 0, 18, "approx", 50000.0,
     45000.0, 55000.0, "troops", None, None, "confirmed"),
    ("b1", "beta", "kursk.force", "quantity", "More than 11,000 North Korean troops", 0, 36,
     "more_than", 11000.0, 11000.0, None, "troops", None, None, "confirmed"),
    ("b2", "beta", "nk.count", "quantity", "11,000", 10, 16, "exact", 11000.0, 11000.0,
     11000.0, "troops", None, None, "candidate"),
    ("a2", "alpha", "decision.date", "date", "on Sunday", 45, 54, "exact", None, None, None, "",
     "2024-11-17", "2024-11-17", "confirmed"),
    ("b3", "beta", "decision.date", "date", "Thursday", 53, 61, "exact", None, None, None, "",
     "2024-11-14", "2024-11-14", "confirmed"),
    ("a3", "alpha", "decision.what", "text", "The decision", 27, 39, "", None, None, None, "",
     None, None, "rejected"),
]
COLUMNS = ["claim_id", "source_id", "fact_key", "kind", "quote", "start", "end", "qualifier",
           "value", "low", "high", "unit", "date_low", "date_high", "status"]


def typed() -> pd.DataFrame:
    """The synthetic claims with typed columns."""
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    frame[["start", "end"]] = frame[["start", "end"]].astype("Int64")
    frame[["value", "low", "high"]] = frame[["value", "low", "high"]].astype(float)
    frame["date_low"] = pd.to_datetime(frame["date_low"])
    frame["date_high"] = pd.to_datetime(frame["date_high"])
    return frame


def conflicts() -> pd.DataFrame:
    """The disagreements of the synthetic claims (the dates differ)."""
    return pd.DataFrame(
        {
            "fact_key": ["decision.date"],
            "kind": ["date"],
            "claim_a": ["b3"],
            "claim_b": ["a2"],
            "source_a": ["beta"],
            "source_b": ["alpha"],
            "message": ["2024-11-14 vs 2024-11-17"],
        }
    )
