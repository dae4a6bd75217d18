"""Small ledgers on disk: a tiny one with an emoji, HTML in the text and a hostile outlet
name, and clearly fictional ones built from given texts and claims."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

TEXT = "Officials said 🚀 about 50,000 troops massed near Kursk on Sunday. <img onerror=x>\n"
OTHER = "Some 12,000 troops were seen, officials said.\n"
CLAIMS = [
    ["claim_id", "source_id", "fact_key", "kind", "quote", "start", "end", "attributed_to",
     "status", "note"],
    ["a-01", "a", "kursk.size", "quantity", "about 50,000 troops", "", "", "officials",
     "confirmed", ""],
    ["b-01", "b", "kursk.size", "quantity", "Some 12,000 troops", "", "", "", "confirmed", ""],
    ["b-x0", "b", "", "quantity", "12,000", "", "", "", "candidate", "found by extract"],
]


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def write_ledger(root: Path) -> Path:
    """A two-source ledger whose texts contain an emoji and HTML."""
    (root / "sources").mkdir(parents=True)
    rows = [["source_id", "outlet", "published", "published_note", "path", "title", "byline",
             "url", "sha256"]]
    for sid, text, outlet in (("a", TEXT, "Alpha <script>x</script>"), ("b", OTHER, "Beta")):
        data = text.encode("utf-8")
        (root / "sources" / f"{sid}.txt").write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        rows.append([sid, outlet, "2024-11-18", "", f"{sid}.txt", f"T {sid}", "", "", digest])
    write_csv(root / "sources" / "sources.csv", rows)
    write_csv(root / "claims.csv", CLAIMS)
    return root


def fictional_ledger(root: Path, texts: dict[str, tuple[str, str, str]],
                     claims: list[list[str]] = ()) -> Path:
    """A ledger of clearly fictional sources: id -> (outlet, published, text)."""
    (root / "sources").mkdir(parents=True)
    rows = [["source_id", "outlet", "published", "published_note", "path", "title", "byline",
             "url", "sha256"]]
    for sid, (outlet, published, text) in texts.items():
        data = text.encode("utf-8")
        (root / "sources" / f"{sid}.txt").write_bytes(data)
        rows.append([sid, outlet, published, "", f"{sid}.txt", "", "", "",
                     hashlib.sha256(data).hexdigest()])
    write_csv(root / "sources" / "sources.csv", rows)
    write_csv(root / "claims.csv", [["claim_id", "source_id", "fact_key", "kind", "quote",
                                     "start", "end", "attributed_to", "status", "note"],
                                    *claims])
    return root
