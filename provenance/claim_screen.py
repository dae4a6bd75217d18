"""Which claim rows may have a finding, decided over whole columns.

``validate`` words its findings row by row (``validate.row_findings``); a million rows
checked that way take minutes. The screen asks the same questions of whole columns:
blank cells, vocabularies, duplicate ids, fact-key shapes, numbers and dates (each
distinct cell parsed once, by the same functions the rules use), spans (each row's slice
of its source compared with its quote, or its quote found exactly once for a row ``fill``
will anchor), categories, formula-like cells, and value quotes with two or more places
a mention of their kind can start at (``quote_split.may_hold_two``): only those can hold
two values. It is conservative: a row it passes has no finding; a row it flags is
checked rule by rule, which decides what, if anything, is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from provenance.anchoring import exact_once
from provenance.export import formula_cells
from provenance.quote_split import may_hold_two
from provenance.schema import FACT_KEY, KINDS, MAX_FIGURE, STATUSES
from provenance.sources import parse_iso_date

if TYPE_CHECKING:
    from provenance.ledger import Ledger

VOCABULARIES = (("kind", KINDS), ("status", STATUSES), ("ambiguous", {"true", "false"}))


def suspect_rows(ledger: Ledger) -> np.ndarray:
    """A boolean per claim row (in frame order): True where a rule may find something."""
    claims = ledger.claims
    n = len(claims)

    def column(name: str) -> np.ndarray:
        if name in claims.columns:
            return claims[name].to_numpy(dtype=object)
        return np.full(n, "", dtype=object)

    suspect = np.zeros(n, dtype=bool)
    for name in ("claim_id", "source_id", "quote"):
        suspect |= blank(column(name))
    fact_key, ids = column("fact_key"), column("claim_id")
    suspect |= (column("status") == "confirmed") & blank(fact_key)
    suspect |= pd.Series(ids).duplicated().to_numpy() & (ids != "")
    suspect |= distinct(fact_key, lambda key: bool(key) and not FACT_KEY.match(key))
    for name, allowed in VOCABULARIES:
        values = column(name)
        suspect |= (values != "") & ~pd.Series(values).isin(allowed).to_numpy()
    suspect |= _spans(ledger, column)
    suspect |= _numbers(column)
    suspect |= _dates(column)
    for name in claims.columns:
        suspect |= formula_cells(column(name))
    suspect |= ~blank(column("category"))
    suspect |= _two_values(column("quote"), column("kind"))
    return suspect


def _two_values(quotes: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Quotes that may hold two values of their row's kind (``may_hold_two``, asked of
    the quotes of each kind at once)."""
    suspect = np.zeros(len(quotes), dtype=bool)
    codes, uniques = pd.factorize(kinds, use_na_sentinel=False)
    for code, kind in enumerate(uniques.tolist()):
        rows = np.flatnonzero(codes == code)
        suspect[rows] = may_hold_two(quotes[rows], kind)
    return suspect


def blank(values: np.ndarray) -> np.ndarray:
    """Cells that are empty or white space only."""
    return (values == "") | np.fromiter(map(str.isspace, values), bool, len(values))


