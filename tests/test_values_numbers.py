"""Figures: digits, number words, scale words, vague amounts."""

import pytest

from provenance.values.numbers import match_number, words_value


@pytest.mark.parametrize(
    ("text", "value", "consumed"),
    [
        ("50,000 troops", 50000, "50,000"),
        ("1.5 million people", 1_500_000, "1.5 million"),
        ("1,234.5 tons", 1234.5, "1,234.5"),
        ("5bn", 5e9, "5bn"),
        ("10k run", 10_000, "10k"),
        ("two months", 2, "two"),
        ("twenty-five", 25, "twenty-five"),
        ("a dozen drones", 12, "a dozen"),
        ("ten thousand soldiers", 10_000, "ten thousand"),
        ("two hundred and fifty thousand", 250_000, "two hundred and fifty thousand"),
        ("a hundred thousand", 100_000, "a hundred thousand"),
        ("half a million", 500_000, "half a million"),
        ("two and three", 2, "two"),
        ("twenty five", 25, "twenty five"),
    ],
)
def test_stated_figures(text, value, consumed):
    number = match_number(text, 0)
    assert (number.value, number.text) == (value, consumed)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("a couple of days", 2, 3),
        ("a few", 2, 5),
        ("several", 3, 9),
        ("several hundred long-range ATACMS", 300, 900),
        ("a few thousand", 2000, 5000),
        ("dozens of drones", 24, 120),
        ("hundreds of civilians", 200, 1000),
        ("thousands", 2000, 10_000),
        ("tens of thousands", 20_000, 100_000),
        ("hundreds of thousands", 200_000, 1_000_000),
        ("several hundred thousand", 300_000, 900_000),
    ],
)
def test_vague_amounts(text, low, high):
    number = match_number(text, 0)
    assert (number.value, number.low, number.high) == (None, low, high)


@pytest.mark.parametrize("text", ["thousand", "and two", "first", "second"])
def test_not_a_figure(text):
    assert match_number(text, 0) is None


def test_words_value_sums_scales():
    assert words_value("three million four hundred thousand") == 3_400_000
