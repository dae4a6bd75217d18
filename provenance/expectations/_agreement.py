"""Shared condition of the three agreement expectations: a row fails when its claim's
interval is disjoint from the interval of a claim of another source with the same fact key."""

from __future__ import annotations

import pandas as pd

from provenance.agreement import partner_counts
from provenance.comparison import INTERVALS, Tuning

AGREEMENT_COLUMNS = [
    "claim_id", "source_id", "fact_key", "kind", "status", "qualifier", "value", "low", "high",
    "unit",
]
DATE_COLUMNS = ["claim_id", "source_id", "fact_key", "kind", "status", "date_low", "date_high"]


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


def agreeing_rows(frame: pd.DataFrame, kind: str, tuning: Tuning) -> pd.Series:
    """True for every row except claims of ``kind`` that disagree with another source."""
    intervals = INTERVALS[kind](frame, tuning)
    ok = pd.Series(True, index=frame.index)
    ok.loc[intervals.index[partner_counts(intervals) > 0]] = False
    return ok
