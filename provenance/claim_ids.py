"""Claim ids: the next free ``<source_id>-NN`` of a source."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd


def next_claim_id(claims: pd.DataFrame, source_id: str) -> str:
    """The next free ``<source_id>-NN`` id."""
    return next_free_id(set(claims["claim_id"]) if "claim_id" in claims else set(), source_id)


def next_free_id(taken: Collection[str], source_id: str) -> str:
    """The next ``<source_id>-NN`` id that is none of ``taken``."""
    pattern = re.compile(rf"^{re.escape(source_id)}-(\d+)$")
    numbers = [int(m.group(1)) for c in taken if (m := pattern.match(str(c)))]
    number = max(numbers, default=0) + 1
    while f"{source_id}-{number:02d}" in taken:
        number += 1
    return f"{source_id}-{number:02d}"
