"""Scoring one tool on one suite: span precision/recall/F1, value accuracy, throughput.

Two span matchings are reported:

- exact: same [start, end); a leading locating preposition ("in", "on", "at", "for") is
  dropped from both sides first, as in the seed gold guidelines;
- overlap: gold and prediction share at least one character, paired one-to-one
  (each gold takes the unpaired prediction with the largest overlap).

Value accuracy is measured on the overlap pairs whose gold has a value check. Predictions
outside the suite's kinds (or its `in_scope` filter) are not scored; predictions that only
touch ignored regions count neither way.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field

from bench_model import Doc, Gold, Pred, Suite
from bench_tools import Tool

PREPOSITIONS = ("in ", "on ", "at ", "for ")


@dataclass
class Score:
    """Counts for one tool on one suite."""

    suite: str
    tool: str
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    checked: int = 0
    right: int = 0
    seconds: float = 0.0
    nbytes: int = 0
    errors: int = 0
    misses: list[str] = field(default_factory=list)

    def rates(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for a number of matched pairs."""
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def value_accuracy(self) -> float | None:
        return self.right / self.checked if self.checked else None

    @property
    def kb_per_s(self) -> float:
        return self.nbytes / 1000 / self.seconds if self.seconds else float("inf")


def exact_key(text: str, start: int, end: int) -> tuple[int, int]:
    if text[start:end].lower().startswith(PREPOSITIONS):
        return start + 3, end
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def in_scope(suite: Suite, doc: Doc, p: Pred) -> bool:
    """Whether a prediction is scored in this suite."""
    if p.kind not in suite.kinds or (suite.in_scope and not suite.in_scope(p)):
        return False
    span = (p.start, p.end)
    touches_gold = any(overlaps(span, (g.start, g.end)) for g in doc.gold)
    return touches_gold or not any(overlaps(span, zone) for zone in doc.ignore)


def pair_by_overlap(gold: list[Gold], preds: list[Pred]) -> list[tuple[Gold, Pred]]:
    """One-to-one pairs of overlapping gold and predicted mentions."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold, key=lambda g: g.start):
        best, best_len = None, 0
        for i, p in enumerate(preds):
            shared = min(g.end, p.end) - max(g.start, p.start)
            if i not in used and shared > best_len:
                best, best_len = i, shared
        if best is not None:
            used.add(best)
            pairs.append((g, preds[best]))
    return pairs


def score_doc(score: Score, suite: Suite, doc: Doc, preds: list[Pred]) -> None:
    """Add one document's counts to `score`."""
    preds = [p for p in preds if in_scope(suite, doc, p)]
    score.gold += len(doc.gold)
    score.predicted += len(preds)
    gold_keys = {exact_key(doc.text, g.start, g.end) for g in doc.gold}
    pred_keys = {exact_key(doc.text, p.start, p.end) for p in preds}
    score.exact += len(gold_keys & pred_keys)
    pairs = pair_by_overlap(doc.gold, preds)
    score.overlap += len(pairs)
    for g, p in pairs:
        if g.check is not None:
            score.checked += 1
            score.right += bool(g.check(p))
    paired = {id(g) for g, _ in pairs}
    score.misses += [doc.text[g.start : g.end] for g in doc.gold if id(g) not in paired]


def run(suite: Suite, name: str, tool: Tool) -> Score:
    """Run one tool over every document of a suite, timing only the tool."""
    score = Score(suite.name, name)
    for doc in suite.docs[:1]:
        with contextlib.suppress(Exception):
            tool(doc.text, doc.ref)  # warm-up, not timed
    for doc in suite.docs:
        score.nbytes += len(doc.text.encode("utf-8"))
        began = time.perf_counter()
        try:
            preds = tool(doc.text, doc.ref)
        except Exception:  # noqa: BLE001 - a crashing tool scores no predictions
            preds = []
            score.errors += 1
        score.seconds += time.perf_counter() - began
        score_doc(score, suite, doc, preds)
    return score
