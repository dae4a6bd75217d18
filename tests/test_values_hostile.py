"""Values never crash and never guess silently (issue 19 part 7; rules in values/limits.py).

Out-of-range figures and impossible days are refused (no value, no mention, `explain`
names why); dates resolved beyond the calendar are undated (ambiguous, no interval);
`fill` reports a refusal and writes nothing; `validate` flags out-of-range cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.claim_rules import Cells, dates, numbers
from provenance.cli import main
from provenance.extract import extract
from provenance.values import Value, explain, parse_value
from tests.conftest import snapshot

P = dt.date(2024, 11, 17)
FAR = dt.date(9999, 12, 31)
FIRST = dt.date(1, 1, 1)
HUGE = "1" * 400

# quote, published, kind -> expected (kind, date_low, date_high, ambiguous) and a reason
# that `explain` gives (None: no reason expected)
HOSTILE = [
    ("10^400 troops", P, None, ("text", None, None, False), "beyond the supported magnitude"),
    ("1e309 troops", P, None, ("text", None, None, False), "beyond the supported magnitude"),
    ("10^4000 troops", P, None, ("text", None, None, False), None),
    ("0^-1 troops", P, None, ("text", None, None, False), "beyond the supported magnitude"),
    ("29 0/0 troops", P, None, ("quantity", None, None, False), None),
    ("1 234 567 890 123 456 789 people", P, None, ("text", None, None, False),
     "significant digits"),
    (f"{HUGE} troops", P, None, ("text", None, None, False), "significant digits"),
    ("999,999,999,999,999,999,999 troops", P, None, ("text", None, None, False),
     "significant digits"),
    ("1,000,000,000,000,000,000,000 troops", P, None, ("text", None, None, False),
     "beyond the supported magnitude"),
    ("10 trillion trillion dollars", P, None, ("text", None, None, False),
     "beyond the supported magnitude"),
    ("next year", FAR, "date", ("date", None, None, True), None),
    ("two years from now", FAR, "date", ("date", None, None, True), None),
    ("tomorrow", FAR, "date", ("date", None, None, True), None),
    ("next summer", FAR, "date", ("date", None, None, True), None),
    ("yesterday", FIRST, "date", ("date", None, None, True), None),
    ("a year ago", FIRST, "date", ("date", None, None, True), None),
    ("10000 years ago", P, "date", ("date", None, None, True), None),
    ("next year", "9998-06-01", "date",
     ("date", dt.date(9999, 1, 1), dt.date(9999, 12, 31), False), None),
    ("yesterday", "2024-11-17", "date", ("date", dt.date(2024, 11, 16),
                                         dt.date(2024, 11, 16), False), None),
    ("in 1066", P, "date", ("text", None, None, False), "year 1066 is outside"),
    ("in 2150", P, "date", ("text", None, None, False), "year 2150 is outside"),
    ("in 1500", P, "date", ("date", dt.date(1500, 1, 1), dt.date(1500, 12, 31), False), None),
    ("in 2099", P, "date", ("date", dt.date(2099, 1, 1), dt.date(2099, 12, 31), False), None),
    ("30 February", P, "date", ("text", None, None, False), "'30 February' is not a real date"),
    ("on 30 February", P, None, ("text", None, None, False), "is not a real date"),
    ("February 30, 2024", P, "date", ("text", None, None, False), "is not a real date"),
    ("Feb. 29, 2023", P, "date", ("text", None, None, False), "is not a real date"),
    ("Feb. 29, 2024", P, "date", ("date", dt.date(2024, 2, 29), dt.date(2024, 2, 29), False),
     None),
    ("31 April", P, "date", ("text", None, None, False), "'31 April' is not a real date"),
    ("April 31", P, "date", ("text", None, None, False), "is not a real date"),
    ("2023-02-29", P, "date", ("text", None, None, False), "is not a real date"),
    ("2/30/2024", P, "date", ("text", None, None, False), "is not a real date"),
    ("on 2/30", P, "date", ("text", None, None, False), "is not a real date"),
    ("the 30th of February", P, "date", ("text", None, None, False), "is not a real date"),
    ("February 4-30", P, "date", ("text", None, None, False), "is not a real date"),
    ("Sunday, February 30", P, "date", ("text", None, None, False), "is not a real date"),
]


@pytest.mark.parametrize(("quote", "published", "kind", "expected", "reason"), HOSTILE,
                         ids=[f"{c[0][:40]}@{c[1]}" for c in HOSTILE])
def test_a_hostile_phrase_gives_its_documented_outcome(quote, published, kind, expected,
                                                       reason):
    value = parse_value(quote, published, kind)
    got = (value.kind, value.date_low, value.date_high, value.ambiguous)
    assert got == expected
    said = explain(quote, published)
    if reason is None:
        assert value.kind != "text" or said is None or "not a real" not in said
    else:
        assert said is not None and reason in said


REFUSED = [c for c in HOSTILE if c[3][0] == "text"]


@pytest.mark.parametrize("case", REFUSED, ids=[c[0][:40] for c in REFUSED])
def test_nothing_inside_a_refused_phrase_is_read_again(case):
    quote, published = case[0], case[1]
    assert extract(quote, published) == []


def test_a_figure_with_fifteen_significant_digits_is_still_read():
    value = parse_value("999,999,999,999,999 troops", P)
    assert (value.value, value.unit) == (999_999_999_999_999, "troops")


def test_a_date_beyond_the_calendar_keeps_its_whole_span():
    [mention] = extract("It began 10000 years ago, they said.", P)
    assert (mention.text, mention.kind, mention.value.date_low) == ("10000 years ago", "date",
                                                                    None)


def test_a_publication_date_string_that_is_not_iso_is_named():
    with pytest.raises(ValueError, match="published 'last Tuesday' is not a YYYY-MM-DD date"):
        parse_value("yesterday", "last Tuesday", "date")


# -- property: never raises, every value consistent ------------------------------------

WORDS = ["ago", "years", "year", "months", "next", "last", "in", "since", "February", "30",
         "31", "April", "Feb.", "29", "2023", "1066", "2150", "trillion", "million", "about",
         "between", "and", "to", "from", "now", "later", "before", "the", "of", "1e309",
         "10^400", "-", "/", ",", "tomorrow", "yesterday", "week", "decade", "century",
         "winter", "Sunday", "Q3", "half", "troops", "$", "%", "miles", "9999-12-31", "0/0",
         "^", "e", "1.5e6", "0^-1", "2/30/2024"]
FRAGMENT = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=6),
    st.integers(min_value=1, max_value=450).map(lambda n: "9" * n),
    st.integers(min_value=0, max_value=10**30).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=12000).map(str),
)
QUOTES = st.lists(FRAGMENT, max_size=12).map(" ".join)
DATES = st.dates(min_value=dt.date.min, max_value=dt.date.max)
PUBLISHED = st.one_of(st.none(), DATES, DATES.map(dt.date.isoformat))
KINDS = st.sampled_from([None, "quantity", "duration", "date", "text"])


def value_findings(cells: dict[str, str]) -> list:
    """What validate's number and date rules find in one row of these cells."""
    row = Cells(SimpleNamespace(claims=pd.DataFrame([cells], dtype=object),
                                claims_table=None, line_of=lambda _: None))
    return [found for rule in (numbers, dates) for found in rule(row)]


