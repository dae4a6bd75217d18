"""Data for the dashboard panels: plain DataFrames and records, no widgets.

Every function takes string or typed claim frames (see :mod:`provenance.table`)
and the source registry, and returns a DataFrame with a fixed column order, so
notebooks, widgets and tests all show the same numbers.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from provenance.cells import dates
from provenance.highlight import context
from provenance.reuse.report import headline
from provenance.sources import outlets

LEDGER_ENV = "PROVENANCE_LEDGER"
KINDS = ("quantity", "duration", "date", "text")
OVERVIEW_COLUMNS = ["source_id", "outlet", "published", "published_note", "title", "claims"]
INTERVAL_COLUMNS = [
    "fact_key", "claim_id", "source_id", "outlet", "kind", "status", "qualifier", "quote",
    "value", "low", "high", "unit", "low_open", "high_open", "plot_low", "plot_high",
    "in_conflict", "conflicts_with",
]
VALIDATION_COLUMNS = ["suite", "expectation", "severity", "success", "unexpected", "claims",
                      "error"]
TIMELINE_COLUMNS = [
    "fact_key", "claim_id", "source_id", "outlet", "qualifier", "quote", "date_low",
    "date_high", "published", "published_inferred", "in_conflict", "conflicts_with",
]


def default_ledger_dir(start: Path | None = None) -> Path:
    """``$PROVENANCE_LEDGER``, else the nearest folder at or above ``start`` holding a ledger."""
    given = os.environ.get(LEDGER_ENV)
    if given:
        return Path(given)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "claims.csv").is_file() and (folder / "sources" / "sources.csv").is_file():
            return folder
    return Path(__file__).resolve().parent.parent


def copy_ledger(source: Path, dest: Path) -> Path:
    """Copy a ledger (claims.csv, sources/, expectations/ when present) to a new folder."""
    dest.mkdir(parents=True, exist_ok=False)
    shutil.copyfile(source / "claims.csv", dest / "claims.csv")
    shutil.copytree(source / "sources", dest / "sources", copy_function=shutil.copyfile)
    if (source / "expectations").is_dir():
        shutil.copytree(source / "expectations", dest / "expectations",
                        copy_function=shutil.copyfile)
    return dest


def sources_overview(sources: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per source: outlet, publication date (and how it is known), claim count."""
    counts = claims.groupby("source_id").size()
    frame = sources.reindex(columns=OVERVIEW_COLUMNS[:-1]).fillna("")
    frame["claims"] = frame["source_id"].map(counts).fillna(0).astype(int)
    return frame[OVERVIEW_COLUMNS].reset_index(drop=True)


