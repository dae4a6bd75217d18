"""``reuse.csv`` beside the ledger: the shared passages a search found, read back checked.

Written through the ledger's transaction (under its lock, refused when the file changed
since the search began, not written when nothing changed). Read back, every row must
name registered sources, spans inside their texts and passages that still match: a
source changed since the search is one line asking for a new one.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from provenance.atomic import Fingerprint
from provenance.csvio import cell_position, read_table
from provenance.errors import LedgerFormatError
from provenance.reuse.align import NEAR_SCORE, plain
from provenance.reuse.search import MIN_WORDS, Passage, find_reuse
from provenance.sources import outlets
from provenance.transaction import ledger_transaction

REUSE = "reuse.csv"
COLUMNS = ["source_a", "start_a", "end_a", "source_b", "start_b", "end_b", "words", "score",
           "kind", "origin", "basis"]
INTEGERS = ("start_a", "end_a", "start_b", "end_b", "words")
KINDS = ("verbatim", "near-verbatim")


def ledger_reuse(ledger: Any, *, min_words: int = MIN_WORDS,
                 progress: bool = False) -> list[Passage]:
    """The passages the sources of ``ledger`` share (see :func:`find_reuse`)."""
    ids = [i for i in ledger.sources["source_id"].tolist() if i in ledger.texts]
    return find_reuse({i: ledger.texts[i] for i in ids}, outlets=outlets(ledger.sources),
                      published={i: ledger.published(i) for i in ids},
                      min_words=min_words, progress=progress)


def reuse_bytes(passages: list[Passage]) -> bytes:
    """``reuse.csv``'s bytes for ``passages`` (LF line endings, minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([getattr(p, c) for c in COLUMNS] for p in passages)
    return buffer.getvalue().encode("utf-8")


def save_reuse(root: str | Path, passages: list[Passage], expected: Fingerprint) -> bool:
    """Write ``reuse.csv`` in ledger folder ``root`` atomically; ``expected`` is what it held
    when the search began (StaleLedgerError otherwise). True when it was written."""
    path = Path(root) / REUSE
    data = reuse_bytes(passages)
    if Fingerprint.of_bytes(data) == expected:
        return False
    with ledger_transaction(Path(root)) as tx:
        if expected.size is None:
            tx.create(path, data)
        else:
            tx.replace(path, data, expected=expected)
    return True


def load_reuse(ledger: Any) -> pd.DataFrame:
    """The passages of the ledger's ``reuse.csv`` (none when it has none), integer spans;
    a row that is not a passage of the ledger's sources raises LedgerFormatError."""
    path = Path(ledger.root) / REUSE
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    table = read_table(path, REUSE)
    missing = [c for c in COLUMNS if c not in table.header]
    if missing:
        raise LedgerFormatError(REUSE, 1, None, f"missing column(s) {', '.join(missing)}; "
                                "run `provenance reuse` again")
    rows = [_checked(dict(zip(table.header, cells, strict=True)), raw, line, table.header,
                     ledger.texts)
            for cells, raw, line in zip(table.rows, table.raw, table.lines, strict=True)]
    return pd.DataFrame(rows, columns=table.header)


def _checked(row: dict[str, Any], raw: str, line: int, header: list[str],
             texts: Any) -> dict[str, Any]:
    """One row with integer spans and a float score, or LedgerFormatError at its cell."""

    def refuse(column: str, message: str) -> LedgerFormatError:
        return LedgerFormatError(REUSE, *cell_position(raw, line, header.index(column)),
                                 f"{message}; run `provenance reuse` again")

    for column in INTEGERS:
        if not row[column].isdecimal():
            raise refuse(column, f"{column} {row[column]!r} is not a whole number")
        row[column] = int(row[column])
    try:
        row["score"] = float(row["score"])
    except ValueError:
        raise refuse("score", f"score {row['score']!r} is not a number") from None
    if row["kind"] not in KINDS:
        raise refuse("kind", f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
    if row["origin"] not in ("", row["source_a"], row["source_b"]):
        raise refuse("origin", f"origin {row['origin']!r} is neither source of the passage")
    passages = []
    for side in ("a", "b"):
        source, start, end = row[f"source_{side}"], row[f"start_{side}"], row[f"end_{side}"]
        if source not in texts:
            raise refuse(f"source_{side}", f"unknown or unreadable source {source!r}")
        if not start < end <= len(texts[source]):
            raise refuse(f"end_{side}", f"[{start}, {end}) is not a span of {source!r}")
        passages.append(plain(texts[source][start:end]))
    if fuzz.ratio(*passages) < NEAR_SCORE:
        raise refuse("source_a", "the passage no longer matches its sources (a source "
                     "changed since the search)")
    return row
