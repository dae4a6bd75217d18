"""Claims that reached an outlet through another, as the check report and dashboard list them."""

from __future__ import annotations

from typing import Any

import pandas as pd

from provenance.reuse.chains import claim_via
from provenance.reuse.store import load_reuse
from provenance.sources import outlets

VIA_COLUMNS = ["claim_id", "source_id", "outlet", "fact_key", "quote", "via", "via_outlet"]


def reused_claims(ledger: Any) -> pd.DataFrame:
    """One row per claim inside a passage its source copied (see :func:`claim_via`), with
    both outlets' names; empty when the ledger has no ``reuse.csv``."""
    via = claim_via(ledger, load_reuse(ledger))
    claims = ledger.claims
    return via_frame(claims[claims["claim_id"].isin(via)], via, outlets(ledger.sources))


def via_frame(rows: pd.DataFrame, via: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """The :data:`VIA_COLUMNS` of claim ``rows`` (``claim_id``, ``source_id``, ``fact_key``,
    ``quote``), ``via`` their origins and ``names`` the outlets by source id."""
    frame = pd.DataFrame({
        "claim_id": rows["claim_id"].astype(str), "source_id": rows["source_id"].astype(str),
        "fact_key": rows["fact_key"].fillna("").astype(str) if "fact_key" in rows else "",
        "quote": rows["quote"].astype(str),
    })
    frame["outlet"] = frame["source_id"].map(names).fillna(frame["source_id"])
    frame["via"] = frame["claim_id"].map(via)
    frame["via_outlet"] = frame["via"].map(names).fillna(frame["via"])
    return frame[VIA_COLUMNS].reset_index(drop=True)
