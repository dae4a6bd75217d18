"""Throughput on a ~1 MB news text made by repeating the two seed articles.

The text is built in three sizes (1x, 4x and 16x copies of a ~64 KB base); a linear tool
takes 4 and 16 times as long on the larger ones. quantulum3 gets the 1x text in pieces
(see bench_tools) and, to show why, the seed articles whole at 1/16 and 1/4 of the base.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from bench_tools import Tool

TARGET_BYTES = 1_000_000
SIZES = (1, 4, 16)


@dataclass
class Timing:
    tool: str
    label: str
    nbytes: int
    seconds: float

    @property
    def kb_per_s(self) -> float:
        return self.nbytes / 1000 / self.seconds if self.seconds else float("inf")


def base_text(root: Path) -> str:
    """The seed articles repeated to 1/16 of TARGET_BYTES."""
    seeds = "\n".join(
        p.read_bytes().decode("utf-8") for p in sorted((root / "sources").glob("0*.txt"))
    )
    copies = max(1, round(TARGET_BYTES / len(seeds.encode("utf-8")) / SIZES[-1]))
    return "\n".join([seeds] * copies)


def timed(tool: Tool, text: str, ref: dt.date, repeat: int) -> float:
    """Best wall time of `repeat` runs (the minimum is the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        tool(text, ref)
        best = min(best, time.perf_counter() - began)
    return best


def scaling(
    name: str, tool: Tool, base: str, ref: dt.date, sizes=SIZES, repeat: int = 1
) -> list[Timing]:
    """Best-of-`repeat` timings of one tool on the base text repeated `sizes` times."""
    tool(base[:2000], ref)  # warm-up: first calls load models and compile patterns
    timings = []
    for n in sizes:
        text = "\n".join([base] * n)
        timings.append(
            Timing(name, f"{n}x", len(text.encode("utf-8")), timed(tool, text, ref, repeat))
        )
    return timings


def linearity(timings: list[Timing]) -> str:
    """'time(16x)/time(1x) = 15.8 (linear: 16)'."""
    first, last = timings[0], timings[-1]
    size_ratio = last.nbytes / first.nbytes
    return (
        f"time({last.label})/time({first.label}) = {last.seconds / first.seconds:.1f} "
        f"(linear: {size_ratio:.0f})"
    )
