"""Completing claims: offsets from quotes, values from wording, canonical order.

``fill`` writes derived cells only where they are empty. Offsets are derived when
``start`` or ``end`` is empty; a row's value cells are derived when its ``qualifier``
is empty. Once set, a derived cell is the person's: ``fill`` never overwrites it
(clear ``qualifier`` to have the value derived again). A quote typed with
typographic variants is replaced by the exact source text it was anchored to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from provenance.anchoring import Span, anchor
from provenance.cells import numbers
from provenance.claim_ids import next_claim_id
from provenance.errors import AnchorError, UsageError
from provenance.findings import Finding
from provenance.rules import category_problem
from provenance.schema import (
    CATEGORY,
    CATEGORY_AFTER,
    CLAIM_COLUMNS,
    CLAIMS,
    OPTIONAL_CLAIM_COLUMNS,
    VALUE_COLUMNS,
)
from provenance.values.value import Value

if TYPE_CHECKING:
    from provenance.ledger import Ledger


@dataclass
class FillReport:
    """What a fill did and what it could not do."""

    anchored: list[str] = field(default_factory=list)
    requoted: list[str] = field(default_factory=list)
    valued: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every row could be completed."""
        return not any(f.severity == "error" for f in self.findings)


def with_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Every canonical column, missing ones added empty; the columns keep their order.

    A missing canonical column goes right after the canonical column before it (or
    first), so a file's own order (unknown or optional columns such as ``occurrence``
    where the person put them) survives and its header is only rewritten to add columns.
    """
    order = list(frame.columns)
    for position, column in enumerate(CLAIM_COLUMNS):
        if column not in order:
            before = [c for c in CLAIM_COLUMNS[:position] if c in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, column)
    frame = frame.reindex(columns=order, fill_value="")
    gaps = {column: frame[column].fillna("") for column in frame.columns
            if _may_have_gaps(frame[column])}
    return (frame.assign(**gaps) if gaps else frame).astype(object)


def _may_have_gaps(column: pd.Series) -> bool:
    """Whether a column may hold a missing cell: one of str objects only (as loaded) has
    none, which is told without testing each cell for every kind of missing value."""
    return column.dtype != object or pd.api.types.infer_dtype(column, skipna=False) != "string"


def columns_with_category(columns: list[str]) -> list[str]:
    """``columns`` with ``category`` in them: where they have it, else after ``note`` (or last)."""
    if CATEGORY in columns:
        return list(columns)
    at = columns.index(CATEGORY_AFTER) + 1 if CATEGORY_AFTER in columns else len(columns)
    return [*columns[:at], CATEGORY, *columns[at:]]


def with_category(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``category`` column (empty cells when it had none)."""
    if CATEGORY in frame.columns:
        return frame
    return frame.reindex(columns=columns_with_category(list(frame.columns)), fill_value="")


def incomplete(frame: pd.DataFrame) -> pd.Series:
    """Rows that lack offsets, a kind or (for non-text kinds) a value."""
    blank = frame[["start", "end", "kind", "qualifier"]].eq("")
    return (
        blank["start"]
        | blank["end"]
        | blank["kind"]
        | (blank["qualifier"] & frame["kind"].ne("text"))
    )


