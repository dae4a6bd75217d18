"""Quantities and durations at a number anchor: hedge + number (or range) + unit/noun.

Counted nouns ("two senior U.S. officials": 2 officials) follow counted.py's rule.
"one" counts before a counted noun ("one U.S. official") but not as a pronoun ("one of
them", "the one that", "no one"), in "at one point" or before another number word
("one fourth", "one one hundred").
A counted noun is never a date word ("15,000 last week", "10,000 February 28").
Fractions in words are percentages: "two-thirds of voters" is 66.67 percent.
Time units may follow a few adjectives ("six straight days", "two more weeks"), take
"and a half" ("a year and a half": 1.5 years) and join smaller units into one duration
("two years and three months", "1 year 1 month 21 days").
A figure right after a label word ("Page 1", "Section 2", "Article 5") is a name,
not a quantity; so are figures glued to letters ("F-16", "G7", "5G", "250th") or to an
exponent too long to read ("10^4000").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from . import durations, hedges, numerals, relative, units
from .counted import NUMBER_WORD_RE, counted_noun
from .hedges import APPROX_TOLERANCE
from .numbers import _PART_UNITS, ABBREVIATED_SCALES, SCALES, Number, digits_value, match_number
from .patterns import Caseless, trie_pattern
from .value import Value

Found = tuple[int, int, Value]

ARTICLE_UNIT_RE = re.compile(
    r"an?\s+(?=(?:year|month|week|day|decade|hour|minute|century|fortnight)\b)", re.IGNORECASE
)
RATE_BEFORE_RE = re.compile(r"(?<!\w)(?:once|twice|times|per|every)\s+$", re.IGNORECASE)
LABELS = ["page", "pages", "section", "chapter", "article", "no.", "nos.", "number", "room",
          "route", "flight", "highway", "interstate", "apollo", "version", "episode", "vol.",
          "volume", "issue", "figure", "table", "paragraph", "amendment", "resolution",
          "phase", "grade", "category", "stage", "gate", "terminal", "platform", "channel",
          "title", "form", "exhibit", "district", "precinct", "act", "level", "class", "band",
          "tier", "no", "#"]
LABEL_BEFORE_RE = Caseless(rf"(?<![\w-])(?:{trie_pattern(LABELS)})\s*$")
NAME_BEFORE_RE = re.compile(r"[A-Za-z][-/]$|[\w.%=^]$")  # '%' and '=': URL-encoded text
GLUED_AFTER_RE = re.compile(r"[0-9]*(?::[0-9]|[A-Za-z]|\.[0-9]|%[0-9A-Za-z])")
EXPONENT_AFTER_RE = re.compile(r"\s?(?:\^|\*\*)")  # '10^4000': notation, not a figure
TIME_ADJECTIVE_RE = re.compile(
    r"(?:straight|consecutive|successive|more|additional|full|extra|further)\s+", re.IGNORECASE)
AND_HALF_RE = re.compile(rf"\s+and\s+a\s+half\b(?![\s-]+{_PART_UNITS})", re.IGNORECASE)
FROM_NOW_RE = re.compile(r"\s+(?:from\s+now|hence)\b", re.IGNORECASE)
COMPOUND_SEP_RE = re.compile(r",?\s+(?:and\s+)?", re.IGNORECASE)
TIME_OF_DAY_RE = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|ET\b|BST\b)", re.IGNORECASE)
RANGE_SEP_RE = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.IGNORECASE)
PRONOUN_ONE_RE = re.compile(r"(?<!\w)(?:the|no|this|that|any|every|each|which|at)\s+$",
                            re.IGNORECASE)
BETWEEN_RE = re.compile(r"(?<!\w)(?:between|from)\s+$", re.IGNORECASE)
CURRENCY_SCALE_RE = re.compile(r"(?P<s>m|b|bn|mn|tn|k)\b", re.IGNORECASE)


FRACTIONS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
FRACTION_RE = re.compile(
    r"[\s-](?P<d>halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
    r"tenths?)\b", re.IGNORECASE)
OF_RE = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
UNIT_GAP_RE = re.compile(r"\s*-?\s*|\s+")  # between a figure and its unit
PART_GAP_RE = re.compile(r"\s*-?\s*")  # between a compound duration's figure and unit


def match_quantity(text: str, pos: int, floor: int, tolerance: float,
                   published: datetime.date | None) -> Found | None:
    """The quantity or duration whose figure starts at `pos` ('a year ago' gives a date)."""
    if _is_name(text, pos, floor):
        return None
    currency = units.CURRENCY_SIGNS.get(text[pos])
    p = pos + 1 if currency else pos
    if currency and text[p:p + 1] == " ":
        p += 1
    number = _article_unit(text, p) or numerals.match_forms(text, p) or match_number(text, p)
    if number is None:
        return None
    number = numerals.spoken_decimal(text, numerals.mixed_scales(text, number))
    sign = None if currency else numerals.sign_before(text, pos, floor)
    if sign is not None and number.value is not None:
        number = replace(number, value=-number.value, low=-number.value, high=-number.value)
    if (number.text[:1].isdigit() and _glued(text, number, currency)
            and not (currency and CURRENCY_SCALE_RE.match(text, number.end))):
        return None
    fraction = FRACTION_RE.match(text, number.end) if number.is_word and number.value else None
    share = None if fraction else numerals.ratio(text, number)
    if fraction:
        share = 100 * number.value / FRACTIONS[fraction["d"].lower().rstrip("s")]
        number = replace(number, value=share, low=share, high=share, end=fraction.end())
    if fraction or share:
        number = share if isinstance(share, Number) else number
        number, unit, end, is_noun = replace(number, text="fraction"), "percent", number.end, False
    else:
        number, unit, end, is_noun = _unit_and_range(text, number, currency)
    if number.text.lower() == "one" and sign is None and (
            unit is None or (is_noun and (PRONOUN_ONE_RE.search(text, max(floor, pos - 8), pos)
                                          or NUMBER_WORD_RE.fullmatch(unit.lower())))):
        return None
    if unit and unit.startswith("time:") and number.value is not None:
        number, unit, end = _longer_duration(text, number, unit[5:], end)
    start, end, value = _build(text, pos if sign is None else sign, floor, number, unit, end,
                               tolerance)
    if unit and unit.startswith("time:"):
        ago = relative.AGO_END_RE.match(text, end)
        if ago:
            return start, ago.end(), relative.ago(value, published, unit[5:], tolerance)
        if durations.after_lasting_verb(text, start, floor):
            return start, end, value
        ahead = FROM_NOW_RE.match(text, end)
        if ahead:
            return start, ahead.end(), relative.offset(value, published, unit[5:], 1,
                                                       tolerance)
        window = relative.WINDOW_BEFORE_RE.search(text, max(floor, start - 24), start)
        if window and value.low is not None:
            return window.start(), end, relative.window(value, published, unit[5:],
                                                        window["mod"])
    return start, end, value


def _longer_duration(text: str, number: Number, unit: str, end: int
                     ) -> tuple[Number, str, int]:
    """'a year and a half'; 'two years and three months' (smaller units add up)."""
    half = AND_HALF_RE.match(text, end)
    if half:
        value = number.value + 0.5
        return replace(number, value=value, low=value, high=value, end=half.end()), \
            "time:" + unit, half.end()
    days, smallest = durations.to_days(number.value, unit), unit
    while (sep := COMPOUND_SEP_RE.match(text, end)) and (
            part := match_number(text, sep.end())) and part.value is not None:
        gap = PART_GAP_RE.match(text, part.end)
        found = durations.match_time_unit(text, gap.end())
        if not found or durations.DAYS[found[0]] >= durations.DAYS[smallest]:
            break
        days += durations.to_days(part.value, found[0])
        smallest, end = found[0], found[1]
    if smallest == unit:
        return number, "time:" + unit, end
    return replace(number, value=days, low=days, high=days, end=end), "time:day", end


def _is_name(text: str, pos: int, floor: int) -> bool:
    """A figure glued to letters ('F-16'), or after a label word ('Page 1')."""
    if text[pos].isdigit() and pos > 0 and NAME_BEFORE_RE.search(text, max(0, pos - 2), pos):
        return True
    return LABEL_BEFORE_RE.search(text, max(floor, pos - 12), pos) is not None


def _article_unit(text: str, pos: int) -> Number | None:
    """'a year', 'an hour' as the figure 1 (not after 'once', 'per', 'twice')."""
    m = ARTICLE_UNIT_RE.match(text, pos)
    if not m or RATE_BEFORE_RE.search(text, max(0, pos - 8), pos):
        return None
    return Number(m.end(), 1.0, 1.0, 1.0, True, m[0])


def _glued(text: str, number: Number, currency: str | None) -> bool:
    """Digits glued to letters or a clock time ('250th', '5G', '10:30'), except units."""
    if EXPONENT_AFTER_RE.match(text, number.end):
        return True
    if not GLUED_AFTER_RE.match(text, number.end):
        return bool(TIME_OF_DAY_RE.match(text, number.end))
    unit = units.match_unit(text, number.end) or durations.match_time_unit(text, number.end)
    return unit is None and not currency


def _unit_and_range(text: str, number: Number, currency: str | None
                    ) -> tuple[Number, str | None, int, bool]:
    """Extend `number` with a range and a unit: (number, unit, end, unit is a noun)."""
    number = _currency_scale(text, number, currency)
    number, end = _range(text, number, number.end, currency)
    partitive = OF_RE.match(text, end) if number.value is None else None
    if partitive:  # "hundreds of troops"
        unit, unit_end = _unit(text, partitive.end(), None)
        noun, noun_end = (None, end) if unit else counted_noun(text, partitive.end())
        if unit or noun:
            return number, unit or noun, unit_end if unit else noun_end, unit is None
    unit, unit_end = _unit(text, end, currency)
    is_noun = False
    if unit is None:
        unit, unit_end = counted_noun(text, end)
        is_noun = unit is not None
    if unit is not None and unit != currency and number.text != "range":
        number, unit_end = _range_after_unit(text, number, unit, unit_end)
    return number, unit, unit_end, is_noun


def _currency_scale(text: str, number: Number, currency: str | None) -> Number:
    """'$5m', '£2bn': a scale letter right after a currency figure."""
    m = CURRENCY_SCALE_RE.match(text, number.end) if currency else None
    if not m or number.value is None:
        return number
    factor = {"m": 1e6, "b": 1e9}.get(m["s"].lower()) or ABBREVIATED_SCALES[m["s"].lower()]
    return replace(number, value=number.value * factor, low=number.low * factor,
                   high=number.high * factor, end=m.end())


def _range(text: str, number: Number, end: int, currency: str | None = None
           ) -> tuple[Number, int]:
    """'10,000 to 12,000', '10,000-12,000', 'between 10,000 and 12,000', '$2m to $3m',
    'between three and 12 months' (see _second)."""
    second = _second(text, number, end, currency)
    if second is None:
        return number, end
    low = number.value
    if second.value >= 1000 > low and second.text.split()[-1].lower() in SCALES:
        low *= SCALES[second.text.split()[-1].lower()]
    if low >= second.value:
        return number, end
    return replace(number, value=None, low=low, high=second.value, end=second.end,
                   text="range"), second.end


def _second(text: str, number: Number, end: int, currency: str | None) -> Number | None:
    """The range's second figure after a separator at `end`: 'and' only after 'between'
    or 'from'; a currency sign repeats the first one's ('$2 million and $3 million');
    digits and words mix only after 'between' or 'from' ('between three and 12')."""
    if number.value is None:
        return None
    sep = RANGE_SEP_RE.match(text, end)
    if not sep:  # most figures: no separator, so no look back for 'between'
        return None
    framed = _between(text, number)
    if sep[0].strip().lower() == "and" and not framed:
        return None
    p = sep.end()
    if currency and units.CURRENCY_SIGNS.get(text[p:p + 1]) == currency:
        p += 2 if text[p + 1:p + 2] == " " else 1
    second = match_number(text, p)
    if second is None or second.value is None or (second.is_word != number.is_word
                                                  and not framed):
        return None
    return _currency_scale(text, second, currency)


def _range_after_unit(text: str, number: Number, unit: str, end: int
                      ) -> tuple[Number, int]:
    """'300 km to 400 km', 'between 10 troops and 12 troops', 'two months to three
    months': a range written with the same unit on both ends, as one mention."""
    ranged, second_end = _range(text, number, end)
    if ranged.text != "range":
        return number, end
    again, again_end = _unit(text, second_end, None)
    if again is None:
        again, again_end = counted_noun(text, second_end)
    if again != unit:
        return number, end
    return replace(ranged, end=again_end), again_end


