"""Fact-key suggestions: replay accuracy on the project's ledgers, and speed at scale.

    .venv/bin/python benchmarks/alignment.py [--replay-only | --scale-only] [--keep DIR]

Replay: on each ledger the project has (the bundled seeds: The Week, then The New York
Times; ``tests/fixtures/outlets``: four fictional outlets; the tutorial's fictional outlet
of ``provenance/demo.py`` after both seeds) outlets arrive one at a time. For each outlet
after the first, its claims lose their fact keys (they become candidates) and are matched
against the confirmed claims of the outlets already arrived. Top-1 and top-3 count the
claims whose true key is among the arrived keys; new-fact accuracy counts the others
(``new_fact`` should be true). ``false new`` counts known-key claims called new. Each
signal is also left out in turn (an ablation), to show what it adds.

Scale: a ledger of 1,000,000 confirmed claims over 50,000 fact keys (the generator of
``check_scale.py``, its 100,000 keys folded onto 50,000 of the same kind and unit), of
which 10,000 lose their keys and become candidates. A fresh interpreter times
``pandas.read_csv`` of ``claims.csv`` (the ratio's baseline), ``load_ledger`` and
``suggest_keys`` for the 10,000 candidates, and reads its peak RSS (``VmHWM``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.check_scale import write_ledger  # noqa: E402
from provenance.alignment.suggest import SIGNALS, suggest_keys  # noqa: E402
from provenance.ledger import Ledger, load_ledger  # noqa: E402

SCALE_CLAIMS, SCALE_KEYS, SCALE_CANDIDATES = 1_000_000, 50_000, 10_000


def tutorial_ledger(work: Path) -> Ledger:
    """The bundled ledger with the tutorial's fictional outlet confirmed under its facts."""
    from provenance.dashboard import copy_ledger
    from provenance.demo import confirm_fictional_claims, register_fictional_outlet

    folder = copy_ledger(ROOT, work / "tutorial")
    register_fictional_outlet(folder)
    ledger = load_ledger(folder)
    confirm_fictional_claims(ledger)
    return ledger


def arrivals(ledger: Ledger, first: int = 1):
    """(outlets arrived, arriving outlet) in registry order, from the ``first``-th arrival."""
    order = ledger.sources["source_id"].tolist()
    for i in range(max(first, 1), len(order)):
        yield order[:i], order[i]


def replay_step(ledger: Ledger, arrived: list[str], arriving: str, signals) -> dict[str, int]:
    """Counts of one arrival: known-key claims, top-1, top-3, false new; new facts, found."""
    claims = ledger.claims
    keyed = claims["status"].eq("confirmed") & claims["fact_key"].ne("")
    old = claims[claims["source_id"].isin(arrived)]
    new = claims[claims["source_id"].eq(arriving) & keyed].copy()
    truth = dict(zip(new["claim_id"], new["fact_key"], strict=True))
    new["fact_key"], new["status"] = "", "candidate"
    trial = dataclasses.replace(ledger, claims=pd.concat([old, new]))
    known = set(old.loc[keyed.reindex(old.index), "fact_key"])
    counts = dict.fromkeys(["known", "top1", "top3", "false_new", "new", "new_found"], 0)
    for result in suggest_keys(trial, list(truth), signals=signals):
        true_key, keys = truth[result.claim_id], [s.fact_key for s in result.suggestions]
        if true_key in known:
            counts["known"] += 1
            counts["top1"] += keys[:1] == [true_key]
            counts["top3"] += true_key in keys[:3]
            counts["false_new"] += result.new_fact
        else:
            counts["new"] += 1
            counts["new_found"] += result.new_fact
    return counts


