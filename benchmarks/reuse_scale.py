"""How `provenance reuse` scales: 10k to 40k sources (or any sizes given).

    .venv/bin/python benchmarks/reuse_scale.py [--sizes 10000 20000 40000]

Each size has its own corpus, shaped like the check benchmark's 10k-source one
(``check_scale.write_ledger`` with N sources and 3N templated claim lines, about ten
claims per fact key, so the templated lines sources share grow with N as the corpus does),
each text followed by fictional prose of a few hundred words drawn from a seeded Zipf
vocabulary, so that texts differ as articles do. Known copies are injected: one source
in twenty quotes a passage of 12 to 40 words from an earlier one, unchanged, with curly
quotes and dashes, or with a word changed (near-verbatim).

Each step runs in a fresh interpreter that loads the corpus, then measures wall time,
CPU time (user + system: the machine's two cores are shared, so wall time drifts with
the load) and the peak RSS of the step alone (``VmHWM``, reset once the corpus is
loaded). The baseline is reading and tokenising every text
(:class:`provenance.reuse.shingles.Vocabulary`), which every search does first. The
search runs with ``--min-words 8``. "injected" is the share of injected copies found as
a passage with the right origin covering at least 80 % of the injected words. The growth
exponent is the slope of log(CPU time) over log(sources).

Commit 20fcb54 of this script also measured MinHash LSH (datasketch) on the same
corpora, with its share of the exact join's passages; docs/performance.md has the
figures, which are why the search has no LSH path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_scale import write_ledger  # noqa: E402

VOCABULARY = 4000
PROSE_WORDS = (250, 600)
COPY_SHARE = 20  # one source in this many quotes an earlier one
CLAIMS_PER_SOURCE = 3
STEPS = ("tokenise", "search")


def corpus(folder: Path, sources: int, seed: int = 11) -> dict:
    """Texts by source id, publication dates, and the injected copies
    ``[origin, copy, passage]``, as JSON-ready lists."""
    write_ledger(folder, CLAIMS_PER_SOURCE * sources, skewed=False, sources=sources)
    rng = np.random.default_rng(seed)
    words = np.array([f"w{n}" for n in range(VOCABULARY)])
    weights = 1.0 / np.arange(1, VOCABULARY + 1)
    weights /= weights.sum()
    texts, published, copies = {}, {}, []
    for number in range(sources):
        sid = f"s{number}"
        count = int(rng.integers(*PROSE_WORDS))
        prose = " ".join(words[rng.choice(VOCABULARY, count, p=weights)])
        text = (folder / "sources" / f"{sid}.txt").read_text(encoding="utf-8") + prose + ".\n"
        published[sid] = (dt.date(2024, 1, 1) + dt.timedelta(days=number)).isoformat()
        if number and number % COPY_SHARE == 0:
            origin = f"s{int(rng.integers(0, number))}"
            source_words = texts[origin].split()
            length = int(rng.integers(12, 41))
            first = int(rng.integers(0, max(len(source_words) - length, 1)))
            passage = " ".join(source_words[first:first + length])
            shown = _varied(passage, int(rng.integers(0, 3)), rng)
            text += f'They wrote: "{shown}" and more.\n'
            copies.append([origin, sid, passage])
        texts[sid] = text
    return {"texts": texts, "published": published, "copies": copies}


def _varied(passage: str, how: int, rng: np.random.Generator) -> str:
    """The passage as copied: unchanged, with curly quotes and dashes, or a word changed."""
    if how == 1:
        return passage.replace("'", "’").replace("-", "–")
    if how == 2:
        words = passage.split()
        words[len(words) // 2] = "changed"
        return " ".join(words)
    return passage


def recall(found: list, copies: list) -> float:
    """Share of injected copies found (origin, copy, 80 % of the passage's words)."""
    by_pair: dict[tuple[str, str], list] = {}
    for p in found:
        by_pair.setdefault((p.source_a, p.source_b), []).append(p)
    hits = sum(any(p.origin == origin and p.words >= 0.8 * len(passage.split())
                   for p in by_pair.get((origin, copy), []))
               for origin, copy, passage in copies)
    return hits / len(copies) if copies else float("nan")


def _peak_mib() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def step(name: str, corpus_file: Path) -> dict:
    """One measured step in this interpreter: ``tokenise`` or ``search``."""
    from provenance.reuse import find_reuse
    from provenance.reuse.shingles import Vocabulary

    data = json.loads(corpus_file.read_text(encoding="utf-8"))
    texts = data["texts"]
    published = {k: dt.date.fromisoformat(v) for k, v in data["published"].items()}
    loaded = _peak_mib()
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM restarts from the current RSS
    wall, cpu = time.perf_counter(), _cpu()
    if name == "tokenise":
        vocabulary = Vocabulary()
        found = [vocabulary.words(t) for t in texts.values()]
    else:
        found = find_reuse(texts, published=published, min_words=8)
    result = {"wall": time.perf_counter() - wall, "cpu": _cpu() - cpu,
              "peak": _peak_mib(), "loaded": loaded}
    if name == "search":
        result |= {"passages": len(found), "injected": recall(found, data["copies"])}
    return result


def fresh(name: str, corpus_file: Path) -> dict:
    """:func:`step` in a new interpreter; the JSON it prints."""
    done = subprocess.run([sys.executable, __file__, "--step", name, str(corpus_file)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: int, work: Path) -> dict:
    """Every step over a fresh corpus of ``size`` sources."""
    corpus_file = work / f"corpus-{size}.json"
    data = corpus(work / f"ledger-{size}", size)
    corpus_file.write_text(json.dumps(data), encoding="utf-8")
    row = {"sources": size, "copies": len(data["copies"]),
           "mb": sum(len(t.encode()) for t in data["texts"].values()) / 1e6}
    del data
    for name in STEPS:
        row[name] = fresh(name, corpus_file)
        print(f"{size:,} sources, {name}: {row[name]}", file=sys.stderr, flush=True)
    return row


def table(rows: list[dict]) -> list[str]:
    """The Markdown table and growth exponents of the measured rows."""
    lines = ["| sources | MB | injected copies | tokenise s (CPU s) | search s (CPU s) "
             "| CPU ratio | peak MiB | passages | injected |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        base, search = r["tokenise"], r["search"]
        cells = [f"{r['sources']:,}", f"{r['mb']:.1f}", str(r["copies"]),
                 f"{base['wall']:.1f} ({base['cpu']:.1f})",
                 f"{search['wall']:.1f} ({search['cpu']:.1f})",
                 f"{search['cpu'] / base['cpu']:.1f}", f"{search['peak']:,.0f}",
                 f"{search['passages']:,}", f"{search['injected']:.1%}"]
        lines.append("| " + " | ".join(cells) + " |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        span = math.log(last["sources"] / first["sources"])
        slopes = ", ".join(
            f"{name} {math.log(last[name]['cpu'] / first[name]['cpu']) / span:.2f}"
            for name in STEPS)
        lines.append(f"\ngrowth exponent of CPU time {first['sources']:,} -> "
                     f"{last['sources']:,}: {slopes}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--step", nargs=2, metavar=("NAME", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step[0], Path(args.step[1]))))
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            rows.append(measure(size, Path(tmp)))
            print("\n".join(table(rows)), file=sys.stderr, flush=True)
    print("\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
