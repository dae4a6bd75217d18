"""Matching date phrases at an anchor; the readings are documented in dates.py."""

from __future__ import annotations

import datetime
import re

from . import calendar as cal
from . import tense
from .dates import (
    DAY_MONTH_RE,
    ISO_RE,
    MONTH_RE,
    MONTHS,
    SEASON_RE,
    SLASH_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    WORD_MONTHS,
    YEAR_RE,
    _date_value,
    has_context,
    prefix,
    qualify,
    safe_date,
    span,
)
from .limits import not_a_day
from .value import Value

Found = tuple[int, int, Value]
YEAR_UNTIL_RE = re.compile(
    r"\s+(?:and|to|until|through)\s+(?P<y>(?:1[5-9]|20)[0-9]{2})(?![0-9])", re.IGNORECASE)
BETWEEN_RE = re.compile(r"(?<!\w)(?:between|from)\s+$", re.IGNORECASE)
MONTH_OF_RE = re.compile(r"(?<!\w)(?:the\s+)?month\s+of\s+$", re.IGNORECASE)
NEXT_WORD_RE = re.compile(r"\s+(\w)")
COMMA_GAP_RE = re.compile(r",?\s+")
VERB_MONTHS = {"may", "march", "mar"}
VERB_BEFORE_RE = re.compile(r"(?<!\w)(?:to|and)\s+$", re.IGNORECASE)
Date = datetime.date | None


def _finish(text: str, start: int, end: int, floor: int, value: Value, rel: str | None,
            begin: int) -> Found:
    """Attach a since/before/after qualifier found by `prefix`."""
    return (begin if rel or begin < start else start), end, qualify(value, rel)


