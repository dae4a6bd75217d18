"""Score mention extraction and normalisation against peer test data and the seed gold list.

Usage (from the repository root):

    .venv/bin/python benchmarks/extraction.py [--json] [--suite NAME ...] [--misses N]

Peer data is read from ../shared/peer next to the repository, or from the folder named by
PROVENANCE_PEER_DIR. Without it, only the seed suite and the throughput runs are done.
Baselines (benchmark-only dependencies): quantulum3 on quantity and duration suites,
dateparser's search_dates on date suites, each on the same inputs in the same run.
Conventions and matching rules: see bench_recognizers.py, bench_peer.py, bench_score.py
and bench_tools.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from bench_model import Suite
from bench_peer import quantulum_suite, seed_suite, timeml_suites
from bench_recognizers import recognizers_suites
from bench_score import Score, run
from bench_speed import Timing, base_text, linearity, scaling
from bench_tools import TOOLS, quiet

ROOT = Path(__file__).resolve().parents[1]
SPEED_REF = "2024-11-17"
NOTES = [
    "exact = same span (a leading 'in'/'on'/'at'/'for' is optional); overlap = spans share a "
    "character, paired one-to-one; value accuracy is over overlap pairs with a gold value",
    "quantulum3 is quadratic in input length: it is fed pieces of at most 2,000 characters "
    "cut at line or sentence ends",
    "dateparser's search_dates gives no offsets: its substrings are located in the text in "
    "order; its datetime is read as a one-day date",
    "Recognizers-Text: 'dotnet'-unsupported cases skipped; clock times, sets and time zones "
    "are ignored regions; yearless dates accept either reading or their hull",
    "quantulum3 suite: the baseline is scored on its own test data (home advantage)",
    "throughput: wall time of one call on one core; ours is the best of 5 runs, the "
    "baselines one run each (they take seconds); KB = 1,000 bytes of UTF-8",
]


def peer_dir() -> Path:
    env = os.environ.get("PROVENANCE_PEER_DIR")
    return Path(env) if env else ROOT / ".." / "shared" / "peer"


def load_suites(peer: Path) -> list[Suite]:
    suites = []
    if peer.is_dir():
        suites += recognizers_suites(peer) + [quantulum_suite(peer)] + timeml_suites(peer)
    else:
        print(f"Peer data not found at {peer}: only the seed suite is scored.", file=sys.stderr)
    return suites + [seed_suite(ROOT)]


def baselines_for(suite: Suite) -> list[str]:
    names = []
    if suite.kinds & {"quantity", "duration"}:
        names.append("quantulum3")
    if "date" in suite.kinds:
        names.append("dateparser")
    if len(names) == 2:
        names.append("quantulum3+dateparser")
    return names


def score_all(suites: list[Suite]) -> list[Score]:
    scores = []
    for suite in suites:
        ours = run(suite, "ours", TOOLS["ours"])
        scores.append(ours)
        for name in baselines_for(suite):
            scores.append(run(suite, name, TOOLS[name]))
        print(f"scored {suite.name}", file=sys.stderr)
    return scores


def speed_runs() -> tuple[list[Timing], dict[str, str]]:
    """Scaling runs of ours and dateparser; quantulum3 in pieces and whole."""
    import datetime as dt

    ref = dt.date.fromisoformat(SPEED_REF)
    base = base_text(ROOT)
    timings, checks = [], {}
    for name, repeat in (("ours", 5), ("dateparser", 1)):
        runs = scaling(name, TOOLS[name], base, ref, repeat=repeat)
        timings += runs
        checks[name] = linearity(runs)
    timings += scaling("quantulum3", TOOLS["quantulum3"], base, ref, sizes=(1,))
    seeds = base[: len(base) // 16]
    whole = [scaling("quantulum3 (whole text)", whole_quantulum, seeds, ref, sizes=(1, 4))]
    timings += whole[0]
    checks["quantulum3 (whole text)"] = linearity(whole[0])
    return timings, checks


def whole_quantulum(text: str, ref: object) -> list:
    from quantulum3 import parser

    return parser.parse(text)


def fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def score_table(scores: list[Score]) -> list[str]:
    lines = [
        "| suite | gold | tool | P exact | R exact | F1 exact | P overlap | R overlap "
        "| F1 overlap | value acc. (checked) | KB/s | ours ÷ tool speed |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ours_speed = {s.suite: s.kb_per_s for s in scores if s.tool == "ours"}
    for s in scores:
        pe, re_, fe = s.rates(s.exact)
        po, ro, fo = s.rates(s.overlap)
        ratio = "—" if s.tool == "ours" else f"{ours_speed[s.suite] / s.kb_per_s:.1f}×"
        acc = f"{fmt(s.value_accuracy)} ({s.checked})"
        err = f" ({s.errors} errors)" if s.errors else ""
        lines.append(
            f"| {s.suite} | {s.gold} | {s.tool}{err} | {pe:.3f} | {re_:.3f} | {fe:.3f} "
            f"| {po:.3f} | {ro:.3f} | {fo:.3f} | {acc} | {s.kb_per_s:,.0f} | {ratio} |"
        )
    return lines


def speed_table(timings: list[Timing], checks: dict[str, str]) -> list[str]:
    lines = ["| tool | text | bytes | seconds | KB/s |", "|---|---|---:|---:|---:|"]
    lines += [
        f"| {t.tool} | seeds {t.label} | {t.nbytes:,} | {t.seconds:.3f} | {t.kb_per_s:,.0f} |"
        for t in timings
    ]
    lines.append("")
    lines += [f"- linearity, {name}: {check}" for name, check in checks.items()]
    return lines


def markdown(
    suites: list[Suite], scores: list[Score], timings: list[Timing], checks: dict[str, str]
) -> str:
    out = ["### Extraction and normalisation", ""] + score_table(scores)
    out += ["", "Suites:", ""] + [f"- {s.name}: {len(s.docs)} inputs; {s.note}" for s in suites]
    out += ["", "### Throughput on repeated seed articles", ""] + speed_table(timings, checks)
    out += ["", "Notes:", ""] + [f"- {note}" for note in NOTES]
    return "\n".join(out)


def misses(scores: list[Score], count: int) -> str:
    lines = []
    for s in scores:
        if s.tool == "ours" and s.misses:
            lines.append(f"{s.suite}: {len(s.misses)} missed, e.g. {s.misses[:count]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--suite", action="append", help="only these suites (repeatable)")
    parser.add_argument("--misses", type=int, default=0, help="list N missed gold mentions")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput runs")
    args = parser.parse_args(argv)
    quiet()
    suites = [s for s in load_suites(peer_dir()) if not args.suite or s.name in args.suite]
    scores = score_all(suites)
    timings, checks = ([], {}) if args.no_speed else speed_runs()
    if args.json:
        payload = {
            "scores": [{k: v for k, v in asdict(s).items() if k != "misses"} for s in scores],
            "throughput": [asdict(t) for t in timings],
            "linearity": checks,
        }
        print(json.dumps(payload, indent=2))
    else:
        print(markdown(suites, scores, timings, checks))
    if args.misses:
        print("\n" + misses(scores, args.misses), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
