"""Claim ids: the next free ``<source_id>-NN`` of a source."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

import pandas as pd


def next_claim_id(claims: pd.DataFrame, source_id: str) -> str:
    """The next free ``<source_id>-NN`` id (only the ids that begin ``<source_id>-`` are
    looked at: no other can be one)."""
    if "claim_id" not in claims:
        return next_free_id(set(), source_id)
    ids = claims["claim_id"].astype("str")
    mine = ids[ids.str.startswith(f"{source_id}-", na=False)]
    return next_free_id(set(mine), source_id)


def next_free_id(taken: Collection[str], source_id: str) -> str:
    """The next ``<source_id>-NN`` id that is none of ``taken``."""
    return next(free_ids(taken, source_id))


def free_ids(taken: Collection[str], source_id: str) -> Iterator[str]:
    """``<source_id>-NN`` ids after the highest taken, each none of ``taken`` when it is
    drawn (``taken`` may grow meanwhile): one scan of ``taken`` for many new ids."""
    pattern = re.compile(rf"^{re.escape(source_id)}-(\d+)$")
    numbers = [int(m.group(1)) for c in taken if (m := pattern.match(str(c)))]
    number = max(numbers, default=0) + 1
    while True:
        if f"{source_id}-{number:02d}" not in taken:
            yield f"{source_id}-{number:02d}"
        number += 1
