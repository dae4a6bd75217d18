"""The Spark engine beside the pandas engine: wall and CPU time, peak RSS of every process.

    .venv/bin/python benchmarks/check_spark.py [--sizes 1000000 10000000] [--keep DIR]
        [--driver-memory 2g] [--pandas-limit-gb 10] [--runs spark-csv spark-parquet pandas]
        [--timeout SECONDS]

Each ledger is ``check_scale.py``'s synthetic one (uniform, about 10 claims per fact key)
with one source per 100 claims (10k sources at 1M claims, 100k at 10M). Every row is what
a user runs, each in a fresh interpreter:

* ``export parquet``: ``provenance export --format parquet`` writing the typed copy of the
  claims the ``spark parquet`` row reads (timed on its own; it loads the ledger with pandas);
* ``spark csv`` / ``spark parquet``: ``provenance check --engine spark`` (the
  ``check_with_chains`` it calls) on ``local[2]`` reading ``claims.csv`` (multi-line CSV:
  one task parses the file) or the Parquet copy, with the driver JVM limited to
  ``--driver-memory`` (the executors of ``local`` live in the driver) and the engine's
  own Spark settings;
* ``pandas``: ``provenance check`` (load, check and quote chains under the command's
  process settings) under an address-space limit of ``--pandas-limit-gb``, so a ledger it
  cannot hold ends in a MemoryError, reported as such, not in the machine swapping.

While a run goes on, this script reads ``VmHWM`` (peak RSS) and the CPU time of the run's
process and every process under it (the Python driver, the JVM, Python workers) from
``/proc`` every 0.2 s; the table shows the sum and each by name, and the ratios to the
pandas row of the same size measured in the same run. ``load`` is the machine's 1-minute
load average over the run (other jobs share its cores). Each run's stderr goes to
``<size>-<run>.log`` beside the ledger (a Spark run logs each step's seconds);
``--timeout`` stops a check that runs longer and reports its figures up to then.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import check_scale  # noqa: E402  (the generator of the pandas benchmark)
import large_ledger  # noqa: E402

SPARK = r"""
import functools, json, sys, time
start = time.perf_counter()
from provenance.check.engines.spark.session import spark_session
spark_session("local[2]", {"spark.driver.memory": sys.argv[2]})
from provenance.check.engines.spark import gate, run

def timed(owner, name):  # each step's seconds to stderr, the step log
    step = getattr(owner, name)
    @functools.wraps(step)
    def wrapped(*args, **kwargs):
        began = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            print(f"{name} {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    setattr(owner, name, wrapped)

for name in ("source_frame", "settled", "validate_spark", "disagreements", "discrepancies",
             "_messages", "compared_summary", "reused_claims"):
    timed(run, name)
for name in ("needs_refusal", "derived", "key_rows"):
    timed(gate, name)
print(f"started {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
result, _ = run.check_with_chains(sys.argv[1], master="local[2]", claims=sys.argv[3] or None)
print(json.dumps({"seconds": time.perf_counter() - start, "success": result.success,
                  "pairs": int(result.counts["cross_pairs"].sum())}))
"""
PANDAS = r"""
import json, sys, time
start = time.perf_counter()
from provenance.check.engines.pandas import process_settings
from provenance.check import load_for_check, run_check
from provenance.errors import ProvenanceError
from provenance.reuse.via import reused_claims
try:
    with process_settings.checking():
        ledger = load_for_check(sys.argv[1])
        result = run_check(ledger)
    reused_claims(ledger)
except (MemoryError, ProvenanceError) as exc:  # out of memory, or a ledger it refuses
    print(json.dumps({"seconds": time.perf_counter() - start,
                      "error": f"{type(exc).__name__}: {exc}"}))
else:
    print(json.dumps({"seconds": time.perf_counter() - start, "success": result.success,
                      "pairs": int(result.counts["cross_pairs"].sum())}))
"""
EXPORT = r"""
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from provenance.check.engines.spark.parquet import export_parquet
from provenance.ledger import load_ledger
from provenance.errors import ProvenanceError
try:
    rows = export_parquet(load_ledger(Path(sys.argv[1]), strict=False), Path(sys.argv[2]))
except (MemoryError, ProvenanceError) as exc:
    print(json.dumps({"seconds": time.perf_counter() - start,
                      "error": f"{type(exc).__name__}: {exc}"}))
else:
    print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows}))
