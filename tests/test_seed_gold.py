"""The extractor against the hand-made gold list of the two seed articles.

The gold list and its annotation guidelines are `tests/data/seed_gold.csv` and
`tests/data/seed_gold.md`. A mention matches a gold row when it has the same span; a
leading locating preposition ("in May" / "May") is optional on both sides.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from functools import cache
from pathlib import Path

import pytest

from provenance.extract import Mention, extract

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
GOLD_CSV = ROOT / "tests" / "data" / "seed_gold.csv"
THE_WEEK = "000_f82ea929d6935d3d.txt"
NYT = "002_4de14ec5b0f8b6f9.txt"
PREPOSITIONS = ("in ", "on ", "at ", "for ")
MEASUREMENT_UNITS = {"mile", "kilometer", "percent", "day"}


def read_gold() -> list[dict[str, str]]:
    """Rows of the gold list, as strings."""
    with GOLD_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def source_text(name: str) -> str:
    """The stored article text, decoded exactly as the ledger does."""
    return (SOURCES / name).read_bytes().decode("utf-8")


def published(name: str) -> dt.date:
    """The `published` date registered for a stored article."""
    with (SOURCES / "sources.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["path"] == name:
                return dt.date.fromisoformat(row["published"])
    raise LookupError(name)


@cache
def mentions(name: str) -> tuple[Mention, ...]:
    """The extractor's mentions in one seed article (computed once per run)."""
    return tuple(extract(source_text(name), published(name)))


def plain_start(start: int, text: str) -> int:
    """Start of a span once an optional leading locating preposition is dropped."""
    lowered = text.lower()
    for word in PREPOSITIONS:
        if lowered.startswith(word):
            return start + len(word)
    return start


def spans_match(row: dict[str, str], m: Mention) -> bool:
    """Same span, or the gold span run on to its counted noun (see seed_gold.md)."""
    if plain_start(int(row["start"]), row["text"]) != plain_start(m.start, m.text):
        return False
    if m.end == int(row["end"]):
        return True
    tail = m.text[int(row["end"]) - m.start :]
    noun = row["unit"].lower()
    return (
        m.end > int(row["end"])
        and row["unit"] not in MEASUREMENT_UNITS
        and bool(noun)
        and tail.lower().endswith(noun)
        and not any(ch.isdigit() for ch in tail)
    )


def pairing() -> tuple[list[tuple[dict[str, str], Mention]], list[dict[str, str]], list[Mention]]:
    """(gold row, mention) pairs, unmatched gold rows and unmatched mentions."""
    found = {name: list(mentions(name)) for name in (THE_WEEK, NYT)}
    pairs, missing = [], []
    for row in read_gold():
        match = next((m for m in found[row["file"]] if spans_match(row, m)), None)
        if match is None:
            missing.append(row)
        else:
            pairs.append((row, match))
            found[row["file"]].remove(match)
    return pairs, missing, [m for ms in found.values() for m in ms]


def same_bound(gold: str, got: object) -> bool:
    """A gold bound cell ('' = unbounded, ISO date or number) against a JSON bound."""
    if gold == "" or got is None:
        return gold == "" and got is None
    if isinstance(got, str):
        return gold == got
    return math.isclose(float(gold), float(got), rel_tol=1e-6, abs_tol=1e-9)


def same_unit(gold: str, got: str | None) -> bool:
    """Measurement units must be equal; a counted noun may be left out or given."""
    if gold in MEASUREMENT_UNITS or not gold:
        return (got or "") == gold
    return not got or got.lower().rstrip("s") == gold.lower().rstrip("s")


def value_errors(row: dict[str, str], mention: Mention) -> list[str]:
    """Fields where a matched mention disagrees with its gold row."""
    got = mention.to_json()
    errors = [
        f"{field}: want {row[field]!r}, got {got[field]!r}"
        for field in ("kind", "qualifier")
        if got[field] != row[field]
    ]
    errors += [
        f"{field}: want {row[field] or None!r}, got {got[field]!r}"
        for field in ("low", "high")
        if not same_bound(row[field], got[field])
    ]
    if not same_unit(row["unit"], got["unit"]):
        errors.append(f"unit: want {row['unit']!r}, got {got['unit']!r}")
    return errors


def describe(start: int, end: int, text: str) -> str:
    return f"[{start}:{end}] {text!r}"


@pytest.mark.parametrize("row", read_gold(), ids=lambda r: f"{r['file'][:3]}-{r['start']}")
def test_gold_row_quotes_the_source_exactly(row: dict[str, str]) -> None:
    assert source_text(row["file"])[int(row["start"]) : int(row["end"])] == row["text"]


def test_every_gold_mention_is_found() -> None:
    _, missing, _ = pairing()
    lines = [
        r["file"][:3] + " " + describe(int(r["start"]), int(r["end"]), r["text"]) for r in missing
    ]
    assert not missing, "gold mentions not found:\n" + "\n".join(lines)


def test_precision_is_at_least_95_percent() -> None:
    pairs, _, extra = pairing()
    precision = len(pairs) / (len(pairs) + len(extra)) if pairs or extra else 0.0
    lines = [describe(m.start, m.end, m.text) for m in extra]
    assert precision >= 0.95, f"precision {precision:.3f}; not in gold:\n" + "\n".join(lines)


def test_every_matched_mention_has_the_gold_value() -> None:
    pairs, _, _ = pairing()
    wrong = [
        r["file"][:3] + " " + describe(m.start, m.end, m.text) + ": " + "; ".join(errors)
        for r, m in pairs
        if (errors := value_errors(r, m))
    ]
    assert not wrong, "values differing from the gold list:\n" + "\n".join(wrong)


def mentions_overlapping(name: str, phrase: str) -> list[dict[str, object]]:
    """JSON of the mentions that overlap the only occurrence of `phrase`."""
    text = source_text(name)
    assert text.count(phrase) == 1
    start = text.index(phrase)
    end = start + len(phrase)
    return [m.to_json() for m in mentions(name) if m.start < end and m.end > start]


def test_design_example_assault_force_in_the_week_is_exactly_50000() -> None:
    found = mentions_overlapping(THE_WEEK, "50,000 Russian and North Korean troops")
    assert [(m["kind"], m["qualifier"], m["low"], m["high"]) for m in found] == [
        ("quantity", "exact", 50000, 50000)
    ]


def test_design_example_more_than_10000_troops_is_a_lower_bound() -> None:
    found = mentions_overlapping(NYT, "more than 10,000 North Korean troops")
    assert [(m["qualifier"], m["low"], m["high"]) for m in found] == [("more_than", 10000, None)]
    assert str(found[0]["text"]).startswith("more than 10,000")


def test_design_example_thursday_in_the_week_is_2024_11_14() -> None:
    found = mentions_overlapping(THE_WEEK, "made Thursday,")
    assert [(m["kind"], m["low"], m["high"]) for m in found] == [
        ("date", "2024-11-14", "2024-11-14")
    ]


def test_design_example_several_hundred_atacms_is_a_vague_hundreds_interval() -> None:
    found = mentions_overlapping(NYT, "several hundred long-range ATACMS")
    assert [m["qualifier"] for m in found] == ["vague"]
    assert str(found[0]["text"]).startswith("several hundred")
    low, high = found[0]["low"], found[0]["high"]
    assert isinstance(low, int | float) and isinstance(high, int | float)
    assert 200 <= low < high < 1000
