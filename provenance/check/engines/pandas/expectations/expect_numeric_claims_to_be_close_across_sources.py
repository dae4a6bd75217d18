"""Figures that outlets report for one fact key must not differ widely, even where their
intervals touch (a *discrepancy*, below a conflict)."""

from __future__ import annotations

from typing import ClassVar

from great_expectations.compatibility import pydantic
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

from provenance.check.intervals import COMPARED_STATUSES, MAX_RELATIVE_GAP
from provenance.check.jobs import AGREEMENT_COLUMNS, tuning_from
from provenance.values.hedges import APPROX_TOLERANCE
from provenance.values.rounding import (
    MAX_ROUNDING_SHARE,
    ROUND_FIGURE_MIN_ZEROS,
    ROUNDING_PRECISION,
)

from ._agreement import unpaired_rows

KWARGS = ("max_relative_gap", "kinds", "approx_tolerance", "rounding_precision",
          "round_figure_min_zeros", "max_rounding_share", "statuses")
NUMERIC_KINDS = ("quantity", "duration")


class NumericClaimsClose(MulticolumnMapMetricProvider):
    """Row-wise: no claim of another outlet on the fact key touches this one's interval
    while its central figure lies more than ``max_relative_gap`` away."""

    condition_metric_name = "provenance.numeric_claims.close"
    condition_value_keys = KWARGS

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        kinds = kwargs.get("kinds") or NUMERIC_KINDS
        return unpaired_rows(column_list, [f"{k}:close" for k in kinds], tuning_from(kwargs))


class ExpectNumericClaimsToBeCloseAcrossSources(MulticolumnMapExpectation):
    """Expect the central figures of claims of different outlets on one fact key to be
    within ``max_relative_gap`` of each other wherever their intervals touch.

    The central figure is the stated one ("about 190 miles": 190 miles) or a range's
    middle; open claims ("more than 10,000") and vague ones have none and are left out.
    The gap is the larger figure over the smaller, minus one: 14,000 against 10,000 is
    0.4. Intervals are those of the agreement expectations (hedges, the rounding model of
    :mod:`provenance.values.rounding`, base units); pairs whose intervals cannot overlap
    are conflicts, reported by those expectations and not here.
    """

    map_metric = "provenance.numeric_claims.close"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(AGREEMENT_COLUMNS))
    ignore_row_if: str = "never"
    max_relative_gap: float = pydantic.Field(MAX_RELATIVE_GAP, ge=0, le=100)
    kinds: list[str] = pydantic.Field(default_factory=lambda: list(NUMERIC_KINDS))
    approx_tolerance: float = pydantic.Field(APPROX_TOLERANCE, ge=0, le=1)
    rounding_precision: float = pydantic.Field(ROUNDING_PRECISION, ge=0, le=10)
    round_figure_min_zeros: int = pydantic.Field(ROUND_FIGURE_MIN_ZEROS, ge=0, le=30)
    max_rounding_share: float = pydantic.Field(MAX_ROUNDING_SHARE, ge=0, le=1)
    statuses: list[str] = pydantic.Field(default_factory=lambda: list(COMPARED_STATUSES))
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", *KWARGS)

    @pydantic.validator("kinds")
    def _known_kinds(cls, kinds: list[str]) -> list[str]:
        unknown = [k for k in kinds if k not in NUMERIC_KINDS]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a numeric kind ({', '.join(NUMERIC_KINDS)})")
        return kinds
