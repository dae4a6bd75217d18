"""Values by class of wording: ranges with units on both ends, counted nouns, months and
weekdays read with tense and paragraph, durations after verbs of lasting, and quotes
holding two values (issue 21, part 1)."""

from __future__ import annotations

import csv
import datetime
import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.extract import extract
from provenance.fill import fill
from provenance.ledger import load_ledger
from provenance.quote_split import split_quote
from provenance.validate import validate_ledger
from provenance.values import parse_value

D = datetime.date
NOV = D(2024, 11, 17)
DEC = D(2024, 12, 10)
MONTH = 30.4375


def only(text: str, published: datetime.date = NOV):
    found = extract(text, published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "kind", "low", "high", "unit"),
    [
        ("between $2 million and $3 million", "between $2 million and $3 million",
         "quantity", 2e6, 3e6, "USD"),
        ("$2 million to $3 million", "$2 million to $3 million", "quantity", 2e6, 3e6, "USD"),
        ("from £5m to £7m", "from £5m to £7m", "quantity", 5e6, 7e6, "GBP"),
        ("between 300 and 400 kilometres", "between 300 and 400 kilometres",
         "quantity", 300, 400, "kilometer"),
        ("a road of 300 km to 400 km", "300 km to 400 km", "quantity", 300, 400, "kilometer"),
        ("between three and 12 months", "between three and 12 months",
         "duration", 3 * MONTH, 12 * MONTH, "day"),
        ("two months to three months", "two months to three months",
         "duration", 2 * MONTH, 3 * MONTH, "day"),
        ("from 10,000 to 12,000 troops", "from 10,000 to 12,000 troops",
         "quantity", 10_000, 12_000, "troops"),
        ("between 12,000 and 14,000 troops", "between 12,000 and 14,000 troops",
         "quantity", 12_000, 14_000, "troops"),
        ("2–3 million people", "2–3 million people", "quantity", 2e6, 3e6, "people"),
        ("10-12 months", "10-12 months", "duration", 10 * MONTH, 12 * MONTH, "day"),
    ],
)
def test_a_range_written_out_is_one_mention_with_a_range_interval(text, span, kind, low,
                                                                  high, unit):
    m = only(text)
    v = m.value
    assert (m.text, v.kind, v.qualifier, v.unit) == (span, kind, "range", unit)
    assert (v.low, v.high) == pytest.approx((low, high))


@pytest.mark.parametrize("text", ["$2 million and $3 million", "300 km and 400 km",
                                  "5 troops to 3 troops"])
def test_two_figures_without_a_range_frame_stay_two_mentions(text):
    assert len(extract(text, NOV)) == 2


@given(low=st.integers(1, 10**6), gap=st.integers(1, 10**6),
       unit=st.sampled_from(["kilometres", "troops", "miles", "percent"]),
       unit_first=st.booleans())
def test_between_a_and_b_gives_a_range_holding_both(low, gap, unit, unit_first):
    high = low + gap
    first = f"{low:,} {unit}" if unit_first else f"{low:,}"
    v = only(f"between {first} and {high:,} {unit}").value
    assert v.qualifier == "range" and v.low == low and v.high == high


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "qualifier"),
    [
        ("two senior U.S. officials said", "two senior U.S. officials", 2, "officials",
         "exact"),
        ("some 10,000 elite North Korean troops", "some 10,000 elite North Korean troops",
         10_000, "troops", "approx"),
        ("one U.S. official said", "one U.S. official", 1, "official", "exact"),
        ("three U.N. staff were hurt", "three U.N. staff", 3, "staff", "exact"),
        ("about 200 veteran Russian soldiers", "about 200 veteran Russian soldiers", 200,
         "soldiers", "approx"),
        ("more than 10,000 North Korean troops", "more than 10,000 North Korean troops",
         10_000, "troops", "more_than"),
        ("several hundred long-range ATACMS", "several hundred long-range ATACMS", None,
         "ATACMS", "vague"),
        ("50,000 Russian and North Korean troops", "50,000 Russian and North Korean troops",
         50_000, "troops", "exact"),
    ],
)
def test_the_unit_of_a_counted_phrase_is_its_head_noun(text, span, value, unit, qualifier):
    m = only(text)
    assert (m.text, m.value.value, m.value.unit, m.value.qualifier) == (
        span, value, unit, qualifier)


