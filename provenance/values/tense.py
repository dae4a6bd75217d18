"""Which occurrence a bare month, season, weekday or weekend means, read from its
sentence and paragraph rather than from the name alone.

A bare name ("in October", "this spring" aside: names without a year, a day or a
last/next/this modifier) is resolved by these rules, in order:

1. **A year named nearby wins** (months and seasons): a bare year introduced as a time
   ("in 2023", "during 2023", "early 2023") or "last/this/next year", in the same
   sentence (either side) or earlier in the same paragraph (the nearest one), gives the
   name's year: "In 2023 the army retreated. In October it advanced." is October 2023.
   Full dates ("in February 2022") name a day, not the paragraph's year, and do not count.
2. **Future tense points forward**: a future marker anywhere in the sentence ("will",
   "'ll", "shall", "plans to", "expected to", "scheduled", "set to", "going to", "is
   to", "due to") gives the first occurrence on or after publication: "In January the
   panel will publish its report" in a December article is next January ("this
   weekend" read on a weekday also keeps the one just past: ``ambiguous``, dates.py).
3. **Past tense points back**: a past-tense verb ("said", "was", "seized", any "-ed"
   form) gives the most recent occurrence on or before publication, as before.
4. **Otherwise the year is open**: a month or season is ``ambiguous`` and its
   interval covers both the most recent and the coming occurrence (one interval when
   they are the same, publication falling inside it); a weekday or weekend keeps the
   most recent one (within a week, news writing's default).

Every named day, weekend, month and season reads its tense by the same rule
(``is_future`` / ``reading``): "will ... this weekend", "will ... on Sunday" and "will
... in March" all look at the whole sentence, however far the verb is from the name,
and a verb in the sentence before or after a ";" does not count. Sentences are
provenance/sentences.py's (one splitter for the whole project); a paragraph is a line.
Both are looked at within a bounded window (``REACH`` characters), so the scan stays
linear.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from provenance.sentences import REACH, bounds

from .patterns import Caseless

FUTURE_RE = Caseless(  # "ll" after its apostrophe: "we'll"; "due to" of a timetable
    # ("is due to", "due to be"), never of a cause ("delayed due to the weather")
    r"(?<!\w)(?:will|shall|ll(?<=['’]ll)|plans?\s+to|expected\s+to|scheduled|set\s+to|"
    r"going\s+to|is\s+to|are\s+to|(?:is|are)\s+due\s+to|due\s+to\s+be)(?!\w)"
)
PAST_RE = re.compile(
    r"(?<![\w-])(?:was|were|had|did|said|told|made|began|came|went|took|gave|saw|met|held|"
    r"won|lost|left|sent|fought|struck|fell|rose|led|spoke|wrote|found|brought|built|ran|"
    r"became|ago|[a-z]+(?<!e)ed)(?![\w-])"
)
YEAR_NAMED_RE = Caseless(
    r"(?<![\w-])(?:(?:in|during|throughout)\s+(?:(?:early|late|mid)[\s-]+)?"
    r"(?P<y>(?:1[5-9]|20)[0-9]{2})(?![\w-]|,?\s+[0-9])|(?P<rel>last|this|next)\s+year\b)"
)
_SHIFT = {"last": -1, "this": 0, "next": 1}


def paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph (line) holding `pos` starts, at most ``REACH`` before it."""
    return text.rfind("\n", max(0, pos - REACH), pos) + 1 or max(0, pos - REACH)


def sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the text a span's dates are read in: from its paragraph's start to the
    end of its last sentence."""
    return paragraph_start(text, start), max(end, bounds(text, start, end)[1])


@lru_cache(maxsize=4)
def _sentence(text: str, pos: int) -> tuple[int, int]:
    """``bounds(text, pos)``, found once for the rules that read one name's sentence."""
    return bounds(text, pos)


def is_future(text: str, pos: int) -> bool:
    """Whether the sentence holding `pos` has a future marker."""
    return FUTURE_RE.search(text, *_sentence(text, pos)) is not None


def reading(text: str, pos: int) -> str | None:
    """'future', 'past' or None (open) for a name at `pos`, by its sentence's tense."""
    lo, hi = _sentence(text, pos)
    if FUTURE_RE.search(text, lo, hi):
        return "future"
    if PAST_RE.search(text, lo, hi):
        return "past"
    return None


def named_year(text: str, pos: int, published: datetime.date | None) -> int | None:
    """The year named nearest before `pos` in its paragraph or anywhere in its sentence
    (rule 1 of the module docstring), or None."""
    lo, hi = _sentence(text, pos)
    para = paragraph_start(text, pos)
    best: tuple[int, int] | None = None
    for m in YEAR_NAMED_RE.finditer(text, min(para, lo), hi):
        if m.end() > pos and m.start() < pos:
            continue
        distance = pos - m.end() if m.end() <= pos else m.start() - pos
        year = _year(m, published)
        if year is not None and (best is None or distance < best[0]):
            best = (distance, year)
    return None if best is None else best[1]


def _year(m: re.Match[str], published: datetime.date | None) -> int | None:
    if m["y"]:
        return int(m["y"])
    return None if published is None else published.year + _SHIFT[m["rel"].lower()]
