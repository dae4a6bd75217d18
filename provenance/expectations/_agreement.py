"""Shared condition of the three agreement expectations: a row fails when its claim's
interval is disjoint from the interval of a claim of another source with the same fact key.

Inside :func:`shared_analyses` each (kind, tuning) is analysed once, so the GX condition
and the check's listing of pairs (``provenance.check``) use the same computation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import pandas as pd

from provenance.agreement import Analysis, analyse
from provenance.comparison import INTERVALS, Tuning

AGREEMENT_COLUMNS = [
    "claim_id", "source_id", "fact_key", "kind", "status", "qualifier", "value", "low", "high",
    "unit",
]
DATE_COLUMNS = ["claim_id", "source_id", "fact_key", "kind", "status", "date_low", "date_high"]
_SHARED: ContextVar[dict | None] = ContextVar("provenance_shared_analyses", default=None)


def tuning_from(kwargs: dict) -> Tuning:
    """The comparison settings named in an expectation's kwargs (defaults for the rest)."""
    chosen = {
        "approx_tolerance": kwargs.get("approx_tolerance"),
        "rounding_precision": kwargs.get("rounding_precision"),
        "round_figure_min_zeros": kwargs.get("round_figure_min_zeros"),
        "min_overlap": kwargs.get("min_overlap", kwargs.get("min_overlap_days")),
        "statuses": tuple(kwargs["statuses"]) if kwargs.get("statuses") else None,
    }
    return Tuning(**{k: v for k, v in chosen.items() if v is not None})


@contextmanager
def shared_analyses() -> Iterator[None]:
    """Within this block, one batch's analysis per (kind, tuning) is computed once."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def analysis(frame: pd.DataFrame, kind: str, tuning: Tuning) -> Analysis:
    """The analysed intervals of ``kind`` claims in ``frame`` (shared inside the block)."""
    memo = _SHARED.get()
    key = (kind, tuning, len(frame))
    if memo is not None and key in memo:
        return memo[key]
    result = analyse(INTERVALS[kind](frame, tuning))
    if memo is not None:
        memo[key] = result
    return result


def agreeing_rows(frame: pd.DataFrame, kind: str, tuning: Tuning) -> pd.Series:
    """True for every row except claims of ``kind`` that disagree with another source."""
    found = analysis(frame, kind, tuning)
    ok = pd.Series(True, index=frame.index)
    ok.loc[found.frame.index[found.partners > 0]] = False
    return ok
