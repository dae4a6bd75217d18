"""Temporal sanity: a relative date ("Sunday") needs a printed publication date to resolve."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from great_expectations.compatibility import pydantic
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

from provenance.check.intervals import COMPARED_STATUSES

KNOWN_COLUMNS = ["claim_id", "kind", "status", "published", "published_inferred", "date_quote"]
EXPLICIT_YEAR = r"\b(?:1[6-9]|2[0-9])\d{2}\b"


class RelativeDatesHaveKnownPublication(MulticolumnMapMetricProvider):
    """Row-wise: a date claim without a year resolves against a printed publication date."""

    condition_metric_name = "provenance.relative_dates.known_publication"
    condition_value_keys = ("explicit_date_pattern", "statuses")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        frame = column_list
        statuses = kwargs.get("statuses") or list(COMPARED_STATUSES)
        unknown = frame["published"].isna().to_numpy() | frame["published_inferred"].astype(
            bool
        ).to_numpy()
        suspect = unknown & (frame["kind"] == "date").to_numpy()
        suspect &= frame["status"].isin(statuses).to_numpy()
        if suspect.any():
            pattern = kwargs.get("explicit_date_pattern") or EXPLICIT_YEAR
            rows = np.flatnonzero(suspect)
            quotes = frame["date_quote"].iloc[rows].astype(object).fillna("")
            suspect[rows] = ~quotes.str.contains(pattern, regex=True).to_numpy()
        return ~suspect


class ExpectRelativeDatesToHaveKnownPublication(MulticolumnMapExpectation):
    """Expect date claims that depend on the publication date (no year in the quote, as
    ``explicit_date_pattern`` defines it) to come from a source whose date is printed, not
    missing or ``inferred``. Meant to run with ``severity: warning``."""

    map_metric = "provenance.relative_dates.known_publication"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(KNOWN_COLUMNS))
    ignore_row_if: str = "never"
    explicit_date_pattern: str = EXPLICIT_YEAR
    statuses: list[str] = pydantic.Field(default_factory=lambda: list(COMPARED_STATUSES))
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", "explicit_date_pattern", "statuses")