"""
RUNS = ("spark-csv", "spark-parquet", "pandas")
TICK = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> list[int]:
    """``root`` and every process under it (all threads' children, from each ``stat``)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _sample(pid: int) -> tuple[str, int, float] | None:
    """A process's name, VmHWM (kB) and CPU seconds so far (None once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status if ":" in line)
    if "VmHWM" not in fields:
        return None
    cpu = (int(stat[11]) + int(stat[12])) / TICK  # utime, stime
    return fields["Name"].strip(), int(fields["VmHWM"].split()[0]), cpu


def watched(script: str, args: list[str], log: Path, limit_bytes: int | None = None,
            timeout: float | None = None) -> dict:
    """Run ``script`` (its stderr to ``log``); its JSON, wall time, load, and per process
    name the peak RSS (MiB) and CPU seconds of its tree. After ``timeout`` seconds its tree
    is stopped and the figures so far are reported with the log's last line."""
    def limited() -> None:
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    began = time.perf_counter()
    with log.open("w") as errors:
        proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                                stderr=errors, text=True, preexec_fn=limited)
    seen: dict[int, tuple[str, int, float]] = {}
    loads = []
    while proc.poll() is None:
        if timeout and time.perf_counter() - began > timeout:
            for pid in reversed(_tree(proc.pid)):  # the JVM would outlive its parent
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            proc.wait()
            break
        for pid in _tree(proc.pid):
            now = _sample(pid)
            if now:
                _, kb, cpu = seen.get(pid, ("", 0, 0.0))
                seen[pid] = (now[0], max(now[1], kb), max(now[2], cpu))
        loads.append(os.getloadavg()[0])
        time.sleep(0.2)
    out = proc.stdout.read().strip().splitlines()
    result = json.loads(out[-1]) if out else {"error": f"exit code {proc.returncode}"}
    if timeout and proc.returncode == -signal.SIGKILL:
        last = [line for line in log.read_text().splitlines() if line.endswith(" s")]
        result = {"error": f"stopped after {timeout:.0f} s"
                           + (f" (last step done: {last[-1]})" if last else "")}
    rss: dict[str, float] = {}
    cpu = 0.0
    for name, kb, seconds in seen.values():
        rss[name] = rss.get(name, 0) + kb / 1024
        cpu += seconds
    return {**result, "wall": time.perf_counter() - began, "rss": rss, "cpu": cpu,
            "load": sum(loads) / max(len(loads), 1)}


def _rss(found: dict) -> str:
    parts = ", ".join(f"{name} {mib:.0f}" for name, mib in sorted(found["rss"].items()))
    return f"{sum(found['rss'].values()):.0f} ({parts})"


def _outcome(found: dict) -> str:
    if "error" in found:
        return found["error"]
    return f"{found['rows']:,} rows" if "rows" in found else f"{found['pairs']:,} pairs"


def _ratios(found: dict, base: dict | None) -> str:
    """Wall, CPU and peak-RSS-sum ratios to the pandas row (blank without one)."""
    if not base or "error" in base or "error" in found:
        return " | | "
    peak = sum(found["rss"].values()) / sum(base["rss"].values())
    return f" {found['wall'] / base['wall']:.1f} | {found['cpu'] / base['cpu']:.1f} | {peak:.1f}"


def ledger(work: Path, n: int) -> Path:
    """The ledger of ``n`` claims under ``work`` (made once, one source per 100 claims):
    ``check_scale``'s own up to ``CHUNK`` claims, ``large_ledger``'s above."""
    folder = work / str(n)
    if not (folder / "claims.csv").is_file():
        sources = max(n // 100, 1)
        if n <= large_ledger.CHUNK:
            check_scale.write_ledger(folder, n, skewed=False, sources=sources)
        else:
            large_ledger.write_large_ledger(folder, n, sources)
    return folder


def measured(folder: Path, runs: list[str], memory: str, limit_gb: float,
             timeout: float | None) -> list[tuple]:
    """(run name, measurement) of each requested run on the ledger at ``folder``."""
    limit = int(limit_gb * 2**30)
    copy = folder.with_suffix(".parquet")
    found = []

    def log(name: str) -> Path:
        return folder.with_name(f"{folder.name}-{name}.log")

    if "spark-parquet" in runs:
        copy.unlink(missing_ok=True)
        found.append(("export parquet", watched(EXPORT, [str(folder), str(copy)],
                                                log("export"), limit)))
    for name in runs:
        os.sync()
        if name == "pandas":
            found.append(("pandas", watched(PANDAS, [str(folder)], log(name), limit, timeout)))
        elif name == "spark-csv":
            found.append(("spark csv", watched(SPARK, [str(folder), memory, ""], log(name),
                                               None, timeout)))
        elif copy.is_file():
            found.append(("spark parquet", watched(SPARK, [str(folder), memory, str(copy)],
                                                   log(name), None, timeout)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--keep", type=Path, help="keep the generated ledgers in this folder")
    parser.add_argument("--driver-memory", default="2g")
    parser.add_argument("--pandas-limit-gb", type=float, default=10.0)
    parser.add_argument("--runs", nargs="+", choices=RUNS, default=list(RUNS))
    parser.add_argument("--timeout", type=float, help="stop a check after this many seconds")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="check_spark_"))
    print("| claims | sources | run | wall s | CPU s | wall × pandas | CPU × pandas | "
          "peak RSS × pandas | peak RSS MiB (sum: per process) | load | found |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---|")
    for n in args.sizes:
        folder = ledger(work, n)
        found = measured(folder, args.runs, args.driver_memory, args.pandas_limit_gb,
                         args.timeout)
        base = dict(found).get("pandas")
        for name, row in found:
            ratios = _ratios(row, base) if name.startswith("spark") else " | | "
            print(f"| {n:,} | {max(n // 100, 1):,} | {name} | {row['wall']:.0f} | "
                  f"{row['cpu']:.0f} |{ratios} | {_rss(row)} | {row['load']:.1f} | "
                  f"{_outcome(row)} |", flush=True)


if __name__ == "__main__":
    main()
