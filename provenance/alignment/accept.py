"""Suggestions into the ledger (in memory): stored beside ``fact_key``, accepted into it.

``write_suggestions`` fills the ``suggested_fact_key`` and ``suggestion_score`` columns
(appended after the last column when absent) and never ``fact_key``. A claim becomes
keyed only when a person accepts: ``accept_suggestions``, ``assign_fact_key`` or
``accept_picks``; ``reject_claims`` sets aside a mention that states no fact. Save with
``ledger.save()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from provenance.alignment.suggest import ClaimSuggestions
from provenance.errors import UsageError
from provenance.ledger import Ledger

SUGGESTED, SCORE = "suggested_fact_key", "suggestion_score"


def _rows(ledger: Ledger, claim_ids: Iterable[str]) -> pd.Series:
    """A mask of the rows of ``claim_ids``; UsageError naming any unknown id."""
    ids = list(claim_ids)
    known = ledger.claims["claim_id"]
    unknown = sorted(set(ids) - set(known))
    if unknown:
        raise UsageError(f"unknown claim id(s): {', '.join(unknown)}")
    return known.isin(ids)


def write_suggestions(ledger: Ledger, results: list[ClaimSuggestions]) -> int:
    """Store each claim's best suggestion and its score (empty for a new fact); returns
    how many claims got one."""
    claims = ledger.claims
    for column in (SUGGESTED, SCORE):
        if column not in claims.columns:
            claims[column] = ""
    best = {r.claim_id: r.suggestions[0] for r in results if r.suggestions and not r.new_fact}
    for result in results:
        rows = claims["claim_id"].eq(result.claim_id)
        top = best.get(result.claim_id)
        claims.loc[rows, SUGGESTED] = top.fact_key if top else ""
        claims.loc[rows, SCORE] = f"{top.score:.4f}" if top else ""
    ledger.claims = claims
    return len(best)


def accept_suggestions(ledger: Ledger, claim_ids: Iterable[str] | None = None, *,
                       min_score: float | None = None) -> list[str]:
    """Move stored suggestions into ``fact_key`` and confirm those claims; returns their ids.

    Only claims without a fact key and with a suggestion are accepted: those of
    ``claim_ids`` (every such claim when None) scoring at least ``min_score`` (when given).
    """
    claims = ledger.claims
    if SUGGESTED not in claims.columns:
        raise UsageError("no suggestions stored: run `provenance suggest-keys --write` first")
    rows = claims[SUGGESTED].ne("") & claims["fact_key"].eq("")
    if claim_ids is not None:
        rows &= _rows(ledger, claim_ids)
    if min_score is not None:
        rows &= pd.to_numeric(claims[SCORE], errors="coerce").ge(min_score)
    claims.loc[rows, "fact_key"] = claims.loc[rows, SUGGESTED]
    claims.loc[rows, "status"] = "confirmed"
    ledger.claims = claims
    return claims.loc[rows, "claim_id"].tolist()


def assign_fact_key(ledger: Ledger, claim_id: str, fact_key: str) -> None:
    """Give a claim ``fact_key`` (a suggested or a new one) and confirm it."""
    from provenance.validate import FACT_KEY

    key = fact_key.strip()
    if not FACT_KEY.match(key):
        raise UsageError(
            f"fact key {fact_key!r} should be dotted lowercase words, e.g. kursk.assault_force.size"
        )
    rows = _rows(ledger, [claim_id])
    ledger.claims.loc[rows, "fact_key"] = key
    ledger.claims.loc[rows, "status"] = "confirmed"


def accept_picks(ledger: Ledger, picks: Mapping[str, str], *, min_score: float | None = None,
                 every: bool = False) -> list[str]:
    """Accept what a person picked; returns the confirmed ids in the order picked.

    ``picks`` maps claim ids to a fact key of the person's choosing (a lower-ranked
    suggestion, or a new fact's name), or to ``""`` for the claim's stored suggestion.
    ``min_score`` and ``every`` accept stored suggestions beyond the ids picked.
    """
    chosen = {claim_id: key for claim_id, key in picks.items() if key}
    stored = [claim_id for claim_id, key in picks.items() if not key]
    _refuse_unsuggested(ledger, stored)
    for claim_id, key in chosen.items():
        assign_fact_key(ledger, claim_id, key)
    accepted = list(chosen)
    if stored or min_score is not None or every:
        accepted += accept_suggestions(ledger, stored or None, min_score=min_score)
    return accepted


def _refuse_unsuggested(ledger: Ledger, claim_ids: list[str]) -> None:
    """UsageError naming the claims of ``claim_ids`` that have no stored suggestion."""
    if not claim_ids:
        return
    claims = ledger.claims
    rows = _rows(ledger, claim_ids)
    if SUGGESTED in claims.columns:
        rows &= claims[SUGGESTED].eq("")
    missing = claims.loc[rows, "claim_id"].tolist()
    if missing:
        raise UsageError(
            f"no stored suggestion for {', '.join(missing)}: give the fact key as "
            f"{missing[0]}=FACT_KEY (or run `provenance suggest-keys --write`)"
        )


def reject_claims(ledger: Ledger, claim_ids: Iterable[str]) -> list[str]:
    """Set claims aside (status ``rejected``): extraction never adds them again and no
    key is suggested for them. Returns the ids whose status changed."""
    rows = _rows(ledger, claim_ids)
    changed = ledger.claims.loc[rows & ledger.claims["status"].ne("rejected"), "claim_id"]
    ledger.claims.loc[rows, "status"] = "rejected"
    return changed.tolist()
