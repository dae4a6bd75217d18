"""The reading rules of a ledger, in one place.

What a cell of ``claims.csv`` must be to be read as its column's type (an offset, a
number, a date, a word of a vocabulary) and which columns the file needs. ``validate``
reports a cell that breaks a rule (:mod:`provenance.validate`); ``check`` refuses such a
ledger with the same line (:mod:`provenance.check.engines.pandas.refusals`), testing whole
columns at once:
a cell matching a ``PLAIN_*`` pattern (Arrow's RE2 syntax) holds by its rule, and only
the distinct cells that do not are put to the rule itself.
"""

from __future__ import annotations

import math
import re

from provenance.errors import LedgerFormatError
from provenance.schema import CLAIMS, KINDS, REQUIRED_CLAIM_COLUMNS, STATUSES
from provenance.sources import (
    MISSING_SHA256,
    RAW_PROBLEMS,
    _delimiter_hint,
    parse_iso_date,
)

OFFSET = re.compile(r"\d+")
OFFSET_COLUMNS = ("start", "end")
NUMBER_COLUMNS = ("value", "low", "high")
DATE_COLUMNS = ("date_low", "date_high")
VOCABULARIES = {"kind": KINDS, "status": STATUSES, "ambiguous": frozenset({"true", "false"})}
NOT_A_NUMBER = "not a number"
NOT_FINITE = "not finite (leave it empty for unbounded)"

MAX_CATEGORY = 60  # characters of a text claim's ``category``, spaces around it aside
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # breaks and control characters

PLAIN_OFFSET = "^[0-9]+$"
PLAIN_OCCURRENCE = "^0*[1-9][0-9]*$"
PLAIN_DIGITS = 300  # the most digits before a plain number's point
PLAIN_NUMBER = rf"^-?[0-9]{{1,{PLAIN_DIGITS}}}(\.[0-9]+)?$"  # no exponent: never overflows to inf
PLAIN_CATEGORY = rf"^[^\x00-\x1f\x7f-\x9f\x{{2028}}\x{{2029}}]{{0,{MAX_CATEGORY}}}$"

# the findings of a file or cell that cannot be read as its type: ``check`` refuses them
# (the others, about what the cells say, are what its expectation suites test)
READING_SLUGS = frozenset({
    "unreadable", "bad-offset", "bad-occurrence", "bad-number", "bad-date", "bad-category",
    *(f"bad-{column}" for column in VOCABULARIES),
    "source-bad-id", "source-duplicate-id", "source-bad-published", MISSING_SHA256,
    *RAW_PROBLEMS,
})


def is_offset(cell: str) -> bool:
    """A span offset: a non-negative whole number (spaces around it allowed)."""
    return OFFSET.fullmatch(cell.strip()) is not None


def is_occurrence(cell: str) -> bool:
    """An ``occurrence``: empty, or a whole number from 1."""
    cell = cell.strip()
    return not cell or (cell.isdecimal() and int(cell) > 0)


def category_problem(cell: str) -> str:
    """Why a ``category`` cell is not a short single-line value ("" when it is one)."""
    if CONTROL.search(cell):
        return "holds a line break or a control character"
    length = len(cell.strip())
    if length > MAX_CATEGORY:
        return f"is {length} characters long; a category is at most {MAX_CATEGORY}"
    return ""


def read_number(cell: str) -> float | str:
    """The finite number a non-empty cell holds, or why it holds none
    (:data:`NOT_A_NUMBER`, :data:`NOT_FINITE`)."""
    try:
        number = float(cell)
    except ValueError:
        return NOT_A_NUMBER
    return number if math.isfinite(number) else NOT_FINITE


def is_date(cell: str) -> bool:
    """A real ``YYYY-MM-DD`` calendar date (spaces around it allowed)."""
    return parse_iso_date(cell) is not None


def cell_holds(column: str, cell: str) -> bool:
    """True when a non-empty ``cell`` of ``column`` can be read as the column's type."""
    if column in OFFSET_COLUMNS:
        return is_offset(cell)
    if column == "occurrence":
        return is_occurrence(cell)
    if column in NUMBER_COLUMNS:
        return not cell.strip() or not isinstance(read_number(cell.strip()), str)
    if column in DATE_COLUMNS:
        return not cell.strip() or is_date(cell)
    if column == "category":
        return not category_problem(cell)
    return column not in VOCABULARIES or cell in VOCABULARIES[column]


# the columns with a rule; a date's or a word's distinct cells are few, so all are tested
PLAIN = {**dict.fromkeys(OFFSET_COLUMNS, PLAIN_OFFSET), "occurrence": PLAIN_OCCURRENCE,
         **dict.fromkeys(NUMBER_COLUMNS, PLAIN_NUMBER), "category": PLAIN_CATEGORY}
RULED_COLUMNS = (*PLAIN, *DATE_COLUMNS, *VOCABULARIES)


def check_claims_header(header: list[str]) -> None:
    """Raise LedgerFormatError when ``claims.csv`` lacks a required column."""
    missing = [c for c in REQUIRED_CLAIM_COLUMNS if c not in header]
    if missing:
        hint = _delimiter_hint(header)
        raise LedgerFormatError(CLAIMS, 1, None, f"missing column(s) {', '.join(missing)}{hint}")
