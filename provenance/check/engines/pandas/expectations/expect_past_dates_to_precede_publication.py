"""Temporal sanity: a claim about the past cannot resolve to a day after its own article."""

from __future__ import annotations

import re
from typing import ClassVar

import numpy as np
from great_expectations.compatibility import pydantic
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

from provenance.check.intervals import COMPARED_STATUSES, day_numbers
from provenance.check.jobs import MAX_DAYS

PAST_COLUMNS = ["claim_id", "kind", "status", "date_low", "published", "date_quote"]
FUTURE_MARKERS = [
    "will", "would", "next", "coming", "upcoming", "scheduled", "plans", "planned", "expected",
    "due", "until", "set to", "leaves", "ahead",
]


def _mentions(quotes, words: list[str]) -> np.ndarray:
    """Per quote, whether it contains one of ``words`` as a whole word (any case)."""
    if not words:
        return np.zeros(len(quotes), dtype=bool)
    pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
    return quotes.astype(object).fillna("").str.contains(pattern, case=False, regex=True).to_numpy()


class PastDatesPrecedePublication(MulticolumnMapMetricProvider):
    """Row-wise: a date claim starts no later than its source's publication (plus grace)."""

    condition_metric_name = "provenance.past_dates.precede_publication"
    condition_value_keys = ("grace_days", "future_markers", "statuses")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        frame = column_list
        statuses = kwargs.get("statuses") or list(COMPARED_STATUSES)
        after = day_numbers(frame["date_low"]) > day_numbers(frame["published"]) + float(
            kwargs.get("grace_days") or 0
        )
        suspect = after & (frame["kind"] == "date").to_numpy()
        suspect &= frame["status"].isin(statuses).to_numpy()
        if suspect.any():
            markers = kwargs.get("future_markers")
            words = FUTURE_MARKERS if markers is None else list(markers)
            rows = np.flatnonzero(suspect)
            suspect[rows] = ~_mentions(frame["date_quote"].iloc[rows], words)
        return ~suspect


class ExpectPastDatesToPrecedePublication(MulticolumnMapExpectation):
    """Expect a date claim not to resolve after its own source's publication date.

    A quote with one of ``future_markers`` ("will", "next", "scheduled", ...) is about the
    future and exempt; ``grace_days`` allows that many days after publication.
    """

    map_metric = "provenance.past_dates.precede_publication"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(PAST_COLUMNS))
    ignore_row_if: str = "never"
    grace_days: int = pydantic.Field(0, ge=0, le=MAX_DAYS)
    future_markers: list[str] = pydantic.Field(default_factory=lambda: list(FUTURE_MARKERS))
    statuses: list[str] = pydantic.Field(default_factory=lambda: list(COMPARED_STATUSES))
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", "grace_days", "future_markers",
                                               "statuses")
