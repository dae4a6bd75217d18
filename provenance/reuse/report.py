"""What ``provenance reuse`` prints: passages as lines for people, or strict JSON data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from provenance.reuse.search import Passage
from provenance.terminal import terminal_safe

QUOTE_WIDTH = 160


def passages_json(passages: list[Passage], texts: Mapping[str, str]) -> dict:
    """``{"passages": [...]}``: every column of ``reuse.csv`` and both passages' text."""
    return {"passages": [
        {**asdict(p), "text_a": texts[p.source_a][p.start_a:p.end_a],
         "text_b": texts[p.source_b][p.start_b:p.end_b]}
        for p in passages
    ]}


def passages_text(passages: list[Passage], texts: Mapping[str, str],
                  outlets: Mapping[str, str]) -> str:
    """Each passage: length, kind, score, direction, then both quotes (escaped)."""
    lines: list[str] = []
    for p in passages:
        names = (outlets.get(p.source_a) or p.source_a, outlets.get(p.source_b) or p.source_b)
        lines += [headline(p.words, p.kind, p.score, names, p.origin, p.basis),
                  _quote(p.source_a, p.start_a, p.end_a, texts),
                  _quote(p.source_b, p.start_b, p.end_b, texts), ""]
    pairs = len({(p.source_a, p.source_b) for p in passages})
    lines.append(f"{len(passages)} shared passage(s) between {pairs} pair(s) of sources")
    return "\n".join(terminal_safe(line) for line in lines)


def headline(words: int, kind: str, score: float, outlets: tuple[str, str], origin: str,
             basis: str) -> str:
    """``21 words, verbatim (score 100): The Week quotes The New York Times (credited by the
    copy)``; ``outlets`` are source a's and b's, a being the origin when there is one."""
    if origin:
        how = "credited by the copy" if basis == "credit" else "published earlier"
        who = f"{outlets[1]} quotes {outlets[0]} ({how})"
    else:
        who = f"{outlets[0]} and {outlets[1]} share it (which came first is unknown)"
    return f"{words} words, {kind} (score {score:g}): {who}"


def _quote(source: str, start: int, end: int, texts: Mapping[str, str]) -> str:
    flat = " ".join(texts[source][start:end].split())
    shown = flat if len(flat) <= QUOTE_WIDTH else flat[: QUOTE_WIDTH - 1] + "…"
    return f'  {source} [{start}:{end}] "{shown}"'
