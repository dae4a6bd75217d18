"""How long each command takes to start and finish on the bundled ledger, against
``python -c "import pandas"`` and ``python -c "import great_expectations"``.

    .venv/bin/python benchmarks/startup.py [--rounds 7]

Every figure is the wall time of a fresh process (``python -m provenance.cli ...``, what
the console script runs), so imports count in full. Each round runs every command once,
in turn, so the machine's drift hits all alike; the table gives the median wall time
over the rounds, its spread (min-max), the median CPU time (user + system, steadier on
a shared machine) and each one's ratio to ``import pandas`` of the same run:

- ``--help`` within 1.5x of ``import pandas``; ``validate`` within 2x;
- ``check`` within 0.5 s of ``import great_expectations``. That process includes Python's
  exit, which frees GX's objects one by one; the console script ends with ``os._exit``
  once its output is out, so the table also gives GX's import ended the same way;
- ``fill`` (on a copy whose offsets and values are blank, restored before each run, so it
  anchors and values every claim) and ``extract FILE --published DATE`` (the first seed
  source) have no target: their figures are for comparison.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_package

ROOT = Path(__file__).resolve().parent.parent
LEDGER_PARTS = ("claims.csv", "sources", "expectations")
DERIVED = ("start", "end", "qualifier", "value", "low", "high", "unit", "date_low",
           "date_high", "ambiguous")
PANDAS = "import pandas"
GX = "import great_expectations"
GX_EXIT = "import great_expectations, os; os._exit(0)"  # the import without Python's exit


def _copy_ledger(target: Path) -> Path:
    """A copy of the bundled ledger (claims, sources, suites) in `target`."""
    target.mkdir()
    for part in LEDGER_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target


def _blank_claims(claims: Path) -> bytes:
    """claims.csv with its derived cells (offsets, values) emptied, for ``fill`` to redo."""
    with claims.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
        header = list(rows[0]) if rows else []
    for row in rows:
        row.update(dict.fromkeys(set(DERIVED) & set(row), ""))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _first_source(ledger: Path) -> tuple[Path, str]:
    """The first registered source's file and publication date."""
    with (ledger / "sources" / "sources.csv").open(newline="", encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    return ledger / "sources" / first["path"], first["published"]


def _commands(work: Path) -> dict[str, tuple[list[str], Path | None]]:
    """Label -> (argv, claims.csv to restore before each run, or None)."""
    ledger = _copy_ledger(work / "ledger")
    filled = _copy_ledger(work / "fill")
    article, published = _first_source(ledger)
    cli = [sys.executable, "-m", "provenance.cli"]
    return {
        PANDAS: ([sys.executable, "-c", PANDAS], None),
        GX: ([sys.executable, "-c", GX], None),
        GX_EXIT: ([sys.executable, "-c", GX_EXIT], None),
        "--help": ([*cli, "--help"], None),
        "validate": ([*cli, "validate", "--ledger", str(ledger)], None),
        "fill": ([*cli, "fill", "--ledger", str(filled)], filled / "claims.csv"),
        "extract": ([*cli, "extract", str(article), "--published", published], None),
        "check": ([*cli, "check", "--ledger", str(ledger)], None),
    }


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh process; an unexpected exit
    code stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv[1:])} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def measure(rounds: int) -> dict[str, list[tuple[float, float]]]:
    """Every command's (wall, CPU) seconds, one per round, commands interleaved in a round."""
    with tempfile.TemporaryDirectory() as tmp:
        commands = _commands(Path(tmp))
        blanks = {path: _blank_claims(path) for _, path in commands.values() if path}
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for _ in range(rounds + 1):  # the first round warms the disk cache; not counted
            for label, (argv, restore) in commands.items():
                if restore is not None:
                    restore.write_bytes(blanks[restore])
                times[label].append(_run(argv))
        return {label: found[1:] for label, found in times.items()}


def _target(label: str, wall: dict[str, float], cpu: dict[str, float]) -> tuple[str, str]:
    """The target of a command, and whether its median wall time meets it."""
    median, pandas, gx = wall[label], wall[PANDAS], wall[GX]
    if label == "--help":
        return "≤ 1.5× import pandas", "yes" if median <= 1.5 * pandas else "no"
    if label == "validate":
        return "≤ 2× import pandas", "yes" if median <= 2 * pandas else "no"
    if label == "check":
        extra = (f"{median - gx:+.2f} s; over GX's `os._exit` {median - wall[GX_EXIT]:+.2f} s"
                 f" wall, {cpu[label] - cpu[GX_EXIT]:+.2f} s CPU")
        return f"≤ import GX + 0.5 s ({extra})", "yes" if median <= gx + 0.5 else "no"
    return "", ""


def table(times: dict[str, list[tuple[float, float]]]) -> str:
    """The Markdown table of medians, spreads, ratios and targets."""
    wall = {label: statistics.median(w for w, _ in found) for label, found in times.items()}
    cpu = {label: statistics.median(c for _, c in found) for label, found in times.items()}
    lines = [
        "| command | wall s (median) | wall min–max | × import pandas | CPU s (median) "
        "| CPU × import pandas | target (on wall medians) | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for label, found in times.items():
        walls = [w for w, _ in found]
        target, met = _target(label, wall, cpu)
        shown = label if label in (PANDAS, GX, GX_EXIT) else f"provenance {label}"
        lines.append(
            f"| `{shown}` | {wall[label]:.3f} | {min(walls):.3f}–{max(walls):.3f} "
            f"| {wall[label] / wall[PANDAS]:.2f} | {cpu[label]:.3f} "
            f"| {cpu[label] / cpu[PANDAS]:.2f} | {target} | {met} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="counted rounds (default 7)")
    args = parser.parse_args()
    compile_package()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.rounds} rounds, "
          "fresh processes")
    print(table(measure(args.rounds)))


if __name__ == "__main__":
    main()
