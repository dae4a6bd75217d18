"""Value shapes: claims whose wording differs only in a figure share one reading.

A claim's value is a function of its quote, its sentence window (the text
``tense.sentence_window`` cuts around it), its kind and its publication date, and of
nothing else (``parse_in_window``). ``fill`` reads many claims by reading one claim per
*shape* of that window, the window written with

* the quote's figure masked, when the quote holds one run of digits and it is a whole
  figure with thousands separators ("12,345"; never a year, a time or a date part), no
  other digit stands in its sentence window before or after it (no range can form), and
  its leading group cannot be a day after a month or weekday name ("March 12,345": the
  leading group is kept when it is 59 or less and such a name comes shortly before);
* every run of digits in the paragraph's earlier sentences masked, when the quote's own
  sentence has no digit before the quote and no earlier sentence names a year ("in
  2023", the only reading that looks back beyond a sentence: tense.py's rule 1).

A masked run of digits is one ``#`` whatever its length.
Everything else is kept as written. When the reading of one claim of a shape is its figure
as stated (``quantities.stated`` of the figure under the reading's qualifier and unit),
every claim of the shape gets ``stated`` of its own figure; otherwise the shape is read
again per quote as written. A reading is first made with a publication date that
notices any use of it (``Unused``): a reading that never used the date holds for every
date, so dates split a shape only when its reading used one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from provenance.sentences import BOUNDARY_RE

from .dates import MONTHS, WEEKDAYS
from .tense import YEAR_NAMED_RE

if TYPE_CHECKING:
    from provenance.windows import Texts

GROUPS = 4  # a figure's thousands groups, at most
LEAD = 3  # digits of its leading group, at most
ZERO, COMMA, DOT, UNDERSCORE = map(ord, "0,._")
MASK = str.maketrans("0123456789", "#" * 10)
RUN_RE = re.compile(r"#+")
DAY_LIKE = 59  # a leading group up to this may be read as a day, an hour or a minute
NAME_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z])(?:{'|'.join(sorted({*MONTHS, *WEEKDAYS}, key=len, reverse=True))})"
    r"(?![A-Za-z])", re.IGNORECASE)
NAME_REACH = 24
LOOK_BEHIND = 8  # code points a boundary's look-behinds may read before its end mark
LOOK_AHEAD = 2  # code points its look-ahead reads after it


def masked_prefix(window: str, start: int) -> tuple[str, bool]:
    """The window before the quote, with the digits of its earlier sentences masked when
    that cannot change a reading (see module docstring), and whether the quote's own
    sentence is free of digits before the quote."""
    prefix = window[:start]
    last = prefix.translate(MASK).rfind("#")
    if last == -1:
        return prefix, True
    end = BOUNDARY_RE.search(window, last + 1)
    if end is None or end.start() >= start:
        return prefix, False
    return masked_sentences(prefix), True


def masked_sentences(prefix: str) -> str:
    """A window's text before a quote whose own sentence has no digit before it: its runs
    of digits masked, unless it names a year."""
    return prefix if YEAR_NAMED_RE.search(prefix) else RUN_RE.sub("#", prefix.translate(MASK))


def quote_figures(texts: Texts, starts: np.ndarray, ends: np.ndarray, lows: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The figure of each quote ``[starts[i], ends[i])`` of ``texts`` (its sentence window
    from ``lows[i]``), read over the texts' code points for all quotes at once: where it
    starts, where its masking starts (after the leading group when that is kept: it may
    be a day, see :func:`name_before`), and where it ends, in the quote (-1 for all
    three: no figure). A quote holds a figure when the regular expression
    ``[^0-9]*(?<![\\w.,])[1-9][0-9]{0,2}(?:,[0-9]{3}){1,4}(?![\\w,]|\\.[0-9])[^0-9]*``
    matches the whole quote: from its first ASCII digit to the end of its last, a
    leading group and one to four groups of three, nothing but commas between them, and
    neither a word character, a "." nor a "," just before it, nor a word character or a
    "," just after it, in the quote."""
    codes = texts.codes
    first, stop, count = texts.digit_bounds(starts, ends)
    groups = (stop - first) - count  # what is not a digit from the first to the last
    lead = stop - first - (LEAD + 1) * groups
    held = (first >= 0) & (groups >= 1) & (groups <= GROUPS) & (lead >= 1) & (lead <= LEAD)
    held &= codes[np.where(held, first, 0)] != ZERO
    for group in range(1, GROUPS + 1):
        comma = np.where(held & (group <= groups), stop - (LEAD + 1) * group, 0)
        held &= (group > groups) | (codes[comma] == COMMA)
    before = np.where(held & (first > starts), first - 1, -1)
    after = np.where(held & (stop < ends), stop, -1)
    held &= ~_word_or(codes, before, (DOT, COMMA)) & ~_word_or(codes, after, (COMMA,))
    cut = np.where(held, first, -1)
    figures = np.flatnonzero(held)
    day_like = figures[_lead_value(codes, first[figures], lead[figures]) <= DAY_LIKE]
    reach = NAME_REACH + 1  # the code points a name may stand in, and one before it
    text = texts.joined
    named = [name_before(text[max(low, at - reach):at]) for low, at in
             zip(lows[day_like].tolist(), first[day_like].tolist(), strict=True)]
    kept = day_like[np.array(named, dtype=bool)]
    cut[kept] += lead[kept]
    return (np.where(held, first - starts, -1), np.where(held, cut - starts, -1),
            np.where(held, stop - starts, -1))