def _between(text: str, number: Number) -> bool:
    start = number.end - len(number.text)
    if start > 0 and text[start - 1] in units.CURRENCY_SIGNS:
        start -= 1
    return BETWEEN_RE.search(text, max(0, start - 9), start) is not None


def _unit(text: str, end: int, currency: str | None) -> tuple[str | None, int]:
    """Unit or counted noun after the figure, as (canonical, end)."""
    gap = UNIT_GAP_RE.match(text, end)
    p = gap.end() if gap else end
    adjective = TIME_ADJECTIVE_RE.match(text, p)
    time_unit = durations.match_time_unit(text, p) or (
        adjective and durations.match_time_unit(text, adjective.end()))
    if time_unit:
        return "time:" + time_unit[0], time_unit[1]
    found = units.match_unit(text, p)
    if found:
        return found
    if currency:
        return currency, end
    return None, end


def _build(text: str, pos: int, floor: int, number: Number, unit: str | None, end: int,
           tolerance: float) -> Found:
    """Apply hedges and make the Value (durations in days)."""
    start, qualifier = pos, "exact"
    if number.text == "range":
        qualifier = "range"
        between = BETWEEN_RE.search(text, max(floor, pos - 9), pos)
        start = between.start() if between else pos
    elif number.value is None:
        qualifier = "vague"
    else:
        before = hedges.hedge_before(text, pos, floor)
        if before:
            qualifier, start = before
        elif after := (hedges.hedge_after(text, end)
                       or (end != number.end and hedges.hedge_after(text, number.end))):
            qualifier = after[0]
            end = max(end, after[1])
    if number.value is not None:
        return start, end, stated(qualifier, number.value, unit, tolerance)
    return start, end, _in_unit(qualifier, None, number.low, number.high, unit)


