"""The cells of many figures stated under one qualifier and unit, a column at a time.

``stated_cells(qualifier, figures, unit)`` gives, for every figure, the cells
``quantities.stated(qualifier, figure, unit).to_cells()`` gives, with numpy doing the
arithmetic of the whole column (the same IEEE products as Python's floats) and Python
only what has no vectorised twin: the tidying of a hedged bound (``hedges._tidy``) and
the writing of a number that is not whole (``value.format_number``).
"""

from __future__ import annotations

import numpy as np

from .durations import DAYS
from .hedges import _EXACT, APPROX_TOLERANCE, HEDGE_BOUNDS, _tidy
from .value import CELL_COLUMNS, WHOLE_BELOW

TIME = "time:"  # a unit with this prefix states a duration (quantities.stated)


def stated_cells(qualifier: str, figures: np.ndarray, unit: str | None,
                 tolerance: float = APPROX_TOLERANCE) -> dict[str, np.ndarray]:
    """``stated(qualifier, figure, unit).to_cells()`` of each of ``figures`` (float64),
    as one object array per cell column (``value.CELL_COLUMNS``)."""
    low, high = _interval(qualifier, figures, tolerance)
    kind = "quantity"
    if unit and unit.startswith(TIME):
        days = DAYS[unit[len(TIME):]]
        figures, low, high = (None if x is None else x * days for x in (figures, low, high))
        kind, unit = "duration", "day"
    size = len(figures)
    filled = {"kind": kind, "qualifier": qualifier, "unit": unit or "", "date_low": "",
              "date_high": "", "ambiguous": ""}
    cells = {column: np.full(size, cell, dtype=object) for column, cell in filled.items()}
    for column, numbers in (("value", figures), ("low", low), ("high", high)):
        cells[column] = (np.full(size, "", dtype=object) if numbers is None
                         else number_cells(numbers))
    return {column: cells[column] for column in CELL_COLUMNS}


def _interval(qualifier: str, figures: np.ndarray, tolerance: float
              ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """``hedges.interval`` of each figure: its low and high ends (None: unbounded)."""
    bounds = HEDGE_BOUNDS.get(qualifier, _EXACT)
    if bounds is _EXACT:
        return figures, figures
    low, high = (None if k is None else figures if k == 0 else
                 np.array([_tidy(x) for x in (figures * (1 + k * tolerance)).tolist()],
                          dtype=np.float64)
                 for k in bounds)
    if low is None or high is None:
        return low, high
    return np.minimum(low, high), np.maximum(low, high)


def number_cells(numbers: np.ndarray) -> np.ndarray:
    """``value.format_number`` of each of ``numbers`` (float64): a whole one (below
    ``WHOLE_BELOW`` in magnitude) as an int, any other as ``repr`` of its float."""
    cells = np.empty(len(numbers), dtype=object)
    whole = np.isfinite(numbers) & (np.abs(numbers) < WHOLE_BELOW)
    whole[whole] = numbers[whole] == np.trunc(numbers[whole])
    cells[whole] = np.array(list(map(str, numbers[whole].astype(np.int64).tolist())),
                            dtype=object)
    cells[~whole] = np.array(list(map(repr, numbers[~whole].tolist())), dtype=object)
    return cells
