"""Units: surface words -> canonical names, and conversion through pint (imported lazily).

Canonical names are pint unit names with underscores shown as spaces
("mile", "kilometer", "square mile", "mile per hour"), plus ``percent``.
A counted noun ("troops", "ATACMS") is not a pint unit: it is kept as the unit of
a dimensionless count and is never converted.

Durations are not quantities here: durations.py turns time units into days.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint

# canonical name -> surface forms (matched case-insensitively unless in CASED_FORMS)
UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "percent": ("percent", "per cent", "pct", "%"),
    "percentage point": ("percentage points", "percentage point"),
    "mile": ("miles", "mile", "mi"),
    "nautical mile": ("nautical miles", "nautical mile"),
    "kilometer": ("kilometres", "kilometers", "kilometre", "kilometer", "km", "kms"),
    "meter": ("metres", "meters", "metre", "meter", "m"),
    "centimeter": ("centimetres", "centimeters", "centimetre", "centimeter", "cm"),
    "millimeter": ("millimetres", "millimeters", "millimetre", "millimeter", "mm"),
    "foot": ("feet", "foot", "ft"),
    "inch": ("inches", "inch"),
    "yard": ("yards", "yard"),
    "square mile": ("square miles", "square mile", "sq mi"),
    "square kilometer": (
        "square kilometres", "square kilometers", "square kilometre", "square kilometer",
        "sq km", "km2", "km²",
    ),
    "square meter": (
        "square metres", "square meters", "square metre", "square meter", "sq m", "sqm",
        "m2", "m²",
    ),
    "square foot": ("square feet", "square foot", "sq ft"),
    "cubic meter": ("cubic metres", "cubic meters", "cubic metre", "cubic meter", "m3", "m³"),
    "cubic foot": ("cubic feet", "cubic foot"),
    "acre": ("acres", "acre"),
    "hectare": ("hectares", "hectare"),
    "kilogram": ("kilograms", "kilogram", "kilos", "kilo", "kg"),
    "gram": ("grams", "gram", "grammes", "gramme"),
    "milligram": ("milligrams", "milligram", "mg"),
    "microgram": ("micrograms", "microgram", "microgrammes", "mcg", "μg", "µg"),
    "ounce": ("ounces", "ounce", "oz"),
    "metric ton": ("metric tons", "metric ton", "tonnes", "tonne"),
    "ton": ("tons", "ton"),
    "pound": ("pounds", "pound", "lbs", "lb"),
    "liter": ("litres", "liters", "litre", "liter"),
    "milliliter": ("millilitres", "milliliters", "millilitre", "milliliter", "ml"),
    "gallon": ("gallons", "gallon"),
    "oil barrel": ("barrels", "barrel"),
    "mile per hour": ("miles per hour", "mile per hour", "mph"),
    "kilometer per hour": (
        "kilometres per hour", "kilometers per hour", "km per hour", "km/h", "km/hr", "kph",
        "kmph", "kmh",
    ),
    "knot": ("knots", "knot"),
    "megawatt": ("megawatts", "megawatt", "MW"),
    "gigawatt": ("gigawatts", "gigawatt", "GW"),
    "kilowatt": ("kilowatts", "kilowatt", "kW"),
    "degree Celsius": ("degrees Celsius", "degrees C", "°C"),
    "degree Fahrenheit": ("degrees Fahrenheit", "degrees F", "°F"),
}
CASED_FORMS = {"MW", "GW", "kW"}
CURRENCY_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR"}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR"}
NOT_PINT = {"percent", "percentage point"}
COUNT = "count"

_SURFACE = {form.lower(): unit for unit, forms in UNIT_FORMS.items() for form in forms}
_SURFACE.update(CURRENCY_WORDS)


def _alternation(forms: list[str]) -> str:
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        parts.append(escaped + (r"\b" if form[-1].isalnum() else r"(?![0-9A-Za-z])"))
    return "|".join(parts)


_CASELESS = [f for f in _SURFACE if f not in {c.lower() for c in CASED_FORMS}]
UNIT_RE = re.compile(
    rf"(?:(?i:{_alternation(_CASELESS)})|{_alternation(sorted(CASED_FORMS))})"
)


def match_unit(text: str, pos: int) -> tuple[str, int] | None:
    """Canonical unit of the unit word starting at `pos`, with its end, or None."""
    m = UNIT_RE.match(text, pos)
    if not m:
        return None
    return _SURFACE[" ".join(m[0].lower().split())], m.end()


@functools.cache
def registry() -> pint.UnitRegistry:
    """The shared pint UnitRegistry, created on first use.

    Parsing pint's definitions takes 0.15-0.5 s, so pint's own disk cache (the user's
    cache folder) keeps them parsed; an unwritable or damaged cache only costs the parse.
    Only conversions need pint (reading units is the tables above), so pint itself is
    imported here, on the first conversion, keeping it out of the commands' start-up.
    """
    import pint

    try:
        return pint.UnitRegistry(cache_folder=":auto:")
    except Exception:  # unpickling a damaged cache file can raise almost anything
        return pint.UnitRegistry()


def pint_name(unit: str) -> str | None:
    """The pint expression for a canonical unit, or None for counts and currencies."""
    if unit in NOT_PINT or unit in CURRENCY_WORDS.values() or unit not in UNIT_FORMS:
        return None
    for word, power in (("square ", 2), ("cubic ", 3)):
        if unit.startswith(word):
            return unit.removeprefix(word).replace(" ", "_") + f" ** {power}"
    return unit.replace(" ", "_")


def is_measure(unit: str | None) -> bool:
    """True for a unit of measure (pint units, percent, currencies), False for counted nouns."""
    currencies = CURRENCY_WORDS.values()
    return bool(unit) and (unit in UNIT_FORMS or unit in NOT_PINT or unit in currencies)


def to_base(
    low: float | None, high: float | None, unit: str | None
) -> tuple[float | None, float | None, str | None]:
    """Convert an interval to pint base units ("mile" -> "meter"), so "300 kilometres"
    and "about 190 miles" compare. Counted nouns ("troops", "soldiers") and bare figures
    are all counts (base unit ``count``); percents and currencies come back unchanged."""
    name = pint_name(unit) if unit else None
    if name is None:
        return low, high, unit if is_measure(unit) else COUNT
    ureg = registry()

    def convert(x: float | None) -> float | None:
        return None if x is None else float(ureg.Quantity(x, name).to_base_units().magnitude)

    base = ureg.Quantity(1, name).to_base_units().units
    return convert(low), convert(high), str(base)
