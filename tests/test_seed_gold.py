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
PREPOSITIONS = ("in ", "on ", "at ")
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


def span_key(file: str, start: int, end: int, text: str) -> tuple[str, int, int]:
    """A span with an optional leading locating preposition dropped."""
    if text.lower().startswith(PREPOSITIONS):
        return file, start + 3, end
    return file, start, end


def gold_by_span() -> dict[tuple[str, int, int], dict[str, str]]:
    return {
        span_key(r["file"], int(r["start"]), int(r["end"]), r["text"]): r for r in read_gold()
    }


def found_by_span() -> dict[tuple[str, int, int], Mention]:
    return {
        span_key(name, m.start, m.end, m.text): m
        for name in (THE_WEEK, NYT)
        for m in mentions(name)
    }


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


def describe(key: tuple[str, int, int], text: str) -> str:
    return f"{key[0][:3]} [{key[1]}:{key[2]}] {text!r}"


@pytest.mark.parametrize("row", read_gold(), ids=lambda r: f"{r['file'][:3]}-{r['start']}")
def test_gold_row_quotes_the_source_exactly(row: dict[str, str]) -> None:
    assert source_text(row["file"])[int(row["start"]) : int(row["end"])] == row["text"]


def test_every_gold_mention_is_found() -> None:
    found = found_by_span()
    missing = [describe(k, r["text"]) for k, r in gold_by_span().items() if k not in found]
    assert not missing, "gold mentions not found (same span):\n" + "\n".join(missing)


def test_precision_is_at_least_95_percent() -> None:
    found, gold = found_by_span(), gold_by_span()
    extra = [describe(k, m.text) for k, m in found.items() if k not in gold]
    precision = (len(found) - len(extra)) / len(found) if found else 0.0
    assert precision >= 0.95, f"precision {precision:.3f}; not in gold:\n" + "\n".join(extra)


def test_every_matched_mention_has_the_gold_value() -> None:
    found = found_by_span()
    wrong = [
        describe(key, row["text"]) + ": " + "; ".join(errors)
        for key, row in gold_by_span().items()
        if key in found and (errors := value_errors(row, found[key]))
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
    assert [(m["text"], m["qualifier"], m["low"], m["high"]) for m in found] == [
        ("more than 10,000", "more_than", 10000, None)
    ]


def test_design_example_thursday_in_the_week_is_2024_11_14() -> None:
    found = mentions_overlapping(THE_WEEK, "made Thursday,")
    assert [(m["kind"], m["low"], m["high"]) for m in found] == [
        ("date", "2024-11-14", "2024-11-14")
    ]


def test_design_example_several_hundred_atacms_is_a_vague_hundreds_interval() -> None:
    found = mentions_overlapping(NYT, "several hundred long-range ATACMS")
    assert [(m["text"], m["qualifier"]) for m in found] == [("several hundred", "vague")]
    low, high = found[0]["low"], found[0]["high"]
    assert isinstance(low, int | float) and isinstance(high, int | float)
    assert 200 <= low < high < 1000
