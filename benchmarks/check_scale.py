"""How `provenance check` scales: 10k, 100k and 1M filled claims over 10k sources.

    .venv/bin/python benchmarks/check_scale.py [--sizes 10000 100000 1000000] [--keep DIR]

Each ledger is synthetic: 10k fictional sources whose texts are made of the claims'
quotes (some spanning a newline), 60 % quantities, 20 % durations, 20 % dates, values
that mostly agree within a fact key plus a few outliers. Rows are shaped like real ones:
quotes carry a few words of context, most claims name who is quoted, some have a note,
about 155 bytes a row (the bundled ledger averages 204; ``--thin`` leaves attribution,
notes and context out, about 109 bytes a row). Besides the uniform ledgers (about 10
claims per fact key) a skewed one puts half the claims into 1 % of the fact keys.

For every ledger a fresh interpreter times a plain ``pandas.read_csv`` of its
``claims.csv`` (the ratio's baseline; pandas 3.1 parses a large file in parallel threads
when it can split it), another the same read in one thread (``mode.max_threads=1``, the
reader of earlier pandas), and another one times the whole check (load, span integrity,
all suites, report; imports are timed apart), under the command's process settings
(``provenance/check/engines/pandas/process_settings.py``), and reads the check's peak RSS from
``VmHWM`` (``ru_maxrss`` would also count this script's RSS at the fork). The check's
steps are timed too, by wrapping the functions ``run_check`` calls: loading, building the
batch, GX's validation, the listing of pairs and their messages, each in a worker thread
beside GX (so the steps add up to more than the whole), and the report, written under the
same settings as the command writes it.
``--repeat N`` runs N such rounds and shows the one with the median ratio, since this
machine's timings are noisy.
The growth exponent is the slope of log(check time) over log(claims); n log n from 10k to
1M is about 1.09.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from bytecode import compile_package

SOURCES = 10_000
UNITS = ["troops", "mile", "kilometer", "percent"]
CONTEXT = [" along the front line", " near the border", " since the summer",
           " according to the ministry", " in the region", " last month"]
SPEAKERS = ["U.S. officials", "the Pentagon", "Ukraine's general staff",
            "a senior administration official", "Russian state media", "local authorities"]
NOTES = ["figure rounded in the headline", "attributed to unnamed officials",
         "same figure as the wire report", "resolved against the publication date"]


def _fact_keys(n: int, skewed: bool, rng: np.random.Generator) -> np.ndarray:
    keys = max(n // 10, 10)
    if not skewed:
        return rng.integers(0, keys, n)
    hot = max(keys // 100, 1)
    return np.where(rng.random(n) < 0.5, rng.integers(0, hot, n), rng.integers(hot, keys, n))


def _words(options: list[str], share: float, n: int, rng: np.random.Generator) -> np.ndarray:
    """One of ``options`` for a ``share`` of ``n`` rows, empty for the rest."""
    return np.where(rng.random(n) < share, np.array(options)[rng.integers(0, len(options), n)],
                    "")


def _claims(n: int, skewed: bool, rng: np.random.Generator, thin: bool,
            sources: int) -> pd.DataFrame:
    """Filled claims; quotes are written from the values (exact figures, ≈ hedges, dates)."""
    key = _fact_keys(n, skewed, rng)
    kind = np.array(["quantity", "duration", "date"])[key % 5 // 3 + (key % 5 == 4)]
    base = 1000.0 + (key * 7919 % 90_000)
    outlier = rng.random(n) < 0.002
    approx = rng.random(n) < 0.5
    jitter = np.where(approx, rng.uniform(0.97, 1.03, n), 1.0)
    value = np.round(np.where(outlier, base * 3.7, base * jitter))
    day = pd.Timestamp("2024-01-01") + pd.to_timedelta(key % 300 + outlier * 9, unit="D")
    dates = day.strftime("%Y-%m-%d").to_numpy()
    unit = np.array(UNITS)[key % len(UNITS)]
    numbers = pd.Series(value).map("{:,.0f}".format).to_numpy()
    qualifier = np.where(approx, "approx", "exact")
    low = np.where(approx, value * 0.9, value)
    high = np.where(approx, value * 1.1, value)
    is_date = kind == "date"
    noun = np.where(kind == "duration", "days", unit)
    quote = np.where(approx, "about ", "") + numbers + np.where(rng.random(n) < 0.01, "\n", " ")
    quote = np.where(is_date, "on " + dates, quote + noun)
    if not thin:
        quote = quote + _words(CONTEXT, 1.0, n, rng)
    fmt = np.vectorize(lambda x: f"{x:g}")
    return pd.DataFrame({
        "claim_id": [f"c{i}" for i in range(n)],
        "source_id": [f"s{j}" for j in rng.integers(0, sources, n)],
        "fact_key": [f"topic.k{k}" for k in key],
        "kind": kind, "quote": quote, "start": "", "end": "",
        "attributed_to": "" if thin else _words(SPEAKERS, 0.7, n, rng),
        "status": "confirmed", "note": "" if thin else _words(NOTES, 0.3, n, rng),
        "qualifier": np.where(is_date, "exact", qualifier),
        "value": np.where(is_date, "", fmt(value)),
        "low": np.where(is_date, "", fmt(low)), "high": np.where(is_date, "", fmt(high)),
        "unit": np.where(is_date, "", np.where(kind == "duration", "day", unit)),
        "date_low": np.where(is_date, dates, ""), "date_high": np.where(is_date, dates, ""),
        "ambiguous": "",
    })


def write_ledger(folder: Path, n: int, skewed: bool, thin: bool = False, seed: int = 7,
                 sources: int = SOURCES) -> Path:
    """A synthetic ledger folder of ``sources`` texts built from the quotes, offsets and
    sha256 filled."""
    rng = np.random.default_rng(seed)
    claims = _claims(n, skewed, rng, thin, sources)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    starts = np.zeros(n, dtype=np.int64)
    groups = claims.groupby("source_id", sort=False).indices
    quotes = claims["quote"].tolist()
    rows = []
    for number, sid in enumerate(f"s{j}" for j in range(sources)):
        parts, offset = [], 0
        for index in groups.get(sid, []):
            prefix = f"Paragraph {offset}. Officials said "
            starts[index] = offset + len(prefix)
            piece = f"{prefix}{quotes[index]} on the record.\n"
            parts.append(piece)
            offset += len(piece)
        data = "".join(parts).encode()
        (folder / "sources" / f"{sid}.txt").write_bytes(data)
        published = (dt.date(2024, 11, 1) + dt.timedelta(days=number % 60)).isoformat()
        rows.append([sid, f"Fictional Outlet {number}", published, "date line", f"{sid}.txt",
                     "", "", "", hashlib.sha256(data).hexdigest()])
    claims["start"] = starts.astype(str)
    claims["end"] = (starts + claims["quote"].str.len().to_numpy()).astype(str)
    with (folder / "sources" / "sources.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["source_id", "outlet", "published", "published_note", "path", "title",
                      "byline", "url", "sha256"])
        out.writerows(rows)
    claims.to_csv(folder / "claims.csv", index=False, lineterminator="\n")
    return folder


READ_CSV = r"""
import json, sys, time
import pandas as pd
start = time.perf_counter()
pd.read_csv(f"{sys.argv[1]}/claims.csv")
print(json.dumps({"read_csv": time.perf_counter() - start}))
"""
SERIAL_READ_CSV = READ_CSV.replace("import pandas as pd", """import pandas as pd
try:  # pandas 3.1 parses large files in parallel threads; one thread reads as before
    pd.set_option("mode.max_threads", 1)
