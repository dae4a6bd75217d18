"""Relocating claims after a source text changed (a re-capture or an edit).

How a claim is relocated (``relocate``), given its old quote, its old span and, when
known, the old text. The *context* is ``context`` characters each side of the old span
in the old text; it is unknown when the old text is not given or does not hold the quote
at the old span.

1. **unchanged**: the new text holds the exact quote at the old offsets and the context
   around it is unchanged up to typographic variants and white space, so a re-wrapped
   or retyped neighbourhood does not count as a change (with no known context, the
   exact quote at the old offsets is enough; identical texts are always unchanged).
2. **moved**: otherwise, the exact quote occurs in the new text. With several occurrences
   the one whose surrounding context best matches the old context wins (rapidfuzz
   ``fuzz.ratio``, both sides averaged); ties and unknown contexts go to the occurrence
   nearest the old start.
3. **changed**: the exact quote is gone. First the quote is looked for up to typographic
   variants (curly/straight quotes, dashes, white-space runs such as a re-wrapped line;
   score 100). Failing that, the old quote-with-context window is aligned with the new
   text (``fuzz.partial_ratio_alignment``), the quote is aligned inside that region, and
   the span is snapped to word boundaries to maximise ``fuzz.ratio`` with the old quote
   (compared with typographic variants folded). With no known context the quote is
   aligned against the whole text. A score >= ``min_score`` gives the new span, and its
   exact text becomes the new quote, provided that, when the old context is known, the
   span's surroundings still match it with a score >= ``MIN_CONTEXT_SCORE`` (50): a
   similar phrase in another paragraph ("about 190 miles" for a deleted "about 155
   miles") does not pass for the claim.
4. **orphaned**: nothing scored ``min_score``; the claim keeps its old cells.

At ledger level (``reanchor_ledger``) the old text of a source is taken from
``old_texts`` when given; a source whose new text still has the registered sha256 is its
own old text; otherwise the old context is unknown and the quote alone is relocated
(exact first, then variants, then fuzzy). ``apply_reanchor`` writes a report into the
claims: new offsets and quote; orphans keep their cells and get status ``orphaned``; a
re-found orphan becomes ``candidate``; a changed quote clears the derived value cells so
``fill`` recomputes them. No row is ever dropped.

``relocate`` never raises and every span it returns is exact:
``new_text[start:end] == quote``. The work is linear in the text length (``str.find``
and rapidfuzz's bit-parallel alignment), so articles of tens of KB take milliseconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from provenance.anchoring import find_all, occurrences
from provenance.csvio import frame_columns
from provenance.fuzzyspan import best_span, fold_same_length, locate
from provenance.sources import REGISTRY, text_sha256
from provenance.transaction import ledger_transaction

if TYPE_CHECKING:
    from provenance.ledger import Ledger

OUTCOMES = ("unchanged", "moved", "changed", "orphaned")
MIN_CONTEXT_SCORE = 50.0
REPORT_COLUMNS = (
    "claim_id", "source_id", "outcome", "old_start", "old_end",
    "new_start", "new_end", "old_quote", "new_quote", "score",
)
DERIVED_COLUMNS = (
    "qualifier", "value", "low", "high", "unit", "date_low", "date_high", "ambiguous",
)


@dataclass(frozen=True)
class Relocation:
    """Where a claim's quote is in the new text, and how it got there."""

    outcome: str
    start: int | None
    end: int | None
    quote: str | None
    score: float
    old_quote: str


@dataclass(frozen=True)
class _Context:
    left: str
    right: str
    window: str

    @property
    def sides(self) -> tuple[str, str]:
        """The text before and after the old span."""
        return self.left, self.right


def relocate(
    old_text: str | None,
    new_text: str,
    quote: str,
    start: int | None,
    end: int | None,
    *,
    context: int = 40,
    min_score: float = 80.0,
) -> Relocation:
    """Relocate ``quote`` (old span ``[start, end)`` of ``old_text``) in ``new_text``."""
    if not quote.strip():
        return Relocation("orphaned", None, None, None, 0.0, quote)
    ctx = _old_context(old_text, quote, start, end, context)
    if ctx is not None and old_text == new_text:
        return Relocation("unchanged", start, end, quote, 100.0, quote)
    exact = [(i, i + len(quote)) for i in find_all(new_text, quote)]
    if exact:
        best = _best_by_context(new_text, exact, ctx, start, context)
        same = start is not None and best[0] == start and best[1] == end
        still = same and (ctx is None or _same_context(new_text, best, ctx, context))
        outcome = "unchanged" if still else "moved"
        return Relocation(outcome, best[0], best[1], quote, 100.0, quote)
    variants = [(s.start, s.end) for s in occurrences(new_text, quote)]
    if variants:
        best = _best_by_context(new_text, variants, ctx, start, context)
        return Relocation("changed", *best, new_text[best[0] : best[1]], 100.0, quote)
    span, score = _fuzzy(new_text, quote, ctx)
    if span is not None and ctx is not None and (
        _context_score(new_text, span, ctx, context) < MIN_CONTEXT_SCORE
    ):
        span = None
    if span is None or score < min_score:
        return Relocation("orphaned", None, None, None, score, quote)
    return Relocation("changed", *span, new_text[span[0] : span[1]], score, quote)


