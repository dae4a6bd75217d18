"""parse_value: the value of a claim quote (first mention of the requested kind)."""

import datetime

import pytest

from provenance.values import Value, parse_value

WEEK = datetime.date(2024, 11, 18)
NYT = datetime.date(2024, 11, 17)


@pytest.mark.parametrize(
    ("quote", "kind", "expected"),
    [
        ("50,000 Russian and North Korean troops", None,
         Value("quantity", "exact", 50000, 50000, 50000, "troops")),
        ("more than 10,000 North Korean troops", "quantity",
         Value("quantity", "more_than", 10000, 10000, None, "troops")),
        ("several hundred long-range ATACMS", "quantity",
         Value("quantity", "vague", None, 300, 900, "ATACMS")),
        ("10,000 to 12,000 troops", None, Value("quantity", "range", None, 10000, 12000, "troops")),
        ("10,000-12,000", None, Value("quantity", "range", None, 10000, 12000)),
        ("between 10,000 and 12,000", None, Value("quantity", "range", None, 10000, 12000)),
        ("1.5 to 2 million people", None,
         Value("quantity", "range", None, 1_500_000, 2_000_000, "people")),
        ("a dozen drones", None, Value("quantity", "exact", 12, 12, 12, "drones")),
        ("ten thousand soldiers", None,
         Value("quantity", "exact", 10000, 10000, 10000, "soldiers")),
        ("1.5 million", None, Value("quantity", "exact", 1.5e6, 1.5e6, 1.5e6)),
        ("hundreds of troops", None, Value("quantity", "vague", None, 200, 1000, "troops")),
        ("thousands", None, Value("quantity", "vague", None, 2000, 10000)),
        ("dozens", None, Value("quantity", "vague", None, 24, 120)),
        ("a few", None, Value("quantity", "vague", None, 2, 5)),
        ("three quarters", None, Value("quantity", "exact", 75, 75, 75, "percent")),
    ],
)
def test_quantities(quote, kind, expected):
    assert parse_value(quote, NYT, kind) == expected


def test_first_mention_of_the_requested_kind():
    quote = "Biden's ATACMS shift, made Thursday, came 2 months before"
    assert parse_value(quote, WEEK, "date").date_low == datetime.date(2024, 11, 14)
    assert parse_value(quote, WEEK, "duration").unit == "day"
    assert parse_value(quote, WEEK).kind == "date"


@pytest.mark.parametrize(
    ("quote", "kind"),
    [
        ("very limited stocks of ATACMS", None),
        ("one of the goals", None),
        ("about 50 miles", "text"),
        ("about 50 miles", "date"),
        ("", None),
    ],
)
def test_text_when_nothing_of_the_kind(quote, kind):
    assert parse_value(quote, NYT, kind) == Value(kind="text")
