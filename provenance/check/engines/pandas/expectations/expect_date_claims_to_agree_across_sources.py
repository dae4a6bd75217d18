"""Dates that outlets give for one event (fact key) must share a day."""

from __future__ import annotations

from typing import ClassVar

from great_expectations.compatibility import pydantic
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

from provenance.check.intervals import COMPARED_STATUSES
from provenance.check.jobs import DATE_COLUMNS, MAX_DAYS, tuning_from

from ._agreement import unpaired_rows

KWARGS = ("min_overlap_days", "statuses")


class DateClaimsAgree(MulticolumnMapMetricProvider):
    """Row-wise: the resolved date interval overlaps every other outlet's on its fact key."""

    condition_metric_name = "provenance.date_claims.agree"
    condition_value_keys = KWARGS

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        return unpaired_rows(column_list, ["date"], tuning_from(kwargs))


class ExpectDateClaimsToAgreeAcrossSources(MulticolumnMapExpectation):
    """Expect resolved date intervals (inclusive days) of different outlets to share a day.

    "Sunday" in a Monday article and "Nov. 17" elsewhere agree; "Sunday" resolved against
    two different publication dates does not. ``min_overlap_days`` is the number of days
    two claims must share (1 by default; 0 lets adjacent days pass, -1 gives a day's slack).
    """

    map_metric = "provenance.date_claims.agree"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(DATE_COLUMNS))
    ignore_row_if: str = "never"
    min_overlap_days: float = pydantic.Field(1.0, ge=-MAX_DAYS, le=MAX_DAYS)
    statuses: list[str] = pydantic.Field(default_factory=lambda: list(COMPARED_STATUSES))
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", *KWARGS)