def replay(work: Path) -> None:
    """Print the replay table: each ledger, then all, with every signal left out in turn."""
    ledgers = [("seeds", load_ledger(ROOT), 1),
               ("fixture outlets", load_ledger(ROOT / "tests" / "fixtures" / "outlets"), 1),
               ("tutorial outlet", tutorial_ledger(work), 2)]
    variants = [("all signals", SIGNALS)] + [
        (f"without {s}", tuple(x for x in SIGNALS if x != s)) for s in SIGNALS]
    print("| ledger | signals | known-key claims | top-1 | top-3 | called new wrongly "
          "| new-fact claims | new fact found |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for label, signals in variants:
        total: dict[str, int] = {}
        for name, ledger, first in ledgers:
            counts = dict.fromkeys(["known", "top1", "top3", "false_new", "new", "new_found"], 0)
            for arrived, arriving in arrivals(ledger, first):
                for k, v in replay_step(ledger, arrived, arriving, signals).items():
                    counts[k] += v
            total = {k: total.get(k, 0) + v for k, v in counts.items()}
            if label == "all signals":
                print(_row(name, label, counts))
        print(_row("**all**", label, total), flush=True)


def _row(name: str, label: str, c: dict[str, int]) -> str:
    def share(part: str, whole: str) -> str:
        return f"{c[part]}/{c[whole]} ({c[part] / c[whole]:.0%})" if c[whole] else "-"
    return (f"| {name} | {label} | {c['known']} | {share('top1', 'known')} | "
            f"{share('top3', 'known')} | {share('false_new', 'known')} | {c['new']} | "
            f"{share('new_found', 'new')} |")


def scale_ledger(folder: Path) -> Path:
    """The 1M-claim ledger with 50,000 keys and 10,000 candidates (written once)."""
    if (folder / "claims.csv").exists():
        return folder
    write_ledger(folder, SCALE_CLAIMS, skewed=False)
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    number = claims["fact_key"].str.removeprefix("topic.k").astype(int) % SCALE_KEYS
    claims["fact_key"] = "topic.k" + number.astype(str)
    picked = np.random.default_rng(11).choice(len(claims), SCALE_CANDIDATES, replace=False)
    claims.loc[picked, "fact_key"] = ""
    claims.loc[picked, "status"] = "candidate"
    claims.to_csv(folder / "claims.csv", index=False, lineterminator="\n")
    return folder


MEASURE = r"""
import json, sys, time
import pandas as pd
start = time.perf_counter()
pd.read_csv(f"{sys.argv[1]}/claims.csv")
baseline = time.perf_counter() - start
from provenance.alignment import suggest_keys
from provenance.ledger import load_ledger
start = time.perf_counter()
ledger = load_ledger(sys.argv[1])
loaded = time.perf_counter() - start
start = time.perf_counter()
results = suggest_keys(ledger)
elapsed = time.perf_counter() - start
with open("/proc/self/status") as status:  # VmHWM: this process's peak RSS, in kB
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
print(json.dumps({"read_csv": baseline, "load": loaded, "suggest": elapsed, "rss_mib": rss,
                  "claims": len(ledger.claims), "candidates": len(results),
                  "keys": int(ledger.claims["fact_key"].nunique()) - 1,
                  "new_fact": sum(r.new_fact for r in results)}))
"""


def scale(work: Path) -> None:
    """Print the timing of 10,000 candidates against 1M claims and 50,000 keys."""
    folder = scale_ledger(work / "scale")
    env = {**os.environ, "PROVENANCE_MAX_CSV_MB": "1024"}  # load_ledger reads it exactly
    done = subprocess.run([sys.executable, "-c", MEASURE, str(folder)], capture_output=True,
                          env=env, text=True, check=True, cwd=ROOT)
    m = json.loads(done.stdout.strip().splitlines()[-1])
    print("\n| claims | fact keys | candidates | read_csv s | load_ledger s | suggest_keys s "
          "| ratio to read_csv | peak RSS MiB |\n|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {m['claims']:,} | {m['keys']:,} | {m['candidates']:,} | {m['read_csv']:.2f} | "
          f"{m['load']:.2f} | {m['suggest']:.2f} | {m['suggest'] / m['read_csv']:.1f} | "
          f"{m['rss_mib']:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay-only", action="store_true")
    parser.add_argument("--scale-only", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) generated ledgers here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="alignment_"))
    work.mkdir(parents=True, exist_ok=True)
    if not args.scale_only:
        replay(work)
    if not args.replay_only:
        scale(work)


if __name__ == "__main__":
    main()
