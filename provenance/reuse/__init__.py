"""Quote chains: passages two sources share verbatim or nearly, and which came first.

``find_reuse`` (texts in, passages out), ``ledger_reuse`` for a ledger,
``save_reuse``/``load_reuse`` for ``reuse.csv`` beside it, ``claim_via`` for the
claims that reached an outlet through another and ``quoted_claims`` for the origin's
claims they repeat.
"""

from provenance.reuse.chains import claim_via, quoted_claims
from provenance.reuse.search import MIN_WORDS, Passage, find_reuse
from provenance.reuse.store import REUSE, ledger_reuse, load_reuse, save_reuse

__all__ = ["MIN_WORDS", "REUSE", "Passage", "claim_via", "find_reuse", "ledger_reuse",
           "load_reuse", "quoted_claims", "save_reuse"]
