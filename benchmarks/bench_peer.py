"""Loaders: peer test data (../shared/peer) and the seed gold list as benchmark suites.

Conventions of the peers are mapped, not adopted:

- quantulum3: span = first occurrence of `surface` (as its harness does); a range is
  value +- uncertainty.
- TimeML: DATE and DURATION are scored, TIME and SET are ignored regions; the DCT is the
  reference date. MEANTIME is cut at `annotated_end`; its dateline is a date mention; the
  documents without a DCT (2) or with a non-ISO one (1: "03-02-2009") are left out.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from bench_model import (
    DAYS,
    DEFAULT_REF,
    Check,
    Doc,
    Gold,
    Pred,
    Suite,
    close,
    date_check,
    date_overlap_check,
    duration_check,
    iso,
    point_check,
    quantity_check,
)
from bench_timex import timex_date, timex_days
from bench_units import is_measurement, same_unit

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def quantulum_gold(req: str, q: dict) -> Gold:
    """One quantulum3 expected quantity (span = first occurrence of its surface)."""
    start = req.index(q["surface"])
    end = start + len(q["surface"])
    value, spread = float(q["value"]), float(q.get("uncertainty") or 0.0)
    unit = q["unit"]
    if unit in {"second", "minute", "hour", "day", "week", "month", "year"} and not spread:
        return Gold(start, end, "duration", point_check(value * DAYS[unit]))
    unit_or_none = None if unit == "dimensionless" else unit
    return Gold(
        start, end, "quantity", quantity_check(value - spread, value + spread, unit_or_none)
    )


def quantulum_suite(peer: Path) -> Suite:
    cases = json.loads((peer / "quantulum3" / "quantities.json").read_text(encoding="utf-8"))
    docs = [
        Doc(c["req"], DEFAULT_REF, [quantulum_gold(c["req"], q) for q in c["res"]]) for c in cases
    ]
    return Suite(
        "quantulum3", docs, frozenset({"quantity", "duration"}), "quantulum3/quantities.json"
    )


def timex_gold(t: dict) -> Gold | None:
    """A TimeML TIMEX3 as gold (None for TIME and SET)."""
    mod = t.get("mod")
    if t["type"] == "DATE":
        span = timex_date(t["value"])
        check = None if span is None else date_check([span])
        if span is not None and mod:
            check = date_overlap_check(*span)
        return Gold(t["start"], t["end"], "date", check)
    if t["type"] == "DURATION":
        days = timex_days(t["value"])
        check = duration_check(days, hedged=bool(mod)) if days is not None else None
        return Gold(t["start"], t["end"], "duration", check)
    return None


def timeml_doc(record: dict, text: str, timexes: list[dict]) -> Doc:
    doc = Doc(text, iso(record["dct"]), [])
    for t in timexes:
        gold = timex_gold(t)
        if gold is None:
            doc.ignore.append((t["start"], t["end"]))
        else:
            doc.gold.append(gold)
    return doc


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def timeml_suites(peer: Path) -> list[Suite]:
    """TE3 platinum and MEANTIME (TIMEX3 and VALUE) suites."""
    te3 = [
        timeml_doc(r, r["text"], r["timexes"])
        for r in read_jsonl(peer / "timeml" / "te3-platinum.timex.jsonl")
    ]
    records = [
        r
        for r in read_jsonl(peer / "timeml" / "meantime-en.timex.jsonl")
        if r["dct"] and ISO_DATE.match(r["dct"])
    ]
    meantime, values = [], []
    for r in records:
        text = r["text"][: r["annotated_end"]]
        timexes = [t for t in r["timexes"] + [r["dct_mention"]] if t["end"] <= len(text)]
        meantime.append(timeml_doc(r, text, timexes))
        spans = [(v["start"], v["end"]) for v in r["values"] if v["end"] <= len(text)]
        values.append(Doc(text, iso(r["dct"]), [Gold(s, e, "quantity") for s, e in spans]))
    return [
        Suite("te3-platinum", te3, frozenset({"date", "duration"}), "TIMEX3 DATE+DURATION"),
        Suite(
            "meantime-timex",
            meantime,
            frozenset({"date", "duration"}),
            "TIMEX3 DATE+DURATION, sentences 0-5, docs with an ISO DCT",
        ),
        Suite("meantime-values", values, frozenset({"quantity"}), "VALUE spans only"),
    ]


def seed_check(row: dict[str, str]) -> Check:
    """Kind, qualifier, bounds and unit of a seed gold row (counted nouns optional)."""
    kind, unit = row["kind"], row["unit"]

    def check(p: Pred) -> bool:
        if p.kind != kind or p.qualifier != row["qualifier"]:
            return False
        if kind == "date":
            return (str(p.date_low), str(p.date_high)) == (row["low"], row["high"])
        bounds = [float(row[k]) if row[k] else None for k in ("low", "high")]
        if not (close(p.low, bounds[0]) and close(p.high, bounds[1])):
            return False
        if is_measurement(unit) or unit in {"percent", "day"}:
            return bool(p.unit) and same_unit(p.unit, unit)
        return not p.unit or same_unit(p.unit, unit)

    return check


def seed_suite(root: Path) -> Suite:
    """The two seed articles and the hand-made gold list of tests/data."""
    sources = root / "sources"
    with (sources / "sources.csv").open(encoding="utf-8", newline="") as handle:
        published = {r["path"]: iso(r["published"]) for r in csv.DictReader(handle)}
    with (root / "tests" / "data" / "seed_gold.csv").open(encoding="utf-8", newline="") as h:
        rows = list(csv.DictReader(h))
    docs = []
    for name in sorted({r["file"] for r in rows}):
        gold = [
            Gold(int(r["start"]), int(r["end"]), r["kind"], seed_check(r))
            for r in rows
            if r["file"] == name
        ]
        text = (sources / name).read_bytes().decode("utf-8")
        docs.append(Doc(text, published[name], gold))
    return Suite(
        "seed", docs, frozenset({"quantity", "duration", "date"}), "tests/data/seed_gold.csv"
    )
