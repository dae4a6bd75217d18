"""Cells of the pandas engine's Arrow-backed text columns, taken chunk by chunk."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from provenance.cells import arrow_text, is_arrow_text
from provenance.check.messages import plain_cells


def arrow_cells(column: pd.Series, rows: np.ndarray | None) -> list:
    """The cells of ``column`` (all, or those at ascending positions ``rows``) as Python
    objects. Text held in Arrow chunks is taken chunk by chunk: Arrow's ``take`` would
    first join the chunks, a copy of the whole column (50 MB for a million quotes)."""
    if rows is None or not is_arrow_text(column):
        return plain_cells(column, rows)
    chunks = arrow_text(column).chunks
    bounds = np.cumsum([0, *map(len, chunks)])
    cuts = np.searchsorted(rows, bounds)
    return [cell for chunk, first, lo, hi in zip(chunks, bounds[:-1], cuts[:-1], cuts[1:],
                                                 strict=True)
            for cell in chunk.take(pa.array(rows[lo:hi] - first)).to_pylist()]
