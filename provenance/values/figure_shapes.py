"""Figure shapes for the scan: mentions whose surroundings differ only in digits share
one reading, and each gets the value of its own figure.

A digit anchor at a *figure with thousands separators* ("12,345": a leading group of
one to three digits, not "0", then one to four groups of three, with neither a word
character, a "," nor a decimal part right after it) is read by ``scan._digits`` along
a path that looks at the figure's length and at the text around it, and at the
figure's digit values only to compute its value:

- no date shape reads it: each starts with four digits or with one or two digits and
  a separator (``scan.DATE_LEAD_RE``), and the figure has a "," within its first four
  characters; nor do a year (``dates.YEAR_RE``), a year out of range
  (``limits.FOUR_DIGITS_RE``) or a bare year-like name (``scan.YEARLIKE_RE``);
- the number read is the figure itself (its value at least 1,000, so never "one" nor
  the "1" of "1 in 5"), unless a scale word, "and a half" or an exponent follows it;
  its value is compared with another figure's only in a range ("12,345 to 20,000",
  "between 12,345 and twenty thousand"), a ratio ("out of"), or added to one in a
  compound duration ("12,345 years and three months"). A shape where any of those can
  happen is not shared (``_plain``): one framed by "between" or "from", or with a
  scale word, "and a half", "out of" or an exponent right after the figure, or a digit
  or a number word from the figure to three words past the mention (where a range or
  compound duration's second figure would stand);
- everything else (label, name, sign, hedge, unit, counted noun, range and time words,
  "ago", "from now", a hedge after it) is read from the text around it, digits there
  only as characters of a class (a word character, a digit), never by value. Before
  the figure the reads reach at most ``NEAR`` code points (a sign within 10, a hedge
  within 24 of that, a look-behind of one), and never before the scan's floor but for
  the 10 code points of a "between" and a name's glue ("F-16"); a duration's verb of
  lasting or window word ("took about ...", "the past ...") is looked for within
  ``LASTING`` code points before the mention. After the figure they reach at most
  ``RIGHT`` words: a counted noun's phrase is read over six words, with up to four
  more to see where capitalised modifiers end (values/counted.py), and a shared
  reading's other reads (range and compound separators, hedges, "ago") stay within
  three words past its mention;
- the publication date is read only by readings that are dates, which are not shared.

So a shape is the anchor's surroundings with every ASCII digit written as "0": the
``NEAR`` code points before it (from just before the scan's floor when that is
nearer), the figure, the ``RIGHT`` words after it, and where the floor is. The first
mention of a shape is read as written; when its reading is the figure as stated
(``quantities.figure_reading``: a quantity or a duration, the stated figure under a
qualifier and a unit) and nothing can have read another figure, every later mention of
the shape gets ``stated`` of its own figure over the same span (whether it can be is
decided when the second comes, so a shape met once costs no more); a duration's shape
is shared only where the ``LASTING`` code points before its mention are the same too,
or its reading as written there was a duration as well. Otherwise the mention is read
as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .numbers import PARTS, SCALE_AFTER_RE, SCALES, SMALL, digits_value
from .numerals import VULGAR
from .quantities import BETWEEN_RE, EXPONENT_AFTER_RE, figure_reading, stated
from .value import Value

Found = tuple[int, int, Value]

NEAR = 36
LASTING = 34
UNGUARDED = 11  # code points before the figure read whatever the floor
RIGHT = 12
LONGEST = 256  # code points of the words after a figure, at most
SHAPES = 1 << 14  # shapes kept; all are forgotten when there are more
# A figure with thousands separators after its first digit (1-9), as scan.ANCHOR_RE finds it
FIGURE_REST = r"[0-9]{0,2}(?:,[0-9]{3}){1,4}(?![\w,]|\.[0-9])"
WORDS_AFTER_RE = re.compile(rf"(?:\s*\S+){{1,{RIGHT}}}")
NOT_SHARED_AFTER_RE = re.compile(r"\s+out\s+of\b|\s+and\s+an?\s+(?:half|quarter)\b",
                                 re.IGNORECASE)
WORD_RE = re.compile(r"\S+")
FIGURES_RE = re.compile(  # a digit or the start of a number word ("hundreds", "twenty-")
    rf"[0-9{VULGAR}]|(?<![A-Za-z])(?:{'|'.join([*SMALL, *SCALES, *PARTS])})", re.IGNORECASE)
ZEROS = str.maketrans("123456789", "000000000")
NONZERO_RE = re.compile("[1-9]")


class Shape(NamedTuple):
    """A figure's shape (its surroundings with digits as "0", where the figure is in
    them, where the floor is and the tolerance), where the figure ends and where its
    words end."""

    key: tuple
    end: int
    after: int


class Reading(NamedTuple):
    """A shared reading: its span from the anchor, qualifier and unit ("time:<unit>":
    a duration)."""

    start: int
    stop: int
    qualifier: str
    unit: str | None


class First(NamedTuple):
    """The first mention of a shape, read as written: its span from the anchor, its value
    and its figure (whether it can be shared is decided when a second one comes)."""

    start: int
    stop: int
    value: Value
    figure: str


_readings: dict[tuple, First | Reading | bool] = {}


def forget() -> None:
    """Forget every shape read."""
    _readings.clear()


def shape_of(text: str, pos: int, end: int, floor: int, tolerance: float) -> Shape | None:
    """The shape of the figure with thousands separators at ``[pos, end)`` (a digit 1-9
    and ``FIGURE_REST``), or None when its words are longer than ``LONGEST``."""
    words = WORDS_AFTER_RE.match(text, end)
    after = words.end() if words else end
    if after - end > LONGEST:
        return None
    low = max(0, min(pos - UNGUARDED, max(floor - 1, pos - NEAR)))
    return Shape((masked(text, low, after), pos - low, end - pos, max(floor, low + 1) - pos,
                  tolerance), end, after)


def masked(text: str, low: int, high: int) -> str:
    """``text[low:high]`` with every ASCII digit written "0": a slice of the whole text
    masked once for all its figures when it is ASCII (``str.translate`` is fast on ASCII
    only), else the slice masked alone."""
    if text.isascii():
        return _masked_ascii(text)[low:high]
    return NONZERO_RE.sub("0", text[low:high])


@lru_cache(maxsize=1)
def _masked_ascii(text: str) -> str:
    return text.translate(ZEROS)


def known(shape: Shape, text: str, pos: int, floor: int, tolerance: float) -> Found | None:
    """The mention at `pos` from its shape's shared reading, or None when there is none
    (not read yet, or read as written)."""
    reading = _readings.get(shape.key)
    if type(reading) is First:
        reading = _readings[shape.key] = _shared(shape, text, pos, reading, tolerance) \
            or False
    if not reading or (reading.unit or "").startswith("time:") and not _readings.get(
            _lasting(shape, text, pos + reading.start, floor)):
        return None
    figure = digits_value(text[pos:shape.end])
    return (pos + reading.start, pos + reading.stop,
            stated(reading.qualifier, figure, reading.unit, tolerance))


def learn(shape: Shape, text: str, pos: int, floor: int, found: Found | None) -> None:
    """Keep the reading of the first mention of a shape, read as written (a duration's:
    that its verb of lasting or window word, if any, gave it no date)."""
    if len(_readings) >= SHAPES:
        _readings.clear()
    if found is None:
        _readings.setdefault(shape.key, False)
        return
    _readings.setdefault(shape.key, First(found[0] - pos, found[1] - pos, found[2],
                                          text[pos:shape.end]))
    if found[2].kind == "duration":
        _readings[_lasting(shape, text, found[0], floor)] = True


def _lasting(shape: Shape, text: str, start: int, floor: int) -> tuple:
    """A duration's shape with the ``LASTING`` code points before its mention at `start`."""
    low = max(0, floor - 1, start - LASTING)
    return shape.key, masked(text, low, start), max(floor, low + 1) - start


def _shared(shape: Shape, text: str, pos: int, first: First, tolerance: float
            ) -> Reading | None:
    """The reading of a shape's first mention, shared when it is its figure as stated
    and no other figure can have been read with it (`text` at `pos`: another mention of
    the shape)."""
    if not _plain(shape, text, pos, pos + first.stop):
        return None
    reading = figure_reading(first.value, first.figure, tolerance)
    return reading and Reading(first.start, first.stop, *reading)


def _plain(shape: Shape, text: str, pos: int, stop: int) -> bool:
    """Whether no other figure can have been read with the one at `pos`, whose mention
    ends at `stop` (see module docstring), all within its shape."""
    end = shape.end
    if BETWEEN_RE.search(text, max(0, pos - 9), pos) or SCALE_AFTER_RE.match(text, end) \
            or NOT_SHARED_AFTER_RE.match(text, end) or EXPONENT_AFTER_RE.match(text, end):
        return False
    reach = stop
    for _, word in zip(range(3), WORD_RE.finditer(text, stop), strict=False):
        reach = word.end()
    return reach <= shape.after and FIGURES_RE.search(text, end, reach) is None
