"""Durations in days.

Lengths used (the Gregorian averages, as pint defines them):

=========  ==============
unit       days
=========  ==============
second     1/86,400
minute     1/1,440
hour       1/24
day        1
week       7
fortnight  14
month      30.4375 (365.25 / 12): "two months" is 60.875 days
year       365.25
decade     3,652.5
century    36,525
=========  ==============

A duration's ``value`` is the stated figure converted to days, ``unit`` is ``day``.
A bare plural after "for", "after", "over", "spanning" or "lasting" ("for months",
"after years of talks") is a ``vague`` duration from two of the unit to two of the
next larger unit, where the next plural takes over ("days" 2-14 days, "months"
2 months-2 years; see ``VAGUE_PLURAL``). The mention is the plural alone: the word
before it only tells that it is a duration.

After a verb of lasting or taking ("take", "lasted", "will last", "spent",
"spanning", "run for"), a length of time is a duration, never a date: "a journey
expected to take about three weeks" is 21 days (approx), "lasted two months" 60.875
days, "will take years" the vague plural; no "ago", window or before/after offset
reading applies to it (``after_lasting_verb``). "Over the next N years" is instead a
future period: the dates from publication to N years on (relative.py).
"""

from __future__ import annotations

import re

LASTING_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:take|takes|took|taking|taken|(?:will|would|could|may|might|can|"
    r"should|must|to)\s+last|lasts|lasted|lasting|spend|spends|"
    r"spent|spending|span|spans|spanned|spanning|run|runs|ran|running|endure|endures|"
    r"endured|enduring)(?:\s+(?:for|about|around|roughly|nearly|almost|only|just|"
    r"another|over|up\s+to|at\s+least|at\s+most|more\s+than|less\s+than))?\s+$",
    re.IGNORECASE)
DAYS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "fortnight": 14.0, "month": 30.4375, "year": 365.25, "decade": 3652.5,
    "century": 36525.0,
}
_FORMS = {
    "seconds": "second", "second": "second", "secs": "second", "sec": "second",
    "minutes": "minute", "minute": "minute", "mins": "minute", "min": "minute",
    "hours": "hour", "hour": "hour", "hrs": "hour", "hr": "hour", "h": "hour",
    "days": "day", "day": "day", "weeks": "week", "week": "week",
    "fortnights": "fortnight", "fortnight": "fortnight",
    "months": "month", "month": "month", "mos": "month",
    "years": "year", "year": "year", "yrs": "year", "yr": "year",
    "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
}
# plural -> (low, high) in days for "for months", "after years of ..."
VAGUE_PLURAL = {
    "hours": (2 / 24, 2.0),
    "days": (2.0, 14.0),
    "weeks": (14.0, 2 * DAYS["month"]),
    "months": (2 * DAYS["month"], 2 * DAYS["year"]),
    "years": (2 * DAYS["year"], 2 * DAYS["decade"]),
    "decades": (2 * DAYS["decade"], 2 * DAYS["century"]),
}
UNIT_RE = re.compile(
    r"(?:" + "|".join(sorted(_FORMS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def match_time_unit(text: str, pos: int) -> tuple[str, int] | None:
    """The time unit starting at `pos` (singular name) and its end, or None."""
    m = UNIT_RE.match(text, pos)
    if not m:
        return None
    return _FORMS[m[0].lower()], m.end()


def to_days(amount: float | None, unit: str) -> float | None:
    """`amount` of `unit` in days (None stays None)."""
    return None if amount is None else amount * DAYS[unit]


MONTHS_IN = {"month": 1, "year": 12, "decade": 120, "century": 1200}


def best_unit(days: float) -> str:
    """The largest unit that `days` is a whole number of (60.875 -> 'month')."""
    for unit in ("century", "decade", "year", "month", "week"):
        count = days / DAYS[unit]
        if count >= 1 and abs(count - round(count)) < 1e-9:
            return unit
    return "day"


def after_lasting_verb(text: str, start: int, floor: int = 0) -> bool:
    """Whether a verb of lasting or taking ends right before `start` (module docstring)."""
    return LASTING_BEFORE_RE.search(text, max(floor, start - 32), start) is not None
