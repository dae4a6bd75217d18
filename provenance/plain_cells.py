"""Cells that match their column's plain pattern (``rules.PLAIN``), found column-wise
with Arrow: such a cell holds by its column's rule, and only the others are put to the
rule itself. Digits-only cells are recognised without a regex."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from provenance.rules import PLAIN, PLAIN_DIGITS, PLAIN_NUMBER, PLAIN_OFFSET


def flags(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Arrow booleans as numpy (null as False)."""
    return np.asarray(values.fill_null(False), dtype=bool)


def matches(text: pa.ChunkedArray, pattern: str, among: np.ndarray | None = None
            ) -> np.ndarray:
    """Cells matching an RE2 ``pattern`` (only the cells ``among`` are read, when given)."""
    if among is None:
        return flags(pc.match_substring_regex(text, pattern))
    found = np.zeros(len(text), dtype=bool)
    rows = np.flatnonzero(among)
    if len(rows):
        found[rows] = flags(pc.match_substring_regex(text.take(pa.array(rows, pa.int64())),
                                                     pattern))
    return found


def plain_numbers(text: pa.ChunkedArray) -> np.ndarray:
    """Cells matching ``PLAIN_NUMBER``: those of ASCII digits alone (most number cells)
    found without the regex, which reads the other cells that are not empty."""
    length = np.asarray(pc.binary_length(text))
    digits = flags(pc.ascii_is_decimal(text)) & (length <= PLAIN_DIGITS)
    return digits | matches(text, PLAIN_NUMBER, ~digits & (length > 0))


def plain(text: pa.ChunkedArray, column: str) -> np.ndarray:
    """Cells of ``column`` matching its plain pattern (none when it has no pattern)."""
    pattern = PLAIN.get(column)
    if pattern == PLAIN_OFFSET:
        return flags(pc.ascii_is_decimal(text))
    if pattern == PLAIN_NUMBER:
        return plain_numbers(text)
    if pattern is None:
        return np.zeros(len(text), dtype=bool)
    return matches(text, pattern)