def stated(qualifier: str, figure: float, unit: str | None,
           tolerance: float = APPROX_TOLERANCE) -> Value:
    """The value of a stated figure under a hedge qualifier, in `unit` (a time unit as
    ``time:<unit>`` gives a duration in days)."""
    low, high = hedges.interval(qualifier, figure, tolerance)
    return _in_unit(qualifier, figure, low, high, unit)


def _in_unit(qualifier: str, figure: float | None, low: float | None, high: float | None,
             unit: str | None) -> Value:
    """A quantity in `unit`, or for a time unit (``time:<unit>``) a duration in days, built
    directly (no quantity made first and copied: a few microseconds a mention)."""
    if unit and unit.startswith("time:"):
        days, unit = durations.to_days, unit[5:]
        return Value(kind="duration", qualifier=qualifier, value=days(figure, unit),
                     low=days(low, unit), high=days(high, unit), unit="day")
    return Value(kind="quantity", qualifier=qualifier, value=figure, low=low, high=high,
                 unit=unit)


def figure_reading(value: Value, figure: str, tolerance: float = APPROX_TOLERANCE
                   ) -> tuple[str, str | None] | None:
    """The qualifier and unit (``time:<unit>`` for a duration) under which ``value`` is
    ``figure`` as stated (``stated`` with `tolerance`), or None when it is not."""
    if value.kind not in {"quantity", "duration"} or value.ambiguous:
        return None
    number = digits_value(figure)
    units = [value.unit] if value.kind == "quantity" else [f"time:{u}" for u in durations.DAYS]
    for unit in units:
        if stated(value.qualifier, number, unit, tolerance) == value:
            return value.qualifier, unit
    return None
