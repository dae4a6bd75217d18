"""The one typed DataFrame the GX suites validate, holding only the columns they need.

GX fingerprints every column of a batch, and strings cost most (about 0.6 s per column per
million rows), so low-cardinality text becomes ``category``, numbers become floats,
dates ``datetime64``, and span integrity is measured here (one pass over the claims,
texts looked up per source) so no quote or article text enters the batch:

============================  ==================================================
column                        meaning
============================  ==================================================
``claim_id``                  the claim's id (object); the index is the row number
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
INDEX_NAME = "row"  # a named index lets GX report unexpected rows without a per-row loop


def category(column: pd.Series) -> pd.Categorical:
    """Strings as a categorical in order of appearance (no sort), empty cells as NaN."""
    codes, uniques = pd.factorize(column.astype(object).to_numpy())
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        codes = np.where(codes == empty[0], -1, codes - (codes > empty[0]))
        uniques = np.delete(uniques, empty[0])
    return pd.Categorical.from_codes(codes, pd.Index(uniques, dtype=object))


def numbers(column: pd.Series) -> np.ndarray:
    """Floats from string cells, NaN when empty or not a number."""
    cells = column.to_numpy(dtype=object)
    try:
        return np.where(cells == "", "nan", cells).astype(np.float64)
    except (TypeError, ValueError):
        return pd.to_numeric(pd.Series(cells), errors="coerce").to_numpy(dtype=np.float64)


def _dates(column: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(column.astype(object), format="%Y-%m-%d", errors="coerce")
    return parsed.astype("datetime64[s]")


def span_matches(claims: pd.DataFrame, texts: dict[str, str]) -> np.ndarray:
    """Per claim: its source text at ``[start, end)`` equals its non-empty quote.

    Claims are taken source by source, so each text is looked up once.
    """
    start = np.nan_to_num(numbers(claims["start"]), nan=-1).astype(np.int64)
    end = np.nan_to_num(numbers(claims["end"]), nan=-1).astype(np.int64)
    quotes = claims["quote"].astype(object).to_numpy()
    codes, ids = pd.factorize(claims["source_id"].astype(object).to_numpy())
    out = np.zeros(len(claims), dtype=bool)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(ids) + 1))
    for code, sid in enumerate(ids):
        text = texts.get(sid)
        if text is None:
            continue
        rows = order[bounds[code] : bounds[code + 1]]
        size = len(text)
        out[rows] = [
            q != "" and 0 <= a <= b <= size and text[a:b] == q
            for a, b, q in zip(start[rows].tolist(), end[rows].tolist(), quotes[rows], strict=True)
        ]
    return out


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


def _per_claim(sources: pd.Categorical, table: pd.DataFrame, column: str) -> np.ndarray:
    """A source attribute looked up for every claim (through the source id categories)."""
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
    source_codes = category(claims["source_id"]) if table is not None else None
    for name in wanted[1:]:
        if name in FLOAT_COLUMNS and name in claims:
            out[name] = numbers(claims[name])
        elif name in DATE_COLUMNS and name in claims:
            out[name] = _dates(claims[name]).to_numpy()
        elif name in SOURCE_COLUMNS:
            out[name] = _per_claim(source_codes, table, name)
        elif name == "span_matches":
            out[name] = span_matches(claims, texts)
        elif name == "date_quote":
            dates = claims["kind"].astype(object).eq("date")
            out[name] = category(claims["quote"].astype(object).where(dates, ""))
        elif name in claims:
            out[name] = category(claims[name])
    return pd.DataFrame(out, index=pd.RangeIndex(len(claims), name=INDEX_NAME))