except KeyError:
    pass""").replace('"read_csv"', '"serial"')
CHECK = r"""
import json, sys, time
from provenance.check.engines.pandas import process_settings

start = time.perf_counter()
with process_settings.importing():  # the command's own settings, as `provenance check`
    import provenance.check.engines.pandas.run as check
    from provenance.check.report import render
imported = time.perf_counter() - start
stages = dict.fromkeys(["load", "build_batch", "validate", "_listed", "_pair_rows", "render"],
                       0.0)


def timed(name, step):
    def run(*args, **kwargs):
        began = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            stages[name] += time.perf_counter() - began
    return run


for name in ("build_batch", "validate", "_listed", "_pair_rows"):  # seen from run_check
    setattr(check, name, timed(name, getattr(check, name)))
t = time.perf_counter()
with process_settings.checking():  # as the command, until the report is written
    ledger = timed("load", check.load_for_check)(sys.argv[1])
    result = check.run_check(ledger)
    report = timed("render", render)(result)
elapsed = time.perf_counter() - t
with open("/proc/self/status") as status:  # VmHWM: this process's peak RSS, in kB
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
print(json.dumps({"import": imported, "check": elapsed, "rss_mib": rss, "stages": stages,
                  "conflicts": int(result.counts["cross_pairs"].sum()),
                  "report_lines": report.count("\n")}))
