"""Numbers as written in news text: digits, number words, scale words, vague amounts.

- Digits may use thousands separators and decimals: ``50,000``, ``1.5``, ``1,234.5``;
  a scale word or abbreviation may follow: ``1.5 million``, ``5bn``, ``10k``.
- Number words: ``two``, ``twenty-five``, ``a dozen``, ``ten thousand``,
  ``two hundred and fifty``, ``half a million``, ``a quarter million``.
- Halves and quarters: ``two and a half`` (2.5), ``one and a quarter`` (1.25);
  ``half`` / ``a quarter`` before a time unit or a mile are the figure itself
  ("a half hour", "half a day", "a quarter century": 0.5, 0.5, 0.25 of the unit).
- Indian scale words: ``lakh`` (100,000) and ``crore`` (10,000,000).
- A bare ``one`` is *not* a number by itself (it is often a pronoun: "one of the
  goals"); callers accept it before a scale word, a unit or a counted noun ("one
  hundred", "one year", "one U.S. official"), not after "the", "no", "this" ("no one").
- Vague amounts give an interval (qualifier ``vague``, no stated figure). With a
  scale ``S`` (hundred, thousand, million, billion, dozen):

  ==================================  =======================
  wording                             interval
  ==================================  =======================
  a couple (of)                       2 .. 3
  a few / a handful (of)              2 .. 5
  several                             3 .. 9
  a few S / a handful of S            2S .. 5S
  several S  ("several hundred")      3S .. 9S  (300 .. 900)
  dozens, hundreds, thousands, ...    2S .. 10S ("hundreds": 200 .. 1,000)
  tens of thousands / millions        20S .. 100S
  hundreds of thousands / millions    200S .. 1,000S
  ==================================  =======================

"Several" is read in its dictionary sense, more than two but not many.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .limits import check_digits

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
}
ABBREVIATED_SCALES = {"k": 1e3, "mn": 1e6, "bn": 1e9, "tn": 1e12}
VAGUE_MULTIPLIERS = {"couple": (2, 3), "few": (2, 5), "handful": (2, 5), "several": (3, 9)}

_SMALL_ALT = "|".join(sorted(SMALL, key=len, reverse=True))
_SCALE_ALT = "hundred|thousand|million|billion|trillion|lakh|crore"
PARTS = {"half": 0.5, "quarter": 0.25}
_PART_UNITS = r"(?:hours?|days?|weeks?|months?|years?|decades?|century|centuries|miles?)\b"
_WORD = rf"(?:{_SMALL_ALT}|{_SCALE_ALT}|dozen)\b"
_SCALES_AFTER = rf"(?:{_SCALE_ALT}|dozen)(?:\s+(?:thousand|million|billion|trillion))*\b"
SCALE_AFTER_RE = re.compile(rf"\s+({_SCALES_AFTER})", re.IGNORECASE)
AND_PART_RE = re.compile(r"\s+and\s+an?\s+(?P<part>half|quarter)\b", re.IGNORECASE)
DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"

NUMBER_RE = re.compile(
    rf"""
    (?P<vague>
        (?:a\s+couple(?:\s+of)?|a\s+few|a\s+handful(?:\s+of)?|several)
        (?:\s+(?P<vscale>{_SCALES_AFTER}))?
      | (?P<tens>tens|hundreds|dozens)\s+of\s+(?P<tscale>thousands|millions|billions)\b
      | (?P<plural>dozens|hundreds|thousands|millions|billions)\b
    )
    | (?P<digits>{DIGITS})
      (?:(?P<abbr>bn|mn|tn|k)\b|\s+(?P<dscale>{_SCALES_AFTER}))?
    | (?P<half>(?:an?\s+)?(?P<part>half|quarter)(?:\s+(?:of\s+)?an?)?
        (?:[\s-]+(?P<hscale>{_SCALE_ALT}|dozen)\b|(?=[\s-]+{_PART_UNITS})))
    | (?P<words>(?:an?\s+(?=(?:{_SCALE_ALT}|dozen)\b))?{_WORD}
        (?:(?:\s+(?:and\s+)?|\s?-\s?){_WORD}){{0,12}})
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Number:
    """A parsed number: `value` when a figure is stated, else a vague [low, high]."""

    end: int
    value: float | None
    low: float
    high: float
    is_word: bool
    text: str


