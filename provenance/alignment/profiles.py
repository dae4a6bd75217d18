"""One profile per fact key (and kind and unit dimension): what a new claim is compared with.

A million confirmed claims become one row per key before any claim is scored: the hull of
their intervals, their window of days, their counted noun, how many sources use the key
(and which, when only one does), and a short text: the key's name as words and the
sentences of its first ``PER_KEY`` claims, capped at ``DOC_CAP`` code points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from provenance.alignment.text import key_words
from provenance.sentences import sentence_around

PER_KEY = 2
DOC_CAP = 400


@dataclass(frozen=True)
class Profiles:
    """Key profiles: ``table`` (one row per fact key, kind and dimension) and their texts."""

    table: pd.DataFrame
    docs: list[str]


def sentences(claims: pd.DataFrame, texts: Mapping[str, str]) -> list[str]:
    """The sentence around each claim's span ("" where its source or span is missing).

    Claims are read source by source, so each text's sentence ends are found once
    (``sentences._ends`` keeps only the last few texts)."""
    found = [""] * len(claims)
    ids, starts, ends = (claims[c].tolist() for c in ("source_id", "start", "end"))
    by_source = np.argsort(pd.factorize(claims["source_id"])[0], kind="stable")
    for at in by_source.tolist():
        text = texts.get(ids[at]) if ids[at] in texts else None
        start, end = str(starts[at]), str(ends[at])
        if text is not None and start.isdigit() and end.isdigit():
            found[at] = sentence_around(text, int(start), int(end))
    return found


def key_profiles(reference: pd.DataFrame, features: pd.DataFrame,
                 texts: Mapping[str, str]) -> Profiles:
    """Profiles of the fact keys of ``reference`` claims (their features alongside)."""
    frame = features.assign(fact_key=reference["fact_key"], source_id=reference["source_id"])
    table = (
        frame.groupby(["fact_key", "kind", "dim"], sort=False)
        .agg(noun=("noun", "max"), lo=("lo", "min"), hi=("hi", "max"),
             day_lo=("day_lo", "min"), day_hi=("day_hi", "max"),
             sources=("source_id", "nunique"), only_source=("source_id", "first"))
        .reset_index()
    )
    sample = reference.groupby("fact_key", sort=False).head(PER_KEY)
    context: dict[str, list[str]] = {}
    for key, sentence in zip(sample["fact_key"], sentences(sample, texts), strict=True):
        context.setdefault(key, []).append(sentence)
    docs = [
        f"{key_words(key)} {' '.join(context.get(key, []))}"[:DOC_CAP]
        for key in table["fact_key"]
    ]
    return Profiles(table, docs)
