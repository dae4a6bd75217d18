"""Ledger edits behind the claim editor and the suggestion panel: pure functions on a
Ledger (add, replace, set status, delete, save), no widgets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from provenance.check.messages import CONFLICT_COLUMNS
from provenance.errors import AnchorError, UsageError
from provenance.fill import add_claim, columns_with_category, with_category, with_columns
from provenance.ledger import Ledger
from provenance.schema import CATEGORY
from provenance.values.value import Value


@dataclass(frozen=True)
class Preview:
    """What adding a claim would do: its stored row and value, or why it cannot be added."""

    row: dict[str, str] | None
    value: Value | None
    error: str
    conflicts: pd.DataFrame


def trial_copy(ledger: Ledger) -> Ledger:
    """A ledger sharing the sources but with its own claims frame (for what-if checks)."""
    return dataclasses.replace(ledger, claims=ledger.claims.copy(), problems=list(ledger.problems))


def conflicts_of(ledger: Ledger, claim_id: str) -> pd.DataFrame:
    """Conflicts ``provenance check`` reports that involve ``claim_id``."""
    from provenance.check import run_check

    conflicts = run_check(ledger).conflicts
    mine = conflicts[(conflicts["claim_a"] == claim_id) | (conflicts["claim_b"] == claim_id)]
    return mine.reset_index(drop=True)


def preview_claim(ledger: Ledger, cells: dict[str, object], check: bool = True) -> Preview:
    """Anchor and value a claim on a copy of the ledger; with ``check``, list its conflicts."""
    trial = trial_copy(ledger)
    empty = pd.DataFrame(columns=CONFLICT_COLUMNS)
    try:
        row = add_claim(trial, **cells)
    except (AnchorError, UsageError) as exc:
        return Preview(None, None, str(exc), empty)
    value = Value.from_cells(row) if row.get("kind") != "text" else None
    conflicts = conflicts_of(trial, row["claim_id"]) if check else empty
    return Preview(row, value, "", conflicts)


def replace_claim(ledger: Ledger, claim_id: str, cells: dict[str, object]) -> dict[str, str]:
    """Re-anchor and re-value an existing claim from ``cells``, keeping its row position.

    Raises AnchorError or UsageError (the ledger is then unchanged).
    """
    trial = trial_copy(ledger)
    delete_claims(trial, [claim_id])
    row = add_claim(trial, **{**cells, "claim_id": claim_id})
    frame = with_columns(ledger.claims)
    if row.get(CATEGORY, "").strip():
        frame = with_category(frame)
    label = frame.index[frame["claim_id"] == claim_id][0]
    for column, cell in row.items():
        if column in frame.columns:
            frame.at[label, column] = cell
    ledger.claims = frame
    return row


def set_status(ledger: Ledger, claim_ids: list[str], status: str, fact_key: str = "") -> list[str]:
    """Set ``status`` on claims; give ``fact_key`` to those that have none. Returns changed ids.

    Confirming a claim that has no fact key needs one: UsageError otherwise.
    """
    frame = with_columns(ledger.claims)
    rows = frame["claim_id"].isin(claim_ids)
    keyless = rows & frame["fact_key"].eq("")
    if status == "confirmed" and keyless.any() and not fact_key.strip():
        missing = ", ".join(frame.loc[keyless, "claim_id"])
        raise UsageError(f"give a fact key to confirm {missing}")
    if fact_key.strip():
        frame.loc[keyless, "fact_key"] = fact_key.strip()
    changed = list(frame.loc[rows & frame["status"].ne(status), "claim_id"])
    frame.loc[rows, "status"] = status
    ledger.claims = frame
    return changed


def save_claims(ledger: Ledger, columns: list[str]) -> bool:
    """Write claims.csv atomically with the file's own ``columns``; True when written.

    Derived cells the file does not store are derived again on load; a ``category``
    given to a claim adds that column. Raises StaleLedgerError when the file changed on
    disk since it was loaded.
    """
    claims = ledger.claims
    if CATEGORY in claims.columns and claims[CATEGORY].astype(str).str.strip().ne("").any():
        columns = columns_with_category(columns)
    ledger.claims = claims[columns]
    return ledger.save()


def delete_claims(ledger: Ledger, claim_ids: list[str]) -> list[str]:
    """Remove claims from the ledger (in memory). Returns the removed ids."""
    frame = ledger.claims
    rows = frame["claim_id"].isin(claim_ids)
    removed = list(frame.loc[rows, "claim_id"])
    ledger.claims = frame[~rows]
    return removed
