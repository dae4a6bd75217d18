"""The one typed DataFrame the GX suites validate, holding only the columns they need.

GX fingerprints every column of a batch, and strings cost most (about 0.6 s per column per
million rows), so low-cardinality text becomes ``category``, numbers become floats,
dates ``datetime64``, and span integrity is measured here (one pass over the claims,
texts looked up per source) so no quote or article text enters the batch:

============================  ==================================================
column                        meaning
============================  ==================================================
``claim_id``                  the claim's id (also the index, named ``claim``)
``value``/``low``/``high``    floats, NaN when empty
``start``/``end``             floats, NaN when empty or not a number
``date_low``/``date_high``    ``datetime64[s]``, NaT when empty or not a date
``published``                 the claim's source's publication date (NaT if unknown)
``published_inferred``        the source's ``published_note`` starts with "inferred"
``span_matches``              ``text[start:end] == quote`` (False if unreadable)
``source_sha_ok``             the source file matches its registered sha256
``date_quote``                the quote of ``kind=date`` claims (NaN for others)
any other claims column       ``category``, empty cells as NaN
============================  ==================================================
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from provenance.sources import is_inferred

FLOAT_COLUMNS = ("value", "low", "high", "start", "end")
DATE_COLUMNS = ("date_low", "date_high")
SOURCE_COLUMNS = ("published", "published_inferred", "source_sha_ok")
INDEX_NAME = "claim"  # the batch's index holds the claim ids too: GX reports it cheaply


def _blank_to_nan(column: pd.Series) -> pd.Series:
    return column.astype(object).where(column.astype(object).ne(""), np.nan)


def _dates(column: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(column.astype(object), format="%Y-%m-%d", errors="coerce")
    return parsed.astype("datetime64[s]")


def span_matches(claims: pd.DataFrame, texts: dict[str, str]) -> np.ndarray:
    """Per claim: its source text at ``[start, end)`` equals its non-empty quote."""
    start = pd.to_numeric(claims["start"].astype(object), errors="coerce").fillna(-1)
    end = pd.to_numeric(claims["end"].astype(object), errors="coerce").fillna(-1)
    get = texts.get
    return np.fromiter(
        (
            q != "" and (t := get(s)) is not None and 0 <= a <= b <= len(t) and t[a:b] == q
            for s, a, b, q in zip(
                claims["source_id"].astype(object).tolist(),
                start.astype(np.int64).tolist(),
                end.astype(np.int64).tolist(),
                claims["quote"].astype(object).tolist(),
                strict=True,
            )
        ),
        dtype=bool,
        count=len(claims),
    )


def source_table(sources: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Per source id: publication date, whether it was inferred, whether its sha256 holds."""
    ids = sources["source_id"].astype(object).tolist()
    expected = sources.get("sha256", pd.Series([""] * len(sources))).astype(object).tolist()
    sha_ok = [
        sid in texts
        and (not want.strip() or hashlib.sha256(texts[sid].encode()).hexdigest() == want.lower())
        for sid, want in zip(ids, expected, strict=True)
    ]
    notes = sources.get("published_note", pd.Series([""] * len(sources))).astype(object)
    table = pd.DataFrame(
        {
            "published": _dates(sources["published"].astype(object).str.strip()).to_numpy(),
            "published_inferred": [is_inferred(note) for note in notes],
            "source_sha_ok": sha_ok,
        },
        index=pd.Index(ids, name="source_id"),
    )
    return table[~table.index.duplicated()]


def _per_claim(claims: pd.DataFrame, table: pd.DataFrame, column: str) -> np.ndarray:
    """A source attribute looked up for every claim (through the source id categories)."""
    sources = pd.Categorical(claims["source_id"].astype(object))
    values = table[column].reindex(sources.categories)
    if column == "published":
        lookup = values.to_numpy(dtype="datetime64[s]")
        out = np.append(lookup, np.datetime64("NaT", "s"))
    else:
        out = np.append(values.fillna(False).to_numpy(dtype=bool), False)
    return out[sources.codes]


def build_batch(
    claims: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str], columns: list[str]
) -> pd.DataFrame:
    """The typed batch with ``claim_id`` and the requested ``columns`` (unknown ones skipped)."""
    wanted = ["claim_id", *[c for c in dict.fromkeys(columns) if c != "claim_id"]]
    out: dict[str, object] = {"claim_id": claims["claim_id"].astype(object).to_numpy()}
    table = source_table(sources, texts) if set(wanted) & set(SOURCE_COLUMNS) else None
    for name in wanted[1:]:
        if name in FLOAT_COLUMNS and name in claims:
            out[name] = pd.to_numeric(_blank_to_nan(claims[name]), errors="coerce").to_numpy()
        elif name in DATE_COLUMNS and name in claims:
            out[name] = _dates(claims[name]).to_numpy()
        elif name in SOURCE_COLUMNS:
            out[name] = _per_claim(claims, table, name)
        elif name == "span_matches":
            out[name] = span_matches(claims, texts)
        elif name == "date_quote":
            quotes = claims["quote"].astype(object).where(claims["kind"].astype(object).eq("date"))
            out[name] = pd.Categorical(quotes)
        elif name in claims:
            out[name] = pd.Categorical(_blank_to_nan(claims[name]))
    index = pd.Index(out["claim_id"], name=INDEX_NAME)
    return pd.DataFrame(out, index=index)
