"""What the runtime settings of ``provenance check`` and ``validate`` buy, against baselines.

    .venv/bin/python benchmarks/check_runtime.py LEDGER [--repeat 5] [--command validate]

LEDGER is a ledger folder, e.g. one that ``check_scale.py --thin --keep DIR`` generated.
The settings are the command's own
(``provenance/check/engines/pandas/process_settings.py``: the library
leaves the process as it is). Each round alternates fresh processes, so the machine's
drift hits all sides alike:

- **One interpreter, as the command does it:** Great Expectations imported under
  ``process_settings.importing()``, then the ledger loaded, checked and reported under
  ``process_settings.checking()`` (the report too, as the command writes it); once as
  shipped and once per setting made a no-op: Arrow's pool (``arrow_pool``: Arrow's
  default, mimalloc) and the cyclic garbage collector (``collection_paused``: on, during
  the import and the check). Wall time of the import, and wall, kernel and CPU time of
  the load, check and report.
- **The command's exit:** ``provenance check --ledger LEDGER``, the console script that
  exits once its output is out, against the same ``main()`` ending with Python's usual
  exit. Wall time of the whole process, imports included.

With ``--command validate`` the same is measured of ``provenance validate``: its modules
imported (no settings: it imports no Great Expectations), the ledger read and checked under
``process_settings.checking()`` and its findings worded as the command prints them; once as
shipped, once without ``checking()`` at all (``no settings``) and once per setting made a
no-op; then its console script against the usual exit.

Prints the median of each (wall, kernel and CPU time: user + kernel of the process, which
the other programs on a busy machine do not inflate as they do wall time) and the ratio of
each baseline to the product's way, all measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bytecode import compile_package
from check_scale import fresh

CHECK = r"""
import contextlib, json, resource, sys, time
from provenance.check.engines.pandas import process_settings
if sys.argv[2]:
    setattr(process_settings, sys.argv[2], contextlib.nullcontext)
start = time.perf_counter()
with process_settings.importing():
    from provenance.check import load_for_check, run_check
    from provenance.check.report import render
imported = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
with process_settings.checking():
    result = run_check(load_for_check(sys.argv[1]))
    render(result)
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": imported - start, "wall": time.perf_counter() - imported,
                  "kernel": after.ru_stime - usage.ru_stime,
                  "cpu": after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime}))
"""
VALIDATE = r"""
import contextlib, json, resource, sys, time
from provenance.check.engines.pandas import process_settings
if sys.argv[2]:
    setattr(process_settings, sys.argv[2], contextlib.nullcontext)
start = time.perf_counter()
from provenance.validate import check_ledger_path, validate_ledger

imported = time.perf_counter()
usage = resource.getrusage(resource.RUSAGE_SELF)
with process_settings.checking():
    report = validate_ledger(check_ledger_path(sys.argv[1]))
lines = [finding.render() for finding in report.findings]  # after the block, as cli does
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": imported - start, "wall": time.perf_counter() - imported,
                  "kernel": after.ru_stime - usage.ru_stime,
                  "cpu": after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime}))
"""
WAYS = {  # each way of running the check: the command's setting it undoes, if any
    "as shipped": "",
    "Arrow's default pool (mimalloc)": "arrow_pool",
    "cyclic GC on": "collection_paused",
}
SCRIPTS = {"check": (CHECK, WAYS),
           "validate": (VALIDATE, {**WAYS, "no settings": "checking"})}
KEYS = ("import", "wall", "kernel", "cpu")
USUAL_EXIT = "import sys; from provenance.cli import main; sys.exit(main())"


def _command_wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--command", choices=sorted(SCRIPTS), default="check")
    args = parser.parse_args()
    compile_package()
    code, undone = SCRIPTS[args.command]
    script = Path(sys.executable).with_name("provenance")
    check_args = [args.command, "--ledger", str(args.ledger)]
    ways: dict[str, list[dict]] = {way: [] for way in undone}
    exits: dict[str, list[float]] = {"console script": [], "usual exit": []}
    for _ in range(args.repeat):
        for way, runs in ways.items():
            runs.append(fresh(code, args.ledger, undone[way]))
        exits["console script"].append(_command_wall([str(script), *check_args]))
        exits["usual exit"].append(_command_wall([sys.executable, "-c", USUAL_EXIT,
                                                  *check_args]))

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    shipped = ways["as shipped"]
    print(f"`provenance {args.command}` on {args.ledger}, {args.repeat} alternating rounds, "
          "medians\n")
    print("| way | import s | load + check s | kernel s | CPU s | import / as shipped "
          "| wall / as shipped | kernel / as shipped | CPU / as shipped |\n"
          "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for way, runs in ways.items():
        times = [median(runs, key) for key in KEYS]
        ratios = [t / median(shipped, key) for t, key in zip(times, KEYS, strict=True)]
        print(f"| {way} | " + " | ".join(f"{t:.2f}" for t in times) + " | "
              + " | ".join(f"{r:.2f}×" for r in ratios) + " |")
    print(f"\n| `provenance {args.command}` | wall s, imports included |\n|---|---:|")
    for way, walls in exits.items():
        print(f"| {way} | {statistics.median(walls):.2f} |")
    ratio = statistics.median(exits["usual exit"]) / statistics.median(exits["console script"])
    print(f"\nusual exit / console script: {ratio:.2f}×")


if __name__ == "__main__":
    main()
