"""Fact-key suggestions: which existing fact key a new claim states, or that it is new.

``suggest_keys`` ranks keys (``suggest.py``); ``write_suggestions``, ``accept_suggestions``,
``assign_fact_key``, ``accept_picks`` and ``reject_claims`` edit a ledger in memory
(``accept.py``); ``close_key_warnings``
reports single-source keys whose name is close to another key (``keys.py``).
"""

from provenance.alignment.accept import (
    accept_picks,
    accept_suggestions,
    assign_fact_key,
    reject_claims,
    write_suggestions,
)
from provenance.alignment.keys import close_key_warnings
from provenance.alignment.suggest import ClaimSuggestions, Suggestion, suggest_keys

__all__ = [
    "ClaimSuggestions", "Suggestion", "accept_picks", "accept_suggestions", "assign_fact_key",
    "close_key_warnings", "reject_claims", "suggest_keys", "write_suggestions",
]