def _lead_value(codes: np.ndarray, first: np.ndarray, lead: np.ndarray) -> np.ndarray:
    """The number the ``lead`` ASCII digits from each of ``first`` make."""
    value = np.zeros(len(first), dtype=np.int64)
    for digit in range(LEAD):
        there = lead > digit
        value[there] = value[there] * 10 + codes[first[there] + digit].astype(np.int64) - ZERO
    return value


def _word_or(codes: np.ndarray, at: np.ndarray, marks: tuple[int, ...]) -> np.ndarray:
    """Whether the code point at each of ``at`` (-1: none) is a word character (as the
    ``\\w`` of a str pattern: alphanumeric or "_") or one of ``marks``."""
    there = at >= 0
    code = codes[np.where(there, at, 0)].astype(np.int64)
    ascii_word = (((code | 32) >= ord("a")) & ((code | 32) <= ord("z"))) \
        | ((code >= ZERO) & (code <= ZERO + 9)) | (code == UNDERSCORE)
    found = ascii_word | np.isin(code, marks)
    wide = np.flatnonzero(there & (code > 127))
    found[wide] = [chr(c).isalnum() for c in code[wide].tolist()]
    return there & found


@lru_cache(maxsize=1 << 16)
def name_before(seen: str) -> bool:
    """Whether a month or weekday name starts in the last ``NAME_REACH`` code points of
    ``seen`` (the text before a figure: those, and the one before them when there is one,
    read by the name's look-behind), one search per distinct ``seen``."""
    return NAME_BEFORE_RE.search(seen, max(0, len(seen) - NAME_REACH)) is not None


class PublishedUsed(BaseException):  # noqa: N818  (not an error: a signal out of a reading)
    """A reading used its publication date."""


class Unused(datetime.date):
    """A publication date that stops a reading at any use of it (PublishedUsed)."""

    def __getattribute__(self, name: str):
        if name == "__class__":  # isinstance() asks for it: no use of the date
            return Unused
        raise PublishedUsed(name)

    def _used(self, *_args: object) -> None:
        raise PublishedUsed("operator")

    __add__ = __radd__ = __sub__ = __rsub__ = _used
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _used  # type: ignore[assignment]
    __hash__ = __repr__ = __str__ = __format__ = __reduce__ = _used  # type: ignore[assignment]


UNUSED = Unused(2000, 1, 1)


class Shape(NamedTuple):
    """A claim's shape: its kind, the masked text before and in the quote, the rest of the
    window, and whether the quote's figure is masked."""

    kind: str | None
    before: str
    quote: str
    after: str
    masked: bool


class Shapes(NamedTuple):
    """The shapes of many quotes, a column each: the window before the quote, masked;
    the quote, its figure masked; the window after it; and where its masked figure
    starts and ends in the quote (-1 for both when none is)."""

    before: np.ndarray
    quote: np.ndarray
    after: np.ndarray
    figure_start: np.ndarray
    figure_end: np.ndarray


def text_shapes(texts: Texts, quotes: Sequence[str], starts: np.ndarray, ends: np.ndarray,
                lows: np.ndarray, highs: np.ndarray) -> Shapes:
    """The shape of each quote at ``[starts[i], ends[i])`` of ``texts`` (windows.py) in its
    sentence window ``[lows[i], highs[i])``. The last digit before a quote and the
    boundary after it are looked up among the texts' marks; a window too close to that
    boundary for the lookup to be sure is read by :func:`masked_prefix` itself."""
    text = texts.joined
    last = texts.last_masked_before(starts, lows)
    cut_start, cut_end = texts.first_boundary_from(last + 1)
    marked = last >= 0
    cut = marked & (cut_start < starts)
    unsure = marked & ((last < lows + LOOK_BEHIND) | (cut & (cut_end + LOOK_AHEAD > highs)))
    plain = cut & ~unsure & ~texts.year_like_within(lows, starts)
    before = np.empty(len(quotes), dtype=object)
    clean = np.ones(len(quotes), dtype=bool)
    before[plain] = _objects(texts.masked_slices(lows[plain], starts[plain]))
    bare = np.flatnonzero(~marked)
    before[bare] = _objects([text[low:start] for low, start in
                             zip(lows[bare].tolist(), starts[bare].tolist(), strict=True)])
    for i in np.flatnonzero(unsure).tolist():
        low, start = int(lows[i]), int(starts[i])
        before[i], clean[i] = masked_prefix(text[low:int(highs[i])], start - low)
    for i in np.flatnonzero(marked & ~unsure & ~plain).tolist():
        prefix = text[int(lows[i]):int(starts[i])]
        before[i], clean[i] = (masked_sentences(prefix), True) if cut[i] else (prefix, False)
    after = _objects([text[end:high] for end, high in
                      zip(ends.tolist(), highs.tolist(), strict=True)])
    first, masking, stop = quote_figures(texts, starts, ends, lows)
    masked = clean & ~texts.digit_within(ends, highs) & (first >= 0)
    quote = _objects(quotes)
    at = np.flatnonzero(masked)
    quote[at] = _objects([written[:cut] + "#" + written[end:] for written, cut, end in
                          zip(quote[at].tolist(), masking[at].tolist(), stop[at].tolist(),
                              strict=True)])
    return Shapes(before, quote, after, np.where(masked, first, -1), np.where(masked, stop, -1))


def _objects(cells: Sequence[str]) -> np.ndarray:
    """``cells`` as an object array (the same str objects)."""
    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    return array


def as_written(shape: Shape, quote: str) -> Shape:
    """The same shape with the quote as written (its figure not masked)."""
    return Shape(shape.kind, shape.before, quote, shape.after, False)
