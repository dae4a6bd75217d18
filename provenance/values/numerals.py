"""Less common ways of writing a figure, tried before the plain forms of numbers.py.

- Fractions in digits: ``3/4`` (0.75), mixed ``2 1/4`` (2.25), Unicode vulgar fractions
  ``½``, ``¾``, ``2½`` (2.5). A slashed pair is a fraction only when it reads as one:
  numerator below the denominator and a common denominator (2-10, 12, 16, 32, 64, 100);
  otherwise ("4/22", "22/04") it is a month and day (see numeric_dates.py), and after a
  date preposition ("on 3/4") it is always a date.
- Scientific notation and powers: ``1.5e6``, ``1E-10``, ``1e10``, ``2.5^-1`` (base to
  the power). A one-digit exponent needs a decimal mantissa or a sign: "Boeing 7E7" is
  a name.
- Digit groups separated by spaces (SI style): ``1 234 567``; with a no-break, narrow
  no-break or thin space also one group, ``40 000``. Every group after the first has
  exactly three digits and the first has one to three, so "in 2014 100 people" is not
  merged; with plain spaces two groups are needed, so "18 777s" (18 Boeing 777s) is
  not 18,777.
- Indian digit grouping: ``12,34,567`` (1,234,567).
- Mixed digits and scale words: ``4 thousand 3 hundred and 21`` (4,321): each further
  part has a smaller scale word, and "and N" (N < 100) only follows "hundred".
- Spoken decimals: ``five point five``, ``two hundred point zero three`` (200.03),
  ``nine point nought four``.
- Shares: ``one in five`` and ``two out of three`` are percentages (20, 66.67), as
  word fractions are (quantities.py).
- Signs: ``-5``, ``−5`` (a minus glued to the figure, not after a letter, digit or
  hyphen: "F-16" and "2015-16" are not negative), ``minus one``, ``negative 3``.
"""

from __future__ import annotations

import re
import unicodedata

from .limits import Refused, check_digits, out_of_range
from .numbers import DIGITS, SCALES, SMALL, Number, match_number

VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
DENOMINATORS = {2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 32, 64, 100}
_SPACE = "[ \u00a0\u202f\u2009]"
_NBSP = "[\u00a0\u202f\u2009]"
FORMS_RE = re.compile(
    rf"""
      (?P<whole>[0-9]{{1,3}})(?:\s+(?P<mn>[0-9]{{1,2}})/(?P<md>[0-9]{{1,3}})
        |(?P<mv>[{VULGAR}]))(?![0-9/])
    | (?P<n>[0-9]{{1,3}})/(?P<d>[0-9]{{1,3}})(?![0-9/])
    | (?P<mant>{DIGITS})(?:[eE](?P<exp>[-+][0-9]{{1,3}}|[0-9]{{2,3}}|(?<=\.[0-9][eE])[0-9]
        |(?<=\.[0-9]{{2}}[eE])[0-9])|\^(?P<psign>[-+]*)(?P<pow>[0-9]{{1,3}}))
      (?![\w.])
    | (?P<grouped>[0-9]{{1,3}}(?:(?:\x20[0-9]{{3}}){{2,}}|(?:{_NBSP}[0-9]{{3}})+)(?:\.[0-9]+)?)
      (?!\w|[.,][0-9])
    | (?P<indian>[0-9]{{1,2}}(?:,[0-9]{{2}})+,[0-9]{{3}}(?:\.[0-9]+)?)(?![0-9]|,[0-9])
    | (?P<vulgar>[{VULGAR}])
    """,
    re.VERBOSE,
)
_SCALE_ALT = "hundred|thousand|million|billion|trillion"
MIXED_PART_RE = re.compile(rf"\s+([0-9]{{1,3}})\s+({_SCALE_ALT})\b", re.IGNORECASE)
MIXED_AND_RE = re.compile(r"\s+and\s+([0-9]{1,2})(?![0-9.,])", re.IGNORECASE)
DIGIT_WORDS = {**{w: v for w, v in SMALL.items() if v < 10}, "nought": 0, "naught": 0,
               "oh": 0}
POINT_RE = re.compile(r"\s+point((?:[\s-]+(?:[a-z]+))+)", re.IGNORECASE)
TIME_AFTER_RE = re.compile(
    r"\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b", re.IGNORECASE)
SIGN_BEFORE_RE = re.compile(
    r"(?:(?<![\w\-−.,/])[-−]|(?<![\w-])(?:minus|negative)\s+)$", re.IGNORECASE)


