"""What a check compared: outlets, fact keys reported by two or more outlets, how many
agreed, conflicted, differed, and which could not be compared and why. Text claims with a
category are compared by it (:mod:`provenance.check.categories`); a fact key of text claims is
not compared when fewer than two outlets gave theirs a category.

Works on the check batch's categorical columns (codes, not strings) and the analyses'
outputs (any expectation whose analysis yields rows with ``fact_key`` and ``source_id``,
indexed by batch row, takes part): an agreement analysis's fact key and outlet codes are
read as they are, and each compared frame once, so it stays a few passes over integers
at a million claims.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from provenance.check.agreement import Analysis, outlet_codes
from provenance.sources import outlets

REASONS = {
    "units": "units of different dimensions",
    "ambiguous": "ambiguous values",
    "text": "text claims without a category",
    "kinds": "claims of different kinds",
    "open": "only one outlet's claims have a comparable value",
}


def _codes(batch: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """A batch column as integer codes (-1 for empty cells) and its distinct names."""
    codes, names = pd.factorize(batch[column]) if column in batch.columns else (
        np.full(len(batch), -1), np.array([], dtype=object))
    names = np.asarray(names, dtype=object)
    empty = np.flatnonzero(names == "")
    if len(empty):
        codes = np.where(np.isin(codes, empty), -1, codes)
    return np.asarray(codes, dtype=np.int64), names


def _outlet_codes(batch: pd.DataFrame, sources: pd.DataFrame) -> np.ndarray:
    """Per batch row, a code of its source's outlet (-1 without a source id)."""
    source, _ = _codes(batch, "source_id")  # -1 for an empty source id too
    if "source_id" not in batch.columns:
        return source
    return np.where(source >= 0, outlet_codes(batch["source_id"], outlets(sources)), -1)


def _spread(groups: np.ndarray, outlets: np.ndarray) -> np.ndarray:
    """Per group code, how many distinct outlets its rows have, counted up to 2 (the
    summary asks only whether two outlets report a fact): 2 where a group's lowest and
    highest outlet codes differ. Two passes over the rows, no hash table, no sort."""
    if not len(groups):
        return np.zeros(0, dtype=np.int64)
    size = groups.max() + 1
    lowest, highest = np.full(size, np.iinfo(np.int64).max), np.full(size, -2)
    np.minimum.at(lowest, groups, outlets)
    np.maximum.at(highest, groups, outlets)
    return np.where(highest < -1, 0, np.where(lowest == highest, 1, 2))


def _compared_keys(analysed: dict[str, Any], keys: np.ndarray,
                   outlets: np.ndarray) -> tuple[set[int], set[int]]:
    """Keys with two outlets' claims in one compared group, and keys split by unit."""
    compared, split = set(), set()
    distinct: dict[int, Any] = {}  # a conflict and a discrepancy job share their intervals
    for found in analysed.values():
        if isinstance(found, Analysis) or id(found.frame) not in distinct:
            distinct[id(found.frame)] = found
    for found in distinct.values():
        frame = found.frame
        if frame.empty:
            continue
        rows = frame.index.to_numpy()
        if isinstance(found, Analysis):  # its codes, outlets included (outlet_codes)
            group, names, spread = found.keys, found.key_names, found.reporters_per_key
        else:
            group, names = pd.factorize(frame["fact_key"])
            spread = _spread(group, outlets[rows])
        shared = spread >= 2
        compared.update(_present(keys[rows][shared[group]]))
        bracketed = np.asarray(pd.Index(names, dtype=object).astype(str).str.endswith("]"), bool)
        if bracketed.any():
            split.update(_present(keys[rows][bracketed[group]]))
    return compared, split


def _present(keys: np.ndarray) -> list[int]:
    """The distinct codes (-1, none, left out) of some rows' keys or outlets, counted."""
    keys = keys[keys >= 0]
    return np.flatnonzero(np.bincount(keys)).tolist() if len(keys) else []


def _pair_keys(found: dict[str, Any], keys: np.ndarray) -> set[int]:
    """Keys of the rows in the listed cross-source pairs (each counted key lists one)."""
    rows = [d.pairs["row_a"].to_numpy(dtype=np.int64) for d in found.values()
            if not d.pairs.empty]
    return set(pd.unique(keys[np.concatenate(rows)]).tolist()) if rows else set()


def _reason(kinds: set[str], ambiguous: bool, split: bool) -> str:
    if split:
        return REASONS["units"]
    if ambiguous:
        return REASONS["ambiguous"]
    if kinds == {"text"}:
        return REASONS["text"]
    if len(kinds) > 1:
        return REASONS["kinds"]
    return REASONS["open"]


def compared_summary(batch: pd.DataFrame, sources: pd.DataFrame,
                     analysed: dict[str, Any], agree: dict[str, Any],
                     close: dict[str, Any], claims: pd.DataFrame | None = None) -> dict:
    """The summary of a check (``CheckResult.summary``; see the module docstring).

    ``analysed`` maps each job to its analysis (:class:`~provenance.check.agreement.Analysis`,
    whose codes are read as they are, or a discrepancy's ``Closeness``)."""
    keys, key_names = _codes(batch, "fact_key")
    outlets = _outlet_codes(batch, sources)
    confirmed = np.ones(len(batch), dtype=bool)
    if "status" in batch.columns:
        confirmed = (batch["status"] == "confirmed").to_numpy(dtype=bool, na_value=False)
    rows = np.flatnonzero(confirmed & (keys >= 0) & (outlets >= 0))
    spread = _spread(keys[rows], outlets[rows])
    shared = set(np.flatnonzero(spread >= 2).tolist())
    compared, split = _compared_keys(analysed, keys, outlets)
    conflicting = shared & _pair_keys(agree, keys)
    discrepant = (shared & _pair_keys(close, keys)) - conflicting
    missing = sorted(shared - compared, key=lambda k: key_names[k])
    reasons = {}
    if missing:
        kinds = batch["kind"].astype(object).to_numpy() if "kind" in batch.columns else None
        ambiguous = (claims["ambiguous"].astype(str).str.lower().eq("true").to_numpy()
                     if claims is not None and "ambiguous" in claims.columns else None)
        picked = rows[np.isin(keys[rows], missing)]
        for k in missing:
            mine = picked[keys[picked] == k]
            reasons[str(key_names[k])] = _reason(
                set(kinds[mine].tolist()) if kinds is not None else set(),
                bool(ambiguous is not None and ambiguous[mine].any()), k in split)
    return {
        "outlets": len(_present(outlets[rows])),
        "shared_facts": len(shared),
        "agreed": len((shared & compared) - conflicting - discrepant),
        "conflicting": len(conflicting),
        "discrepant": len(discrepant),
        "not_compared": len(missing),
        "not_compared_reasons": dict(Counter(reasons.values()).most_common()),
        "not_compared_facts": [{"fact_key": k, "reason": r} for k, r in reasons.items()],
    }
