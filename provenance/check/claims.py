"""The claims a check compares: offsets and values derived in memory where only a quote
was typed, and the rows that cannot be derived left out with validate's findings."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from provenance.findings import Finding


def checked_claims(ledger: Any) -> tuple[pd.DataFrame, list[Finding]]:
    """The claims, with offsets and values derived in memory for quote-only rows; a row
    that cannot be derived (its quote not found, or found more than once) is left out
    and gets ``validate``'s findings instead of the failures GX would report for it."""
    from provenance.fill import complete, incomplete, with_columns
    from provenance.schema import CLAIM_COLUMNS
    from provenance.validate import check_claims

    claims = ledger.claims
    if not set(CLAIM_COLUMNS) <= set(claims.columns):
        claims = with_columns(claims)
    if not incomplete(claims).any():
        return claims, []
    claims, report = complete(ledger, claims)
    failed = claims["claim_id"].isin({f.claim_id for f in report.findings
                                      if f.severity == "error"}).to_numpy()
    if not failed.any():
        return claims, []
    findings = [f for f in check_claims(ledger, np.flatnonzero(failed).tolist())
                if f.severity == "error"]
    return claims.loc[~failed].reset_index(drop=True), findings

