"""Rank the fact keys of confirmed claims for every claim that has a span but no key.

Score of a claim against a key (each signal in [0, 1], see ``signals.py`` and ``text.py``)::

    score = sum(WEIGHTS[s] * signal[s]) / sum(WEIGHTS[s])   over the signals that apply

``words`` always applies; ``value`` to quantities and durations with an interval; ``unit``
(counted noun) to counted quantities; ``date`` to dates. ``kind`` and the unit dimension
are hard filters: keys are grouped by (kind, dimension) and a claim is scored only against
its own group (a duration never gets a quantity's key, troops never get miles). A key
used only by the claim's own source is never suggested. When the best score is below
``NEW_FACT_BELOW`` the claim is a new fact and gets a proposed key name. The weights and
the threshold were chosen on the replay of ``benchmarks/alignment.py``.

Scale: keys are profiled first (``profiles.py``); claims are scored a chunk at a time
against their group (a sparse product for the words, numpy for the rest), so memory
stays bounded by ``CHUNK_CELLS`` claim-key pairs.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from provenance.alignment.keys import proposed_key
from provenance.alignment.profiles import Profiles, key_profiles, sentences
from provenance.alignment.signals import (
    claim_features,
    date_scores,
    dimension_name,
    noun_scores,
    value_scores,
)
from provenance.alignment.text import Vectors, vectorise
from provenance.fill import with_columns
from provenance.ledger import Ledger
from provenance.schema import CLAIM_COLUMNS
from provenance.values.units import COUNT

SIGNALS = ("kind", "unit", "value", "date", "words")
WEIGHTS = {"words": 0.6, "value": 0.25, "unit": 0.15, "date": 0.1}
NEW_FACT_BELOW = 0.3
CHUNK_CELLS = 2_000_000


@dataclass(frozen=True)
class Suggestion:
    """A fact key proposed for a claim, its score in [0, 1] and why."""

    fact_key: str
    score: float
    why: str


@dataclass(frozen=True)
class ClaimSuggestions:
    """The suggestions for one claim, best first; ``new_fact`` when no existing key fits."""

    claim_id: str
    suggestions: tuple[Suggestion, ...]
    new_fact: bool
    proposed_key: str


def pending_claims(claims: pd.DataFrame, claim_ids: Iterable[str] | None = None) -> pd.Series:
    """Rows with a span, no fact key and not rejected (only ``claim_ids`` when given)."""
    mask = claims["fact_key"].eq("") & claims["start"].ne("") & claims["end"].ne("")
    mask &= claims["status"].ne("rejected")
    if claim_ids is not None:
        mask &= claims["claim_id"].isin(list(claim_ids))
    return mask


def suggest_keys(ledger: Ledger, claim_ids: Iterable[str] | None = None, *, limit: int = 5,
                 signals: Collection[str] = SIGNALS, progress: bool = False
                 ) -> list[ClaimSuggestions]:
    """Suggestions for every pending claim (or those of ``claim_ids``), in ledger order.

    ``signals`` leaves signals out (the benchmark's ablations); ``progress`` shows a bar on
    stderr.
    """
    claims = ledger.claims
    if not set(CLAIM_COLUMNS) <= set(claims.columns):
        claims = with_columns(claims)
    pending = claims[pending_claims(claims, claim_ids)]
    if pending.empty:
        return []
    reference = claims[claims["status"].eq("confirmed") & claims["fact_key"].ne("")]
    profiles = key_profiles(reference, claim_features(reference), ledger.texts)
    said = sentences(pending, ledger.texts)
    ranker = _Ranker(pending, claim_features(pending), profiles, said, frozenset(signals))
    found: dict[int, list[tuple[int, float]]] = {}
    from tqdm import tqdm

    with tqdm(total=len(pending), disable=not progress, file=sys.stderr, unit="claim") as bar:
        for rows, keys in ranker.groups():
            step = max(1, CHUNK_CELLS // max(len(keys), 1))
            for first in range(0, len(rows), step):
                chunk = rows[first:first + step]
                found.update(ranker.top(chunk, keys, limit))
                bar.update(len(chunk))
    return [ranker.result(i, found.get(i, []), limit) for i in range(len(pending))]


class _Ranker:
    """The pending claims against the key profiles: grouping, scoring, explaining."""

    def __init__(self, pending: pd.DataFrame, features: pd.DataFrame, profiles: Profiles,
                 said: list[str], signals: frozenset[str]):
        self.said, self.signals = said, signals
        self.cells = {c: pending[c].astype(str).tolist() for c in ("claim_id", "quote", "unit")}
        self.claim = {c: features[c].to_numpy() for c in features.columns}
        self.key = {c: profiles.table[c].to_numpy() for c in profiles.table.columns}
        self.vectors: Vectors = vectorise(profiles.docs, said)
        self.sources = pending["source_id"].to_numpy(dtype=object)
        self.taken = set(profiles.table["fact_key"])

    def _labels(self, table: dict[str, np.ndarray]) -> np.ndarray:
        kind = table["kind"] if "kind" in self.signals else np.full(len(table["kind"]), "")
        dim = table["dim"] if "unit" in self.signals else np.full(len(table["dim"]), "")
        return (pd.Series(kind, dtype=object) + "|" + pd.Series(dim, dtype=object)).to_numpy()

    def groups(self):
        """(claim positions, key positions) per (kind, dimension) group of the claims."""
        claims, keys = self._labels(self.claim), self._labels(self.key)
        key_groups = pd.Series(keys).groupby(keys).indices
        for label, rows in pd.Series(claims).groupby(claims).indices.items():
            members = key_groups.get(label)
            if members is not None:
                yield np.asarray(rows), np.asarray(members)

    def scores(self, rows: np.ndarray, keys: np.ndarray) -> dict[str, np.ndarray]:
        """The score of claims ``rows`` against keys ``keys`` (-1 where not allowed), and
        the value and date signals that went into it (float32, claims by keys)."""
        c = {k: v[rows] for k, v in self.claim.items()}
        k = {n: v[keys] for n, v in self.key.items()}
        total = np.zeros((len(rows), len(keys)), np.float32)
        weight = np.zeros((len(rows), 1), np.float32)
        parts = {}

        def add(name: str, applies: np.ndarray, score) -> None:
            nonlocal weight
            if name in self.signals and applies.any():
                parts[name] = part = np.asarray(score(), dtype=np.float32)
                w = (WEIGHTS[name] * applies[:, None]).astype(np.float32)
                total.__iadd__(w * part)
                weight = weight + w

        add("words", np.ones(len(rows), bool),
            lambda: (self.vectors.claims[rows] @ self.vectors.keys[keys].T).toarray())
        valued = np.isin(c["kind"], ["quantity", "duration"]) & ~np.isnan(c["lo"])
        add("value", valued, lambda: value_scores(c["lo"], c["hi"], k["lo"], k["hi"]))
        add("unit", (c["kind"] == "quantity") & (c["dim"] == COUNT),
            lambda: noun_scores(c["noun"], k["noun"]))
        add("date", (c["kind"] == "date") & ~np.isnan(c["day_lo"]),
            lambda: date_scores(c["day_lo"], c["day_hi"], k["day_lo"], k["day_hi"]))
        np.divide(total, weight, out=total, where=weight > 0)
        np.clip(total, 0.0, 1.0, out=total)
        lonely = np.flatnonzero(k["sources"] == 1)
        own = k["only_source"][lonely][None, :] == self.sources[rows][:, None]
        total[:, lonely] = np.where(own, -1.0, total[:, lonely])
        return {"score": total, **parts}

    def top(self, rows: np.ndarray, keys: np.ndarray, limit: int) -> dict[int, list]:
        """The best ``2 * limit`` (key position, score, signals) per claim of ``rows``."""
        parts = self.scores(rows, keys)
        score = parts.pop("score")
        n = min(2 * limit, len(keys))
        best = np.argpartition(score, len(keys) - n, axis=1)[:, len(keys) - n:]
        picked = np.take_along_axis(score, best, axis=1)
        order = np.argsort(-picked, axis=1, kind="stable")
        best, picked = np.take_along_axis(best, order, 1), np.take_along_axis(picked, order, 1)
        signals = {name: np.take_along_axis(part, best, 1) for name, part in parts.items()
                   if name in ("value", "date")}
        found = {}
        for i, row in enumerate(rows.tolist()):
            found[row] = [
                (int(keys[best[i, j]]), float(picked[i, j]),
                 {name: float(v[i, j]) for name, v in signals.items()})
                for j in range(n) if picked[i, j] > 0
            ]
        return found

    def result(self, row: int, ranked: list, limit: int) -> ClaimSuggestions:
        """The claim's suggestions (one per fact key), new-fact verdict and proposed key."""
        suggestions, seen = [], set()
        for key, score, signals in ranked:
            name = str(self.key["fact_key"][key])
            if name not in seen and len(suggestions) < limit:
                seen.add(name)
                suggestions.append(Suggestion(name, round(score, 4), self.why(row, key, signals)))
        new_fact = not suggestions or suggestions[0].score < NEW_FACT_BELOW
        proposed = proposed_key(self.cells["quote"][row], self.said[row], self._measure(row),
                                self.taken) if new_fact else ""
        return ClaimSuggestions(self.cells["claim_id"][row], tuple(suggestions), new_fact,
                                proposed)

    def _measure(self, row: int) -> str:
        kind, dim = self.claim["kind"][row], self.claim["dim"][row]
        if kind == "quantity":
            return self.cells["unit"][row] if dim == COUNT else dimension_name(dim)
        return kind if kind in ("date", "duration") else ""

    def why(self, row: int, key: int, signals: dict[str, float]) -> str:
        """A short reason: the signals that speak for (or against) the key."""
        kind, dim, noun = (self.claim[c][row] for c in ("kind", "dim", "noun"))
        reasons = []
        if dim == COUNT and noun and self.key["noun"][key]:
            same = noun == self.key["noun"][key]
            reasons.append(f"{'same' if same else 'different'} counted noun")
        elif kind == "quantity" and dim and dim == self.key["dim"][key]:
            reasons.append(f"same unit dimension ({dimension_name(dim)})")
        if "value" in signals:
            value = signals["value"]
            reasons.append("values overlap" if value >= 1 else f"values {value:.0%} close")
        if "date" in signals:
            date = signals["date"]
            reasons.append("dates within the key's window" if date >= 1 else
                           "dates near the key's window" if date > 0 else "dates far apart")
        words = self.vectors.shared_words(row, key)
        reasons.append(f"sentence words: {', '.join(words)}" if words else "no shared words")
        return "; ".join(reasons)
