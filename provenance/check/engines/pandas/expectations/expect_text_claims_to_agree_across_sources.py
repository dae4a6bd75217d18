"""Categories that outlets give text claims of one fact key must be the same."""

from __future__ import annotations

from typing import ClassVar

from great_expectations.compatibility import pydantic
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

from provenance.check.categories import CATEGORY_COLUMNS
from provenance.check.intervals import COMPARED_STATUSES
from provenance.check.jobs import tuning_from

from ._agreement import unpaired_rows

KWARGS = ("statuses",)


class TextClaimsAgree(MulticolumnMapMetricProvider):
    """Row-wise: the text claim's category is that of every other outlet's on its fact key."""

    condition_metric_name = "provenance.text_claims.agree"
    condition_value_keys = KWARGS

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        return unpaired_rows(column_list, ["text"], tuning_from(kwargs))


class ExpectTextClaimsToAgreeAcrossSources(MulticolumnMapExpectation):
    """Expect text claims of different outlets on one fact key to have the same category.

    A ``kind=text`` claim's ``category`` is a short value the person chose (``allowed``,
    ``restricted``, ``Kursk``). Categories compare case- and whitespace-insensitively
    (``provenance.check.categories.normalise``); claims without one are not compared. Only
    claims whose status is in ``statuses`` take part.
    """

    map_metric = "provenance.text_claims.agree"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(CATEGORY_COLUMNS))
    ignore_row_if: str = "never"
    statuses: list[str] = pydantic.Field(default_factory=lambda: list(COMPARED_STATUSES))
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", *KWARGS)