@pytest.mark.parametrize("text", ["one of the goals", "the one that mattered",
                                  "no one was hurt"])
def test_one_as_a_pronoun_is_not_a_count(text):
    assert extract(text, NOV) == []


@pytest.mark.parametrize(
    ("text", "published", "low", "high", "ambiguous"),
    [
        # future tense points forward
        ("In January the panel will publish its report.", DEC, D(2025, 1, 1),
         D(2025, 1, 31), False),
        ("The talks are expected to resume in March.", NOV, D(2025, 3, 1), D(2025, 3, 31),
         False),
        ("He will speak on Thursday.", D(2024, 11, 18), D(2024, 11, 21), D(2024, 11, 21),
         False),
        ("The offensive is set to start in the spring.", NOV, D(2025, 3, 1),
         D(2025, 5, 31), False),
        # past tense points back
        ("In January the panel published its report.", DEC, D(2024, 1, 1),
         D(2024, 1, 31), False),
        ("The troops crossed the border on Thursday.", D(2024, 11, 18), D(2024, 11, 14),
         D(2024, 11, 14), False),
        # a year named nearby wins
        ("In 2023 the army retreated. In October it advanced.", NOV, D(2023, 10, 1),
         D(2023, 10, 31), False),
        ("During 2022, prices rose. In May they fell again.", NOV, D(2022, 5, 1),
         D(2022, 5, 31), False),
        ("Last year was hard. In October the front moved.", NOV, D(2023, 10, 1),
         D(2023, 10, 31), False),
        ("In 2023 the lines held.\nIn October the front moved.", NOV, D(2024, 10, 1),
         D(2024, 10, 31), False),  # another paragraph: the year does not carry over
        # the year is open: both readings
        ("a cross-border assault in May", NOV, D(2024, 5, 1), D(2025, 5, 31), True),
        ("elections in the spring", NOV, D(2024, 3, 1), D(2025, 5, 31), True),
        ("talks in November", NOV, D(2024, 11, 1), D(2024, 11, 30), False),
    ],
)
def test_bare_month_season_and_weekday_names_read_tense_and_paragraph(text, published, low,
                                                                      high, ambiguous):
    dates = [m for m in extract(text, published) if m.kind == "date"]
    v = dates[-1].value
    assert (v.date_low, v.date_high, v.ambiguous) == (low, high, ambiguous)


def test_parse_value_reads_a_quote_in_its_source_context():
    text = "In 2023 the army retreated. Then in October it advanced."
    start = text.index("in October")
    v = parse_value("in October", NOV, "date", context=(text, start))
    assert (v.date_low, v.date_high, v.ambiguous) == (D(2023, 10, 1), D(2023, 10, 31), False)


def test_a_context_that_does_not_hold_the_quote_is_ignored():
    v = parse_value("in October", NOV, "date", context=("nothing here", 3))
    assert v.ambiguous and v.date_low == D(2024, 10, 1)


@pytest.mark.parametrize(
    ("text", "span", "qualifier", "low", "high"),
    [
        ("a journey expected to take about three weeks", "about three weeks", "approx",
         18.9, 23.1),
        ("the offensive lasted two months", "two months", "exact", 2 * MONTH, 2 * MONTH),
        ("it will take years", "years", "vague", 730.5, 7305),
        ("the talks took nearly a week", "nearly a week", "nearly", 6.3, 7),
    ],
)
def test_a_length_after_a_verb_of_lasting_is_a_duration(text, span, qualifier, low, high):
    m = only(text)
    assert (m.text, m.kind, m.value.qualifier) == (span, "duration", qualifier)
    assert (m.value.low, m.value.high) == pytest.approx((low, high))


@pytest.mark.parametrize("quote", ["it took three weeks before the troops arrived",
                                   "the siege lasted two months after the vote"])
def test_a_lasting_duration_is_never_read_as_a_date_offset(quote):
    assert parse_value(quote, NOV, "date").kind == "text"


def test_over_the_next_years_is_a_future_period_of_dates():
    m = only("investment over the next five years")
    assert (m.kind, m.value.date_low, m.value.date_high) == ("date", NOV, D(2029, 11, 17))


