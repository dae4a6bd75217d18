"""``check_scale.py``'s uniform ledger at sizes its generator cannot hold in memory.

``check_scale.write_ledger`` builds every cell of every claim at once (over 11 GB at 10M
claims); :func:`write_large_ledger` makes the same kind of ledger :data:`CHUNK` claims at
a time, appending each claim's passage to its source's text as it goes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import check_scale
import numpy as np
import pandas as pd

CHUNK = 1_000_000  # claims generated at a time


def _appended(folder: Path, claims: pd.DataFrame, offsets: np.ndarray) -> None:
    """Append each claim's passage to its source's text (as ``check_scale.write_ledger``
    writes them) and set its offsets; ``offsets`` holds each text's length so far."""
    number = claims["source_id"].str[1:].astype(np.int64).to_numpy()
    quotes = claims["quote"].tolist()
    starts = np.zeros(len(claims), dtype=np.int64)
    order = np.argsort(number, kind="stable")
    bounds = np.flatnonzero(np.diff(number[order])) + 1
    for group in np.split(order, bounds):
        source, offset, parts = number[group[0]], offsets[number[group[0]]], []
        for index in group:
            prefix = f"Paragraph {offset}. Officials said "
            starts[index] = offset + len(prefix)
            parts.append(f"{prefix}{quotes[index]} on the record.\n")
            offset += len(parts[-1])
        with (folder / "sources" / f"s{source}.txt").open("a", encoding="utf-8",
                                                         newline="") as text:
            text.write("".join(parts))
        offsets[source] = offset
    claims["start"] = starts.astype(str)
    claims["end"] = (starts + claims["quote"].str.len().to_numpy()).astype(str)


def write_large_ledger(folder: Path, n: int, sources: int) -> None:
    """``check_scale``'s uniform ledger of ``n`` claims made :data:`CHUNK` claims at a time
    (its generator holds every cell at once: over 11 GB at 10M). Chunk ``i`` is its
    ledger of ``CHUNK`` claims drawn with seed ``7 + i``, with claim ids and fact keys
    numbered after the previous chunks' (about 10 claims a key, as in one draw)."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for number in range(sources):
        (folder / "sources" / f"s{number}.txt").write_bytes(b"")
    offsets = np.zeros(sources, dtype=np.int64)
    with (folder / "claims.csv").open("w", newline="", encoding="utf-8") as out:
        for i, first in enumerate(range(0, n, CHUNK)):
            size = min(CHUNK, n - first)
            claims = check_scale._claims(size, False, np.random.default_rng(7 + i), False,
                                         sources)
            claims["claim_id"] = [f"c{j}" for j in range(first, first + size)]
            key = claims["fact_key"].str[len("topic.k"):].astype(np.int64) + first // 10
            claims["fact_key"] = "topic.k" + key.astype(str)
            _appended(folder, claims, offsets)
            claims.to_csv(out, header=i == 0, index=False, lineterminator="\n")
    with (folder / "sources" / "sources.csv").open("w", newline="", encoding="utf-8") as f:
        registry = csv.writer(f, lineterminator="\n")
        registry.writerow(["source_id", "outlet", "published", "published_note", "path",
                           "title", "byline", "url", "sha256"])
        for number in range(sources):
            data = (folder / "sources" / f"s{number}.txt").read_bytes()
            published = (dt.date(2024, 11, 1) + dt.timedelta(days=number % 60)).isoformat()
            registry.writerow([f"s{number}", f"Fictional Outlet {number}", published,
                               "date line", f"s{number}.txt", "", "", "",
                               hashlib.sha256(data).hexdigest()])
