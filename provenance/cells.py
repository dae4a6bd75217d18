"""Cell typing: the ledger's string cells as typed columns, one way for every reader.

``claims.csv`` is kept as strings (a load and save changes no byte); whatever computes
with its cells reads them here: the check's batch, ``typed_claims`` (dashboard), the
fact-key signals, quote chains and fill's canonical order. Columns are read through Arrow
(pandas' ``str`` is pyarrow-backed), each distinct odd cell parsed once.

==================  ============================================================
reader              cells
==================  ============================================================
:func:`numbers`     float64 as Python's ``float`` reads a cell; NaN when empty or
                    not a number
:func:`whole_numbers`  ``Int64``: the number truncated towards zero; NA when empty,
                    not a number or beyond int64
:func:`offsets`     int64 as :func:`whole_numbers`, -1 for NA (the span check's form)
:func:`dates`       ``datetime64[s]`` of ``YYYY-MM-DD`` cells; NaT otherwise
:func:`flags`       bool: the cell is ``true``
==================  ============================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ISO_DAY = "%Y-%m-%d"
INT64_LIMIT = 2.0**63


def is_arrow_text(column: pd.Series) -> bool:
    """True for pandas' pyarrow-backed ``str`` columns (text already held in Arrow)."""
    return isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"


def arrow_text(column: pd.Series) -> pa.ChunkedArray:
    """A column of strings as Arrow (no copy for pandas' pyarrow-backed ``str``), NaN as null."""
    if not is_arrow_text(column):
        column = column.astype("str")
    return pa.chunked_array(column.array.__arrow_array__())


def encoded(column: pd.Series | pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Codes (-1 for null) and distinct values in order of appearance, as ``pd.factorize``."""
    text = column if isinstance(column, pa.ChunkedArray) else arrow_text(column)
    dictionary = pc.dictionary_encode(text).combine_chunks()
    codes = dictionary.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, dictionary.dictionary


def _float(cell: object) -> float:
    try:
        return float(cell) if isinstance(cell, str) and cell else np.nan
    except ValueError:
        return np.nan


def numbers(column: pd.Series) -> np.ndarray:
    """Floats from string cells as Python's ``float`` reads them, NaN when empty or not one.

    Arrow parses the column when every cell is empty or a plain decimal; otherwise each
    distinct cell goes through ``float`` (spaces, ``1_000``).
    """
    text = arrow_text(column)
    blank = pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)
    try:
        return pc.cast(blank, pa.float64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        codes, uniques = encoded(text)
        return np.append([_float(u) for u in uniques.to_pylist()], np.nan)[codes]


def whole_numbers(column: pd.Series) -> pd.arrays.IntegerArray:
    """``Int64`` from string cells: :func:`numbers` truncated towards zero, NA when the
    cell is empty, not a number, or beyond what an int64 holds."""
    values = numbers(column)
    missing = ~(np.abs(values) < INT64_LIMIT)  # NaN and infinities too
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)


def offsets(column: pd.Series) -> np.ndarray:
    """Span offsets as int64 (:func:`whole_numbers`), -1 when empty or not a number."""
    return whole_numbers(column).to_numpy(dtype=np.int64, na_value=-1)


def dates(column: pd.Series) -> np.ndarray:
    """``datetime64[s]`` from ``YYYY-MM-DD`` cells (NaT otherwise), parsed once per value."""
    codes, uniques = encoded(column)
    parsed = pd.to_datetime(pd.Series(uniques.to_pylist(), dtype=object), format=ISO_DAY,
                            errors="coerce")
    lookup = np.append(parsed.to_numpy(dtype="datetime64[s]"), np.datetime64("NaT", "s"))
    return lookup[codes]


def flags(column: pd.Series) -> np.ndarray:
    """True where the cell is ``true`` (the ``ambiguous`` column's form)."""
    return column.eq("true").to_numpy(dtype=bool, na_value=False)
