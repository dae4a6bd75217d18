"""Span integrity: each quote is the exact source text at its offsets, in an unchanged file."""

from __future__ import annotations

from typing import ClassVar

from great_expectations.compatibility import pydantic
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

SPAN_COLUMNS = ["claim_id", "span_matches", "source_sha_ok"]


class ClaimSpansMatchSourceText(MulticolumnMapMetricProvider):
    """Row-wise: ``text[start:end] == quote`` held and the source file's sha256 matched.

    Both facts are measured when the check batch is built (``spans.py`` of this engine:
    every quote compared with its source text byte for byte, so no article text enters
    the batch).
    """

    condition_metric_name = "provenance.claim_spans.match_source_text"
    condition_value_keys = ("check_sha256",)

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        matches = column_list["span_matches"].astype(bool)
        if not kwargs.get("check_sha256", True):
            return matches
        return matches & column_list["source_sha_ok"].astype(bool)


class ExpectClaimSpansToMatchSourceText(MulticolumnMapExpectation):
    """Expect every claim's quote to equal its source text at ``[start, end)`` and the
    source file to match its registered sha256 (skip the hash with ``check_sha256: false``)."""

    map_metric = "provenance.claim_spans.match_source_text"
    column_list: list[str] = pydantic.Field(default_factory=lambda: list(SPAN_COLUMNS))
    ignore_row_if: str = "never"
    check_sha256: bool = True
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", "check_sha256")
