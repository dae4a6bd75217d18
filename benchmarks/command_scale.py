"""Every command at scale: 10k, 100k and 1M claims over 10k sources, each command timed in
fresh processes against ``pandas.read_csv`` of the same file in the same run.

    .venv/bin/python benchmarks/command_scale.py [--sizes 10000 100000 1000000] [--repeat N]
        [--keep DIR] [--no-skewed] [--commands validate fill ...]

The ledgers are built by ``check_scale.write_ledger`` at every size (uniform, and skewed: half the
claims on 1 % of the fact keys). From each filled ledger the run derives:

* a **quote-only** ledger for ``fill``: claim_id, source_id, fact_key and quote only (values
  and offsets empty). Claims whose quote occurs more than once in its source are left out
  (``fill`` cannot place them without a hint; about 1 % at 1M);
* for ``fill-new`` (a person's day: ``fill`` after adding a few claims to a large ledger),
  the filled ledger in canonical order with 100 new claims at its end: copies of claims
  spread over the ledger under new claim ids, offsets kept, kind and value cells empty.
  ``fill`` values them and sorts them into place;
* ``add-claim`` types one claim into the filled ledger: the quote and start of its first
  claim, under a new fact key;
* a copy with 1 % of the claims' fact keys cleared (status ``candidate``) for
  ``suggest-keys``;
* a copy with 10 % of the source texts edited (a sentence put first) for ``reanchor``;
* a copy with an empty claims.csv for ``extract --ledger``, which then extracts every
  source; the extractor's own throughput over the same texts (``extract`` in one process,
  no ledger) is measured beside it. These synthetic texts hold a figure or a date every
  58 bytes; news text about one every 419 (the bundled seed articles). So ``extract`` is
  measured a second time, on a **news-density** ledger: the repository's bundled articles
  (``sources/``) copied as many times as make the same number of bytes (its row says
  ``news text``), again beside the extractor alone over those texts.

Each command runs as ``python -m provenance.cli ...`` in a fresh process (the writing ones
on a fresh copy); its wall time, CPU time (``os.wait4``) and peak RSS are recorded. The peak
is the child's ``VmHWM``, read from ``/proc`` every 20 ms while it runs (``ru_maxrss`` would
report at least this script's own RSS, which holds the generated ledger: Linux keeps a
process's high-water mark from before its ``exec``). The ratio is the command's wall time
over the wall time of ``pandas.read_csv`` of the claims.csv it reads, run in its own fresh
process just before (pandas 3.1 reads a large file in parallel threads). ``--repeat N`` runs
each N times and shows the median wall time with the spread (min-max). The growth exponent
is the slope of log(time) over log(claims) from the smallest to the largest uniform ledger
(n log n from 10k to 1M is about 1.09). Progress goes to stderr, one line a step.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bytecode import compile_package  # noqa: E402
from check_scale import write_ledger  # noqa: E402

from provenance.schema import VALUE_COLUMNS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["validate", "fill", "fill-new", "add-claim", "extract", "reanchor", "export",
            "suggest-keys"]
NEW_CLAIMS = 100  # claims added to the filled ledger for ``fill-new``

READ_CSV = r"""
import json, sys, time
import pandas as pd
start = time.perf_counter()
pd.read_csv(sys.argv[1])
print(json.dumps(time.perf_counter() - start))
"""
EXTRACTOR = r"""
import json, sys, time
from pathlib import Path
from provenance.ledger import load_ledger
from provenance.extract import extract