def complete(ledger: Ledger, frame: pd.DataFrame | None = None) -> tuple[pd.DataFrame, FillReport]:
    """Claims with empty offsets and values derived, in memory; nothing is written.

    Only incomplete rows are read and changed: the plain ones in bulk (fill_bulk.py),
    the rest one by one (``complete_row``, each a dict of its cells, a value parsed once
    per distinct quote, publication date, kind and context); the changed cells are
    written back one column at a time.
    """
    from provenance.fill_bulk import fill_plain  # brings the value parsers

    frame = with_columns(ledger.claims if frame is None else frame)
    report = FillReport()
    rows = np.flatnonzero(incomplete(frame).to_numpy())
    if not len(rows):
        return frame, report
    names = list(frame.columns)
    every = len(rows) == len(frame)  # then the columns themselves (read, never written)
    cells = {column: frame[column].to_numpy(dtype=object)[slice(None) if every else rows]
             for column in names}
    plain = fill_plain(ledger, cells)
    changed = dict(plain.updates) if len(plain.rows) == len(rows) else {}  # all in bulk
    for column, new in plain.updates.items():
        if column not in changed:
            changed[column] = cells[column].copy()
            changed[column][plain.rows] = new
    anchored, valued, requoted = (np.zeros(len(rows), dtype=bool) for _ in range(3))
    anchored[plain.rows] = True
    valued[plain.rows[plain.valued]] = True
    rest = np.ones(len(rows), dtype=bool)
    rest[plain.rows] = False
    values: dict[tuple[str, dt.date | None, str | None], Value] = {}
    for i in np.flatnonzero(rest).tolist():
        row = {column: cells[column][i] for column in names}
        one = FillReport()
        try:
            updates = complete_row(ledger, row, one, values)
        except (AnchorError, UsageError) as exc:
            report.findings.append(
                Finding("anchor-failed", str(exc), CLAIMS, ledger.line_of(frame.index[rows[i]]),
                        None, row["claim_id"])
            )
            continue
        report.findings.extend(one.findings)
        for done, some in ((anchored, one.anchored), (requoted, one.requoted),
                           (valued, one.valued)):
            done[i] = bool(some)
        for column, cell in updates.items():
            if column not in changed:
                changed[column] = cells[column].copy()
            changed[column][i] = cell
    claim_ids = cells["claim_id"]
    report.anchored = claim_ids[anchored].tolist()
    report.requoted = claim_ids[requoted].tolist()
    report.valued = claim_ids[valued].tolist()
    for column, new in changed.items():
        if not every:
            whole = frame[column].to_numpy(dtype=object).copy()
            whole[rows] = new
            new = whole
        # object cells, as loaded: a plain array would be made Arrow strings here, and
        # every cell a new str again when the file is written
        frame[column] = pd.Series(new, index=frame.index, dtype=object, copy=False)
    return frame, report


def default_status(fact_key: str) -> str:
    """A claim's status when none is given: ``confirmed`` under a fact key, else
    ``candidate`` (a claim is compared with other outlets' only once it is confirmed)."""
    return "confirmed" if fact_key.strip() else "candidate"


def locate(ledger: Ledger, row: dict[str, str]) -> Span:
    """Where a row's quote is in its source: anchored near its ``start`` hint, or at its
    ``occurrence``; raises AnchorError (UsageError for an unknown source)."""
    hint, occurrence = row.get("start", ""), row.get("occurrence", "").strip()
    return anchor(
        ledger.text(row["source_id"]),
        row["quote"],
        start_hint=int(hint) if hint.isdecimal() else None,
        occurrence=int(occurrence) if occurrence.isdecimal() else None,
        name=ledger.source_path(row["source_id"]),
    )


def complete_row(ledger: Ledger, row: dict[str, str], report: FillReport,
                 values: dict[tuple[str, dt.date | None, str | None], Value] | None = None
                 ) -> dict[str, str]:
    """The cells to set on one row; raises AnchorError when its quote cannot be placed.

    ``values`` keeps the values already parsed, by quote, publication date and kind.
    """
    updates = {} if row["status"] else {"status": default_status(row["fact_key"])}
    claim_id, source_id = row["claim_id"], row["source_id"]
    text = ledger.text(source_id)
    if not row["start"] or not row["end"]:
        span = locate(ledger, row)
        updates["start"], updates["end"] = str(span.start), str(span.end)
        report.anchored.append(claim_id)
        exact = text[span.start : span.end]
        if exact != row["quote"]:
            updates["quote"] = exact
            report.requoted.append(claim_id)
    quote = updates.get("quote", row["quote"])
    kind = row["kind"]
    if kind and kind != "text" and row["qualifier"]:
        return updates
    from provenance.values import explain, parse_value  # validate imports fill, not these

    published = ledger.published(source_id)
    start = updates.get("start", row["start"]).strip()
    context = (text, int(start)) if start.isdecimal() else None
    key = (quote, published, kind or None, context)
    value = values.get(key) if values is not None else None
    if value is None:
        value = parse_value(quote, published, kind or None, context=context)
        if values is not None:
            values[key] = value
    reason = explain(quote, published) if value.kind == "text" else None
    if not kind and not reason:
        updates["kind"] = kind = value.kind
    if kind == "text":
        return updates
    if value.kind != kind:
        report.findings.append(
            Finding(
                "no-value",
                f"no {kind or 'value'} found in quote {quote!r}"
                + (f": {reason}" if reason else ""),
                CLAIMS,
                None,
                None,
                claim_id,
                "warning",
            )
        )
        return updates
    cells = value.to_cells()
    updates.update({column: cells[column] for column in VALUE_COLUMNS})
    report.valued.append(claim_id)
    return updates