def assert_consistent(value: Value) -> None:
    """Finite ordered numbers, real ordered dates, cells validate accepts and reads back."""
    numbers = [x for x in (value.value, value.low, value.high) if x is not None]
    assert all(math.isfinite(x) for x in numbers)
    if value.low is not None and value.high is not None:
        assert value.low <= value.high
    for day in (value.date_low, value.date_high):
        assert day is None or type(day) is dt.date
    if value.date_low is not None and value.date_high is not None:
        assert value.date_low <= value.date_high
    cells = value.to_cells()
    assert value_findings(cells) == []
    assert Value.from_cells(cells) == value


@settings(max_examples=400, deadline=None)
@given(QUOTES, PUBLISHED, KINDS)
def test_parse_value_never_raises_and_is_consistent(quote, published, kind):
    assert_consistent(parse_value(quote, published, kind))
    said = explain(quote, published)
    assert said is None or isinstance(said, str)


@settings(max_examples=300, deadline=None)
@given(QUOTES, PUBLISHED)
def test_extract_never_raises_and_every_mention_is_consistent(text, published):
    end = 0
    for mention in extract(text, published):
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= end
        end = mention.end
        assert_consistent(mention.value)


# -- through the CLI: fill refuses and writes nothing; validate flags cells ------------

TEXT = ("The Daily Fictional (FICTIONAL) reports: talks end on 30 February, "
        "in 1066 or so, with 1e309 envoys; a deal is due next year.\n")
