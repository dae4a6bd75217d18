"""The one typed DataFrame the GX suites validate, holding only the columns they need.

GX fingerprints, deduplicates and filters batch columns, and strings cost most there
(about 0.5 s per column per million rows), so text becomes ``category``, numbers become
floats, dates ``datetime64``, and span integrity is measured here (``spans.py``: every
quote against its source text, vectorised) so no quote or article text enters the batch.
Columns are read through Arrow (pandas' ``str`` is pyarrow-backed). Categories alone are
Python strings: pandas makes Python objects of Arrow categories to hash them, so each
category is made once here rather than in every such step; distinct claim ids, which
nothing hashes (GX tests their uniqueness on the codes), stay Arrow strings (pandas'
``str``), not a million Python strings. The Arrow strings the categories were
made from are kept beside them (:func:`category_text`): GX's regex metric matches each
category (``expectations/categorical_metrics.py``), and matches those without a copy:

============================  ==================================================
column                        meaning
============================  ==================================================
``claim_id``                  the claim's id (``category`` like other text, though ids are
                              distinct: GX then hashes, deduplicates and filters codes);
                              the index is the row number
``value``/``low``/``high``    floats, NaN when empty
``start``/``end``             floats, NaN when empty or not a number
``date_low``/``date_high``    ``datetime64[s]``, NaT when empty or not a date
``published``                 the claim's source's publication date (NaT if unknown)
``published_inferred``        the source's ``published_note`` starts with "inferred"
``span_matches``              ``text[start:end] == quote`` (False if unreadable)
``source_sha_ok``             the source file matches its registered sha256
``date_quote``                the quote of ``kind=date`` claims (NaN for others)
any other claims column       ``category``, empty cells as NaN; an optional column the
                              claims lack (``category``) is all NaN
============================  ==================================================
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from provenance.cells import arrow_text, dates, encoded, numbers, offsets
from provenance.check.engines.pandas.spans import SourceBytes, span_matches
from provenance.check.suites import SOURCE_COLUMNS
from provenance.csvio import TEXT
from provenance.schema import OPTIONAL_CLAIM_COLUMNS
from provenance.sources import is_inferred

FLOAT_COLUMNS = ("value", "low", "high", "start", "end")
DATE_COLUMNS = ("date_low", "date_high")
# the Arrow strings of the categories made here, by ``id`` of their pandas index while it
# lives (an index is not hashable, so a weak dictionary cannot hold them)
_TEXTS: dict[int, tuple[weakref.ref, pa.Array | pa.ChunkedArray]] = {}


def category(column: pd.Series | pa.ChunkedArray) -> pd.Categorical:
    """Strings as a categorical in order of appearance (no sort), empty cells as NaN."""
    codes, uniques = encoded(column)
    empty = pc.index(uniques, "").as_py()
    if empty >= 0:
        codes = np.where(codes == empty, -1, codes - (codes > empty))
        uniques = pc.filter(uniques, pc.not_equal(uniques, ""))
    return _categorical(codes, uniques)


def id_category(column: pd.Series) -> pd.Categorical:
    """Ids as :func:`category` makes them. When they are distinct and none is empty (as
    claim ids should be) the column itself is the categories, without encoding it, kept
    as Arrow strings."""
    values = arrow_text(column)
    if (values.null_count or pc.any(pc.equal(values, "")).as_py()
            or len(pc.unique(values)) < len(values)):
        return category(values)
    return _categorical(np.arange(len(values)), values, as_python=False)


def _categorical(codes: np.ndarray, categories: pa.Array | pa.ChunkedArray, *,
                 as_python: bool = True) -> pd.Categorical:
    """A categorical of ``categories``: distinct non-null strings (an Arrow dictionary),
    made Python strings unless ``as_python`` is false (see the module doc)."""
    if as_python:
        index = pd.Index(categories.to_numpy(zero_copy_only=False), dtype=object)
    else:
        text = (categories.combine_chunks() if isinstance(categories, pa.ChunkedArray)
                else categories)
        index = pd.Index(pd.arrays.ArrowStringArray(text.cast(pa.large_string()), dtype=TEXT))
    # Arrow has just hashed the categories outside the GIL to find them distinct; pandas
    # would hash them again, holding it (0.1 s per million). Without the seed pandas
    # checks for itself, so a pandas that ignores it is only slower.
    index._cache.update(is_unique=True, hasnans=False)
    dtype = pd.CategoricalDtype(index)
    # pandas keeps any hash table it built to check the categories (about 100 MB for a
    # million claim ids); nothing looks categories up later
    getattr(dtype.categories, "_cache", {}).pop("_engine", None)
    _keep_text(dtype.categories, categories)
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _keep_text(index: pd.Index, text: pa.Array | pa.ChunkedArray) -> None:
    """Remember ``text``, the Arrow strings of ``index``, for as long as ``index`` lives."""
    key = id(index)
    _TEXTS[key] = (weakref.ref(index, lambda _: _TEXTS.pop(key, None)), text)


def category_text(categories: pd.Index) -> pd.Series | None:
    """The categories of a batch column as pandas ``str`` (what ``astype(str)`` makes of
    them) over the Arrow strings they were made from, without a copy; None for categories
    not made here."""
    kept = _TEXTS.get(id(categories))
    if kept is None or kept[0]() is not categories:
        return None
    return pd.Series(pd.arrays.ArrowStringArray(kept[1], dtype=TEXT))


def source_table(sources: pd.DataFrame, texts: SourceBytes | None) -> pd.DataFrame:
    """Per source id: publication date, whether it was inferred, whether its sha256 holds.

    ``texts`` holds the registry's texts in row order (without them no hash holds).
    """
    ids = sources["source_id"].astype(object).tolist()
    expected = sources.get("sha256", pd.Series([""] * len(sources))).astype(object).tolist()
    sha_ok = [
        texts is not None
        and texts.chars[i] >= 0
        and (not want.strip() or texts.digest(i) == want.strip().lower())
        for i, want in enumerate(expected)
    ]
    notes = sources.get("published_note", pd.Series([""] * len(sources))).astype(object)
    table = pd.DataFrame(
        {
            "published": dates(sources["published"].astype(object).str.strip()),
            "published_inferred": [is_inferred(note) for note in notes],
            "source_sha_ok": sha_ok,
        },
        index=pd.Index(ids, name="source_id"),
    )
    return table[~table.index.duplicated()]


def _spans(claims: pd.DataFrame, registry: list[str], texts: SourceBytes,
           sources: pd.Categorical) -> np.ndarray:
    """``span_matches`` per claim, its source (``sources``: the claims' source ids as a
    categorical) found by id among the registry rows."""
    first: dict[str, int] = {}
    for index, sid in enumerate(registry):
        first.setdefault(sid, index)
    lookup = np.array([first.get(sid, -1) for sid in sources.categories] + [-1], dtype=np.int64)
    start, end = offsets(claims["start"]), offsets(claims["end"])
    return span_matches(lookup[sources.codes], start, end, arrow_text(claims["quote"]), texts)


def _per_claim(sources: pd.Categorical, table: pd.DataFrame, column: str) -> np.ndarray:
    """A source attribute looked up for every claim (through the source id categories)."""
    values = table[column].reindex(sources.categories)
    if column == "published":
        lookup = values.to_numpy(dtype="datetime64[s]")
        out = np.append(lookup, np.datetime64("NaT", "s"))
    else:
        out = np.append(values.fillna(False).to_numpy(dtype=bool), False)
    return out[sources.codes]


@dataclass(frozen=True)
class _Inputs:
    """What the columns of a batch are made from (shared ones as futures: they are made
    by the same two threads as the columns)."""

    claims: pd.DataFrame
    registry: list[str]
    texts: Future[SourceBytes] | None  # when span integrity or hashes are wanted
    sources: Future[pd.DataFrame] | None  # ``source_table``, when a source column is wanted
    source_codes: Future[pd.Categorical] | None  # the claims' ``source_id`` as a categorical

    def column(self, name: str) -> object:
        """One batch column, or None when the claims have nothing for ``name``."""
        claims = self.claims
        if name in FLOAT_COLUMNS and name in claims:
            return numbers(claims[name])
        if name in DATE_COLUMNS and name in claims:
            return dates(claims[name])
        if name in SOURCE_COLUMNS:
            return _per_claim(self.source_codes.result(), self.sources.result(), name)
        if name == "span_matches":
            return _spans(claims, self.registry, self.texts.result(), self.source_codes.result())
        if name == "date_quote":
            is_date = pc.equal(arrow_text(claims["kind"]), "date")
            return category(pc.if_else(is_date, arrow_text(claims["quote"]), ""))
        if name == "claim_id":
            return id_category(claims[name])
        if name in OPTIONAL_CLAIM_COLUMNS and name not in claims:
            return _categorical(np.full(len(claims), -1), pa.array([], pa.large_string()))
        return category(claims[name]) if name in claims else None


def _jobs_in_order(wanted: list[str]) -> list[str]:
    """The longest jobs (span integrity, a million distinct ids) first, the columns read
    from sources last."""
    return sorted(wanted, key=lambda name: (name not in ("span_matches", "claim_id"),
                                            name in SOURCE_COLUMNS))


def build_batch(
    claims: pd.DataFrame, sources: pd.DataFrame, texts: Mapping[str, str], columns: list[str]
) -> pd.DataFrame:
    """The typed batch of the requested ``columns`` (ones the claims lack are skipped).

    Two threads make the columns (Arrow and numpy work outside the GIL). Jobs are queued
    after whatever they wait for, so neither thread can wait on a job not yet started.
    """
    names = list(dict.fromkeys(columns))
    wanted = _jobs_in_order(names)
    registry = sources["source_id"].astype(object).tolist()
    by_source = {"span_matches", *SOURCE_COLUMNS} & set(wanted)
    with ThreadPoolExecutor(max_workers=2) as pool:
        source_bytes = (pool.submit(SourceBytes.of, registry, texts)
                   if by_source & {"span_matches", "source_sha_ok"} else None)
        codes = pool.submit(category, claims["source_id"]) if by_source else None
        table = (pool.submit(lambda: source_table(sources, source_bytes and source_bytes.result()))
                 if by_source & set(SOURCE_COLUMNS) else None)
        inputs = _Inputs(claims, registry, source_bytes, table, codes)
        made = dict(zip(wanted, pool.map(inputs.column, wanted), strict=True))
    out = {name: made[name] for name in names if made[name] is not None}
    # an unnamed RangeIndex: GX then lists unexpected rows as their positions, in one call
    return pd.DataFrame(out, index=pd.RangeIndex(len(claims)))
