"""One pass over a text: a single compiled regex finds anchors (digits, currency signs,
and words from one list: number words, month and weekday names, seasons, time units,
relative-date words); each anchor is parsed locally with small anchored regexes,
looking back a few characters for hedges and modifiers ("about", "a", "last").
Linear in the text length. Mentions out of range or impossible are refused and dates
beyond the calendar lose their interval (see limits.py); the scan never raises."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from . import (
    date_phrases,
    date_ranges,
    day_phrases,
    durations,
    figure_shapes,
    numeric_dates,
    periods,
    relative,
    week_days,
)
from .date_phrases import (
    match_month,
    match_numeric_date,
    match_season,
    match_weekday,
    match_year,
)
from .date_ranges import join_ranges, match_day_range
from .dates import MONTHS, WEEKDAYS, as_date
from .hedges import APPROX_TOLERANCE
from .limits import Refused, in_range, out_of_range, year_outside
from .numbers import SMALL
from .numerals import VULGAR
from .numeric_dates import match_numeric
from .patterns import trie_pattern
from .quantities import match_quantity
from .units import NOT_PINT, UNIT_FORMS
from .value import Value

Found = tuple[int, int, Value]
Date = datetime.date | None
Published = datetime.date | str | None


_KIND_WORDS = {
    "num": (*SMALL, "several", "dozens", "hundreds", "thousands", "millions", "billions",
            "tens", "half"),
    "scale": ("dozen", "hundred", "thousand", "million", "billion", "trillion"),
    "after_article": ("few", "couple", "handful"),
    "unit": ("day", "hour", "minute", "century", "fortnight"),
    "period": ("week", "month", "year", "decade"),
    "relative": ("today", "tonight", "yesterday", "tomorrow", "tmrw"),
    "plural": ("hours", "days", "weeks", "months", "years", "decades"),
    "month": tuple(MONTHS),
    "weekday": tuple(WEEKDAYS),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "weekend": ("weekend",),
    "quarter": ("quarter",),
    "decade": tuple(periods.DECADE_WORDS),
}
WORD_KIND = {word: kind for kind, words in _KIND_WORDS.items() for word in words}


def _cased(words: list[str]) -> list[str]:
    return sorted({form for w in words for form in (w, w.capitalize(), w.upper())})


ANCHOR_RE = re.compile(  # the rest of a figure with thousands separators seen ahead
    rf"(?<!\w)(?:[0-9{VULGAR}](?:(?<=[1-9])(?=(?P<figure>{figure_shapes.FIGURE_REST})))?"
    rf"|[$£€](?=\s?[0-9])|(?P<word>{trie_pattern(_cased(list(WORD_KIND)))})\b"
    r"|(?P<qh>[QH][1-4])\b)"
)
ARTICLE_RE = re.compile(r"(?<!\w)an?\s+$", re.IGNORECASE)
PERIOD_MOD_RE = re.compile(
    r"(?<!\w)(?:(?:earlier|later)\s+this|last|next|this|past|previous|following|coming|"
    r"upcoming)\s+$",
    re.IGNORECASE,
)
WINDOW_RE = re.compile(r"(?<!\w)(?:coming|within|recent)\s+$", re.IGNORECASE)
YEARLIKE_RE = re.compile(r"(?:1[5-9]|20)[0-9]{2}")
FIGURE_RE = re.compile(r"[0-9.,]*")
VAGUE_BEFORE_RE = re.compile(r"(?<!\w)(?:for|after|over|spanning|lasting)\s+$", re.IGNORECASE)


def any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` matches (each keeps its flags;
    its groups are renamed apart, with the back-references and conditionals naming them)."""
    group = re.compile(r"\(\?P<(\w+)>|\(\?P=(\w+)\)|\(\?\((\w+)\)")

    def alternative(number: int, pattern: re.Pattern[str]) -> str:
        def rename(m: re.Match[str]) -> str:
            name = f"g{number}_{m[1] or m[2] or m[3]}"
            return f"(?P<{name}>" if m[1] else f"(?P={name})" if m[2] else f"(?({name})"

        body = group.sub(rename, pattern.pattern)
        return f"(?i:{body})" if pattern.flags & re.IGNORECASE else f"(?:{body})"

    return re.compile("|".join(alternative(n, p) for n, p in enumerate(patterns)))