@pytest.mark.parametrize("published", [NOV, "2024-11-17"])
def test_parse_value_takes_a_date_or_an_iso_string_alike(published):
    v = parse_value("on Sunday", published, "date")
    assert (v.date_low, v.date_high) == (NOV, NOV)


@pytest.mark.parametrize(
    ("quote", "kind", "parts"),
    [
        ("50 troops and 40 tanks", "quantity", ("50 troops", "40 tanks")),
        ("killed 50 troops and destroyed 40 tanks", "quantity",
         ("killed 50 troops", "destroyed 40 tanks")),
        ("12,000 soldiers, 300 tanks", "quantity", ("12,000 soldiers", "300 tanks")),
        ("about 50,000 troops massed near Kursk on Sunday", "",
         ("about 50,000 troops", "massed near Kursk on Sunday")),
    ],
)
def test_split_quote_gives_two_exact_sub_spans(quote, kind, parts):
    text = "Reported: " + quote + " (fictional)"
    start = text.index(quote)
    one, two = split_quote(quote, kind, start)
    assert (text[one[0]:one[1]], text[two[0]:two[1]]) == parts


@pytest.mark.parametrize(("quote", "kind"), [
    ("between 12,000 and 14,000 troops", "quantity"),
    ("On Sunday, 50 troops arrived", "date"),
    ("50 troops and 40 tanks", "text"),
])
def test_a_quote_with_one_value_of_its_kind_is_not_split(quote, kind):
    assert split_quote(quote, kind) is None


DAILY = ("The Daily Fictional (FICTIONAL) reports that 10,000 troops crossed the river, "
         "and that 50 troops and 40 tanks were lost.\n")
COURIER = ("The Imaginary Courier (FICTIONAL) counts between 12,000 and 14,000 troops.\n"
           "In 2023 the fictional army retreated. In October it advanced again.\n")


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.fixture
def fictional(tmp_path):
    (tmp_path / "sources").mkdir()
    rows = [["source_id", "outlet", "published", "published_note", "path", "title", "byline",
             "url", "sha256"]]
    for sid, text, outlet in (("daily", DAILY, "The Daily Fictional (FICTIONAL)"),
                              ("courier", COURIER, "The Imaginary Courier (FICTIONAL)")):
        (tmp_path / "sources" / f"{sid}.txt").write_text(text, encoding="utf-8", newline="")
        digest = hashlib.sha256(text.encode()).hexdigest()
        rows.append([sid, outlet, "2024-11-17", "", f"{sid}.txt", sid, "", "", digest])
    _write(tmp_path / "sources" / "sources.csv", rows)
    header = ["claim_id", "source_id", "fact_key", "kind", "quote", "start", "end",
              "attributed_to", "status", "note"]
    _write(tmp_path / "claims.csv", [
        header,
        ["daily-01", "daily", "river.crossing.size", "quantity", "10,000 troops", "", "", "",
         "confirmed", ""],
        ["daily-02", "daily", "river.losses", "quantity", "50 troops and 40 tanks", "", "",
         "", "confirmed", ""],
        ["courier-01", "courier", "river.crossing.size", "quantity",
         "between 12,000 and 14,000 troops", "", "", "", "confirmed", ""],
        ["courier-02", "courier", "advance.date", "date", "In October it advanced", "", "",
         "", "confirmed", ""],
    ])
    return tmp_path


def test_fill_gives_fictional_outlets_comparable_ranges_and_dates_in_context(fictional):
    ledger = load_ledger(fictional)
    fill(ledger)
    cells = {r["claim_id"]: r for r in ledger.claims.to_dict("records")}
    assert [cells["daily-01"][c] for c in ("qualifier", "low", "high", "unit")] == [
        "exact", "10000", "10000", "troops"]
    assert [cells["courier-01"][c] for c in ("qualifier", "low", "high", "unit")] == [
        "range", "12000", "14000", "troops"]
    assert [cells["courier-02"][c] for c in ("date_low", "date_high", "ambiguous")] == [
        "2023-10-01", "2023-10-31", ""]


def test_validate_warns_about_a_quote_holding_two_values(fictional):
    findings = [f for f in validate_ledger(fictional).findings
                if f.slug == "quote-holds-two-values"]
    assert [(f.claim_id, f.severity) for f in findings] == [("daily-02", "warning")]
    assert "'50 troops' and '40 tanks'" in findings[0].message