def _old_context(
    old_text: str | None, quote: str, start: int | None, end: int | None, context: int
) -> _Context | None:
    """The old surroundings of the quote, or None when they cannot be known."""
    if old_text is None or start is None or end is None:
        return None
    if not 0 <= start < end <= len(old_text) or old_text[start:end] != quote:
        return None
    lo, hi = max(0, start - context), min(len(old_text), end + context)
    return _Context(old_text[lo:start], old_text[end:hi], old_text[lo:hi])


def _context_of(text: str, span: tuple[int, int], context: int) -> tuple[str, str]:
    """The ``context`` characters before and after ``span``."""
    return text[max(0, span[0] - context) : span[0]], text[span[1] : span[1] + context]


def _same_context(text: str, span: tuple[int, int], ctx: _Context, context: int) -> bool:
    """The surroundings of ``span`` equal the old context up to typographic variants."""
    new = tuple(fold_same_length(side) for side in _context_of(text, span, context))
    return new == tuple(fold_same_length(side) for side in ctx.sides)


def _context_score(text: str, span: tuple[int, int], ctx: _Context, context: int) -> float:
    """How well the surroundings of ``span`` match the old context (0-100, variants folded)."""
    pairs = zip(ctx.sides, _context_of(text, span, context), strict=True)
    return sum(fuzz.ratio(fold_same_length(a), fold_same_length(b)) for a, b in pairs) / 2


def _best_by_context(
    text: str,
    spans: list[tuple[int, int]],
    ctx: _Context | None,
    start: int | None,
    context: int,
) -> tuple[int, int]:
    """The span whose context best matches; ties go to the one nearest the old start."""
    anchor = 0 if start is None else start

    def key(span: tuple[int, int]) -> tuple[float, int]:
        score = 0.0 if ctx is None else _context_score(text, span, ctx, context)
        return (-score, abs(span[0] - anchor))

    return min(spans, key=key)


def _fuzzy(text: str, quote: str, ctx: _Context | None) -> tuple[tuple[int, int] | None, float]:
    """Best fuzzy span of ``quote`` near the old context (anywhere when it is unknown)."""
    if ctx is None:
        return best_span(text, quote)
    region = locate(text, ctx.window)
    if region is None:
        return None, 0.0
    return best_span(text, quote, max(0, region[0] - len(quote)), region[1] + len(quote))


def reanchor_ledger(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    old_texts: Mapping[str, str] | None,
    new_texts: Mapping[str, str],
    *,
    context: int = 40,
    min_score: float = 80.0,
) -> pd.DataFrame:
    """Relocate every claim whose source is in ``new_texts``; one report row per claim.

    The report has ``REPORT_COLUMNS`` and the index of the claims it describes;
    ``new_start``, ``new_end`` and ``new_quote`` are missing for orphans. Claims of
    sources not in ``new_texts`` are not reported.
    """
    old_texts = old_texts or {}
    registered = dict(zip(sources["source_id"], sources.get("sha256", ""), strict=False))
    ids = claims["source_id"].to_numpy(dtype=object)
    rows = np.flatnonzero(np.fromiter(map(new_texts.__contains__, ids), bool, len(ids)))
    found_rows, index = [], claims.index[rows]
    old_of: dict[str, str | None] = {}
    for claim_id, source_id, quote, start_cell, end_cell in zip(
        *(_column(claims, c, rows) for c in ("claim_id", "source_id", "quote", "start", "end")),
        strict=True,
    ):
        new_text = new_texts[source_id]
        if source_id not in old_of:  # each source's old text (and its hash) once
            old = old_texts.get(source_id)
            if old is None and registered.get(source_id) == text_sha256(new_text):
                old = new_text
            old_of[source_id] = old
        start, end = _offset(start_cell), _offset(end_cell)
        found = relocate(
            old_of[source_id], new_text, quote, start, end, context=context, min_score=min_score
        )
        found_rows.append((claim_id, source_id, found.outcome, start, end,
                           found.start, found.end, quote, found.quote, found.score))
    report = pd.DataFrame(found_rows, columns=list(REPORT_COLUMNS), index=index)
    for column in ("old_start", "old_end", "new_start", "new_end"):
        report[column] = report[column].astype("Int64")
    report["score"] = report["score"].astype(float)
    return report