ledger = load_ledger(sys.argv[1])
start, cpu, size = time.perf_counter(), time.process_time(), 0
for source_id, text in ledger.texts.items():
    extract(text, ledger.published(source_id))
    size += len(text.encode())
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "mb": size / 1e6}))
"""


def say(message: str) -> None:
    """A progress line on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def high_water(pid: int) -> float:
    """Peak RSS so far (MiB) of a running process, 0 once it is gone."""
    try:
        with Path(f"/proc/{pid}/status").open() as status:
            return next(int(line.split()[1]) for line in status
                        if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return 0.0


def run(argv: list[str]) -> dict:
    """Run ``argv`` in a fresh process: wall and CPU seconds, peak RSS (MiB, its
    ``VmHWM`` polled while it runs), exit code, stdout and stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        began = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env, text=True)
        peak = 0.0
        while True:
            done, status, usage = os.wait4(child.pid, os.WNOHANG)
            if done:
                break
            peak = max(peak, high_water(child.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                "rss": peak, "out": out.read(), "err": err.read(),
                "code": child.returncode}


def python(*args: str | Path) -> list[str]:
    return [sys.executable, *map(str, args)]


def read_csv_seconds(path: Path) -> float:
    """``pandas.read_csv`` of ``path`` in a fresh interpreter."""
    return json.loads(run(python("-c", READ_CSV, path))["out"].strip().splitlines()[-1])


def copy_ledger(folder: Path, target: Path) -> Path:
    """A copy of a ledger folder whose source files are hard links (never written)."""
    if target.exists():
        shutil.rmtree(target)
    (target / "sources").mkdir(parents=True)
    for item in (folder / "sources").iterdir():
        os.link(item, target / "sources" / item.name)
    shutil.copy(folder / "claims.csv", target / "claims.csv")
    return target


def derived(folder: Path, work: Path) -> dict[str, Path]:
    """The quote-only, suggest-keys, reanchor and extract ledgers made from ``folder``."""
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    texts: dict[str, str] = {}
    for sid in claims["source_id"].unique():
        texts[sid] = (folder / "sources" / f"{sid}.txt").read_text(encoding="utf-8")
    out = {name: copy_ledger(folder, work / name)
           for name in ("quotes", "added", "suggest", "reanchor", "extract")}

    def once(sid: str, quote: str) -> bool:
        text = texts[sid]
        at = text.find(quote)
        return at != -1 and text.find(quote, at + 1) == -1

    keep = [once(s, q) for s, q in zip(claims["source_id"], claims["quote"], strict=True)]
    claims[keep][["claim_id", "source_id", "fact_key", "quote"]].to_csv(
        out["quotes"] / "claims.csv", index=False, lineterminator="\n")
    with_new_claims(claims, folder).to_csv(out["added"] / "claims.csv", index=False,
                                           lineterminator="\n")
    pending = claims.copy()
    cleared = pending.index % 100 == 0
    pending.loc[cleared, "fact_key"] = ""
    pending.loc[cleared, "status"] = "candidate"
    pending.to_csv(out["suggest"] / "claims.csv", index=False, lineterminator="\n")
    for number, sid in enumerate(sorted(texts)):
        if number % 10 == 0:  # a new file, not the hard link's target
            path = out["reanchor"] / "sources" / f"{sid}.txt"
            path.unlink()
            path.write_text("Editor's note: this story was updated.\n" + texts[sid],
                            encoding="utf-8")
    claims.head(0).to_csv(out["extract"] / "claims.csv", index=False, lineterminator="\n")
    news = news_ledger(work / "news", text_bytes(out["extract"]))
    return {"filled": folder, **out, "news": news}


def with_new_claims(claims: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """``claims`` in canonical order (source in registry order, start, claim id), then
    ``NEW_CLAIMS`` copies of claims spread over them with new ids and no value."""
    registry = pd.read_csv(folder / "sources" / "sources.csv", dtype=str,
                           keep_default_na=False)
    order = dict(zip(registry["source_id"], range(len(registry)), strict=True))
    keys = pd.DataFrame({"source": claims["source_id"].map(order),
                         "start": claims["start"].astype(int), "claim": claims["claim_id"]})
    canonical = claims.loc[keys.sort_values(["source", "start", "claim"], kind="stable").index]
    new = claims.iloc[:: max(1, len(claims) // NEW_CLAIMS)].head(NEW_CLAIMS).copy()
    new["claim_id"] += "-new"
    new[["kind", *VALUE_COLUMNS]] = ""
    return pd.concat([canonical, new])


def command_argv(command: str, ledger: Path, scratch: Path) -> list[str]:
    """The CLI call of one command on ``ledger``."""
    cli = ["-m", "provenance.cli"]
    if command == "export":
        return python(*cli, "export", "--ledger", ledger, "--spreadsheet-safe",
                      "--output", scratch / "export.csv")
    if command == "extract":
        return python(*cli, "extract", "--ledger", ledger)
    if command == "fill-new":
        return python(*cli, "fill", "--ledger", ledger)
    if command == "add-claim":
        with (ledger / "claims.csv").open(newline="", encoding="utf-8") as handle:
            first = next(csv.DictReader(handle))
        return python(*cli, "add-claim", "--ledger", ledger, "--source", first["source_id"],
                      "--quote", first["quote"], "--start", first["start"],
                      "--fact-key", "benchmark.typed")
    return python(*cli, command, "--ledger", ledger)


def news_ledger(target: Path, size: int) -> Path:
    """A ledger without claims whose sources are the bundled news articles (``sources/``
    of this repository) copied until they make ``size`` bytes of text."""
    if target.exists():
        shutil.rmtree(target)
    (target / "sources").mkdir(parents=True)
    registry = pd.read_csv(ROOT / "sources" / "sources.csv", dtype=str, keep_default_na=False)
    rows, total, copy = [], 0, 0
    while total < size:
        for row in registry.to_dict("records"):
            name = f"n{copy}-{row['path']}"
            shutil.copy(ROOT / "sources" / row["path"], target / "sources" / name)
            rows.append({**row, "source_id": f"n{copy}-{row['source_id']}", "path": name})
            total += (ROOT / "sources" / row["path"]).stat().st_size
        copy += 1
    pd.DataFrame(rows).to_csv(target / "sources" / "sources.csv", index=False,
                              lineterminator="\n")
    (target / "claims.csv").write_text(
        (ROOT / "claims.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8")
    return target


def text_bytes(ledger: Path) -> int:
    """The bytes of a ledger's source texts (every file of ``sources/`` but the registry)."""
    return sum(path.stat().st_size for path in (ledger / "sources").iterdir()
               if path.name != "sources.csv")


LEDGER_OF = {"validate": "filled", "fill": "quotes", "fill-new": "added", "add-claim": "filled",
             "extract": "extract", "reanchor": "reanchor", "export": "filled",
             "suggest-keys": "suggest"}
WRITES = {"fill", "fill-new", "add-claim", "extract", "reanchor"}


def measure(command: str, ledgers: dict[str, Path], scratch: Path, repeat: int) -> dict:
    """``repeat`` fresh runs of ``command`` and of read_csv on its claims.csv."""
    source = ledgers[LEDGER_OF[command]]
    runs = []
    for _ in range(repeat):
        baseline = read_csv_seconds(source / "claims.csv")
        ledger = copy_ledger(source, scratch / "run") if command in WRITES else source
        done = run(command_argv(command, ledger, scratch))
        if done["code"] not in (0, 1):
            raise SystemExit(f"{command} failed ({done['code']}): {done['err'][-2000:]}")
        runs.append({**done, "read_csv": baseline})
        say(f"  {command}: {done['wall']:.1f} s (read_csv {baseline:.2f} s), exit "
            f"{done['code']}: {(done['out'].strip().splitlines() or [''])[-1][:100]}")
    walls = sorted(r["wall"] for r in runs)
    middle = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
    return {"wall": statistics.median(walls), "low": walls[0], "high": walls[-1],
            "cpu": middle["cpu"], "rss": max(r["rss"] for r in runs),
            "read_csv": statistics.median(r["read_csv"] for r in runs),
            "code": middle["code"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-skewed", action="store_true", help="skip the skewed ledger")
    parser.add_argument("--keep", type=Path, help="build (and keep) the ledgers here")
    parser.add_argument("--repeat", type=int, default=1, help="fresh runs per command")
    parser.add_argument("--commands", nargs="+", default=COMMANDS, choices=COMMANDS)
    args = parser.parse_args()
    compile_package()
    work = args.keep or Path(tempfile.mkdtemp(prefix="command_scale_"))
    shapes = (False,) if args.no_skewed else (False, True)
    cases = [(n, skewed) for n in sorted(args.sizes) for skewed in shapes]
    print("| claims | ledger | command | s (min-max) | read_csv s | ratio | CPU s "
          "| peak RSS MiB | exit | note |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---|", flush=True)
    times: dict[tuple[str, str], dict[int, tuple[float, float]]] = {}
    for n, skewed in cases:
        name = f"{n}{'-skewed' if skewed else ''}"
        folder = work / name / "filled"
        if not (folder / "claims.csv").exists():
            say(f"building {name}")
            write_ledger(folder, n, skewed)
        ledgers = derived(folder, work / name)
        os.sync()
        say(f"{name}: ledgers ready")
        for command in args.commands:
            shape = "skewed" if skewed else "uniform"
            for text in ("synthetic", "news") if command == "extract" else ("synthetic",):
                on = ledgers if text == "synthetic" else {**ledgers, "extract": ledgers["news"]}
                m = measure(command, on, work / name, args.repeat)
                note = ""
                if command == "extract":
                    own = json.loads(run(python("-c", EXTRACTOR, on["extract"]))["out"]
                                     .strip().splitlines()[-1])
                    mb = own["mb"]
                    note = (f"{mb / m['wall']:.2f} MB/s ({mb / m['cpu']:.2f} per CPU s); "
                            f"extractor alone {mb / own['seconds']:.2f} MB/s "
                            f"({mb / own['cpu']:.2f} per CPU s); {mb:.1f} MB of {text} text")
                if text == "synthetic":
                    times.setdefault((command, shape), {})[n] = (m["wall"], m["cpu"])
                label = shape if text == "synthetic" else f"{shape}, news text"
                print(f"| {n:,} | {label} | {command} | {m['wall']:.1f} ({m['low']:.1f}-"
                      f"{m['high']:.1f}) | {m['read_csv']:.2f} | "
                      f"{m['wall'] / m['read_csv']:.1f} | {m['cpu']:.1f} | {m['rss']:.0f} "
                      f"| {m['code']} | {note} |", flush=True)
    lines = []
    for (command, shape), by_size in times.items():
        if len(by_size) >= 2:
            lo, hi = min(by_size), max(by_size)
            wall, cpu = (math.log(by_size[hi][i] / by_size[lo][i]) / math.log(hi / lo)
                         for i in (0, 1))
            lines.append(f"- {command}, {shape}: {wall:.2f} wall, {cpu:.2f} CPU")
    if lines:
        lo, hi = min(args.sizes), max(args.sizes)
        nlogn = 1 + math.log(math.log(hi) / math.log(lo)) / math.log(hi / lo)
        print(f"\ngrowth exponent {lo:,} -> {hi:,} (n log n: {nlogn:.2f}):")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
