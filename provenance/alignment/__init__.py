"""Fact-key suggestions: which existing fact key a new claim states, or that it is new.

``suggest_keys`` ranks keys (``suggest.py``); ``write_suggestions``, ``accept_suggestions``,
``assign_fact_key``, ``accept_picks`` and ``reject_claims`` edit a ledger in memory
(``accept.py``); ``close_key_warnings`` reports single-source keys whose name is close to
another key (``keys.py``). Each name is imported on first use, so ``validate`` (which
needs only ``keys``) does not load the ranking and scikit-learn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from provenance.alignment.accept import (
        accept_picks,
        accept_suggestions,
        assign_fact_key,
        reject_claims,
        write_suggestions,
    )
    from provenance.alignment.keys import close_key_warnings
    from provenance.alignment.suggest import ClaimSuggestions, Suggestion, suggest_keys

_HOME = {
    "accept_picks": "accept", "accept_suggestions": "accept", "assign_fact_key": "accept",
    "reject_claims": "accept", "write_suggestions": "accept", "close_key_warnings": "keys",
    "ClaimSuggestions": "suggest", "Suggestion": "suggest", "suggest_keys": "suggest",
}
__all__ = [
    "ClaimSuggestions", "Suggestion", "accept_picks", "accept_suggestions", "assign_fact_key",
    "close_key_warnings", "reject_claims", "suggest_keys", "write_suggestions",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