"""
STAGES = ["load", "build_batch", "validate", "_listed", "_pair_rows", "render"]


def fresh(script: str, *args: str | Path) -> dict:
    """Run ``script`` with ``args`` in a new interpreter; the JSON it prints last."""
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(folder: Path, repeat: int) -> dict:
    """``repeat`` rounds of read_csv and the check, each in its own fresh interpreter: the
    round with the median ratio, and the largest peak RSS of the check's processes."""
    runs = [{**fresh(READ_CSV, folder), **fresh(SERIAL_READ_CSV, folder),
             **fresh(CHECK, folder)} for _ in range(repeat)]
    runs.sort(key=lambda run: run["check"] / run["read_csv"])
    return {**runs[len(runs) // 2], "rss_mib": max(run["rss_mib"] for run in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-skewed", action="store_true", help="skip the skewed ledger")
    parser.add_argument("--keep", type=Path, help="keep the generated ledgers in this folder")
    parser.add_argument("--thin", action="store_true",
                        help="rows without attribution, notes or quote context")
    parser.add_argument("--repeat", type=int, default=1, help="fresh runs per ledger")
    args = parser.parse_args()
    compile_package()
    work = args.keep or Path(tempfile.mkdtemp(prefix="check_scale_"))
    cases = [(n, False) for n in args.sizes]
    if not args.no_skewed:
        cases.append((max(args.sizes), True))
    print("| claims | ledger | MB | read_csv s | check s | ratio | peak RSS MiB | pairs "
          "| import s | read_csv, 1 thread s | ratio to it |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    times, steps = {}, []
    for n, skewed in cases:
        name = f"{n}{'-skewed' if skewed else ''}{'-thin' if args.thin else ''}"
        folder = write_ledger(work / name, n, skewed, args.thin)
        os.sync()  # measure reading a ledger at rest, not the writeback of a fresh one
        size = (folder / "claims.csv").stat().st_size / 1e6
        m = measure(folder, args.repeat)
        if not skewed:
            times[n] = m["check"]
        shape = ("skewed" if skewed else "uniform") + (", thin" if args.thin else "")
        print(f"| {n:,} | {shape} | {size:.0f} | "
              f"{m['read_csv']:.2f} | {m['check']:.2f} | {m['check'] / m['read_csv']:.1f} | "
              f"{m['rss_mib']:.0f} | {m['conflicts']:,} | {m['import']:.1f} | "
              f"{m['serial']:.2f} | {m['check'] / m['serial']:.1f} |", flush=True)
        steps.append(f"| {n:,} | {shape} | "
                     + " | ".join(f"{m['stages'][step]:.2f}" for step in STAGES) + " |")
    print("\nSteps of the same runs, in seconds (the pairs and their messages are made in"
          " worker threads beside GX):\n\n| claims | ledger | load | build batch | GX validate"
          " | pairs | messages | report |\n|---:|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(steps))
    if len(times) >= 2:
        lo, hi = min(times), max(times)
        slope = math.log(times[hi] / times[lo]) / math.log(hi / lo)
        nlogn = 1 + math.log(math.log(hi) / math.log(lo)) / math.log(hi / lo)
        print(f"\ngrowth exponent {lo:,} -> {hi:,}: {slope:.2f} (n log n: {nlogn:.2f})")


if __name__ == "__main__":
    main()
