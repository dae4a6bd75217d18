"""Re-anchoring figures on edited copies of the two seed articles.

Makes a reproducible (seeded) set of edited copies of each source in the project's
``sources/`` and relocates every claim of the bundled ``claims.csv`` in each copy:

    .venv/bin/python benchmarks/reanchor_seeds.py [--copies 25] [--seed 2024]

Edit types: paragraphs inserted, a paragraph holding a claim deleted, quotes and dashes
retyped (straight <-> curly), one digit of a number changed, lines re-wrapped, and all
of these but the deletion at once. Prints outcome counts per edit type, how many claims
the edit was known to touch (expected orphans for deletions, expected changes for edited
numbers), how many spans were not exact (must be 0), and the total time.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.reanchor import OUTCOMES, relocate  # noqa: E402

Claim = tuple[str, int, int]  # quote, start, end
Edit = Callable[[str, random.Random, list[Claim]], tuple[str, set[str]]]

FILLER = [
    "Officials said the decision followed weeks of debate in Washington.",
    "The Pentagon declined to comment on the report.",
    "Analysts cautioned that the battlefield picture could change quickly.",
    "A spokesman for the Kremlin did not respond to a request for comment.",
    "Updated to include reactions from European capitals.",
]
STRAIGHT_TO_CURLY = {"'": "\u2019", '"': "\u201c"}
CURLY_TO_STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--"}
)
NUMBER = re.compile(r"\d")


def insert_paragraphs(text: str, rng: random.Random, claims: list[Claim]) -> tuple[str, set]:
    """One to three filler paragraphs at random line boundaries."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        lines.insert(rng.randint(0, len(lines)), rng.choice(FILLER))
    return "\n".join(lines), set()


def delete_paragraph(text: str, rng: random.Random, claims: list[Claim]) -> tuple[str, set]:
    """Delete one line that holds a claim; its claims are expected to be orphaned."""
    starts, offset = [], 0
    for line in text.split("\n"):
        starts.append((offset, offset + len(line)))
        offset += len(line) + 1
    holding = [(a, b) for a, b in starts if any(a <= s and e <= b for _, s, e in claims)]
    a, b = rng.choice(holding)
    gone = {q for q, s, e in claims if a <= s and e <= b}
    return text[:a] + text[b + 1 :], gone


def retype(text: str, rng: random.Random, claims: list[Claim]) -> tuple[str, set]:
    """Straight quotes made curly, or curly quotes and em dashes made straight."""
    if "\u2019" in text or "\u201c" in text:
        return text.translate(CURLY_TO_STRAIGHT), set()
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        else:
            out.append(STRAIGHT_TO_CURLY.get(ch, ch))
    return "".join(out), set()


def change_number(text: str, rng: random.Random, claims: list[Claim]) -> tuple[str, set]:
    """One digit inside a claim's quote replaced by another digit."""
    digits = [m.start() for m in NUMBER.finditer(text) if any(s <= m.start() < e
                                                              for _, s, e in claims)]
    i = rng.choice(digits)
    new = rng.choice([d for d in "0123456789" if d != text[i]])
    return text[:i] + new + text[i + 1 :], {q for q, s, e in claims if s <= i < e}


def rewrap(text: str, rng: random.Random, claims: list[Claim]) -> tuple[str, set]:
    """Lines broken at the last space before a random width of 60-80 characters."""
    width, out, column = rng.randint(60, 80), [], 0
    for i, ch in enumerate(text):
        column = 0 if ch == "\n" else column + 1
        nxt = text.find(" ", i + 1)
        if ch == " " and column > 1 and (nxt == -1 or column + nxt - i > width):
            out.append("\n")
            column = 0
        else:
            out.append(ch)
    return "".join(out), set()


def combined(text: str, rng: random.Random, claims: list[Claim]) -> tuple[str, set]:
    """Inserted paragraphs, retyped quotes, one changed digit, re-wrapped lines."""
    text, touched = change_number(text, rng, claims)
    text, _ = retype(text, rng, claims)
    text, _ = insert_paragraphs(text, rng, claims)
    return rewrap(text, rng, claims)[0], touched


EDITS: dict[str, Edit] = {
    "insert paragraphs": insert_paragraphs,
    "delete paragraph": delete_paragraph,
    "retype quotes": retype,
    "change a number": change_number,
    "re-wrap lines": rewrap,
    "all but delete": combined,
}


def load(root: Path) -> tuple[dict[str, str], dict[str, list[Claim]]]:
    """Source texts and each source's claims (offsets filled from the quote when empty)."""
    with (root / "sources" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        texts = {r["source_id"]: (root / "sources" / r["path"]).read_bytes().decode("utf-8")
                 for r in csv.DictReader(fh)}
    claims: dict[str, list[Claim]] = {sid: [] for sid in texts}
    with (root / "claims.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            text, quote = texts[r["source_id"]], r["quote"]
            start = int(r["start"]) if r.get("start") else text.index(quote)
            claims[r["source_id"]].append((quote, start, start + len(quote)))
    return texts, claims


def run(copies: int, seed: int) -> None:
    """Print the figures table."""
    texts, claims = load(ROOT)
    header = ["edit type", "claims", *OUTCOMES, "expected", "hit", "inexact"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    began, total = time.perf_counter(), 0
    for name, edit in EDITS.items():
        counts: Counter[str] = Counter()
        expected = hit = inexact = 0
        for copy in range(copies):
            for source_id, text in texts.items():
                rng = random.Random(f"{seed}/{name}/{source_id}/{copy}")
                new_text, touched = edit(text, rng, claims[source_id])
                expected += len(touched)
                for quote, start, end in claims[source_id]:
                    found = relocate(text, new_text, quote, start, end)
                    counts[found.outcome] += 1
                    want = "orphaned" if name == "delete paragraph" else "changed"
                    hit += quote in touched and found.outcome == want
                    inexact += found.quote is not None and (
                        new_text[found.start : found.end] != found.quote)
        total += sum(counts.values())
        row = [name, sum(counts.values()), *(counts[o] for o in OUTCOMES), expected, hit, inexact]
        print(" | ".join(str(cell) for cell in row))
    elapsed = time.perf_counter() - began
    print(f"\n{total} relocations in {elapsed:.2f} s ({1000 * elapsed / total:.2f} ms each); "
          f"{copies} copies per edit type and source, seed {seed}")
    print("expected/hit: claims the edit touched (deleted paragraph -> orphaned, "
          "changed digit -> changed) and how many got that outcome")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    if not (ROOT / "claims.csv").exists() or not (ROOT / "sources" / "sources.csv").exists():
        sys.exit(f"no bundled ledger under {ROOT} (claims.csv, sources/sources.csv)")
    run(args.copies, args.seed)


if __name__ == "__main__":
    main()
