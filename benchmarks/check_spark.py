"""The Spark engine beside the pandas engine: wall time and the peak RSS of every process.

    .venv/bin/python benchmarks/check_spark.py [--sizes 1000000 10000000] [--keep DIR]
        [--driver-memory 2g] [--pandas-limit-gb 12]

Each ledger is ``check_scale.py``'s synthetic one (uniform, about 10 claims per fact key)
with one source per 100 claims (10k sources at 1M claims, 100k at 10M). Both engines run
the bundled suites in a fresh interpreter: Spark on ``local[2]`` with the driver JVM
limited to ``--driver-memory`` (the executors of ``local`` live in the driver), pandas
under an address-space limit of ``--pandas-limit-gb`` (so a ledger it cannot hold ends
in a MemoryError, reported as such, not in the machine swapping). While a check runs,
this script reads ``VmHWM`` (peak RSS) of the check's process and every process under it
(the Python driver, the JVM, Python workers) from ``/proc`` every 0.2 s; the table shows
each and their sum.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import check_scale  # noqa: E402  (the generator of the pandas benchmark)

SPARK = r"""
import json, sys, time
start = time.perf_counter()
from provenance.check.engines.spark.session import spark_session
spark_session("local[2]", {"spark.driver.memory": sys.argv[2],
                           "spark.sql.shuffle.partitions": "8"})
from provenance.check.engines.spark.run import run_check_spark
result = run_check_spark(sys.argv[1], master="local[2]")
print(json.dumps({"seconds": time.perf_counter() - start, "success": result.success,
                  "pairs": int(result.counts["cross_pairs"].sum())}))
"""
PANDAS = r"""
import json, sys, time
start = time.perf_counter()
from provenance.check import load_for_check, run_check
try:
    result = run_check(load_for_check(sys.argv[1]))
except MemoryError:
    print(json.dumps({"seconds": time.perf_counter() - start, "error": "MemoryError"}))
else:
    print(json.dumps({"seconds": time.perf_counter() - start, "success": result.success,
                      "pairs": int(result.counts["cross_pairs"].sum())}))
"""


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    found = [int(p) for p in text.split()]
    return found + [c for p in found for c in _children(p)]


def _peak(pid: int) -> tuple[str, int] | None:
    """A process's name and VmHWM in kB (None once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status if ":" in line)
    if "VmHWM" not in fields:
        return None
    return fields["Name"].strip(), int(fields["VmHWM"].split()[0])


def watched(script: str, args: list[str], limit_bytes: int | None = None) -> dict:
    """Run ``script``; its JSON, and the peak RSS (MiB) of each process of its tree."""
    def limited() -> None:
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, preexec_fn=limited)
    peaks: dict[int, tuple[str, int]] = {}
    while proc.poll() is None:
        for pid in [proc.pid, *_children(proc.pid)]:
            seen = _peak(pid)
            if seen:
                peaks[pid] = (seen[0], max(seen[1], peaks.get(pid, ("", 0))[1]))
        time.sleep(0.2)
    out = proc.stdout.read().strip().splitlines()
    result = json.loads(out[-1]) if out else {"error": f"exit code {proc.returncode}"}
    by_name: dict[str, float] = {}
    for name, kb in peaks.values():
        by_name[name] = by_name.get(name, 0) + kb / 1024
    return {**result, "wall": time.perf_counter() - began, "rss": by_name}


def _rss(found: dict) -> str:
    parts = ", ".join(f"{name} {mib:.0f}" for name, mib in sorted(found["rss"].items()))
    return f"{sum(found['rss'].values()):.0f} ({parts})"


def _outcome(found: dict) -> str:
    return found.get("error") or f"{found['pairs']:,} pairs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--keep", type=Path, help="keep the generated ledgers in this folder")
    parser.add_argument("--driver-memory", default="2g")
    parser.add_argument("--pandas-limit-gb", type=float, default=12.0)
    parser.add_argument("--no-pandas", action="store_true")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="check_spark_"))
    print("| claims | sources | engine | wall s | peak RSS MiB (sum: per process) | found |")
    print("|---:|---:|---|---:|---|---|")
    for n in args.sizes:
        check_scale.SOURCES = max(n // 100, 1)
        folder = work / str(n)
        if not (folder / "claims.csv").is_file():
            check_scale.write_ledger(folder, n, skewed=False)
        os.sync()
        runs = [("spark local[2]", watched(SPARK, [str(folder), args.driver_memory]))]
        if not args.no_pandas:
            limit = int(args.pandas_limit_gb * 2**30)
            runs.append(("pandas", watched(PANDAS, [str(folder)], limit)))
        for engine, found in runs:
            print(f"| {n:,} | {check_scale.SOURCES:,} | {engine} | {found['wall']:.0f} | "
                  f"{_rss(found)} | {_outcome(found)} |", flush=True)


if __name__ == "__main__":
    main()
