"""Sentence windows of many spans of many texts at once.

``tense.sentence_window(text, start, end)`` runs from the start of the span's paragraph
(its line, reaching at most ``REACH`` code points back) to the end of its last sentence
(``sentences.bounds``: the first sentence boundary ending past the span, looked for at
most ``REACH`` code points beyond it). :class:`Texts` joins texts end to end and finds
their line breaks, sentence boundaries (each text scanned on its own) and ASCII digits
once, and the joined text as masking makes it (digits ``#``, a run of ``#`` one ``#``);
:func:`sentence_windows` then gives every span's window by binary search (and
values/shapes.py every span's shape). Positions are in the joined text.

``bounds`` scans for boundaries from ``start - REACH``. A scan started there finds the
boundaries one scan of the whole text finds, from the first that starts there on: a
boundary is an end mark, closing marks and white space, so a scan started inside one
finds its end or nothing, and the two scans agree from there. A span whose deciding
boundary starts before that point is left to ``sentence_window`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from provenance.sentences import BOUNDARY_RE, REACH, TITLES
from provenance.values.tense import sentence_window

WORD = 4  # code points of the words a named year needs ("year", or four digits)
UTF32 = ("utf-32-le", "surrogatepass")

NEWLINE, ZERO, NINE, HASH = ord("\n"), ord("0"), ord("9"), ord("#")
BOUNDARY_FIRST = ".!?…;\n"  # what every sentence boundary (BOUNDARY_RE) starts with
BOUNDARY_MARKS = np.array(list(map(ord, BOUNDARY_FIRST)), dtype=np.uint32)
DOT, SEMICOLON = ord("."), ord(";")
CLOSERS = np.array(list(map(ord, "\"'”’)]")))  # what may stand between an end mark and its space
OPENERS = np.array(list(map(ord, "\"'“‘([")))  # what may stand before the capital after it
# \s of ASCII, by code point + 1 (index 0: no code point; 129 on: not ASCII)
_ASCII_SPACE = np.array([False, *(chr(code).isspace() for code in range(128)), False])
SPACE_RUN = 8  # code points of white space after a mark read over the code points, at most


@dataclass(frozen=True)
class Texts:
    """Texts joined end to end (``bases``: where each starts, then the end), and where
    their line breaks, sentence boundaries (start and end of each, as one scan of its
    whole text finds them), ASCII digits, digits and ``#`` (what masking makes ``#``),
    and the words a named year needs ("year", a year's four digits) are; the joined text
    masked, the code points masking drops (a run's ``#`` after its first), and the
    joined text's code points (:func:`code_points`)."""

    joined: str
    bases: np.ndarray
    breaks: np.ndarray
    boundary_starts: np.ndarray
    boundary_ends: np.ndarray
    digits: np.ndarray
    masked: np.ndarray
    year_like: np.ndarray
    collapsed: str
    dropped: np.ndarray
    codes: np.ndarray

    @classmethod
    def of(cls, texts: list[str]) -> Texts:
        """``texts`` joined, with their marks."""
        joined = "".join(texts)
        bases = np.cumsum([0, *map(len, texts)], dtype=np.int64)
        codes = code_points(joined)
        spans = _boundaries(texts, bases, codes)
        digit = (codes >= ZERO) & (codes <= NINE)
        masked = digit | (codes == HASH)
        kept = ~masked | ~np.concatenate(([False], masked[:-1]))  # a run's first stays
        collapsed = from_code_points(np.where(masked, codes.dtype.type(HASH), codes)[kept])
        return cls(joined, bases, np.flatnonzero(codes == NEWLINE), spans[:, 0], spans[:, 1],
                   np.flatnonzero(digit), np.flatnonzero(masked), _year_like(codes, digit),
                   collapsed, np.flatnonzero(~kept), codes)

    def masked_slices(self, starts: np.ndarray, ends: np.ndarray) -> list[str]:
        """``RUN_RE.sub("#", joined[start:end].translate(MASK))`` of each span."""
        size = len(self.joined)
        lows = self.collapsed_at(np.minimum(starts, size - 1)) if size else starts
        highs = np.where(ends > starts, self.collapsed_at(np.maximum(ends - 1, 0)) + 1, lows)
        text = self.collapsed
        return [text[low:high] for low, high in zip(lows.tolist(), highs.tolist(), strict=True)]

    def collapsed_at(self, positions: np.ndarray) -> np.ndarray:
        """Where each code point of the joined text is in the masked text (a dropped one:
        where the code point before it is)."""
        return positions - np.searchsorted(self.dropped, positions, side="right")

    def year_like_within(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Whether each ``[starts[i], ends[i])`` may name a year (tense.YEAR_NAMED_RE): it
        holds "year" or a year's four digits."""
        at = np.searchsorted(self.year_like, starts)
        return _pick(self.year_like, at, np.iinfo(np.int64).max - WORD) + WORD <= ends

    def last_masked_before(self, ends: np.ndarray, floors: np.ndarray) -> np.ndarray:
        """The last digit or ``#`` before each of ``ends`` and at or after its floor (-1:
        none)."""
        return _last_before(self.masked, ends, floors)

    def digit_within(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Whether a digit stands in each ``[starts[i], ends[i])``."""
        at = np.searchsorted(self.digits, starts)
        return _pick(self.digits, at, np.iinfo(np.int64).max) < ends

    def digit_bounds(self, starts: np.ndarray, ends: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Where the first digit of each ``[starts[i], ends[i])`` is, where its last ends
        (-1 for both when it holds none), and how many digits it holds."""
        low, high = np.searchsorted(self.digits, starts), np.searchsorted(self.digits, ends)
        first = _pick(self.digits, low, -1)
        stop = _pick(self.digits, high - 1, -2) + 1
        held = high > low
        return np.where(held, first, -1), np.where(held, stop, -1), high - low

    def first_boundary_from(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Start and end of the first boundary starting at or after each position (the
        joined text's length for both when there is none)."""
        at = np.searchsorted(self.boundary_starts, positions)
        end = len(self.joined)
        return _pick(self.boundary_starts, at, end), _pick(self.boundary_ends, at, end)


def code_points(text: str) -> np.ndarray:
    """The code points of ``text``: one byte each when it is ASCII (a quarter of the
    memory every scan of it reads), else four."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    return np.frombuffer(text.encode(*UTF32), dtype=np.uint32)


def from_code_points(codes: np.ndarray) -> str:
    """The text of ``codes`` (as :func:`code_points` gives them)."""
    if codes.dtype == np.uint8:
        return codes.tobytes().decode("ascii")
    return codes.tobytes().decode(*UTF32)


def sentence_windows(texts: Texts, which: np.ndarray, starts: np.ndarray, ends: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """``tense.sentence_window`` of every span ``[starts[i], ends[i])`` of text
    ``which[i]``, as two arrays (positions in the joined text)."""
    first, stop = texts.bases[which], texts.bases[which + 1]
    floors = np.maximum(starts - REACH, first)
    line = _last_before(texts.breaks, starts, floors)
    lows = np.where(line >= 0, line + 1, floors)
    last = np.maximum(starts, ends - 1)
    reach = np.minimum(stop, last + REACH + 1)
    at = np.searchsorted(texts.boundary_ends, last, side="right")  # first ending past it
    begins = _pick(texts.boundary_starts, at, len(texts.joined))
    finish = _pick(texts.boundary_ends, at, len(texts.joined))
    highs = np.maximum(ends, np.where(finish < reach, finish, reach))
    for i in np.flatnonzero(begins < floors).tolist():
        base = int(first[i])
        text = texts.joined[base:int(stop[i])]
        low, high = sentence_window(text, int(starts[i]) - base, int(ends[i]) - base)
        lows[i], highs[i] = low + base, high + base
    return lows, highs


def _boundaries(texts: list[str], bases: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Start and end (in the joined text) of each text's sentence boundaries, as
    ``BOUNDARY_RE.finditer`` over the text finds them. A boundary starts with one of
    ``BOUNDARY_FIRST`` and ends where the white space after it (and after an end mark's
    closing marks) ends, so a mark inside a boundary is a line break in that white
    space, and :func:`_mark_matches` can decide each mark on its own: the scan keeps
    the matches of the marks no earlier match covers."""
    marked = np.zeros(len(codes), dtype=bool)
    for mark in BOUNDARY_MARKS.tolist():  # cheaper than np.isin over a long text
        marked |= codes == mark
    marks = np.flatnonzero(marked)
    ends = _mark_matches(texts, bases, codes, marks)
    covered = np.concatenate(([-1], np.maximum.accumulate(ends)[:-1])) > marks
    kept = (ends >= 0) & ~covered
    return np.stack((marks[kept], ends[kept]), axis=1).astype(np.int64).reshape(-1, 2)


def _mark_matches(texts: list[str], bases: np.ndarray, codes: np.ndarray,
                  marks: np.ndarray) -> np.ndarray:
    """Where ``BOUNDARY_RE.match(text, mark)`` ends for each mark (in the joined text; -1
    for no match). A line break, a ";" and an end mark after no letter (or after five)
    followed by ASCII white space and a capital (or an opening mark and one) are read
    over the code points; any other mark (and any whose white space runs on for more
    than ``SPACE_RUN`` code points) is matched in its text itself."""
    text_of = np.searchsorted(bases, marks, side="right") - 1
    first, stop = bases[text_of], bases[text_of + 1]
    mark = _code_at(codes, marks)
    run_end, long_run = _space_run_ends(codes, marks + 1, stop)
    after = _code_at(codes, np.where(run_end < stop, run_end, -1))
    ends = np.full(len(marks), -1, dtype=np.int64)
    line = mark == NEWLINE
    semicolon = (mark == SEMICOLON) & (run_end > marks + 1)
    ends[line | semicolon] = run_end[line | semicolon]
    before = _code_at(codes, np.where(marks > first, marks - 1, -1))
    letters = np.ones(len(marks), dtype=bool)
    for back in range(1, len(max(TITLES, key=len)) + 2):
        at = marks - back
        letters &= _ascii_letter(_code_at(codes, np.where(at >= first, at, -1)))
    free = (mark != DOT) | ((before < 128) & ~_ascii_letter(before)) | letters
    opener = np.isin(after, OPENERS)
    capital = np.where(opener, _code_at(codes, np.where(run_end + 1 < stop, run_end + 1, -1)),
                       after)
    end_mark = ~line & (mark != SEMICOLON)
    sure = end_mark & free & ~np.isin(_code_at(codes, marks + 1), CLOSERS)
    ended = sure & (run_end > marks + 1) & _capital(capital)
    ends[ended] = run_end[ended]
    match = BOUNDARY_RE.match
    doubt = np.flatnonzero(long_run | (after >= 128) | (end_mark & ~sure))
    for i, number, base in zip(doubt.tolist(), text_of[doubt].tolist(),
                               first[doubt].tolist(), strict=True):
        found = match(texts[number], int(marks[i]) - base)
        ends[i] = -1 if found is None else found.end() + base
    return ends


def _space_run_ends(codes: np.ndarray, starts: np.ndarray, stops: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Where the ASCII white space from each of ``starts`` ends (at most at its stop),
    and whether it runs on for more than ``SPACE_RUN`` code points (then not found)."""
    ends = starts.copy()
    going = np.flatnonzero(ends < stops)
    for _ in range(SPACE_RUN):
        going = going[_ASCII_SPACE[np.minimum(_code_at(codes, ends[going]) + 1, 129)]]
        ends[going] += 1
        going = going[ends[going] < stops[going]]
        if not len(going):
            break
    long_run = np.zeros(len(starts), dtype=bool)
    long_run[going] = True
    return ends, long_run


def _code_at(codes: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The code point at each position (int64; -1 for a position outside ``codes``)."""
    inside = (positions >= 0) & (positions < len(codes))
    found = np.full(len(positions), -1, dtype=np.int64)
    found[inside] = codes[positions[inside]]
    return found


def _ascii_letter(codes: np.ndarray) -> np.ndarray:
    """Whether each code point is an ASCII letter."""
    return ((codes | 32) >= ord("a")) & ((codes | 32) <= ord("z"))


def _capital(codes: np.ndarray) -> np.ndarray:
    """Whether each code point is a capital the boundary's look-ahead reads
    (``[A-ZÀ-ÖØ-Þ]``)."""
    return (((codes >= ord("A")) & (codes <= ord("Z")))
            | ((codes >= 0xC0) & (codes <= 0xD6)) | ((codes >= 0xD8) & (codes <= 0xDE)))


def _year_like(codes: np.ndarray, digit: np.ndarray) -> np.ndarray:
    """Where "year" (any case) starts, and where a run of digits starts with four from
    1500 to 2099 (a named year's figure follows a space or a hyphen)."""
    padded = np.concatenate((codes, np.zeros(WORD, dtype=codes.dtype)))
    ys = np.flatnonzero((codes | 32) == ord("y"))
    year = np.ones(len(ys), dtype=bool)
    for offset, letter in enumerate("ear", 1):
        year &= (padded[ys + offset] | 32) == ord(letter)
    runs = np.flatnonzero(digit & ~np.concatenate(([False], digit[:-1])))
    four = np.ones(len(runs), dtype=bool)
    for offset in range(1, WORD):
        four &= (padded[runs + offset] >= ZERO) & (padded[runs + offset] <= NINE)
    lead, second = padded[runs], padded[runs + 1]
    four &= ((lead == ord("1")) & (second >= ord("5"))) | ((lead == ord("2")) & (second == ZERO))
    return np.union1d(ys[year], runs[four])


def _last_before(positions: np.ndarray, ends: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """The last of sorted ``positions`` before each end and at or after its floor (-1)."""
    found = _pick(positions, np.searchsorted(positions, ends) - 1, -1)
    return np.where(found >= floors, found, -1)


def _pick(values: np.ndarray, at: np.ndarray, missing: int) -> np.ndarray:
    """``values[at]``, ``missing`` where ``at`` is out of range."""
    inside = (at >= 0) & (at < len(values))
    picked = np.full(len(at), missing, dtype=np.int64)
    picked[inside] = values[at[inside]]
    return picked
