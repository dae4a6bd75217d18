"""The ranges values are read in, and what happens outside them: values never crash
and never guess silently. This module decides (issue 19, part 7):

- **Figures** are read when finite, at most ``MAX_FIGURE`` (10^18) in magnitude once
  scale words are applied, and written with at most ``MAX_DIGITS`` (15) significant
  digits, what a float holds exactly ("999,999,999,999,999,999,999" would quietly
  become 1e21). Beyond that the whole mention is *refused*: no value and no mention,
  and nothing inside it is read again (the tail of a refused figure is not a smaller
  figure). A power beyond a float ("1e309", "10^400") is refused the same way.
- **Written years** are read from 1500 to 2099 (``dates.YEAR``). A four-digit figure
  outside that range after "in", "since", "until", "during" or "year" with no unit
  ("in 1066", "in 2150") is refused, not read as a count; "in 2150 homes" is a count.
- **Impossible days** ("30 February", "February 30, 2024", "Feb. 29, 2023",
  "31 April", "2023-02-29", "the 30th of February") are refused: no date, never the
  month alone and never a neighbouring day; the whole phrase is consumed.
- **Dates beyond the calendar**: a phrase resolved against the publication date that
  falls outside 0001-01-01 .. 9999-12-31 ("next year" in a paper of 9999-12-31,
  "10000 years ago") reads as when the publication date is unknown: a date mention
  with no interval, flagged ``ambiguous`` (never a clamped or shifted date).

`parse_value` then finds no value of the kind: `fill` reports the claim as
"no <kind> found in quote ..." followed by `explain`'s reason ("'30 February' is not a
real date"), and `extract` reports no mention. `validate` flags value cells beyond
``MAX_FIGURE`` (warning ``number-out-of-range``), non-finite numbers and dates that are
not real calendar days (errors).
"""

from __future__ import annotations

import math
import re

from provenance.schema import MAX_FIGURE

from .value import Value

MAX_DIGITS = 15
YEARS = (1500, 2099)
YEAR_CONTEXT_RE = re.compile(r"(?<![\w.,])(?:in|since|until|during|year)\s+$", re.IGNORECASE)
NOT_DIGIT_RE = re.compile(r"[^0-9]")
FOUR_DIGITS_RE = re.compile(r"[1-9][0-9]{3}(?![\w,]|\.[0-9])")


class Refused(ValueError):
    """A mention out of range or impossible: the scan skips to `end` and reads nothing."""

    def __init__(self, end: int, reason: str):
        super().__init__(reason)
        self.end = end
        self.reason = reason


def not_a_day(text: str, start: int, end: int) -> Refused:
    """The refusal of a day that does not exist ('30 February')."""
    return Refused(end, f"{text[start:end]!r} is not a real date")


def check_digits(digits: str, end: int) -> None:
    """Refuse a written figure with more significant digits than a float holds."""
    if len(digits) <= MAX_DIGITS:  # most figures: too short to hold that many digits
        return
    if len(NOT_DIGIT_RE.sub("", digits).strip("0")) > MAX_DIGITS:
        raise Refused(end, f"the figure {digits!r} has more than {MAX_DIGITS} significant "
                           "digits and cannot be held exactly")


def in_range(value: Value) -> bool:
    """Whether every number of a value is finite and at most MAX_FIGURE in magnitude."""
    for x in (value.value, value.low, value.high):
        if x is not None and not (math.isfinite(x) and abs(x) <= MAX_FIGURE):
            return False
    return True


def out_of_range(phrase: str) -> str:
    """The reason given for a figure beyond MAX_FIGURE."""
    return f"{phrase!r} is beyond the supported magnitude of {MAX_FIGURE:.0e}"


def year_outside(text: str, pos: int, floor: int) -> Refused | None:
    """The refusal of a year outside YEARS written at `pos` after a temporal word."""
    m = FOUR_DIGITS_RE.match(text, pos)
    if not m or YEARS[0] <= int(m[0]) <= YEARS[1] \
            or not YEAR_CONTEXT_RE.search(text, max(floor, pos - 8), pos):
        return None
    return Refused(m.end(), f"the year {m[0]} is outside the years read as dates "
                            f"({YEARS[0]}-{YEARS[1]})")