def claims_by_kind(claims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Claims per outlet (rows) and kind (columns), with every kind shown."""
    named = claims.assign(outlet=claims["source_id"].map(outlets(sources)).fillna("?"))
    table = pd.crosstab(named["outlet"], named["kind"].replace("", "unknown"))
    kinds = [*KINDS, *sorted(set(table.columns) - set(KINDS))]
    return table.reindex(columns=kinds, fill_value=0).rename_axis(index="outlet", columns=None)


def coverage(claims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Claims per fact key (rows) and outlet (columns): which outlet covers which fact."""
    names = outlets(sources)
    named = claims.assign(outlet=claims["source_id"].map(names).fillna("?"))
    table = pd.crosstab(named["fact_key"], named["outlet"])
    order = [n for n in dict.fromkeys(names.values()) if n in table.columns]
    return table.reindex(columns=order, fill_value=0).rename_axis(index="fact_key", columns=None)


def conflict_partners(conflicts: pd.DataFrame) -> dict[str, list[str]]:
    """Map each claim in a conflicting pair to the claims it conflicts with."""
    partners: dict[str, list[str]] = {}
    for a, b in zip(conflicts.get("claim_a", []), conflicts.get("claim_b", []), strict=True):
        partners.setdefault(str(a), []).append(str(b))
        partners.setdefault(str(b), []).append(str(a))
    return {k: sorted(set(v)) for k, v in partners.items()}


@dataclass(frozen=True)
class QuoteView:
    """One side of a conflict: the claim, its outlet, and its quote in context."""

    claim_id: str
    source_id: str
    outlet: str
    start: int | None
    end: int | None
    before: str
    quote: str
    after: str


@dataclass(frozen=True)
class ConflictView:
    """A conflicting pair as the conflicts panel shows it."""

    fact_key: str
    kind: str
    message: str
    a: QuoteView
    b: QuoteView


def quote_view(claims: pd.DataFrame, texts: dict[str, str], names: dict[str, str], claim_id: str,
               width: int = 80) -> QuoteView:
    """A claim's quote with ``width`` code points of context from its source."""
    row = claims[claims["claim_id"] == claim_id].iloc[0]
    source_id = str(row["source_id"])
    start, end = _offset(row["start"]), _offset(row["end"])
    text = texts.get(source_id, "")
    if start is None or end is None or text[start:end] != row["quote"]:
        before, quote, after = "", str(row["quote"]), ""
    else:
        before, quote, after = context(text, start, end, width)
    return QuoteView(claim_id, source_id, names.get(source_id, source_id), start, end,
                     before, quote, after)


def conflict_views(conflicts: pd.DataFrame, claims: pd.DataFrame, texts: dict[str, str],
                   sources: pd.DataFrame, width: int = 80) -> list[ConflictView]:
    """Each conflict with both quotes in context."""
    names = outlets(sources)
    return [
        ConflictView(
            str(row["fact_key"]), str(row.get("kind", "")), str(row.get("message", "")),
            quote_view(claims, texts, names, str(row["claim_a"]), width),
            quote_view(claims, texts, names, str(row["claim_b"]), width),
        )
        for _, row in conflicts.iterrows()
    ]


@dataclass(frozen=True)
class SharedView:
    """A passage two sources share, origin first when it is known, both in context."""

    words: int
    kind: str
    score: float
    origin: str
    basis: str
    a: QuoteView
    b: QuoteView

    @property
    def headline(self) -> str:
        """``21 words, verbatim (score 100): The Week quotes The New York Times (…)``."""
        return headline(self.words, self.kind, self.score, (self.a.outlet, self.b.outlet),
                        self.origin, self.basis)


def shared_passages(reuse: pd.DataFrame, texts: Mapping[str, str], sources: pd.DataFrame,
                    width: int = 80) -> list[SharedView]:
    """The passages of ``reuse.csv`` (``provenance.reuse.load_reuse``) with both sides in
    context, as the shared-passages panel shows them."""
    names = outlets(sources)

    def side(source: str, start: int, end: int) -> QuoteView:
        return QuoteView("", source, names.get(source, source), start, end,
                         *context(texts[source], start, end, width))

    return [SharedView(int(r.words), str(r.kind), float(r.score), str(r.origin),
                       str(r.basis), side(r.source_a, r.start_a, r.end_a),
                       side(r.source_b, r.start_b, r.end_b))
            for r in reuse.itertuples()]


def intervals(typed: pd.DataFrame, sources: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """Numeric claims with a fact key as intervals, with open ends made plottable.

    ``plot_low``/``plot_high`` replace an unbounded end by the fact key's padded extent,
    so a chart can draw "more than 50,000" as a bar running off towards the edge.
    """
    keyed = typed[typed["fact_key"].fillna("").ne("")]
    frame = keyed[keyed["kind"].isin(["quantity", "duration"])].copy()
    partners = conflict_partners(conflicts)
    frame["outlet"] = frame["source_id"].map(outlets(sources)).fillna(frame["source_id"])
    frame["low_open"] = frame["low"].isna()
    frame["high_open"] = frame["high"].isna()
    lo_edge, hi_edge = _extents(frame)
    frame["plot_low"] = frame["low"].fillna(frame["fact_key"].map(lo_edge))
    frame["plot_high"] = frame["high"].fillna(frame["fact_key"].map(hi_edge))
    _mark_conflicts(frame, partners)
    return frame[INTERVAL_COLUMNS].sort_values(["fact_key", "outlet", "claim_id"]).reset_index(
        drop=True
    )


def timeline(typed: pd.DataFrame, sources: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """Resolved dates of date claims (with a fact key) beside their source's publication date."""
    frame = typed[(typed["kind"] == "date") & typed["fact_key"].fillna("").ne("")].copy()
    registry = sources.set_index("source_id")
    frame["outlet"] = frame["source_id"].map(outlets(sources)).fillna(frame["source_id"])
    frame["published"] = dates(frame["source_id"].map(registry["published"]).astype("str")
                               .str.strip())
    notes = frame["source_id"].map(registry["published_note"]).fillna("")
    frame["published_inferred"] = notes.str.startswith("inferred")
    _mark_conflicts(frame, conflict_partners(conflicts))
    return frame[TIMELINE_COLUMNS].sort_values(["fact_key", "date_low", "claim_id"]).reset_index(
        drop=True
    )


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows; an empty tuple means "all"."""

    outlets: tuple[str, ...] = ()
    fact_keys: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    conflicts_only: bool = False


def apply_filters(frame: pd.DataFrame, filters: Filters, conflicting: Iterable[str] = (),
                  names: dict[str, str] | None = None) -> pd.DataFrame:
    """Rows of a claims frame passing every filter (outlet via ``names`` or an outlet column)."""
    keep = pd.Series(True, index=frame.index)
    outlet = frame["outlet"] if "outlet" in frame else frame["source_id"].map(names or {})
    for values, column in ((filters.outlets, outlet), (filters.fact_keys, frame["fact_key"]),
                           (filters.kinds, frame["kind"]), (filters.statuses, frame["status"])):
        if values:
            keep &= column.isin(values)
    if filters.conflicts_only:
        keep &= frame["claim_id"].isin(set(conflicting))
    return frame[keep]


def filter_options(claims: pd.DataFrame, sources: pd.DataFrame) -> dict[str, list[str]]:
    """The choices each filter offers, in a stable order."""
    return {
        "outlets": list(dict.fromkeys(sources["outlet"])),
        "fact_keys": sorted(set(claims["fact_key"])),
        "kinds": [k for k in KINDS if k in set(claims["kind"])],
        "statuses": sorted(set(claims["status"])),
    }


def validation_summary(outcomes: Iterable[object], shown: int = 5) -> pd.DataFrame:
    """One row per expectation run by ``provenance check``: verdict and unexpected claims."""
    rows = [
        {
            "suite": o.suite, "expectation": o.expectation, "severity": o.severity,
            "success": o.success, "unexpected": len(o.unexpected),
            "claims": ", ".join(o.unexpected[:shown]) + (" …" if len(o.unexpected) > shown else ""),
            "error": o.error,
        }
        for o in outcomes
    ]
    return pd.DataFrame(rows, columns=VALIDATION_COLUMNS)


def _offset(cell: object) -> int | None:
    """An offset cell (string or Int64) as an int, or None when empty."""
    if cell is None or cell is pd.NA or cell == "":
        return None
    try:
        return int(cell)
    except (TypeError, ValueError):
        return None


def _extents(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per fact key, a padded [min, max] of all finite bounds and values."""
    stacked = frame.melt(id_vars="fact_key", value_vars=["low", "high", "value"],
                         value_name="bound").dropna()
    grouped = stacked.groupby("fact_key")["bound"]
    lo, hi = grouped.min(), grouped.max()
    pad = (hi - lo).where(hi > lo, np.maximum(hi.abs(), 1.0)) * 0.15
    return lo - pad, hi + pad


def _mark_conflicts(frame: pd.DataFrame, partners: dict[str, list[str]]) -> None:
    frame["conflicts_with"] = frame["claim_id"].map(lambda c: ", ".join(partners.get(c, [])))
    frame["in_conflict"] = frame["conflicts_with"] != ""
