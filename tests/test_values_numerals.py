"""Less common figures (provenance.values.numerals): fractions, signs, exponents, digit
groups, spoken decimals, mixed digits and scale words, shares; one row per rule."""

import pytest

from provenance.extract import extract
from tests.mentions import P, only


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit"),
    [
        ("add 3/4 cup of flour", "3/4 cup", 0.75, "cup"),
        ("a 1/2 share of the profits", "1/2 share", 0.5, "share"),
        ("a 2 1/4 inch gap", "2 1/4 inch", 2.25, "inch"),
        ("a ½ share of it", "½ share", 0.5, "share"),
        ("a 2½ mile stretch", "2½ mile", 2.5, "mile"),
        ("an error rate of 1E-10 per bit", "1E-10", 1e-10, None),
        ("a charge of -12e-1 volts", "-12e-1 volts", -1.2, "volts"),
        ("sequenced 1.5e6 reads", "1.5e6 reads", 1.5e6, "reads"),
        ("a factor of 10^6 more", "10^6", 1e6, None),
        ("a population of 1 234 567 people", "1 234 567 people", 1234567, "people"),
        ("some 40\u202f000 soldiers", "some 40\u202f000 soldiers", 40000, "soldiers"),
        ("a budget of 12,34,567 rupees", "12,34,567 rupees", 1234567, "rupees"),
        ("4 thousand 3 hundred and 21 votes", "4 thousand 3 hundred and 21 votes", 4321,
         "votes"),
        ("the rate was five point five", "five point five", 5.5, None),
        ("two hundred point zero three", "two hundred point zero three", 200.03, None),
        ("nine point nought four", "nine point nought four", 9.04, None),
        ("temperatures fell to -5 degrees", "-5 degrees", -5, "degrees"),
        ("it was minus 20 degrees Celsius", "minus 20 degrees Celsius", -20,
         "degree Celsius"),
        ("growth of negative 3 percent", "negative 3 percent", -3, "percent"),
        ("the answer is minus one", "minus one", -1, None),
        ("one in five Americans", "one in five", 20, "percent"),
        ("1 in 3 adults", "1 in 3", 100 / 3, "percent"),
        ("two out of three voters", "two out of three", 200 / 3, "percent"),
        ("fifty - two members", "fifty - two members", 52, "members"),
    ],
)
def test_figure_forms(text, quote, value, unit):
    m = only(text)
    assert (m.text, m.value.unit) == (quote, unit)
    assert m.value.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("in 2014 100 people died", ["2014", "100 people"]),  # no merged digit groups
        ("orders for 18 777 jets", ["18", "777 jets"]),  # one plain-space group: two figures
        ("the Boeing 7E7 jet", []),  # a name, not 7 x 10^7
        ("the 2015-16 season", ["2015-16"]),  # a hyphen after a digit is not a minus
        ("F-16 jets", []),  # nor one after a letter
        ("one in five years", ["five years"]),  # a rate, not a share
        ("one in 2015", ["2015"]),  # a year, not a share
    ],
)
def test_figure_forms_do_not_overreach(text, quotes):
    assert [m.text for m in extract(text, P)] == quotes


def test_approximate_negative_figure_keeps_low_below_high():
    m = only("about -5 degrees")
    assert (m.value.low, m.value.high) == (-5.5, -4.5)
