"""Records shared by the benchmark: documents, gold mentions, predictions, suites.

Every tool's output and every peer's gold annotation is mapped onto the same small
records, so one scorer serves all suites:

- quantities: ``low``/``high`` in ``unit`` plus the stated figure;
- durations: ``low``/``high`` in days (month = 365.25/12 days, year = 365.25 days);
- dates: inclusive ``date_low``/``date_high``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from bench_units import same_unit

DEFAULT_REF = dt.date(2016, 11, 7)  # the Recognizers-Text specs' usual reference date
DAYS = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 365.25 / 12,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525.0,
}


@dataclass(frozen=True)
class Pred:
    """One mention found by a tool, in the common value form."""

    start: int
    end: int
    kind: str
    qualifier: str = "exact"
    stated: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    date_low: dt.date | None = None
    date_high: dt.date | None = None


Check = Callable[[Pred], bool]


@dataclass(frozen=True)
class Gold:
    """One expected mention; `check` tells whether a prediction's value is right."""

    start: int
    end: int
    kind: str
    check: Check | None = None


@dataclass
class Doc:
    """One input text with its reference date, gold mentions and ignored regions.

    Predictions overlapping an `ignore` span (a peer mention outside our scope, such as a
    clock time) count neither as right nor as wrong.
    """

    text: str
    ref: dt.date
    gold: list[Gold]
    ignore: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Suite:
    """A named set of documents and the kinds of mention it scores."""

    name: str
    docs: list[Doc]
    kinds: frozenset[str]
    note: str = ""
    in_scope: Callable[[Pred], bool] | None = None


def close(a: float | None, b: float | None, rel: float = 1e-6) -> bool:
    """Equal numbers (relative tolerance), or both unbounded."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def point_check(value: float) -> Check:
    """Right when the stated figure, or a one-point interval, equals `value`."""

    def check(p: Pred) -> bool:
        if p.stated is not None and close(p.stated, value):
            return True
        return close(p.low, value) and close(p.high, value)

    return check


def date_check(readings: list[tuple[dt.date, dt.date]]) -> Check:
    """Right when the interval equals one of the accepted readings."""
    options = set(readings)
    return lambda p: p.kind == "date" and (p.date_low, p.date_high) in options


def date_overlap_check(low: dt.date, high: dt.date) -> Check:
    """Right when the interval meets [low, high] (for modified dates: 'early 2012')."""
    return lambda p: (
        p.kind == "date"
        and p.date_low is not None
        and p.date_high is not None
        and p.date_low <= high
        and p.date_high >= low
    )


def duration_check(days: float, hedged: bool) -> Check:
    """An exact duration must equal `days` (1%); a hedged one must contain it."""

    def check(p: Pred) -> bool:
        if p.kind != "duration":
            return False
        if not hedged:
            return close(p.low, days, 0.01) and close(p.high, days, 0.01)
        low_ok = p.low is None or p.low <= days * 1.01
        high_ok = p.high is None or p.high >= days * 0.99
        return low_ok and high_ok and (p.low, p.high) != (None, None)

    return check


def quantity_check(low: float | None, high: float | None, unit: str | None) -> Check:
    """A figure (or range) in a unit; no unit check when `unit` is None."""
    value = point_check(low) if low is not None and close(low, high) else None

    def check(p: Pred) -> bool:
        if unit is not None and not (p.unit and same_unit(p.unit, unit)):
            return False
        return value(p) if value else close(p.low, low) and close(p.high, high)

    return check


def iso(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])
