"""provenance: claim-level fact provenance tracker.

The public API; the CLI and the notebooks are thin layers over these functions.
``run_check`` and ``CheckResult`` load Great Expectations on first use (about 2 s).
"""

from __future__ import annotations

from typing import Any

from provenance.errors import (
    AmbiguousQuote,
    AnchorError,
    LedgerFormatError,
    ProvenanceError,
    QuoteNotFound,
    SourceError,
    StaleLedgerError,
    UsageError,
)
from provenance.extract import Mention, extract
from provenance.findings import Finding, Report
from provenance.ledger import Ledger, add_claim, derive, fill, load_ledger
from provenance.registry_add import add_source
from provenance.sources import register_source
from provenance.table import typed_claims
from provenance.validate import validate_ledger
from provenance.values import Value, parse_value

__all__ = [
    "AmbiguousQuote", "AnchorError", "CheckResult", "Finding", "Ledger", "LedgerFormatError",
    "Mention", "ProvenanceError", "QuoteNotFound", "Report", "SourceError", "StaleLedgerError",
    "UsageError", "Value", "add_claim", "add_source", "derive", "extract", "fill", "load_ledger",
    "parse_value", "register_source", "run_check", "typed_claims", "validate_ledger",
]
_CHECK = {"run_check", "CheckResult"}


def __getattr__(name: str) -> Any:
    """Import the Great Expectations layer only when it is asked for."""
    if name in _CHECK:
        from provenance import check

        return getattr(check, name)
    raise AttributeError(f"module 'provenance' has no attribute {name!r}")