def match_forms(text: str, pos: int) -> Number | None:
    """A figure in one of the forms above starting at `pos` (digits or a vulgar
    fraction), or None."""
    m = FORMS_RE.match(text, pos)
    if m is None:
        return None
    if m["whole"]:
        if m["mn"] and not is_fraction(int(m["mn"]), int(m["md"])):
            return None
        part = (int(m["mn"]) / int(m["md"]) if m["mn"] else unicodedata.numeric(m["mv"]))
        value = int(m["whole"]) + part
    elif m["n"]:
        if not is_fraction(int(m["n"]), int(m["d"])):
            return None
        value = int(m["n"]) / int(m["d"])
    elif m["mant"]:
        value = _power(m)
    else:
        digits = m["grouped"] or m["indian"]
        if digits:
            check_digits(digits, m.end())
            value = float(re.sub(_SPACE, "", digits).replace(",", ""))
        else:
            value = unicodedata.numeric(m["vulgar"])
    return Number(m.end(), value, value, value, False, m[0])


def _power(m: re.Match[str]) -> float:
    """'1.5e6', '2.5^-1'; a power beyond a float ('1e309', '10^400', '0^-1') is refused."""
    check_digits(m["mant"], m.end())
    mant = float(m["mant"].replace(",", ""))
    try:
        if m["exp"]:
            return float(f"{mant * 10.0 ** int(m['exp']):.12g}")
        return mant ** (-int(m["pow"]) if m["psign"].count("-") % 2 else int(m["pow"]))
    except (OverflowError, ZeroDivisionError):
        raise Refused(m.end(), out_of_range(m[0])) from None


def is_fraction(numerator: int, denominator: int) -> bool:
    """Whether a slashed pair reads as a fraction rather than a month and day."""
    return 0 < numerator < denominator and denominator in DENOMINATORS


def mixed_scales(text: str, number: Number) -> Number:
    """'4 thousand 3 hundred and 21': extend a digit figure that ends in a scale word."""
    last = number.text.split()[-1].lower() if number.text else ""
    if number.value is None or last not in SCALES or last == "dozen":
        return number
    value, end, scale = number.value, number.end, SCALES[last]
    while (m := MIXED_PART_RE.match(text, end)) and SCALES[m[2].lower()] < scale:
        scale = SCALES[m[2].lower()]
        value, end = value + int(m[1]) * scale, m.end()
    tail = MIXED_AND_RE.match(text, end) if scale == 100 else None
    if tail:
        value, end = value + int(tail[1]), tail.end()
    if end == number.end:
        return number
    start = number.end - len(number.text)
    return Number(end, value, value, value, False, text[start:end])


def spoken_decimal(text: str, number: Number) -> Number:
    """'five point five', 'two hundred point zero three': digits after 'point'."""
    m = POINT_RE.match(text, number.end) if number.is_word and number.value is not None \
        else None
    if m is None:
        return number
    digits, end = "", m.start(1)
    for word in re.finditer(r"[\s-]+([a-z]+)", m[1], re.IGNORECASE):
        token = word[1].lower()
        if token in DIGIT_WORDS:
            digits += str(DIGIT_WORDS[token])
        elif token in SMALL and SMALL[token] >= 10 and not digits:
            digits = str(SMALL[token])
            nxt = re.match(r"[\s-]+([a-z]+)", m[1][word.end():], re.IGNORECASE)
            if SMALL[token] % 10 == 0 and nxt and 0 < SMALL.get(nxt[1].lower(), 0) < 10:
                digits = str(SMALL[token] + SMALL[nxt[1].lower()])
                end = m.start(1) + word.end() + nxt.end()
                break
        else:
            break
        end = m.start(1) + word.end()
    if not digits:
        return number
    value = float(f"{int(number.value)}.{digits}")
    start = number.end - len(number.text)
    return Number(end, value, value, value, True, text[start:end])


def sign_before(text: str, pos: int, floor: int) -> int | None:
    """Start of a minus sign or 'minus'/'negative' right before `pos`, or None."""
    m = SIGN_BEFORE_RE.search(text, max(floor, pos - 10), pos)
    return m.start() if m else None


RATIO_RE = re.compile(r"\s+(?P<sep>out\s+of|in)\s+", re.IGNORECASE)
YEAR_FIGURE_RE = re.compile(r"(?:1[5-9]|20)[0-9]{2}")


def ratio(text: str, number: Number) -> Number | None:
    """'one in five', '1 in 3', 'two out of three' as a share in percent ('in' only
    after one; not before a time unit: 'one in five years' is a rate)."""
    m = RATIO_RE.match(text, number.end)
    if m is None or number.value is None:
        return None
    if m["sep"].lower() == "in" and number.value != 1:
        return None
    second = match_forms(text, m.end()) or match_number(text, m.end())
    if (second is None or not second.value or second.value <= number.value
            or YEAR_FIGURE_RE.fullmatch(second.text)
            or TIME_AFTER_RE.match(text, second.end)):
        return None
    share = float(f"{100 * number.value / second.value:.12g}")
    start = number.end - len(number.text)
    return Number(second.end, share, share, share, number.is_word, text[start:second.end])