def canonical_order(frame: pd.DataFrame, ledger: Ledger) -> pd.DataFrame:
    """Rows by source (registry order), then start offset, then claim id (a stable sort).

    Sources and offsets are numbers, sorted at once; claim ids are compared only among
    the rows that share a source and an offset (few or none), not over the whole table.
    """
    order = {sid: i for i, sid in enumerate(ledger.sources["source_id"])}
    source = frame["source_id"].map(order).fillna(len(order)).to_numpy(dtype=np.float64)
    start = numbers(frame["start"])
    start = np.where(np.isnan(start), np.inf, start)
    rows = np.lexsort((start, source))  # stable
    tied = (source[rows][1:] == source[rows][:-1]) & (start[rows][1:] == start[rows][:-1])
    if tied.any():
        claims = frame["claim_id"].to_numpy(dtype=object)
        firsts = np.flatnonzero(tied & ~np.concatenate(([False], tied[:-1])))
        for first in firsts.tolist():
            stop = first + 1
            while stop < len(tied) and tied[stop]:
                stop += 1
            same = rows[first:stop + 1]
            rows[first:stop + 1] = sorted(same.tolist(), key=claims.__getitem__)
    return frame.take(rows)


def fill(ledger: Ledger) -> FillReport:
    """Derive what is missing and put the claims in canonical order (in memory)."""
    frame, report = complete(ledger)
    ledger.claims = canonical_order(frame, ledger)
    return report


def derive(ledger: Ledger) -> pd.DataFrame:
    """The claims with offsets and values derived where empty, without writing anything."""
    return complete(ledger)[0]


def add_claim(ledger: Ledger, **cells: str | int | None) -> dict[str, str]:
    """Append one claim: anchor its quote, derive its value; return the stored row.

    Takes the claim's cells as keywords: ``source_id`` and ``quote`` are required;
    ``claim_id`` defaults to the source's next free ``<source_id>-NN``; ``status`` to
    ``confirmed`` under a ``fact_key``, else ``candidate``; ``start`` and ``end`` pin a
    span, ``start`` alone (or ``occurrence``) says which place a repeated quote means.
    ``occurrence`` is stored only when the ledger has that column; a ``category`` (a text
    claim's categorical value) adds the column when the ledger has none. Raises AnchorError
    or UsageError when the claim cannot be added; the ledger is then unchanged.
    """
    frame = with_columns(ledger.claims)
    row = {column: "" for column in frame.columns}
    row.update({k: "" if v is None else str(v) for k, v in cells.items()})
    for required in ("source_id", "quote"):
        if not row.get(required, "").strip():
            raise UsageError(f"{required} is required")
    row["claim_id"] = row.get("claim_id") or next_claim_id(frame, row["source_id"])
    if frame["claim_id"].eq(row["claim_id"]).any():
        raise UsageError(f"claim id {row['claim_id']!r} already exists")
    row["status"] = row["status"] or default_status(row["fact_key"])
    if row["status"] == "confirmed" and not row["fact_key"].strip():
        raise UsageError("a confirmed claim needs a fact_key; give one or set status candidate")
    problem = category_problem(row.get(CATEGORY, ""))
    if problem:
        raise UsageError(f"category {row[CATEGORY]!r} {problem}")
    for column in ("start", "end"):
        if row[column] and not row[column].isdecimal():
            raise UsageError(f"{column} {row[column]!r} is not a non-negative whole number")
    text = ledger.text(row["source_id"])
    if row["start"] and row["end"]:
        start, end = int(row["start"]), int(row["end"])
        if not 0 <= start < end <= len(text) or text[start:end] != row["quote"]:
            raise UsageError(f"quote {row['quote']!r} is not the source text at [{start}:{end}]")
    row.update(complete_row(ledger, row, FillReport()))
    if row.get(CATEGORY, "").strip():
        frame = with_category(frame)
    for column in OPTIONAL_CLAIM_COLUMNS:
        if column not in frame.columns:
            row.pop(column, None)
    for column in row:
        if column not in frame.columns:
            frame[column] = ""
    label = int(frame.index.max()) + 1 if len(frame) else 0
    ledger.claims = pd.concat([frame, pd.DataFrame([row], index=[label], dtype=object)])
    return row
