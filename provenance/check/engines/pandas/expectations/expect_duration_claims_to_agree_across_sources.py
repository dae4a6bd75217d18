"""Durations that outlets report for one fact key must be able to overlap."""

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
from provenance.check.jobs import AGREEMENT_COLUMNS, MAX_DAYS, tuning_from
from provenance.values.hedges import APPROX_TOLERANCE

from ._agreement import unpaired_rows

KWARGS = ("approx_tolerance", "min_overlap_days", "statuses")


class DurationClaimsAgree(MulticolumnMapMetricProvider):
    """Row-wise: the duration claim overlaps every other outlet's claim on its fact key."""

    condition_metric_name = "provenance.duration_claims.agree"
    condition_value_keys = KWARGS

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        return unpaired_rows(column_list, ["duration"], tuning_from(kwargs))


class ExpectDurationClaimsToAgreeAcrossSources(MulticolumnMapExpectation):
    """Expect duration claims (in days) of different outlets on one fact key to overlap.

    "two months" and "less than a month" cannot both hold. ``approx_tolerance`` widens
    "about"/"nearly" figures; ``min_overlap_days`` demands that many shared days
    (negative: that much slack).
    """

    map_metric = "provenance.duration_claims.agree"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(AGREEMENT_COLUMNS))
    ignore_row_if: str = "never"
    approx_tolerance: float = pydantic.Field(APPROX_TOLERANCE, ge=0, le=1)
    min_overlap_days: float = pydantic.Field(0.0, ge=-MAX_DAYS, le=MAX_DAYS)
    statuses: list[str] = pydantic.Field(default_factory=lambda: list(COMPARED_STATUSES))
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", *KWARGS)
