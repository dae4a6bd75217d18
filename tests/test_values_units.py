"""Units: canonical names and pint conversion."""

import pytest

from provenance.values import parse_value, to_base
from provenance.values.units import UNIT_FORMS, match_unit, pint_name, registry


@pytest.mark.parametrize(
    ("quote", "unit"),
    [
        ("300 kilometres", "kilometer"),
        ("300 km", "kilometer"),
        ("10km", "kilometer"),
        ("about 190 miles", "mile"),
        ("50-mile range", "mile"),
        ("10%", "percent"),
        ("5 per cent", "percent"),
        ("3 percentage points", "percentage point"),
        ("40 metric tons", "metric ton"),
        ("500 square miles", "square mile"),
        ("80 mph", "mile per hour"),
        ("$1.5 billion", "USD"),
        ("£20m", "GBP"),
        ("20 euros", "EUR"),
        ("2 high-profile migrants", "migrants"),
        ("several hundred long-range ATACMS", "ATACMS"),
        ("50,000 Russian and North Korean troops", "troops"),
        ("more than 1.1 million Americans", "Americans"),
        ("hundreds of civilians", "civilians"),
        ("two-thirds of voters", "percent"),
    ],
)
def test_unit_or_counted_noun(quote, unit):
    assert parse_value(quote, None).unit == unit


@pytest.mark.parametrize("unit", [u for u in UNIT_FORMS if pint_name(u)])
def test_every_canonical_unit_is_known_to_pint(unit):
    assert registry().Quantity(1, pint_name(unit)).dimensionality


def _fresh_registry_converts(cache_home, monkeypatch) -> bool:
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    return registry.__wrapped__().Quantity(3, "kilometer").to("meter").magnitude == 3000


def test_pint_keeps_its_parsed_definitions_in_the_user_cache(tmp_path, monkeypatch):
    assert _fresh_registry_converts(tmp_path, monkeypatch)
    assert list((tmp_path / "pint").glob("*.pickle"))


def test_an_unwritable_cache_folder_only_costs_the_parse(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    assert _fresh_registry_converts(blocker, monkeypatch)


def test_a_damaged_cache_only_costs_the_parse(tmp_path, monkeypatch):
    _fresh_registry_converts(tmp_path, monkeypatch)
    for cached in (tmp_path / "pint").glob("*.pickle"):
        cached.write_bytes(cached.read_bytes()[:40])
    assert _fresh_registry_converts(tmp_path, monkeypatch)


def test_kilometres_and_miles_compare_in_meters():
    km = parse_value("300 kilometres", None)
    miles = parse_value("about 190 miles", None)
    low_km, high_km, base_km = to_base(km.low, km.high, km.unit)
    low_mi, high_mi, base_mi = to_base(miles.low, miles.high, miles.unit)
    assert base_km == base_mi == "meter"
    assert low_mi <= low_km <= high_mi


def test_counts_and_unbounded_sides_pass_through():
    assert to_base(10000, None, "troops") == (10000, None, "count")
    assert to_base(None, 5, "mile") == (None, pytest.approx(8046.72), "meter")


def test_uppercase_power_units_are_case_sensitive():
    assert match_unit("MW", 0) == ("megawatt", 2)
    assert match_unit("mw", 0) is None


@pytest.mark.parametrize("unit", ["troops", "soldiers", "ATACMS", None, ""])
def test_counted_nouns_and_bare_figures_are_all_counts(unit):
    assert to_base(5, 7, unit) == (5, 7, "count")


@pytest.mark.parametrize("unit", ["percent", "USD", "EUR"])
def test_percents_and_currencies_keep_their_unit(unit):
    assert to_base(5, 7, unit) == (5, 7, unit)
