"""Fact-key names: a proposed name for a new fact, and close names that hide typos.

A proposed key is built from the claim's own words (see :func:`proposed_key`): a topic,
then what the claim measures (its counted noun, ``date``, ``duration``, its dimension).
E.g. "Fewer than 3,000 North Korean troops" -> ``north_korean.troops``.

A key used by a single source whose name is within ``CLOSE_SCORE`` (rapidfuzz's normalised
Indel similarity, 0-100) of another key is reported: ``kursk.asault_force.size`` next to
``kursk.assault_force.size`` is compared with nothing. Keys are compared only within
blocks that share their first dotted part or everything after it (a single typo leaves
one of the two intact), in chunks of ``rapidfuzz.process.cdist`` with a score cutoff.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable, Collection

import numpy as np
import pandas as pd

from provenance.findings import Finding
from provenance.schema import CLAIMS

CLOSE_SCORE = 90.0
SLUG = "fact-key-near-duplicate"
CHUNK_CELLS = 4_000_000
KEY_COLUMNS = ("claim_id", "source_id", "fact_key", "status")  # what close_key_warnings reads
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z\u00c0-\u024f'-]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
_MONTHS = {m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m}


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def _content(words: list[str]) -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return [w for w in words if w.lower() not in ENGLISH_STOP_WORDS]


def _names(quote: str) -> list[str]:
    """Capitalised content words of a quote, past its first word, months left out."""
    found = [m for m in _CAPITALISED.finditer(quote) if m.start() > 0]
    return [m[0] for m in found if m[0].lower() not in _MONTHS and _content([m[0]])]


def proposed_key(quote: str, sentence: str, measure: str, taken: Collection[str] = ()) -> str:
    """A new key name ``topic.measure`` from a claim's words, not one of ``taken``.

    The topic is the quote's names (capitalised words), else the last two content words
    of the sentence before the quote, else the quote's first content word; ``measure``
    names what is measured (``troops``, ``date``, ``length``; "" for text, which then
    takes the quote's next content word).
    """
    before = sentence[: max(sentence.find(quote), 0)]
    words = _content(_WORD.findall(quote)) or ["fact"]
    topic = _names(quote)[:2] or _content(_WORD.findall(before))[-2:] or words[:1]
    attribute = _slug(measure) or _slug(next((w for w in words if w not in topic), "claim"))
    base = ".".join(part for part in (_slug("_".join(topic)), attribute) if part) or "fact"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def _blocks(keys: np.ndarray, lonely: np.ndarray) -> list[np.ndarray]:
    """Groups of key positions sharing the first dotted part, or the rest after it, that
    hold a lonely key."""
    parts = pd.Series(keys).str.partition(".")
    blocks = []
    for column in (0, 2):
        codes, labels = pd.factorize(parts[column])
        named = np.asarray(labels != "", dtype=bool)
        wanted = np.flatnonzero(np.isin(codes, codes[lonely]) & named[codes])
        wanted = wanted[np.argsort(codes[wanted], kind="stable")]  # by label, then position
        cuts = np.flatnonzero(np.diff(codes[wanted])) + 1
        blocks += [v for v in np.split(wanted, cuts) if len(v) > 1]
    return blocks


def _shapes(keys: np.ndarray) -> np.ndarray:
    """A code per key of its shape, its figures (runs of ``\\d``) written ``#``. Arrow
    rewrites the ASCII keys (its ``[0-9]`` is their ``\\d``), Python's ``re`` the rest."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(keys, pa.large_string())
    shapes = pc.replace_substring_regex(text, "[0-9]+", "#").to_numpy(zero_copy_only=False)
    other = np.flatnonzero(~pc.string_is_ascii(text).to_numpy(zero_copy_only=False))
    shapes[other] = [re.sub(r"\d+", "#", key) for key in keys[other].tolist()]
    return pd.factorize(shapes)[0]


def _close_pairs(keys: np.ndarray, lonely: np.ndarray) -> dict[int, int]:
    """For each lonely key position, the position of its closest other key in a block.

    Names that differ only in their figures (``day1``, ``day2``: numbered facts, not typos)
    share a shape (figures as ``#``) and are never paired, so a block of one shape is
    skipped whole and same-shape scores are cleared in bulk.
    """
    from rapidfuzz import fuzz, process

    best: dict[int, tuple[float, int]] = {}
    if not lonely.any():
        return {}
    shapes = _shapes(keys)
    for block in _blocks(keys, lonely):
        rows = block[lonely[block]]
        if not len(rows) or (shapes[block] == shapes[block[0]]).all():
            continue
        step = max(1, CHUNK_CELLS // len(block))
        choices = keys[block].tolist()
        for first in range(0, len(rows), step):
            chunk = rows[first:first + step]
            scores = process.cdist(keys[chunk].tolist(), choices, scorer=fuzz.ratio,
                                   score_cutoff=CLOSE_SCORE, dtype=np.uint8, workers=-1)
            scores[shapes[chunk][:, None] == shapes[block][None, :]] = 0  # itself included
            for i, j in zip(*np.nonzero(scores), strict=True):
                a, b = int(chunk[i]), int(block[j])
                if scores[i, j] > best.get(a, (0.0, -1))[0]:
                    best[a] = (float(scores[i, j]), b)
    return {a: b for a, (_, b) in best.items()}


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column's codes (-1 for an empty cell) and its distinct values: a categorical's
    own (empty cells are missing there), a column of strings encoded by Arrow."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return (column.cat.codes.to_numpy(np.int64),
                np.asarray(column.cat.categories, dtype=object))
    from provenance.cells import encoded

    codes, values = encoded(column)
    values = np.asarray(values.to_numpy(zero_copy_only=False), dtype=object)
    empty = np.flatnonzero(values == "")
    return (np.where(codes == empty[0], -1, codes) if len(empty) else codes), values


def _keys_in_use(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The fact keys of the claims not rejected, sorted; per key, whether a single source
    uses it, and the row position of its first claim. The columns are read as codes
    (strings encoded by Arrow, or a categorical's own), so a million claims cost a few
    passes over integers."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys, names = _codes(claims["fact_key"])
    used = keys >= 0
    if "status" in claims.columns:
        status, values = _codes(claims["status"])
        used &= ~np.isin(status, np.flatnonzero(values == "rejected"))
    rows = np.flatnonzero(used)
    codes, distinct = pd.factorize(keys[rows])  # in order of appearance
    names = names[distinct]
    sources = _codes(claims["source_id"])[0][rows]
    first = np.flatnonzero(codes > np.maximum.accumulate(np.concatenate(([-1], codes)))[:-1])
    lonely = np.bincount(codes[sources != sources[first][codes]], minlength=len(names)) == 0
    order = pc.array_sort_indices(pa.array(names, pa.large_string())).to_numpy()
    return names[order], lonely[order], rows[first[order]]


def _cell(claims: pd.DataFrame, column: str, row: int) -> str:
    """The cell at a row position, "" for an empty one (missing in a categorical)."""
    value = claims[column].iloc[row]
    return "" if pd.isna(value) else str(value)


def close_key_warnings(claims: pd.DataFrame, *,
                       line_of: Callable[[int], int | None] | None = None) -> list[Finding]:
    """Warnings for fact keys used by one source only that are close to another key.

    Rejected claims are left out. ``line_of`` maps a row's index to its line in claims.csv.
    """
    if not {"fact_key", "source_id"} <= set(claims.columns) or claims.empty:
        return []
    keys, lonely, first = _keys_in_use(claims)
    findings = []
    for a, b in sorted(_close_pairs(keys, lonely).items()):
        row = int(first[a])
        line = line_of(int(claims.index[row])) if line_of else None
        findings.append(Finding(
            SLUG,
            f"fact_key {keys[a]!r} is used by one source only ({_cell(claims, 'source_id', row)}) "
            f"and is close to the existing key {keys[b]!r}: a typo?",
            CLAIMS, line, None, _cell(claims, "claim_id", row), "warning",
        ))
    return findings