def distinct(values: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    """``test`` of every cell, asked once per distinct cell."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.fromiter(map(test, uniques), dtype=bool, count=len(uniques))[codes]


def plain_numbers(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which cells are ASCII digits only (at most 18), and their values (0 elsewhere)."""
    plain = np.fromiter(map(str.isdigit, values), bool, len(values))
    plain &= np.fromiter(map(str.isascii, values), bool, len(values))
    plain &= np.fromiter(map(len, values), np.int64, len(values)) <= 18
    numbers = np.zeros(len(values), dtype=np.int64)
    numbers[plain] = values[plain].astype(np.int64)
    return plain, numbers


def _spans(ledger: Ledger, column: Callable[[str], np.ndarray]) -> np.ndarray:
    """Rows whose span may be wrong: unknown source, offsets that are not plain numbers,
    out of range or not the quote; a row without offsets whose quote is not found exactly
    once; an orphaned claim."""
    registered, texts = ledger.source_rows(), ledger.texts
    codes, ids = pd.factorize(column("source_id"), use_na_sentinel=False)
    unknown = np.array([bool(i) and i not in registered for i in ids], dtype=bool)
    text_of = np.array([texts.get(i) for i in ids] + [None], dtype=object)[:-1]
    length = np.array([-1 if t is None else len(t) for t in text_of], dtype=np.int64)
    suspect, row_text, row_length = unknown[codes], text_of[codes], length[codes]
    quote, start, end = column("quote"), column("start"), column("end")
    starts_plain, begin = plain_numbers(start)
    ends_plain, finish = plain_numbers(end)
    anchored = (row_length >= 0) & (end == "") & (
        (start == "") | np.fromiter(map(str.isdecimal, start), bool, len(start)))
    rows = np.flatnonzero(anchored)
    once = [exact_once(t, q) is not None and bool(q.strip()) for t, q in
            zip(row_text[rows].tolist(), quote[rows].tolist(), strict=True)]
    suspect[rows] |= ~np.array(once, dtype=bool) | ~blank(column("occurrence")[rows])
    spanned = (row_length >= 0) & ~anchored
    fine = spanned & starts_plain & ends_plain & (begin < finish) & (finish <= row_length)
    fine &= column("status") != "orphaned"
    suspect |= spanned & ~fine
    rows = np.flatnonzero(fine)
    same = [t[b:e] == q for t, b, e, q in zip(row_text[rows].tolist(), begin[rows].tolist(),
                                                finish[rows].tolist(), quote[rows].tolist(),
                                                strict=True)]
    suspect[rows] |= ~np.array(same, dtype=bool)
    return suspect


def _numbers(column: Callable[[str], np.ndarray]) -> np.ndarray:
    """Rows with a cell that is not a finite number, or low above high."""
    parsed = {name: _floats(column(name)) for name in ("value", "low", "high")}
    suspect = parsed["value"][0] | parsed["low"][0] | parsed["high"][0]
    return suspect | (parsed["low"][1] > parsed["high"][1])


def _floats(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which cells are not finite numbers (as ``float`` reads them; empty cells are
    fine), and the numbers (NaN where empty or bad)."""
    empty = values == ""
    try:  # numpy's cast reads each cell with ``float``
        numbers = np.where(empty, "nan", values).astype(np.float64)
    except ValueError:  # a cell float refuses: each distinct cell on its own
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        read = [_number(cell) for cell in uniques]
        numbers = np.array([math.nan if v is None else v for v in read], dtype=float)[codes]
        return np.array([v is None for v in read], dtype=bool)[codes] | _beyond(numbers), numbers
    return ~empty & ~np.isfinite(numbers) | _beyond(numbers), numbers


def _beyond(numbers: np.ndarray) -> np.ndarray:
    """Finite figures beyond MAX_FIGURE (``validate`` warns about them)."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(numbers) & (np.abs(numbers) > MAX_FIGURE)


def _number(cell: str) -> float | None:
    """A number cell as the rules read it: NaN when empty, None when bad or not finite."""
    cell = cell.strip()
    if not cell:
        return math.nan
    try:
        number = float(cell)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _dates(column: Callable[[str], np.ndarray]) -> np.ndarray:
    """Rows with a date that is not a real YYYY-MM-DD, or date_low after date_high."""
    ordinals = {}
    suspect = np.zeros(len(column("date_low")), dtype=bool)
    for name in ("date_low", "date_high"):
        codes, uniques = pd.factorize(column(name), use_na_sentinel=False)
        days = [_ordinal(cell) for cell in uniques]
        suspect |= np.array([day is None for day in days], dtype=bool)[codes]
        ordinals[name] = np.array([math.nan if d is None else d for d in days], float)[codes]
    return suspect | (ordinals["date_low"] > ordinals["date_high"])


def _ordinal(cell: str) -> float | None:
    """A date cell as a day number: NaN when empty, None when not a real date."""
    if not cell.strip():
        return math.nan
    day = parse_iso_date(cell)
    return None if day is None else float(day.toordinal())