def _column(frame: pd.DataFrame, name: str, rows: np.ndarray | None = None) -> np.ndarray:
    """A column's cells (of ``rows``, else all) as strings in an array of its own, missing
    values and a missing column as empty."""
    if name not in frame.columns:
        return np.full(len(frame) if rows is None else len(rows), "", dtype=object)
    values = frame[name].to_numpy(dtype=object)
    values = values.copy() if rows is None else values[rows]
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        return values
    return np.array([_cell(v) for v in values], dtype=object) if len(values) else values


def apply_reanchor(claims: pd.DataFrame, report: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``claims`` with the report's relocations written in (matched by index).

    Only the columns the report changes are new arrays (with only its rows changed); the
    others are shared with ``claims``, which stays as it was."""
    out = claims.copy(deep=False)
    report = report[report.index.isin(out.index)]
    if report.empty:
        return out
    rows = out.index.get_indexer(report.index)
    outcome = report["outcome"].to_numpy()
    relocated = outcome != "orphaned"
    moved = relocated & (outcome != "unchanged")
    cells = {}
    for column in ("start", "end"):
        new = report[f"new_{column}"].to_numpy(dtype=object)[moved]
        cells[column] = _edited(out, column, rows[moved], [str(int(offset)) for offset in new])
    cells["quote"] = _edited(out, "quote", rows[moved], report["new_quote"].to_numpy()[moved])
    status = _column(out, "status")
    refound = relocated & (status[rows] == "orphaned")
    status[rows[refound]] = "candidate"
    status[rows[~relocated]] = "orphaned"
    cells["status"] = status
    changed = rows[outcome == "changed"]
    if len(changed):
        for column in [c for c in DERIVED_COLUMNS if c in out.columns]:
            cells[column] = _edited(out, column, changed, "")
    for column, values in cells.items():  # object cells: a str column would convert them
        out[column] = pd.Series(values, index=out.index, dtype=object)
    return out


def _edited(frame: pd.DataFrame, column: str, rows: np.ndarray, values) -> np.ndarray:
    """A copy of a column's cells with ``rows`` set to ``values``."""
    cells = frame[column].to_numpy(dtype=object).copy()
    cells[rows] = values
    return cells


def summarise(report: pd.DataFrame) -> dict[str, int]:
    """How many claims had each outcome, in ``OUTCOMES`` order."""
    counts = report["outcome"].value_counts()
    return {outcome: int(counts.get(outcome, 0)) for outcome in OUTCOMES}


def _cell(value: object) -> str:
    """A string cell, with missing values as empty strings."""
    return value if isinstance(value, str) else ""


def _offset(value: object) -> int | None:
    """An offset cell as an int, or None when empty or not a non-negative integer."""
    text = _cell(value).strip()
    return int(text) if text.isascii() and text.isdigit() else None



def changed_sources(ledger: Ledger) -> list[str]:
    """Sources whose stored file no longer has the registered sha256 (or has none)."""
    hashes = ledger.sources.get("sha256", pd.Series("", index=ledger.sources.index))
    registered = dict(zip(ledger.sources["source_id"], hashes, strict=True))
    return [sid for sid, text in ledger.texts.items() if registered.get(sid) != text_sha256(text)]


def reanchor(ledger: Ledger, old_texts: Mapping[str, str] | None = None,
             changed: list[str] | None = None) -> pd.DataFrame:
    """Relocate the claims of every changed source and record the new hashes (in memory).

    Returns the report (``REPORT_COLUMNS``); ``ledger.claims`` gets the new spans and
    ``ledger.sources`` the new sha256 of each changed source. Save with ``save_reanchored``.
    ``changed`` is :func:`changed_sources` of the ledger when the caller has it already
    (each text is then hashed once).
    """
    changed = changed_sources(ledger) if changed is None else changed
    if "sha256" not in ledger.sources.columns:
        ledger.sources = ledger.sources.assign(sha256="")
    new_texts = {sid: ledger.texts[sid] for sid in changed}
    report = reanchor_ledger(ledger.claims, ledger.sources, old_texts, new_texts)
    ledger.claims = apply_reanchor(ledger.claims, report)
    sources = ledger.sources.copy()  # assigned anew: the ledger's index of sources follows
    hashes = {sid: text_sha256(ledger.texts[sid]) for sid in changed}
    sources["sha256"] = [hashes.get(sid, old) for sid, old in
                         zip(sources["source_id"], sources["sha256"], strict=True)]
    ledger.sources = sources
    return report


def save_reanchored(ledger: Ledger, *, reread: bool = True) -> None:
    """Write claims.csv and sources.csv as one change (both or neither), refusing stale
    files; ``reread`` as in :meth:`Ledger.save` (False: a command done with the ledger)."""
    with ledger_transaction(ledger.root) as tx:
        ledger.save(reread=reread)
        table = ledger.sources_table.write_over(
            ledger.root / REGISTRY, *frame_columns(ledger.sources), tx=tx
        )
    if table is not None:
        ledger.sources_table = table
