"""provenance: claim-level fact provenance tracker.

The public API; the CLI and the notebooks are thin layers over these functions.
Each name is imported from its module on first use (PEP 562), so ``import provenance``
or ``provenance --help`` loads nothing heavy; ``run_check`` and ``CheckResult`` bring
Great Expectations (about 2 s), the others pandas.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from provenance.check import CheckResult, run_check
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
    from provenance.fill import add_claim, derive, fill
    from provenance.findings import Finding, Report
    from provenance.ledger import Ledger, load_ledger
    from provenance.registry_add import add_source
    from provenance.sources import register_source
    from provenance.table import typed_claims
    from provenance.validate import validate_ledger
    from provenance.values import Value, parse_value

_MODULES: dict[str, tuple[str, ...]] = {
    "check": ("CheckResult", "run_check"),
    "errors": (
        "AmbiguousQuote", "AnchorError", "LedgerFormatError", "ProvenanceError",
        "QuoteNotFound", "SourceError", "StaleLedgerError", "UsageError",
    ),
    "extract": ("Mention", "extract"),
    "findings": ("Finding", "Report"),
    "fill": ("add_claim", "derive", "fill"),
    "ledger": ("Ledger", "load_ledger"),
    "registry_add": ("add_source",),
    "sources": ("register_source",),
    "table": ("typed_claims",),
    "validate": ("validate_ledger",),
    "values": ("Value", "parse_value"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}
__all__ = [
    "AmbiguousQuote", "AnchorError", "CheckResult", "Finding", "Ledger", "LedgerFormatError",
    "Mention", "ProvenanceError", "QuoteNotFound", "Report", "SourceError", "StaleLedgerError",
    "UsageError", "Value", "add_claim", "add_source", "derive", "extract", "fill", "load_ledger",
    "parse_value", "register_source", "run_check", "typed_claims", "validate_ledger",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module only when the name is first asked for."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'provenance' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"provenance.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """``provenance.extract`` and ``provenance.fill`` stay the functions even after their
    same-named submodules are imported (the import system binds each submodule as an
    attribute of its package; those two bindings are dropped)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if not (isinstance(value, types.ModuleType) and name in _HOME):
            super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
