"""Quantities and durations at a number anchor: hedge + number (or range) + unit/noun.

Counted nouns: after a figure, the noun phrase is read up to its head, skipping
capitalised words ("North Korean"), hyphenated modifiers ("long-range",
"high-profile") and a few common adjectives; "Russian and North Korean troops" joins
capitalised words over "and". The head is the first plain lowercase word, or the last
capitalised one ("ATACMS"); it is kept as written.
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
from .dates import MONTHS, WEEKDAYS
from .numbers import _PART_UNITS, ABBREVIATED_SCALES, SCALES, Number, match_number
from .value import Value

Found = tuple[int, int, Value]

ARTICLE_UNIT_RE = re.compile(
    r"an?\s+(?=(?:year|month|week|day|decade|hour|minute|century|fortnight)\b)", re.IGNORECASE
)
RATE_BEFORE_RE = re.compile(r"(?<!\w)(?:once|twice|times|per|every)\s+$", re.IGNORECASE)
LABEL_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:page|pages|section|chapter|article|no\.|nos\.|number|room|route|flight|"
    r"highway|interstate|apollo|version|episode|vol\.|volume|issue|figure|table|paragraph|"
    r"amendment|resolution|phase|grade|category|stage|gate|terminal|platform|channel|"
    r"title|form|exhibit|district|precinct|act|level|class|band|tier|no|#)\s*$",
    re.IGNORECASE,
)
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
BETWEEN_RE = re.compile(r"(?<!\w)(?:between|from)\s+$", re.IGNORECASE)
CURRENCY_SCALE_RE = re.compile(r"(?P<s>m|b|bn|mn|tn|k)\b", re.IGNORECASE)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


FRACTIONS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
FRACTION_RE = re.compile(
    r"[\s-](?P<d>halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
    r"tenths?)\b", re.IGNORECASE)
OF_RE = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
NOUN_WORD_RE = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])")
STOP = _words(
    "a an the and or of to in on at for with by from that which who whom whose were was is "
    "are be been being have has had will would could should can may might must do does did "
    "said say says than as into over under about after before since during while when where "
    "if but not no nor so this these those it its their his her our your my per each every "
    "more less most least also only just even still already amid across against around "
    "toward towards through until up down out off including among between within without "
    "left ago later earlier apiece altogether total last next week weeks month months year "
    "years day days today tonight yesterday tomorrow weekend " + " ".join(MONTHS)
    + " " + " ".join(WEEKDAYS)
)
ADJECTIVES = _words(
    "new more additional other old young large small big major key such long short armed "
    "foreign military civilian local senior former young elderly extra further active "
    "full possible confirmed reported estimated unidentified unarmed injured wounded "
    "dead missing"
)


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
    if number.text.lower() == "one" and sign is None and (unit is None or is_noun):
        return None
    if unit and unit.startswith("time:") and number.value is not None:
        number, unit, end = _longer_duration(text, number, unit[5:], end)
    start, end, value = _build(text, pos if sign is None else sign, floor, number, unit, end,
                               tolerance)
    if unit and unit.startswith("time:"):
        ago = relative.AGO_END_RE.match(text, end)
        if ago:
            return start, ago.end(), relative.ago(value, published, unit[5:], tolerance)
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
        gap = re.compile(r"\s*-?\s*").match(text, part.end)
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
    end = number.end
    if currency:
        m = CURRENCY_SCALE_RE.match(text, end)
        if m and number.value is not None:
            factor = {"m": 1e6, "b": 1e9}.get(m["s"].lower()) or ABBREVIATED_SCALES[
                m["s"].lower()]
            number = replace(number, value=number.value * factor, low=number.low * factor,
                             high=number.high * factor, end=m.end())
            end = m.end()
    number, end = _range(text, number, end)
    partitive = OF_RE.match(text, end) if number.value is None else None
    if partitive:  # "hundreds of troops"
        unit, unit_end = _unit(text, partitive.end(), None)
        noun, noun_end = (None, end) if unit else _noun(text, partitive.end())
        if unit or noun:
            return number, unit or noun, unit_end if unit else noun_end, unit is None
    unit, unit_end = _unit(text, end, currency)
    if unit is not None:
        return number, unit, unit_end, False
    unit, unit_end = _noun(text, end)
    return number, unit, unit_end, unit is not None


def _range(text: str, number: Number, end: int) -> tuple[Number, int]:
    """'10,000 to 12,000', '10,000-12,000', 'between 10,000 and 12,000'."""
    if number.value is None:
        return number, end
    sep = RANGE_SEP_RE.match(text, end)
    if not sep or (sep[0].strip().lower() == "and" and not _between(text, number)):
        return number, end
    second = match_number(text, sep.end())
    if second is None or second.value is None or second.is_word != number.is_word:
        return number, end
    low = number.value
    if second.value >= 1000 > low and second.text.split()[-1].lower() in SCALES:
        low *= SCALES[second.text.split()[-1].lower()]
    if low >= second.value:
        return number, end
    return replace(number, value=None, low=low, high=second.value, end=second.end,
                   text="range"), second.end


def _between(text: str, number: Number) -> bool:
    start = number.end - len(number.text)
    return BETWEEN_RE.search(text, max(0, start - 9), start) is not None


def _unit(text: str, end: int, currency: str | None) -> tuple[str | None, int]:
    """Unit or counted noun after the figure, as (canonical, end)."""
    gap = re.compile(r"\s*-?\s*|\s+").match(text, end)
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


def _noun(text: str, end: int) -> tuple[str | None, int]:
    """The counted noun's head (see module docstring), or (None, end)."""
    head, head_end, capital_run = None, end, False
    pos = end
    for _ in range(6):
        m = NOUN_WORD_RE.match(text, pos)
        if not m:
            break
        word = m[1]
        lower = word.lower()
        if lower in {"and", "or"} and capital_run:
            nxt = NOUN_WORD_RE.match(text, m.end())
            if nxt and nxt[1][0].isupper():
                pos = m.end()
                continue
        if lower in STOP or lower.endswith("ly"):
            break
        pos = m.end()
        if lower in ADJECTIVES or (lower.endswith(("ed", "ing")) and word[0].islower()):
            continue
        head, head_end = word, m.end()
        if word[0].isupper():
            capital_run = True
        elif "-" not in word:
            break
    if head is None:
        return None, end
    return re.sub(r"['’]s$", "", head), head_end


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
        after = hedges.hedge_after(text, end) or hedges.hedge_after(text, number.end)
        if before:
            qualifier, start = before
        elif after:
            qualifier = after[0]
            end = max(end, after[1])
    if number.value is not None:
        low, high = hedges.interval(qualifier, number.value, tolerance)
    else:
        low, high = number.low, number.high
    value = Value(kind="quantity", qualifier=qualifier, value=number.value, low=low,
                  high=high, unit=unit)
    if unit and unit.startswith("time:"):
        value = _duration(value, unit[5:])
    return start, end, value


def _duration(value: Value, unit: str) -> Value:
    """A quantity in a time unit -> a duration in days."""
    return replace(value, kind="duration", unit="day",
                   value=durations.to_days(value.value, unit),
                   low=durations.to_days(value.low, unit),
                   high=durations.to_days(value.high, unit))