# What a date reading of a digit anchor (`_digits`) must match first, at the anchor: where
# none of these does, no date reading can, and all of them are passed over in one match.
DATE_SHAPES = [
    date_phrases.ISO_RE, date_phrases.SLASH_RE, date_phrases.DAY_MONTH_RE,  # numeric_date
    numeric_dates.YEAR_FIRST_RE, numeric_dates.DAY_MONTH_YEAR_RE, numeric_dates.PAIR_RE,
    date_ranges.DAYS_MONTH_RE, periods.CENTURY_RE, periods.DECADE_DIGITS_RE,
    day_phrases.DAY_SUFFIX_RE,
]
DATE_SHAPES_RE = any_of(DATE_SHAPES)
# What every one of those shapes has at its start: a figure of 4 digits, a separator
# ("-", "/", ".") and a digit ("2024-11-17", "2024.11.17"); or a figure of 1 or 2
# digits, then a separator ("-", "/", ".", "–", "—"), an apostrophe ("90's"), white
# space, or the first letter of an ordinal suffix ("st", "nd", "rd", "th"), of "s"
# ("90s") or of a range word ("to", "through", "thru", "until", "till", "and"). Most
# figures have none ("44,885", "387 ", "1038. "): one short match passes them over, not
# the shapes' union.
DATE_LEAD_RE = re.compile(r"[0-9]{4}[-/.][0-9]|[0-9]{1,2}[-/.–—'’\ssnrtua]", re.IGNORECASE)


def scan(text: str, published: Published,
         tolerance: float = APPROX_TOLERANCE) -> Iterator[Found]:
    """Yield (start, end, Value) for every mention, in order, without overlaps; dates
    joined as a range ('from May to July') are one mention (see date_ranges).
    `published` is a date or an ISO string (see dates.as_date)."""
    return join_ranges(text, _scan(text, as_date(published), tolerance, None))


def refusals(text: str, published: Published,
             tolerance: float = APPROX_TOLERANCE) -> list[str]:
    """Why mentions in `text` were refused ('30 February' is not a real date), in order."""
    reasons: list[str] = []
    for _ in _scan(text, as_date(published), tolerance, reasons):
        pass
    return reasons


def _scan(text: str, published: Date, tolerance: float,
          refused: list[str] | None) -> Iterator[Found]:
    pos = floor = 0
    search = ANCHOR_RE.search
    while True:
        m = search(text, pos)
        if m is None:
            return
        try:
            found = (_read_figure(text, m, published, floor, tolerance)
                     if m.lastgroup == "figure" else
                     _parse_within_calendar(text, m, published, floor, tolerance))
        except Refused as exc:
            found = (m.start(), exc.end, None)
            reason = exc.reason
        else:
            reason = found and not in_range(found[2]) and out_of_range(
                text[found[0]:found[1]])
        if found is not None and found[0] >= floor and found[1] > found[0]:
            if not reason:
                yield found
            elif refused is not None:
                refused.append(reason)
            floor = found[1]
            pos = max(found[1], m.start() + 1)
        else:
            pos = m.end()


def _read_figure(text: str, m: re.Match[str], published: Date, floor: int,
                 tolerance: float) -> Found | None:
    """The mention at a figure with thousands separators: from its shape's reading when
    its shape has one (see figure_shapes), else read as written."""
    pos = m.start()
    shape = figure_shapes.shape_of(text, pos, m.end("figure"), floor, tolerance)
    found = shape and figure_shapes.known(shape, text, pos, floor, tolerance)
    if found:
        return found
    found = _parse_within_calendar(text, m, published, floor, tolerance)
    if shape:
        figure_shapes.learn(shape, text, pos, floor, found)
    return found


def _parse_within_calendar(text: str, m: re.Match[str], published: Date, floor: int,
                           tolerance: float) -> Found | None:
    """`_parse`; a date resolved beyond the calendar (years 1-9999) is read as without a
    publication date: same span, no interval, ambiguous (see limits.py)."""
    for date in (published, None):
        try:
            return _parse(text, m, date, floor, tolerance)
        except Refused:
            raise
        except (OverflowError, ValueError):
            if date is None:
                return None
    return None


def _before(pattern: re.Pattern[str], text: str, pos: int, floor: int) -> int | None:
    """Start of `pattern` ending right before `pos` (within 20 characters), or None."""
    m = pattern.search(text, max(floor, pos - 20), pos)
    return m.start() if m else None


