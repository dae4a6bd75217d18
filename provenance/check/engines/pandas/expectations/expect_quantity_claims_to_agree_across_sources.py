"""Quantities that outlets report for one fact key must be able to overlap."""

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
from provenance.check.jobs import AGREEMENT_COLUMNS, tuning_from
from provenance.values.hedges import APPROX_TOLERANCE
from provenance.values.rounding import (
    MAX_ROUNDING_SHARE,
    ROUND_FIGURE_MIN_ZEROS,
    ROUNDING_PRECISION,
)

from ._agreement import unpaired_rows

KWARGS = ("approx_tolerance", "rounding_precision", "round_figure_min_zeros",
          "max_rounding_share", "min_overlap", "statuses")


class QuantityClaimsAgree(MulticolumnMapMetricProvider):
    """Row-wise: the quantity claim overlaps every other outlet's claim on its fact key."""

    condition_metric_name = "provenance.quantity_claims.agree"
    condition_value_keys = KWARGS

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        return unpaired_rows(column_list, ["quantity"], tuning_from(kwargs))


class ExpectQuantityClaimsToAgreeAcrossSources(MulticolumnMapExpectation):
    """Expect quantity claims of different outlets on one fact key to have overlapping intervals.

    Intervals are compared in base units (miles and kilometres compare), widened by the
    hedge (``approx_tolerance`` for "about"/"nearly") and, for a bare round figure with at
    least ``round_figure_min_zeros`` trailing zeros, by ``rounding_precision`` times its
    last significant place, at most ``max_rounding_share`` of the figure (the rounding
    model of :mod:`provenance.values.rounding`). ``min_overlap`` (a fraction of each
    figure) demands that much shared range; negative values give slack. Only claims whose
    status is in ``statuses`` are compared.
    """

    map_metric = "provenance.quantity_claims.agree"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(AGREEMENT_COLUMNS))
    ignore_row_if: str = "never"
    approx_tolerance: float = pydantic.Field(APPROX_TOLERANCE, ge=0, le=1)
    rounding_precision: float = pydantic.Field(ROUNDING_PRECISION, ge=0, le=10)
    round_figure_min_zeros: int = pydantic.Field(ROUND_FIGURE_MIN_ZEROS, ge=0, le=30)
    max_rounding_share: float = pydantic.Field(MAX_ROUNDING_SHARE, ge=0, le=1)
    min_overlap: float = pydantic.Field(0.0, ge=-1, le=1)
    statuses: list[str] = pydantic.Field(default_factory=lambda: list(COMPARED_STATUSES))
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", *KWARGS)
