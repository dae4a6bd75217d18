"""Text claims compared by their ``category``: a short value the person chose
(``allowed``, ``restricted``, ``Kursk``, ``North Korea``).

Categories compare case- and whitespace-insensitively: :func:`normalise` casefolds
and collapses runs of white space, so ``North Korea``, ``north  korea`` and
`` NORTH KOREA `` are one category. Two text claims of one fact key *differ* when
their normalised categories differ; a claim without a category is not compared.

Each distinct normalised category gets a code (its rank among the batch's categories)
and a claim becomes the point interval ``[code, code]``: two such intervals are disjoint
exactly when the categories differ, so the interval analysis of
:mod:`provenance.check.agreement` (sorts and binary searches per fact key, exact counts,
listings capped per key) finds the differing pairs without a per-key loop. Distinct
categories are normalised once each, not once per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from provenance.check.intervals import Tuning, _frame, _selected

CATEGORY_COLUMNS = ["claim_id", "source_id", "fact_key", "kind", "status", "category"]


def normalise(category: str) -> str:
    """The form categories are compared in: casefolded, white space collapsed and trimmed."""
    return " ".join(category.casefold().split())


def category_codes(column: pd.Series) -> np.ndarray:
    """Per row, the rank of its normalised category among the column's (-1 when empty)."""
    codes, names = pd.factorize(column, use_na_sentinel=True)
    forms = np.array([normalise(str(name)) for name in names] + [""], dtype=object)
    distinct = np.unique(forms)  # sorted, so "" (no category) is first: its rank is -1
    ranks = np.searchsorted(distinct, forms).astype(np.int64) - 1
    return ranks[codes]  # code -1 (a missing cell) takes the last entry, ""


def text_intervals(batch: pd.DataFrame, tuning: Tuning) -> pd.DataFrame:
    """Point intervals ``[code, code]`` of the categorised ``kind=text`` claims."""
    rows = _selected(batch, "text", tuning)
    code = category_codes(rows["category"]).astype(np.float64)
    code[code < 0] = np.nan  # both ends unknown: left out
    return _frame(rows, rows["fact_key"], code, code.copy())