def _parse(text: str, m: re.Match[str], published: Date, floor: int,
           tolerance: float) -> Found | None:
    """Parse the mention at an anchor, by anchor kind."""
    pos = m.start()
    word = m["word"]
    if m["qh"]:
        return periods.match_qh(text, pos, published)
    if word is None:
        if text[pos].isdigit():
            return _digits(text, pos, published, floor, tolerance)
        return match_quantity(text, pos, floor, tolerance, published)
    kind = WORD_KIND[word.lower()]
    if kind in {"num", "quarter"} and word.lower() in {"half", "quarter"}:
        part = periods.match_part(text, pos, published, floor)
        if part:
            return part
        start = _before(ARTICLE_RE, text, pos, floor)
        return match_quantity(text, pos if start is None else start, floor, tolerance,
                              published)
    if kind == "num":
        return (day_phrases.ordinal_at(text, pos, published)
                or match_quantity(text, pos, floor, tolerance, published))
    if kind == "decade":
        return periods.match_decade_word(text, pos, published, floor)
    if kind == "month":
        return (day_phrases.ordinal_of_month(text, pos, published, floor)
                or day_phrases.month_ordinal(text, pos, published)
                or match_day_range(text, pos, published, floor, month_first=True)
                or match_month(text, pos, published, floor))
    if kind == "weekday":
        return (week_days.nth_weekday(text, pos, published, floor)
                or week_days.weekday_then_week(
                    text, pos, match_weekday(text, pos, published, floor), published))
    if kind == "season":
        return match_season(text, pos, published, floor)
    if kind in {"relative", "weekend", "period"}:
        start = _before(PERIOD_MOD_RE, text, pos, floor)
        found = week_days.week_then_weekday(text, relative.match_relative(
            text, pos if start is None else start, published, floor), published)
        if found or kind != "period":
            return found
    if kind == "plural":
        start = _before(WINDOW_RE, text, pos, floor)
        if start is not None:
            return relative.match_relative(text, start, published, floor)
        return _vague_duration(text, pos, m.end(), published, floor)
    if word.lower() == "day" and (story := day_phrases.story_day(text, pos, m.end(),
                                                                 published, floor)):
        return story
    start = _before(ARTICLE_RE, text, pos, floor)
    return None if start is None else match_quantity(text, start, floor, tolerance, published)


def _digits(text: str, pos: int, published: Date, floor: int,
            tolerance: float) -> Found | None:
    """A digit anchor: a date shape first, then a year in context, else a quantity."""
    found = DATE_LEAD_RE.match(text, pos) and DATE_SHAPES_RE.match(text, pos) and (
             match_numeric_date(text, pos, published, floor)
             or match_numeric(text, pos, published, floor)
             or match_day_range(text, pos, published, floor, month_first=False)
             or periods.match_century(text, pos)
             or periods.match_decade_digits(text, pos, published, floor)
             or day_phrases.day_of_month(text, pos, published, floor))
    if found:
        return found
    year = match_year(text, pos, floor)
    quantity = match_quantity(text, pos, floor, tolerance, published)
    if quantity and _measured(quantity[2]):
        return quantity
    if year is not None:
        return year
    if quantity and quantity[2].unit is None and (refused := year_outside(text, pos, floor)):
        raise refused  # "in 1066": a year out of range, not a count
    if quantity and YEARLIKE_RE.fullmatch(text, pos, _figure_end(text, pos)):
        return None  # a bare year-like figure without a temporal word: a name ("Vision 2030")
    return quantity


def _figure_end(text: str, pos: int) -> int:
    return FIGURE_RE.match(text, pos).end()


def _measured(value: Value) -> bool:
    """Whether a quantity has a real unit or a plural counted noun ('2000 troops')."""
    unit = value.unit or ""
    return (value.kind == "duration" or unit in UNIT_FORMS or unit in NOT_PINT
            or (unit.endswith("s") and not unit.endswith(("ss", "is", "us"))))


def _vague_duration(text: str, pos: int, end: int, published: Date,
                    floor: int) -> Found | None:
    """'for months', 'after years of talks', 'years ago'."""
    plural = text[pos:end].lower()
    low, high = durations.VAGUE_PLURAL[plural]
    value = Value(kind="duration", qualifier="vague", low=low, high=high, unit="day")
    ago_end = relative.AGO_END_RE.match(text, end)
    if ago_end:
        return pos, ago_end.end(), relative.ago(value, published, plural[:-1])
    lasting = durations.after_lasting_verb(text, pos, floor)
    return (pos, end, value) if lasting or _before(VAGUE_BEFORE_RE, text, pos, floor) \
        is not None else None
