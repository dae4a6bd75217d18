"""Extracted mentions as candidate claims awaiting review."""

from __future__ import annotations

import pandas as pd

from provenance.extract import extract
from provenance.fill import with_columns
from provenance.ledger import Ledger
from provenance.values.value import CELL_COLUMNS


def candidate_rows(ledger: Ledger, source_ids: list[str] | None = None) -> pd.DataFrame:
    """One ``status=candidate`` row per mention whose span no claim of its source has yet,
    in the sources ``source_ids`` (every source when None)."""
    claims = with_columns(ledger.claims)
    taken = set(zip(claims["source_id"], claims["start"], claims["end"], strict=True))
    ids = set(claims["claim_id"])
    rows = []
    for source_id, text in ledger.texts.items():
        if source_ids is not None and source_id not in source_ids:
            continue
        for mention in extract(text, ledger.published(source_id)):
            span = (source_id, str(mention.start), str(mention.end))
            claim_id = f"{source_id}-x{mention.start}"
            if span in taken or claim_id in ids:
                continue
            cells = mention.value.to_cells()
            row = {column: "" for column in claims.columns}
            row.update({column: cells[column] for column in CELL_COLUMNS})
            row.update(
                claim_id=claim_id,
                source_id=source_id,
                quote=mention.text,
                start=span[1],
                end=span[2],
                status="candidate",
                note="found by provenance extract",
            )
            rows.append(row)
    return pd.DataFrame(rows, columns=claims.columns, dtype=object)


def add_candidates(ledger: Ledger, source_ids: list[str] | None = None) -> list[str]:
    """Append candidate claims for every new mention of the sources ``source_ids`` (every
    source when None), in memory; return their ids."""
    new = candidate_rows(ledger, source_ids)
    if new.empty:
        return []
    claims = with_columns(ledger.claims)
    start = int(claims.index.max()) + 1 if len(claims) else 0
    new.index = range(start, start + len(new))
    ledger.claims = pd.concat([claims, new])
    return list(new["claim_id"])