HEADER = ["claim_id", "source_id", "fact_key", "kind", "quote", "start", "end",
          "attributed_to", "status", "note", "qualifier", "value", "low", "high", "unit",
          "date_low", "date_high", "ambiguous"]


def _ledger(root: Path, rows: list[dict[str, str]], published: str = "2024-11-18") -> Path:
    (root / "sources").mkdir(parents=True)
    data = TEXT.encode("utf-8")
    (root / "sources" / "daily.txt").write_bytes(data)
    with (root / "sources" / "sources.csv").open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([
            ["source_id", "outlet", "published", "published_note", "path", "title", "byline",
             "url", "sha256"],
            ["daily", "The Daily Fictional (FICTIONAL)", published, "", "daily.txt",
             "Talks (fictional)", "", "", hashlib.sha256(data).hexdigest()]])
    with (root / "claims.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, HEADER, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return root


def _claim(quote: str, kind: str, **cells: str) -> dict[str, str]:
    start = TEXT.index(quote)
    return {"claim_id": "daily-01", "source_id": "daily", "fact_key": "talks.end",
            "kind": kind, "quote": quote, "start": str(start),
            "end": str(start + len(quote)), "status": "confirmed", **cells}


@pytest.mark.parametrize(("quote", "kind", "words"), [
    ("30 February", "date", "no date found in quote '30 February': '30 February' is not "
                            "a real date"),
    ("30 February", "", "no value found in quote '30 February': '30 February' is not a "
                        "real date"),
    ("in 1066", "date", "the year 1066 is outside the years read as dates (1500-2099)"),
    ("1e309 envoys", "quantity", "no quantity found in quote '1e309 envoys': '1e309' is "
                                 "beyond the supported magnitude of 1e+18"),
], ids=["impossible-day", "impossible-day-no-kind", "year-out-of-range", "1e309"])
def test_fill_reports_a_refused_value_and_changes_no_byte(tmp_path, capsys, quote, kind,
                                                          words):
    folder = _ledger(tmp_path / "ledger", [_claim(quote, kind)])
    before = snapshot(folder)
    assert main(["fill", "--ledger", str(folder)]) == 0
    captured = capsys.readouterr()
    assert words in captured.err
    assert "claims.csv unchanged" in captured.out and "Traceback" not in captured.err
    assert snapshot(folder) == before


def test_fill_writes_a_date_beyond_the_calendar_as_ambiguous_without_interval(tmp_path):
    folder = _ledger(tmp_path / "ledger", [_claim("next year", "date")],
                     published="9999-12-31")
    assert main(["fill", "--ledger", str(folder)]) == 0
    with (folder / "claims.csv").open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["kind"], row["ambiguous"], row["date_low"], row["date_high"]) == (
        "date", "true", "", "")
    assert main(["validate", "--ledger", str(folder)]) == 0


@pytest.mark.parametrize(("cells", "code", "words"), [
    ({"value": "1e309", "low": "1e309", "high": "1e309"}, 1, "value '1e309' is not finite"),
    ({"value": "1e300", "low": "1e300", "high": "1e300"}, 0,
     "warning: claim daily-01: value '1e300' is beyond 1e+18"),
    ({"date_low": "10000-01-01", "date_high": "10000-12-31"}, 1,
     "date_low '10000-01-01' is not a real YYYY-MM-DD date"),
    ({"date_low": "2023-02-29", "date_high": "2023-02-29"}, 1,
     "date_low '2023-02-29' is not a real YYYY-MM-DD date"),
], ids=["not-finite", "absurd", "year-10000", "impossible-day"])
def test_validate_flags_out_of_range_value_cells(tmp_path, capsys, cells, code, words):
    kind = "date" if "date_low" in cells else "quantity"
    folder = _ledger(tmp_path / "ledger",
                     [_claim("1e309 envoys", kind, qualifier="exact", **cells)])
    before = snapshot(folder)
    assert main(["validate", "--ledger", str(folder)]) == code
    out = capsys.readouterr().out
    assert words in out and "claims.csv:2:" in out
    assert snapshot(folder) == before