def match_month(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'Nov. 17, 2024', 'November 17', 'February 2022', 'in May', 'last August'."""
    m = MONTH_RE.match(text, pos)
    if not m:
        return None
    name = m["name"].lower()
    month = MONTHS[name]
    year = m["year"] or m["year2"]
    day = int(re.sub(r"\D", "", m["day"])) if m["day"] else None
    if not text[pos].isupper() and not _lower_month_ok(text, m, name, day, year):
        return None
    rel, mod, begin = prefix(text, pos, floor)
    if day is None and year is None and not _bare_month_ok(text, pos, floor, name, m,
                                                           bool(rel or mod)):
        return None
    of = MONTH_OF_RE.search(text, max(floor, pos - 16), pos)
    if of and not (rel or mod):
        rel, begin = None, of.start()
    end = m.end()
    if m["dot"] and day is None and year is None:
        end -= 1
    if year:
        interval = _explicit_month(int(year), month, day)
        if interval is None:
            raise not_a_day(text, pos, m.end())
        value = _date_value(interval)
    elif day is not None:
        value = _month_day(published, month, day)
        if value is None:
            raise not_a_day(text, pos, m.end())
    else:
        value = _bare_month(text, pos, published, month, mod)
    if mod in {"early", "mid", "late"} and day is None and value.date_low \
            and not value.ambiguous:
        value = _date_value(cal.thirds(value.date_low, value.date_high, mod),
                            ambiguous=value.ambiguous)
    return _finish(text, pos, end, floor, value, rel, begin)


def _lower_month_ok(text: str, m: re.Match[str], name: str, day: int | None,
                    year: str | None) -> bool:
    """A lower-case month needs a day or a year; the verbs 'may', 'march' and 'mar'
    need a year, or a day that ends the phrase ('may 5 times' is not a date)."""
    if year:
        return True
    if day is None or m["dot"]:
        return False
    return name not in VERB_MONTHS or not NEXT_WORD_RE.match(text, m.end())


def _bare_month_ok(text: str, pos: int, floor: int, name: str, m: re.Match[str],
                   modified: bool) -> bool:
    """A month without day or year: full names unless also a word ('may', 'march') or
    a name ('June') without temporal context; abbreviations ('Jan', 'Sept') only after
    a temporal word and not before another capitalised word ('Jan Egeland')."""
    context = modified or has_context(text, pos, floor)
    if len(name) > 4 or name in {"may", "june", "july"}:
        return name not in WORD_MONTHS or context
    follows = NEXT_WORD_RE.match(text, m.end())
    return context and not (follows and follows[1][0].isupper())


def _explicit_month(year: int, month: int, day: int | None) -> cal.Interval | None:
    if day is None:
        return cal.month_interval(year, month)
    found = safe_date(year, month, day)
    return (found, found) if found else None


def _month_day(published: Date, month: int, day: int) -> Value | None:
    """'November 17' without a year: the occurrence nearest to publication."""
    if safe_date(2024, month, day) is None:
        return None
    if published is None:
        return _date_value(None)
    options = [safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    best = min((d for d in options if d), key=lambda d: abs((d - published).days))
    return _date_value((best, best))


def _bare_month(text: str, pos: int, published: Date, month: int, mod: str | None) -> Value:
    if published is None:
        return _date_value(None)
    if mod == "last":
        year = published.year if month < published.month else published.year - 1
        return _date_value(cal.month_interval(year, month))
    if mod == "next":
        year = published.year if month > published.month else published.year + 1
        return _date_value(cal.month_interval(year, month))
    if mod == "this":
        return _date_value(cal.month_interval(published.year, month))
    year = tense.named_year(text, pos, published)
    if year is not None:
        return _date_value(cal.month_interval(year, month))
    return _by_tense(text, pos, cal.month_on_or_before(published, month),
                     cal.month_on_or_after(published, month))


def _by_tense(text: str, pos: int, past: cal.Interval, future: cal.Interval) -> Value:
    """The past or the coming occurrence by the sentence's tense; both when it is open
    (see tense.py)."""
    when = tense.reading(text, pos)
    if when == "future":
        return _date_value(future)
    if when == "past" or past == future:
        return _date_value(past)
    return _date_value(span(past, future), ambiguous=True)


def match_weekday(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'Thursday', 'on Sunday', 'Sunday night', 'last Thursday', 'Sunday, Nov. 17'."""
    m = WEEKDAY_RE.match(text, pos)
    if not m:
        return None
    if m["mday"]:
        value = _weekday_and_day(published, WEEKDAYS[m["name"].lower()],
                                 int(re.sub(r"\D", "", m["mday"])))
        return pos, m.end(), value
    after = COMMA_GAP_RE.match(text, m.end("name"))
    if after and not m["part"]:
        dated = match_month(text, after.end(), published, after.end())
        if dated and MONTH_RE.match(text, after.end())["day"]:
            return pos, dated[1], dated[2]
    rel, mod, begin = prefix(text, pos, floor)
    value = _weekday(text, pos, published, WEEKDAYS[m["name"].lower()], mod)
    return _finish(text, pos, m.end(), floor, value, rel, begin)


def _weekday_and_day(published: Date, weekday: int, mday: int) -> Value:
    """'Friday the 22nd': the day numbered `mday`, falling on `weekday`, nearest to
    publication (within a year either side); without one, the nearest `mday`."""
    if published is None:
        return _date_value(None)
    months = [cal.add_months(published.replace(day=1), k) for k in range(-12, 13)]
    days = [d for first in months if (d := safe_date(first.year, first.month, mday))]
    fitting = [d for d in days if d.weekday() == weekday] or days
    best = min(fitting, key=lambda d: abs((d - published).days))
    return _date_value((best, best))


def _weekday(text: str, pos: int, published: Date, weekday: int, mod: str | None) -> Value:
    if published is None:
        return _date_value(None)
    if mod == "last":
        day = cal.weekday_on_or_before(published - cal.DAY, weekday)
        return _date_value((day, day))
    if mod == "next":
        day = cal.weekday_on_or_after(published + cal.DAY, weekday)
        return _date_value((day, day + datetime.timedelta(days=7)), ambiguous=True)
    if mod == "this":
        day = cal.week_interval(published)[0] + datetime.timedelta(days=weekday)
        return _date_value((day, day))
    if tense.is_future(text, pos):
        day = cal.weekday_on_or_after(published, weekday)
    else:
        day = cal.weekday_on_or_before(published, weekday)
    return _date_value((day, day))


def match_season(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'last summer', 'in the spring', 'winter 2022', 'fall of 2023'."""
    m = SEASON_RE.match(text, pos)
    if not m:
        return None
    rel, mod, begin = prefix(text, pos, floor)
    if not (m["year"] or rel or mod or has_context(text, pos, floor)):
        return None
    season = m["name"].lower()
    if season in {"fall", "spring"} and not (m["year"] or rel or mod) \
            and VERB_BEFORE_RE.search(text, max(floor, pos - 5), pos):
        return None  # "continue to fall", "prices fall and spring back"
    if m["year"]:
        value = _season_of(season, int(m["year"]))
    else:
        value = _bare_season(text, pos, published, season, mod)
    return _finish(text, pos, m.end(), floor, value, rel, begin)


def _bare_season(text: str, pos: int, published: Date, season: str, mod: str | None) -> Value:
    if published is None:
        return _date_value(None)
    if mod == "last":
        return _date_value(cal.season_ended_before(published, season))
    if mod == "next":
        return _date_value(cal.season_after(published, season))
    past = cal.season_on_or_before(published, season)
    if mod == "this":
        return _date_value(past)
    year = tense.named_year(text, pos, published)
    if year is not None:
        return _season_of(season, year)
    future = past if past[1] >= published else cal.season_after(published, season)
    return _by_tense(text, pos, past, future)


def _season_of(season: str, year: int) -> Value:
    """A season of a named year; winter straddles two years, so covers both readings."""
    if season != "winter":
        return _date_value(cal.season_interval(season, year))
    return _date_value(span(cal.season_interval(season, year - 1),
                            cal.season_interval(season, year)), ambiguous=True)


def match_numeric_date(text: str, pos: int, published: Date, floor: int) -> Found | None:
    """'2024-11-17', '11/17/2024', '17 November 2024'."""
    m = ISO_RE.match(text, pos)
    if m:
        day = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None:
            raise not_a_day(text, pos, m.end())
        return pos, m.end(), _date_value((day, day))
    m = SLASH_RE.match(text, pos)
    if m:
        return _slash(text, pos, m)
    m = DAY_MONTH_RE.match(text, pos)
    if m and (m["name"].lower() not in VERB_MONTHS or m["year"] or text[m.end() - 1] == "."
              or "-" in m[0]):
        if not (m["name"][0].isupper() or m["year"] or m["name"].lower() not in WORD_MONTHS):
            return None
        day, month = int(re.sub(r"\D", "", m["day"])), MONTHS[m["name"].lower()]
        if m["year"]:
            interval = _explicit_month(int(m["year"]), month, day)
            value = _date_value(interval) if interval else None
        else:
            value = _month_day(published, month, day)
        if value is None:
            raise not_a_day(text, pos, m.end())
        return pos, m.end(), value
    return None


def _slash(text: str, pos: int, m: re.Match[str]) -> Found:
    year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
    a, b = int(m["a"]), int(m["b"])
    us, eu = safe_date(year, a, b), safe_date(year, b, a)
    days = sorted({d for d in (us, eu) if d})
    if not days:
        raise not_a_day(text, pos, m.end())
    return pos, m.end(), _date_value((days[0], days[-1]), ambiguous=len(days) > 1)


def match_year(text: str, pos: int, floor: int) -> Found | None:
    """'in 2008', 'since 2008', 'the 1990s', '2022-2024', 'early 2022' (needs context)."""
    m = YEAR_RE.match(text, pos)
    if not m:
        return None
    rel, mod, begin = prefix(text, pos, floor)
    if not (m["decade"] or m["y2"] or rel or mod or has_context(text, pos, floor)):
        return None
    year = int(m["y"])
    if m["decade"]:
        if year % 10:
            return None
        value = _date_value((cal.year_interval(year)[0], cal.year_interval(year + 9)[1]))
    elif m["y2"]:
        last = int(m["y2"]) if len(m["y2"]) == 4 else year // 100 * 100 + int(m["y2"])
        if last <= year:
            return None
        value = _date_value((cal.year_interval(year)[0], cal.year_interval(last)[1]), "range")
    elif (until := YEAR_UNTIL_RE.match(text, m.end())) and _between(text, pos, floor):
        last = int(until["y"])
        if last <= year:
            return None
        interval = (cal.year_interval(year)[0], cal.year_interval(last)[1])
        return BETWEEN_RE.search(text, max(floor, pos - 9), pos).start(), until.end(), \
            _date_value(interval, "range")
    else:
        interval = cal.year_interval(year)
        if mod in {"early", "mid", "late"}:
            interval = cal.thirds(*interval, mod)
        value = _date_value(interval)
    return _finish(text, pos, m.end(), floor, value, rel, begin)


def _between(text: str, pos: int, floor: int) -> bool:
    return BETWEEN_RE.search(text, max(floor, pos - 9), pos) is not None
