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
        name_a, name_b = outlets.get(p.source_a) or p.source_a, outlets.get(p.source_b) or p.source_b
        if p.origin:
            how = "credited by the copy" if p.basis == "credit" else "published earlier"
            head = f"{name_b} quotes {name_a} ({how})"
        else:
            head = f"{name_a} and {name_b} share it (which came first is unknown)"
        lines += [f"{p.words} words, {p.kind} (score {p.score:g}): {head}",
                  _quote(p.source_a, p.start_a, p.end_a, texts),
                  _quote(p.source_b, p.start_b, p.end_b, texts), ""]
    pairs = len({(p.source_a, p.source_b) for p in passages})
    lines.append(f"{len(passages)} shared passage(s) between {pairs} pair(s) of sources")
    return "\n".join(terminal_safe(line) for line in lines)


def _quote(source: str, start: int, end: int, texts: Mapping[str, str]) -> str:
    flat = " ".join(texts[source][start:end].split())
    shown = flat if len(flat) <= QUOTE_WIDTH else flat[: QUOTE_WIDTH - 1] + "…"
    return f'  {source} [{start}:{end}] "{shown}"'
