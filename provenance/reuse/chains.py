"""Which of two sources sharing a passage is the origin, and which claims came through it.

The earlier publication is the origin, unless the text of one credits the other outlet
by name near the passage ("The New York Times said", "according to the Times"): then
the credited outlet is the origin, whatever the dates say. With equal or unknown dates
and no credit the direction is unknown (no origin). A claim of the copying source whose
span lies inside a shared passage reached that outlet *via* the origin: a reused figure
is one report, not two confirmations. Inside a near-verbatim passage only the words the
origin has count: an attribution the copy inserted ("Zelenskyy said Sunday night") is
the copy's own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from provenance.cells import whole_numbers
from provenance.fuzzyspan import locate
from provenance.reuse.align import NEAR_SCORE, plain

NEAR = 400  # code points either side of a passage, within its paragraph, read for a credit
_ARTICLE = re.compile(r"(?i)the\s+")


def outlet_names(outlet: str) -> list[str]:
    """The ways a text names an outlet: ``The New York Times``, ``New York Times`` and, for a
    name of several words, ``the Times`` (capitalised words, matched case-sensitively)."""
    full = " ".join(outlet.split())
    if not full:
        return []
    bare = _ARTICLE.sub("", full, count=1) if _ARTICLE.match(full) else full
    words = bare.split()
    names = [full, bare] if len(words) > 1 else [full]
    if len(words) > 1 and words[-1][:1].isupper():
        names.append(f"the {words[-1]}")
        names.append(f"The {words[-1]}")
    return list(dict.fromkeys(n for n in names if n))


def credits(text: str, start: int, end: int, outlet: str) -> bool:
    """True when ``outlet`` is named near ``text[start:end]`` in the same paragraph."""
    lo = max(text.rfind("\n", 0, start) + 1, start - NEAR)
    hi = text.find("\n", end)
    hi = min(len(text) if hi == -1 else hi, end + NEAR)
    window = text[lo:hi]
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", window)
               for name in outlet_names(outlet))


def origin(ids: tuple[str, str], spans: tuple[tuple[int, int], tuple[int, int]],
           texts: Mapping[str, str], outlets: Mapping[str, str],
           published: Mapping[str, dt.date | None]) -> tuple[str, str]:
    """The origin of a passage shared by sources ``ids`` at ``spans``, and why: ``credit``,
    ``date`` or ``("", "")`` when it cannot be told."""
    credited = [
        other for this, other, (start, end) in ((ids[0], ids[1], spans[0]),
                                                (ids[1], ids[0], spans[1]))
        if outlets.get(other) and outlets.get(other) != outlets.get(this)
        and credits(texts[this], start, end, outlets[other])
    ]
    if len(credited) == 1:
        return credited[0], "credit"
    first, second = (published.get(i) for i in ids)
    if first and second and first != second:
        return (ids[0] if first < second else ids[1]), "date"
    return "", ""


def claim_via(ledger: Any, reuse: pd.DataFrame) -> dict[str, str]:
    """Claim id -> origin source id, for each claim of ``ledger`` whose span lies inside a
    shared passage of the source that copied it and whose quote the origin's passage
    holds (``rapidfuzz.fuzz.partial_ratio`` of the folded texts at least ``NEAR_SCORE``);
    ``reuse`` as :func:`provenance.reuse.store.load_reuse` gives it. Claims without a
    span are left out."""
    return {claim_id: row.origin for claim_id, row in _carried(ledger, reuse).items()}


def quoted_claims(ledger: Any, reuse: pd.DataFrame) -> dict[str, tuple[str, list[str]]]:
    """Claim id -> (origin source id, the origin's claims it repeats) for each claim of
    :func:`claim_via`. The claim's quote is aligned with the origin's passage
    (:func:`provenance.fuzzyspan.locate`); an origin claim repeats it when their spans
    overlap by at least half of the shorter of the two (the origin's claim often takes a
    few more words of context than the copy did). The list is empty when the origin has
    no such claim."""
    carried = _carried(ledger, reuse)
    if not carried:
        return {}
    spans = _spans(ledger.claims)
    by_source = dict(tuple(spans.groupby("source")))
    found = {}
    for claim_id, row in carried.items():
        origin_claims: list[str] = []
        region = locate(ledger.texts[row.origin][row.origin_start:row.origin_end], row.quote)
        if region is not None and row.origin in by_source:
            lo, hi = row.origin_start + region[0], row.origin_start + region[1]
            rows = by_source[row.origin]
            overlap = np.minimum(rows["end"], hi) - np.maximum(rows["start"], lo)
            shorter = np.minimum(rows["end"] - rows["start"], hi - lo)
            origin_claims = rows.loc[(overlap > 0) & (2 * overlap >= shorter),
                                     "claim_id"].tolist()
        found[claim_id] = (row.origin, origin_claims)
    return found


def _carried(ledger: Any, reuse: pd.DataFrame) -> dict[str, Any]:
    """Claim id -> the row (``quote``, ``origin``, ``origin_start``, ``origin_end``) of the
    passage that carried it, for the claims of :func:`claim_via`."""
    claims, copies = ledger.claims, copy_spans(reuse)
    if copies.empty or claims.empty:
        return {}
    joined = _spans(claims).merge(copies, on="source")
    inside = joined[(joined["start"] >= joined["copy_start"])
                    & (joined["end"] <= joined["copy_end"])]
    return {
        row.claim_id: row for row in inside.itertuples()
        if holds_quote(ledger.texts[row.origin][row.origin_start:row.origin_end], row.quote)
    }


def holds_quote(passage: str, quote: str) -> bool:
    """True when the origin's ``passage`` has the quote's words (``fuzz.partial_ratio`` of
    the folded texts at least ``NEAR_SCORE``)."""
    return fuzz.partial_ratio(plain(quote), plain(passage)) >= NEAR_SCORE


def _spans(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with a span: id, source, quote and integer start and end."""
    starts, ends = whole_numbers(claims["start"]), whole_numbers(claims["end"])
    spans = pd.DataFrame({"claim_id": claims["claim_id"], "source": claims["source_id"],
                          "quote": claims["quote"], "start": starts, "end": ends}).dropna()
    return spans.astype({"start": "int64", "end": "int64"})


def copy_spans(reuse: pd.DataFrame) -> pd.DataFrame:
    """The copying side of every passage with a known origin: source and span, origin and
    the origin's span."""
    sides = []
    for copy, other in (("b", "a"), ("a", "b")):
        rows = reuse[reuse["origin"] == reuse[f"source_{other}"]]
        sides.append(pd.DataFrame({
            "source": rows[f"source_{copy}"], "copy_start": rows[f"start_{copy}"],
            "copy_end": rows[f"end_{copy}"], "origin": rows["origin"],
            "origin_start": rows[f"start_{other}"], "origin_end": rows[f"end_{other}"]}))
    return pd.concat(sides, ignore_index=True)
