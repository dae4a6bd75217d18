"""Counted nouns: the noun a figure counts ("10,000 troops", "two senior U.S. officials").

The counted noun is the *head* of the noun phrase after the figure, found by one rule
over at most six words, read left to right:

- a function word (``STOP``: articles, prepositions, auxiliaries, pronouns, date
  words), an adverb ("-ly") or punctuation ends the phrase;
- modifiers are skipped: a known adjective (``ADJECTIVES``, a small closed list), a
  participle ("-ed", "-ing": "wounded", "fighting"), an abbreviation with dots
  ("U.S.", "U.N."), and a lowercase word that is not plural and is followed directly
  by capitalised words and then a lowercase noun, because a proper modifier comes
  next ("elite North Korean troops", "senior Russian officials");
- capitalised words are proper modifiers ("North Korean"), joined over "and"/"or"
  ("Russian and North Korean troops"); the last one is the head when no lowercase
  noun follows ("ATACMS");
- a hyphenated lowercase modifier ("long-range") is kept as the head only until a
  plain noun follows it;
- otherwise the first plain lowercase word is the head, kept as written ("officials").
"""

from __future__ import annotations

import re

from .dates import MONTHS, WEEKDAYS


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


WORD_RE = re.compile(r"\s+((?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])")
ABBREVIATION_RE = re.compile(r"(?:[A-Z]\.){2,}")
POSSESSIVE_RE = re.compile(r"['’]s$")
STOP = _words(
    "a an the and or of to in on at for with by from that which who whom whose were was is "
    "are be been being have has had will would could should can may might must do does did "
    "said say says than as into over under about after before since during while when where "
    "if but not no nor so this these those it its their his her our your my per each every "
    "more less most least also only just even still already amid across against around "
    "toward towards through until up down out off including among between within without "
    "left ago later earlier apiece altogether total last next week weeks month months year "
    "years day days today tonight yesterday tomorrow weekend another " + " ".join(MONTHS)
    + " " + " ".join(WEEKDAYS)
)
ADJECTIVES = _words(
    "new more additional other old young large small big major key such long short armed "
    "foreign military civilian local senior former young elderly extra further active "
    "full possible confirmed reported estimated unidentified unarmed injured wounded "
    "dead missing elite top regular special"
)
NUMBER_WORD_RE = re.compile(  # not a counted noun after "one" ("one fourth", "one one")
    r"(?:[a-z]+-)?(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"million|billion|trillion|dozen|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|[a-z]+teenth|[a-z]+ieth|hundredth|thousandth|"
    r"millionth|billionth)s?"
)


def counted_noun(text: str, end: int) -> tuple[str | None, int]:
    """The counted noun's head after `end` (see module docstring), or (None, end)."""
    head, head_end, capital_run = None, end, False
    nxt = WORD_RE.match(text, end)
    for _ in range(6):
        m = nxt  # each word is matched once: as the next word, then as the current one
        if not m:
            break
        word = m[1]
        lower = word.lower()
        nxt = WORD_RE.match(text, m.end())
        if lower in {"and", "or"} and capital_run and nxt and nxt[1][0].isupper():
            continue
        if lower in STOP or lower.endswith("ly"):
            break
        if _modifier(text, word, lower, nxt):
            continue
        head, head_end = word, m.end()
        if word[0].isupper():
            capital_run = True
        elif "-" not in word:
            break
    if head is None:
        return None, end
    return POSSESSIVE_RE.sub("", head), head_end


def _modifier(text: str, word: str, lower: str, nxt: re.Match[str] | None) -> bool:
    """Whether `word` only modifies the head that follows it (see module docstring)."""
    if ABBREVIATION_RE.fullmatch(word) or lower in ADJECTIVES:
        return True
    if not word[0].islower():
        return False
    if lower.endswith(("ed", "ing")):
        return True
    plural = lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
    return not plural and nxt is not None and _proper_then_noun(text, nxt)


def _proper_then_noun(text: str, m: re.Match[str]) -> bool:
    """Whether capitalised words start at `m` and a lowercase head noun ends them
    ("North Korean troops", "U.S. officials"; not "US$ 10bn", "Kyiv said")."""
    if m is None or not m[1][0].isupper():
        return False
    for _ in range(4):
        if m is None or not m[1][0].isupper():
            break
        m = WORD_RE.match(text, m.end())
    return m is not None and m[1][0].islower() and m[1] not in STOP \
        and not m[1].endswith("ed")
