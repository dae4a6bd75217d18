"""Fact-key suggestions: which existing fact key a new claim states, or that it is new.

``suggest_keys`` ranks keys (``suggest.py``); ``write_suggestions``, ``accept_suggestions``
and ``assign_fact_key`` edit a ledger in memory (``accept.py``); ``close_key_warnings``
reports single-source keys whose name is close to another key (``keys.py``).
"""

from provenance.alignment.accept import accept_suggestions, assign_fact_key, write_suggestions
from provenance.alignment.keys import close_key_warnings
from provenance.alignment.suggest import ClaimSuggestions, Suggestion, suggest_keys

__all__ = [
    "ClaimSuggestions", "Suggestion", "accept_suggestions", "assign_fact_key",
    "close_key_warnings", "suggest_keys", "write_suggestions",
]