def words_value(words: str) -> float:
    """Value of a sequence of number words, e.g. 'two hundred and fifty thousand'."""
    total = 0.0
    current = 0.0
    for token in re.findall(r"[a-z]+", words.lower()):
        if token in SMALL:
            current += SMALL[token]
        elif token in {"hundred", "dozen"}:
            current = (current or 1) * SCALES[token]
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0.0
    return total + current


def _token_class(token: str) -> str:
    """'unit' (1-19), 'tens' (20-90), 'hundred', 'scale', 'and' or 'article'."""
    if token in SMALL:
        return "tens" if SMALL[token] >= 20 and SMALL[token] % 10 == 0 else "unit"
    if token in {"hundred", "dozen"}:
        return "hundred"
    if token in {"a", "an"}:
        return "article"
    return "and" if token == "and" else "scale"


_FOLLOWS = {
    "start": {"unit", "tens", "article"},
    "article": {"hundred", "scale"},
    "unit": {"hundred", "scale"},
    "tens": {"unit", "hundred", "scale"},
    "hundred": {"and", "unit", "tens", "scale"},
    "scale": {"and", "unit", "tens"},
    "and": {"unit", "tens"},
}


def _valid_prefix(words: str) -> str:
    """Longest well-formed prefix of a number-word run ('two and three' -> 'two')."""
    state, end = "start", 0
    for m in re.finditer(r"[A-Za-z]+", words):
        cls = _token_class(m[0].lower())
        if cls not in _FOLLOWS[state]:
            break
        state = cls
        if cls not in {"and", "article"}:
            end = m.end()
    return words[:end]


def _scale_value(scale: str | None) -> float:
    """Product of scale words like 'hundred thousand' (1 when absent)."""
    factor = 1.0
    for token in (scale or "").lower().split():
        factor *= SCALES[token.rstrip("s")]
    return factor


def digits_value(digits: str) -> float:
    """Value of a digit string with optional thousands separators."""
    return float(digits.replace(",", ""))


def match_number(text: str, pos: int) -> Number | None:
    """Parse the number starting exactly at `pos`, or None ('two and a half' = 2.5)."""
    number = _match_number(text, pos)
    if number is None or number.value is None:
        return number
    more = AND_PART_RE.match(text, number.end)
    if more is None:
        return number
    words = number.text.split()
    if words[0].lower() in {"a", "an", "half", "quarter"} or words[-1].lower() == "dozen":
        return number
    value, end = number.value + PARTS[more["part"].lower()], more.end()
    scale = SCALE_AFTER_RE.match(text, end)
    if scale:
        value, end = value * _scale_value(scale[1]), scale.end()
    return Number(end, value, value, value, number.is_word,
                  text[number.end - len(number.text):end])


def _match_number(text: str, pos: int) -> Number | None:
    m = NUMBER_RE.match(text, pos)
    if not m:
        return None
    if m["digits"]:
        check_digits(m["digits"], m.end("digits"))
        value = digits_value(m["digits"])
        if m["abbr"]:
            value *= ABBREVIATED_SCALES[m["abbr"].lower()]
        value *= _scale_value(m["dscale"])
        return Number(m.end(), value, value, value, False, m[0])
    if m["half"]:
        value = PARTS[m["part"].lower()] * _scale_value(m["hscale"])
        return Number(m.end(), value, value, value, True, m[0])
    if m["words"]:
        words = _valid_prefix(m["words"])
        if not words:
            return None
        value = words_value(words)
        return Number(pos + len(words), value, value, value, True, words)
    return _vague(m)


def _vague(m: re.Match[str]) -> Number:
    """Interval of a vague amount (see the module table)."""
    if m["tens"]:
        base = 10.0 if m["tens"].lower() == "tens" else SCALES[m["tens"].lower()[:-1]]
        scale = base * SCALES[m["tscale"].lower()[:-1]]
        return Number(m.end(), None, 2 * scale, 10 * scale, True, m[0])
    if m["plural"]:
        scale = SCALES[m["plural"].lower()[:-1]]
        return Number(m.end(), None, 2 * scale, 10 * scale, True, m[0])
    words = m["vague"].lower().split()
    key = next(w for w in words if w in VAGUE_MULTIPLIERS)
    lo, hi = VAGUE_MULTIPLIERS[key]
    scale = _scale_value(m["vscale"])
    return Number(m.end(), None, lo * scale, hi * scale, True, m[0])
