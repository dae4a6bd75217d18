"""The non-text signals of a claim against a fact key: kind, unit dimension, values, dates.

Every claim is reduced to a few numbers first (:func:`claim_features`): its kind, its unit
dimension (the pint base unit, ``day`` for durations, ``count`` for counted nouns), its
counted noun, its interval in base units (the one ``provenance check`` compares, from
:mod:`provenance.check.intervals`) and its days. The scores below compare a chunk of claims
with many keys at once (numpy broadcasting: claims along rows, keys along columns); each
is in ``[0, 1]`` with ``NEUTRAL`` where one side has nothing to compare.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from provenance.cells import dates, numbers
from provenance.check.intervals import Tuning, _hedged, _qualifiers, _to_base, day_numbers
from provenance.rules import DATE_COLUMNS, NUMBER_COLUMNS
from provenance.values.units import COUNT

NEUTRAL = 0.5
DATE_WINDOW_DAYS = 30
FEATURE_COLUMNS = ["kind", "dim", "noun", "lo", "hi", "day_lo", "day_hi"]
# counted nouns that name the same thing (compared after lowercasing and dropping a plural s)
SYNONYMS = (
    ("troop", "soldier", "serviceman", "servicemen", "personnel", "force", "fighter"),
    ("people", "person", "individual", "resident"),
    ("missile", "rocket"),
)
_SYNONYM = {word: group[0] for group in SYNONYMS for word in group}


def noun_of(unit: str) -> str:
    """A counted noun's comparable form: lowercase, singular, the first of its synonyms."""
    word = unit.strip().lower()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _SYNONYM.get(word, word)


def _typed(claims: pd.DataFrame) -> pd.DataFrame:
    """The columns the features need, numbers as floats and dates as datetime64 (a cell
    that does not parse is missing; ``validate`` reports it)."""
    typed = claims[["kind", "qualifier", "unit"]].astype(str)
    for column in NUMBER_COLUMNS:
        typed[column] = numbers(claims[column])
    for column in DATE_COLUMNS:
        typed[column] = dates(claims[column])
    return typed


def claim_features(claims: pd.DataFrame) -> pd.DataFrame:
    """One row of comparable features per claim (same index as ``claims``, string cells)."""
    typed = _typed(claims)
    kind = typed["kind"].astype(str).to_numpy(dtype=object)
    lo, hi = _hedged(typed, _qualifiers(typed), Tuning())
    lo, hi, base = _to_base(typed, lo, hi)
    dim = np.asarray(base.names, dtype=object)[base.codes] if len(typed) else np.array([], object)
    quantity, duration = kind == "quantity", kind == "duration"
    dim = np.where(quantity, dim, np.where(duration, "day", ""))
    units = typed["unit"].astype(str)
    counted = quantity & (dim == COUNT)
    nouns = units[counted].map(noun_of) if counted.any() else pd.Series(dtype=object)
    noun = np.full(len(typed), "", dtype=object)
    noun[counted] = nouns.to_numpy(dtype=object)
    valued = quantity | duration
    lo_raw, hi_raw = typed["low"].to_numpy(), typed["high"].to_numpy()
    value = typed["value"].to_numpy()
    duration_lo = np.where(np.isnan(lo_raw) & np.isnan(hi_raw), value, lo_raw)
    duration_hi = np.where(np.isnan(lo_raw) & np.isnan(hi_raw), value, hi_raw)
    lo = np.where(duration, duration_lo, lo)
    hi = np.where(duration, duration_hi, hi)
    has_interval = valued & ~(np.isnan(lo) & np.isnan(hi))
    return pd.DataFrame(
        {
            "kind": kind,
            "dim": dim,
            "noun": noun,
            "lo": np.where(has_interval, np.nan_to_num(lo, nan=-np.inf), np.nan),
            "hi": np.where(has_interval, np.nan_to_num(hi, nan=np.inf), np.nan),
            "day_lo": day_numbers(typed["date_low"]),
            "day_hi": day_numbers(typed["date_high"]),
        },
        index=claims.index,
    )


def _single(*arrays: np.ndarray) -> list[np.ndarray]:
    """float32 copies: the claims-by-keys temporaries take half the memory and time."""
    return [np.asarray(a, dtype=np.float32) for a in arrays]


def value_scores(lo: np.ndarray, hi: np.ndarray, key_lo: np.ndarray, key_hi: np.ndarray):
    """1 where a claim's interval overlaps a key's hull, else how close the nearest ends are
    (smaller over larger magnitude, 0 across zero); ``NEUTRAL`` where either has none."""
    lo, hi, key_lo, key_hi = _single(lo, hi, key_lo, key_hi)
    a, b = lo[:, None], hi[:, None]
    below = b < key_lo[None, :]
    x = np.where(below, b, a)
    y = np.where(below, key_lo[None, :], key_hi[None, :])
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.minimum(np.abs(x), np.abs(y)) / np.maximum(np.abs(x), np.abs(y))
    ratio = np.where((x * y > 0) & np.isfinite(ratio), ratio, 0.0)
    overlap = (a <= key_hi[None, :]) & (key_lo[None, :] <= b)
    missing = np.isnan(a) | np.isnan(key_lo[None, :])
    return np.where(missing, NEUTRAL, np.where(overlap, 1.0, ratio))


def date_scores(lo: np.ndarray, hi: np.ndarray, key_lo: np.ndarray, key_hi: np.ndarray,
                window: float = DATE_WINDOW_DAYS):
    """1 where a claim's days fall in a key's window, falling to 0 at ``window`` days away."""
    lo, hi, key_lo, key_hi = _single(lo, hi, key_lo, key_hi)
    gap = np.maximum(key_lo[None, :] - hi[:, None], lo[:, None] - key_hi[None, :])
    score = np.clip(1.0 - np.maximum(gap, 0.0) / window, 0.0, 1.0)
    missing = np.isnan(lo)[:, None] | np.isnan(key_lo)[None, :]
    return np.where(missing, NEUTRAL, score)


def noun_scores(noun: np.ndarray, key_noun: np.ndarray):
    """Counted nouns: 1 the same (or synonyms), 0.2 different, ``NEUTRAL`` when one has none."""
    same = noun[:, None] == key_noun[None, :]
    unknown = (noun == "")[:, None] | (key_noun == "")[None, :]
    return np.where(unknown, NEUTRAL, np.where(same, 1.0, 0.2))


@functools.cache
def dimension_name(dim: str) -> str:
    """``length`` for ``meter``: the pint dimensionality of a base unit, in words."""
    if dim in ("", COUNT, "day"):
        return {"day": "time", COUNT: "count"}.get(dim, "")
    from provenance.values.units import registry

    try:
        text = str(registry().get_dimensionality(dim))
    except Exception:  # noqa: BLE001 - pint raises several kinds for names it does not know
        return dim
    text = text.replace("[", "").replace("]", "")
    return dim if text in ("", "dimensionless") else text  # percent, currencies
