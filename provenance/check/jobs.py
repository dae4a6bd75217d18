"""The comparison jobs of a check's suites, the same for every engine.

A job's name is a kind (``quantity``, ``duration``, ``date``, ``text``) for an agreement
expectation, or ``<kind>:close`` for the closeness one. Each job reads the columns of
``REQUIRED`` and turns claims into intervals by ``COMPARISONS``; its settings are a
:class:`~provenance.check.intervals.Tuning` read from the expectation's kwargs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from provenance.check.categories import CATEGORY_COLUMNS, text_intervals
from provenance.check.intervals import INTERVALS, Tuning
from provenance.check.suites import SuiteFile

AGREEMENT = {  # expectation type -> the kind it compares
    "expect_quantity_claims_to_agree_across_sources": "quantity",
    "expect_duration_claims_to_agree_across_sources": "duration",
    "expect_date_claims_to_agree_across_sources": "date",
    "expect_text_claims_to_agree_across_sources": "text",
}
CLOSENESS = {"expect_numeric_claims_to_be_close_across_sources": "kinds"}  # kinds kwarg
AGREEMENT_COLUMNS = [
    "claim_id", "source_id", "fact_key", "kind", "status", "qualifier", "value", "low", "high",
    "unit",
]
MAX_DAYS = 36_525  # a century: the widest day setting (overlap, slack, grace) a suite may ask
DATE_COLUMNS = ["claim_id", "source_id", "fact_key", "kind", "status", "date_low", "date_high"]
REQUIRED = {  # the columns each comparison reads (``status`` is optional)
    "quantity": [c for c in AGREEMENT_COLUMNS if c != "status"],
    "duration": [c for c in AGREEMENT_COLUMNS if c not in ("status", "unit")],
    "date": [c for c in DATE_COLUMNS if c != "status"],
    "text": [c for c in CATEGORY_COLUMNS if c != "status"],
}
COMPARISONS = {**INTERVALS, "text": text_intervals}  # claims -> intervals, per kind


def require_columns(kind: str, columns: Iterable[str]) -> None:
    """Raise ValueError naming the columns that comparing ``kind`` claims needs and
    ``columns`` (an expectation's ``column_list``) lacks: GX reports it as the
    expectation's error."""
    present = set(columns)
    missing = [c for c in REQUIRED[kind] if c not in present]
    if missing:
        raise ValueError(f"column_list lacks {', '.join(missing)}, which comparing {kind} "
                         "claims needs")


def tuning_from(kwargs: dict) -> Tuning:
    """The comparison settings named in an expectation's kwargs (defaults for the rest)."""
    chosen = {
        "approx_tolerance": kwargs.get("approx_tolerance"),
        "rounding_precision": kwargs.get("rounding_precision"),
        "round_figure_min_zeros": kwargs.get("round_figure_min_zeros"),
        "max_rounding_share": kwargs.get("max_rounding_share"),
        "max_relative_gap": kwargs.get("max_relative_gap"),
        "min_overlap": kwargs.get("min_overlap", kwargs.get("min_overlap_days")),
        "statuses": tuple(kwargs["statuses"]) if kwargs.get("statuses") else None,
    }
    return Tuning(**{k: v for k, v in chosen.items() if v is not None})


def job_candidates(suites: list[SuiteFile], present: Iterable[str]
                   ) -> Iterator[tuple[str, list[str], Any]]:
    """Each agreement (or closeness) expectation's jobs in suite order: the job's name (a
    kind, or ``<kind>:close`` for closeness), the expectation's ``column_list`` columns
    found in ``present`` (what GX hands its condition) and its tuning, class defaults
    included, as GX sees it. An engine keeps the first of each name it can run."""
    present = set(present)
    for item in suites:
        for expectation in item.suite.expectations:
            kind = expectation.expectation_type
            names = ([AGREEMENT[kind]] if kind in AGREEMENT else
                     [f"{k}:close" for k in getattr(expectation, CLOSENESS[kind])]
                     if kind in CLOSENESS else [])
            if not names:
                continue
            columns = [c for c in expectation.column_list if c in present]
            tuning = tuning_from({k: getattr(expectation, k, None)
                                  for k in expectation.success_keys})
            for name in names:
                yield name, columns, tuning

