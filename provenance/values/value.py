"""The `Value` record: a claim's normalised value, engine-neutral and CSV-friendly.

Conventions (see ARCHITECTURE.md, "claims.csv"):

- ``kind`` is ``quantity``, ``duration``, ``date`` or ``text``.
- ``low``/``high`` bound an interval; ``None`` means unbounded on that side.
  Quantities are in ``unit``; durations are in days (``unit == "day"``) and their
  ``value`` is the stated figure converted to days too.
- Dates use ``date_low``/``date_high`` (inclusive calendar days) and leave the
  numeric fields empty.
- ``ambiguous`` is true when the wording allows more than one reading; the interval
  then covers every reading.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

CELL_COLUMNS = (
    "kind", "qualifier", "value", "low", "high", "unit", "date_low", "date_high", "ambiguous",
)


WHOLE_BELOW = 1e18  # a whole number below this in magnitude is written as an int


def format_number(x: float | None) -> str:
    """Render a number for a CSV cell: '' for None, no trailing '.0' when integral."""
    if x is None:
        return ""
    if math.isfinite(x) and x == int(x) and abs(x) < WHOLE_BELOW:
        return str(int(x))
    return repr(float(x))


@lru_cache(maxsize=1 << 12)
def _day(day: datetime.date | None) -> str:
    """An ISO day cell ('' for None), one str per distinct day."""
    return day.isoformat() if day else ""


def _number(cell: str | None) -> float | None:
    cell = (cell or "").strip()
    return float(cell) if cell else None


def _date(cell: str | None) -> datetime.date | None:
    cell = (cell or "").strip()
    return datetime.date.fromisoformat(cell) if cell else None


@dataclass(frozen=True)
class Value:
    """A normalised value: an interval with a hedge qualifier (see module docstring)."""

    kind: str
    qualifier: str = "exact"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    date_low: datetime.date | None = None
    date_high: datetime.date | None = None
    ambiguous: bool = False

    def to_cells(self) -> dict[str, str]:
        """CSV cells for the derived columns of claims.csv."""
        return dict(zip(CELL_COLUMNS, self.cells(), strict=True))

    def cells(self) -> tuple[str, ...]:
        """The cells of `to_cells` in the order of :data:`CELL_COLUMNS` (no dict made:
        extraction adds them a column at a time)."""
        value = format_number(self.value)  # an end equal to the value is written alike
        low = value if self.low == self.value else format_number(self.low)
        high = value if self.high == self.value else format_number(self.high)
        return (self.kind, self.qualifier, value, low, high, self.unit or "",
                _day(self.date_low), _day(self.date_high), "true" if self.ambiguous else "")

    @classmethod
    def from_cells(cls, cells: Mapping[str, str]) -> Value:
        """Inverse of `to_cells`; missing or empty cells give the defaults."""
        return cls(
            kind=(cells.get("kind") or "").strip() or "text",
            qualifier=(cells.get("qualifier") or "").strip() or "exact",
            value=_number(cells.get("value")),
            low=_number(cells.get("low")),
            high=_number(cells.get("high")),
            unit=(cells.get("unit") or "").strip() or None,
            date_low=_date(cells.get("date_low")),
            date_high=_date(cells.get("date_high")),
            ambiguous=(cells.get("ambiguous") or "").strip().lower() in {"true", "1", "yes"},
        )
