"""What three runtime choices of ``provenance check`` buy, each against its baseline.

    .venv/bin/python benchmarks/check_runtime.py LEDGER [--repeat 5]

LEDGER is a ledger folder, e.g. one that ``check_scale.py --thin --keep DIR`` generated.
Each round alternates fresh processes, so the machine's drift hits all sides alike:

- **Arrow's pool:** load, check and report in one interpreter with ``check.arrow_pool``
  as it is (jemalloc) and with it made a no-op (Arrow's default pool, mimalloc). Wall
  time and kernel time of the load and check; imports are not counted.
- **Freed memory kept:** the same with ``check.freed_memory_kept`` made a no-op (glibc's
  malloc as it is by default, returning large freed blocks to the kernel at once).
- **The command's exit:** ``provenance check --ledger LEDGER``, the console script that
  exits once its output is out, against the same ``main()`` ending with Python's usual
  exit. Wall time of the whole process, imports included.

Prints the median of each and the ratio of each baseline to the product's way.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from check_scale import fresh

CHECK = r"""
import contextlib, json, resource, sys, time
import provenance.check as check
from provenance.check_report import render
if sys.argv[2]:
    setattr(check, sys.argv[2], contextlib.nullcontext)
usage = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
render(check.run_check(check.load_for_check(sys.argv[1])))
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": time.perf_counter() - start,
                  "kernel": after.ru_stime - usage.ru_stime}))
"""
WAYS = {  # each way of running the check: the product's choice it undoes, if any
    "as shipped": "",
    "Arrow's default pool (mimalloc)": "arrow_pool",
    "glibc's default thresholds": "freed_memory_kept",
}
USUAL_EXIT = "import sys; from provenance.cli import main; sys.exit(main())"


def _command_wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("provenance")
    check_args = ["check", "--ledger", str(args.ledger)]
    ways: dict[str, list[dict]] = {way: [] for way in WAYS}
    exits: dict[str, list[float]] = {"console script": [], "usual exit": []}
    for _ in range(args.repeat):
        for way, runs in ways.items():
            runs.append(fresh(CHECK, args.ledger, WAYS[way]))
        exits["console script"].append(_command_wall([str(script), *check_args]))
        exits["usual exit"].append(_command_wall([sys.executable, "-c", USUAL_EXIT,
                                                  *check_args]))

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    shipped = ways["as shipped"]
    print(f"{args.ledger}, {args.repeat} alternating rounds, medians\n")
    print("| way | load + check s | kernel s | wall / as shipped | kernel / as shipped |\n"
          "|---|---:|---:|---:|---:|")
    for way, runs in ways.items():
        wall, kernel = median(runs, "wall"), median(runs, "kernel")
        print(f"| {way} | {wall:.2f} | {kernel:.2f} | {wall / median(shipped, 'wall'):.2f}× "
              f"| {kernel / median(shipped, 'kernel'):.2f}× |")
    print("\n| `provenance check` | wall s, imports included |\n|---|---:|")
    for way, walls in exits.items():
        print(f"| {way} | {statistics.median(walls):.2f} |")
    ratio = statistics.median(exits["usual exit"]) / statistics.median(exits["console script"])
    print(f"\nusual exit / console script: {ratio:.2f}×")


if __name__ == "__main__":
    main()
