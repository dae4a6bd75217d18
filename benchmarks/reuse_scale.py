"""How `provenance reuse` scales: 1k, 3k and 10k sources, exact join and MinHash LSH.

    .venv/bin/python benchmarks/reuse_scale.py [--sizes 1000 3000 10000] [--repeat 3]

The corpus is the check benchmark's (``check_scale.write_ledger``: 10k fictional sources
made of templated claim lines, 30k claims), each text followed by fictional prose of a
few hundred words drawn from a seeded vocabulary, so that texts differ as articles do.
Known copies are injected: one source in twenty quotes a passage of 12 to 40 words from
an earlier one, with curly quotes or a changed word in a third of them. For each size
the first N sources are searched by each method; the baseline, timed in the same run,
is reading and tokenising every text (:class:`provenance.reuse.shingles.Vocabulary`),
which every search does first. Recall is the share of injected copies found as a
passage covering at least 80 % of the injected words with the right origin. The growth
exponent is the slope of log(time) over log(sources).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_scale import write_ledger  # noqa: E402

from provenance.reuse import find_reuse  # noqa: E402
from provenance.reuse.shingles import Vocabulary  # noqa: E402

VOCABULARY = 4000
PROSE_WORDS = (250, 600)
COPY_SHARE = 20  # one source in this many quotes an earlier one


def corpus(folder: Path, seed: int = 11) -> tuple[dict[str, str], dict, list[tuple]]:
    """Texts by source id, publication dates, and the injected copies
    ``(origin, copy, passage)``."""
    write_ledger(folder, 30_000, skewed=False)
    rng = np.random.default_rng(seed)
    words = [f"w{n}" for n in range(VOCABULARY)]
    weights = 1.0 / np.arange(1, VOCABULARY + 1)
    weights /= weights.sum()
    texts, published, copies = {}, {}, []
    paths = sorted((folder / "sources").glob("s*.txt"), key=lambda p: int(p.stem[1:]))
    for number, path in enumerate(paths):
        sid = path.stem
        count = int(rng.integers(*PROSE_WORDS))
        prose = " ".join(np.array(words)[rng.choice(VOCABULARY, count, p=weights)])
        text = path.read_text(encoding="utf-8") + prose + ".\n"
        published[sid] = dt.date(2024, 1, 1) + dt.timedelta(days=number)
        if number and number % COPY_SHARE == 0:
            origin = f"s{int(rng.integers(0, number))}"
            source_words = texts[origin].split()
            length = int(rng.integers(12, 41))
            first = int(rng.integers(0, max(len(source_words) - length, 1)))
            passage = " ".join(source_words[first:first + length])
            shown = _varied(passage, int(rng.integers(0, 3)), rng)
            text += f'They wrote: "{shown}" and more.\n'
            copies.append((origin, sid, passage))
        texts[sid] = text
    return texts, published, copies


def _varied(passage: str, how: int, rng: np.random.Generator) -> str:
    """The passage as copied: unchanged, with curly quotes and dashes, or a word changed."""
    if how == 1:
        return passage.replace("'", "’").replace("-", "–")
    if how == 2:
        words = passage.split()
        words[len(words) // 2] = "changed"
        return " ".join(words)
    return passage


def recall(found: list, copies: list[tuple], texts: dict[str, str]) -> float:
    """Share of injected copies found (origin, copy, 80 % of the passage's words)."""
    by_pair: dict[tuple[str, str], list] = {}
    for p in found:
        by_pair.setdefault((p.source_a, p.source_b), []).append(p)
    hits = 0
    for origin, copy, passage in copies:
        need = 0.8 * len(passage.split())
        hits += any(p.origin == origin and p.words >= need
                    for p in by_pair.get((origin, copy), []))
    return hits / len(copies) if copies else float("nan")


def tokenised(texts: dict[str, str]) -> list:
    """The baseline: every text read into words, as each search does first."""
    vocabulary = Vocabulary()
    return [vocabulary.words(t) for t in texts.values()]


def timed(step, *args, **kwargs) -> tuple[float, object]:
    began = time.perf_counter()
    result = step(*args, **kwargs)
    return time.perf_counter() - began, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="best of N rounds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts, published, copies = corpus(Path(tmp))
    rows = []
    for size in args.sizes:
        ids = [f"s{n}" for n in range(size)]
        subset = {i: texts[i] for i in ids}
        dates = {i: published[i] for i in ids}
        injected = [c for c in copies if c[1] in subset]
        mb = sum(len(t.encode()) for t in subset.values()) / 1e6
        base = min(timed(tokenised, subset)[0] for _ in range(args.repeat))
        row = {"sources": size, "mb": mb, "baseline": base, "copies": len(injected)}
        for method in ("exact", "lsh"):
            runs = [timed(find_reuse, subset, published=dates, method=method, min_words=8)
                    for _ in range(args.repeat)]
            seconds, found = min(runs, key=lambda run: run[0])
            row[method] = (seconds, len(found), recall(found, injected, subset))
        rows.append(row)
        print(f"{size} sources done", file=sys.stderr)
    print("| sources | MB | injected copies | read and tokenise s | exact s | ratio | passages "
          "| recall | LSH s | ratio | passages | recall |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cells = [f"{r['sources']:,}", f"{r['mb']:.1f}", str(r["copies"]), f"{r['baseline']:.2f}"]
        for method in ("exact", "lsh"):
            seconds, count, rec = r[method]
            cells += [f"{seconds:.2f}", f"{seconds / r['baseline']:.1f}", f"{count:,}",
                      f"{rec:.0%}"]
        print("| " + " | ".join(cells) + " |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        span = math.log(last["sources"] / first["sources"])
        for method in ("exact", "lsh"):
            slope = math.log(last[method][0] / first[method][0]) / span
            print(f"growth exponent {method} {first['sources']:,} -> {last['sources']:,}: "
                  f"{slope:.2f}")
        base = math.log(last["baseline"] / first["baseline"]) / span
        print(f"growth exponent of the baseline: {base:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
