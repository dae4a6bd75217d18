"""Unit names of different tools compared through pint, with a spelling fallback.

Recognizers-Text says `Kilometer per hour`, quantulum3 `kilometre per hour`, pint
`kilometer / hour`: the same unit. Two names are the same unit when pint converts one into
the other with factor 1, or when their spellings agree after lower-casing and dropping
spaces, underscores, hyphens and a plural `s`.
"""

from __future__ import annotations

import math
import re
from functools import cache

import pint

UREG = pint.UnitRegistry()
SPELLINGS = {
    "percentage": "percent",
    "%": "percent",
    "metre": "meter",
    "litre": "liter",
    "kilometre": "kilometer",
    "centimetre": "centimeter",
    "millimetre": "millimeter",
}
POWERS = {"square": 2, "cubic": 3}
POWER_RE = re.compile(r"\b(square|cubic)\s+([a-z]+)")


def spelling(name: str) -> str:
    """A unit name reduced for a spelling comparison."""
    key = name.strip().lower()
    for british, american in SPELLINGS.items():
        key = key.replace(british, american)
    key = "".join(ch for ch in key if ch not in " _-")
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


@cache
def pint_unit(name: str) -> pint.Unit | None:
    """The pint unit for a name, or None when pint does not know it."""
    cleaned = name.strip().lower().replace("metric ton", "metric_ton")
    cleaned = POWER_RE.sub(lambda m: f"{m[2]}**{POWERS[m[1]]}", cleaned.replace("_", " "))
    cleaned = cleaned.replace("metric ton", "metric_ton").replace("percentage", "percent")
    try:
        return UREG.parse_units(cleaned)
    except Exception:  # noqa: BLE001 - pint raises many kinds of errors on unknown names
        return None


@cache
def same_unit(a: str, b: str) -> bool:
    """Whether two unit names denote the same unit."""
    if spelling(a) == spelling(b):
        return True
    ua, ub = pint_unit(a), pint_unit(b)
    if ua is None or ub is None:
        return False
    try:
        return math.isclose(UREG.Quantity(1, ua).to(ub).magnitude, 1.0, rel_tol=1e-9)
    except Exception:  # noqa: BLE001 - incompatible dimensions
        return False


@cache
def is_measurement(name: str | None) -> bool:
    """A physical unit (length, mass, speed, ...): not a count, currency or percent."""
    if not name:
        return False
    unit = pint_unit(name)
    return unit is not None and not UREG.Quantity(1, unit).dimensionless
