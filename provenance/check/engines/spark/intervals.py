"""Claims as comparable intervals, as Spark column expressions (see ``check/intervals.py``).

The same rule as the pandas engine's, written in Spark SQL: stored bounds re-derived from
``value`` and the hedge where the tolerance differs or none is stored, bare round figures
widened (the rounding model, capped by magnitude), units mapped to pint's base units (an
affine map per distinct unit, found once on the driver from the few distinct units), both
ends moved in by the minimum overlap; each claim's own interval and central figure are
kept for the report and the discrepancy finding. Text claims are the point intervals of
their category's code (:mod:`provenance.check.categories`). Missing bounds are null until
:func:`comparable` makes them ``-inf``/``inf``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from provenance.check.categories import normalise
from provenance.check.intervals import Tuning
from provenance.values.hedges import APPROX_TOLERANCE
from provenance.values.rounding import MAX_PLACE
from provenance.values.units import to_base


def let(value: Column, body: Callable[[Column], Column]) -> Column:
    """``body(value)`` with ``value`` computed once: Spark column expressions are trees,
    and a stage that reads its input several times would copy it into each place (the
    stages of an interval would grow exponentially)."""
    return F.transform(F.array(value), body)[0]


def _bounds(lo: Column, hi: Column) -> Column:
    return F.struct(lo.alias("lo"), hi.alias("hi"))


def _finite(x: Column) -> Column:
    return x.isNotNull() & ~F.isnan(x) & (F.abs(x) != float("inf"))


def selected(kind: str, tuning: Tuning, columns: list[str]) -> Column:
    """Rows of ``kind`` with a tuned status and a fact key."""
    chosen = (F.col("kind") == kind) & F.col("fact_key").isNotNull() & (F.col("fact_key") != "")
    if "status" in columns:
        chosen &= F.col("status").isin(list(tuning.statuses))
    return F.coalesce(chosen, F.lit(False))


def _qualifier() -> Column:
    return F.coalesce(F.nullif(F.col("qualifier"), F.lit("")), F.lit("exact"))


def hedged(tuning: Tuning) -> Column:
    """Stored bounds, re-derived from ``value`` where the tolerance differs or none is stored."""
    q, value = _qualifier(), F.col("value")
    lo, hi = F.col("low"), F.col("high")
    has_value = value.isNotNull()
    unset = lo.isNull() & hi.isNull() & has_value
    t = tuning.approx_tolerance
    redo = has_value & (unset | F.lit(t != APPROX_TOLERANCE))
    approx, nearly = redo & (q == "approx"), redo & (q == "nearly")
    lo = F.when(approx | nearly, value * F.lit(1 - t)).otherwise(lo)
    hi = F.when(approx, value * F.lit(1 + t)).when(nearly, value).otherwise(hi)
    exact = unset & (q == "exact")
    lower_only = unset & q.isin("more_than", "at_least")
    upper_only = unset & q.isin("less_than", "at_most")
    return _bounds(F.when(exact | lower_only, value).otherwise(lo),
                   F.when(exact | upper_only, value).otherwise(hi))


def _place(value: Column) -> Column:
    """The largest power of ten (up to 10**15) dividing a whole ``value``, else 1
    (``rounding.last_place``)."""
    place = F.lit(1.0)
    for k in range(1, MAX_PLACE + 1):
        place = F.when(value % (10.0**k) == 0, F.lit(10.0**k)).otherwise(place)
    whole = (value != 0) & (F.abs(value) < 10.0**MAX_PLACE) & (value % 1.0 == 0)
    return F.when(whole, place).otherwise(F.lit(1.0))


def rounded(bounds: Column, tuning: Tuning) -> Column:
    """Widen bare figures (``exact``) by the precision their writing implies, at most
    ``max_rounding_share`` of the figure (:mod:`provenance.values.rounding`)."""
    if tuning.rounding_precision <= 0:
        return bounds
    value = F.col("value")
    exact = F.coalesce(_finite(value) & (_qualifier() == "exact"), F.lit(False))
    minimum = 10.0**tuning.round_figure_min_zeros

    def widened(place: Column) -> Column:
        width = F.least(tuning.rounding_precision * place,
                        tuning.max_rounding_share * F.abs(value))
        widen = F.when(exact & (place >= minimum), width).otherwise(F.lit(0.0))
        return _bounds(bounds["lo"] - widen, bounds["hi"] + widen)

    return let(_place(value), widened)


def _centre(own: Column) -> Column:
    """The stated figure (``exact``, ``approx``, ``nearly``) or a range's middle; null for
    open and vague claims (``comparison._centres``)."""
    q = _qualifier()
    middle = (q == "range") & _finite(own["lo"]) & _finite(own["hi"])
    return (F.when(q.isin("exact", "approx", "nearly"), F.col("value"))
            .when(middle, (own["lo"] + own["hi"]) / 2))


def unit_maps(frame: DataFrame) -> dict[str | None, tuple[float, float, str]]:
    """Per distinct ``unit`` of ``frame``: (zero, scale, base unit) of its map to base units."""
    maps = {}
    for row in frame.select("unit").distinct().collect():
        unit = row[0]
        zero, one, base = to_base(0.0, 1.0, unit if unit else None)
        maps[unit] = (zero, one - zero, base or "")
    return maps


def _by_unit(maps: dict[str | None, tuple[float, float, str]], part: int) -> Column:
    unit, out = F.col("unit"), None
    for name, parts in maps.items():
        test = unit.isNull() if name is None else unit == name
        out = (F.when(test, F.lit(parts[part])) if out is None
               else out.when(test, F.lit(parts[part])))
    return F.lit(None) if out is None else out


def _in_base(x: Column, maps: dict[str | None, tuple[float, float, str]]) -> Column:
    """A figure in base units (infinite and null ones as they are)."""
    zero, scale = _by_unit(maps, 0), _by_unit(maps, 1)
    return let(x, lambda v: F.when(_finite(v), zero + scale * v).otherwise(v))


def narrowed(bounds: Column, half: Callable[[Column], Column]) -> Column:
    """Move both ends inwards by ``half(bounds)`` (outwards when negative), never past the
    middle."""
    def moved(b: Column) -> Column:
        lo, hi = b["lo"], b["hi"]
        new = let(F.struct((lo + half(b)).alias("lo"), (hi - half(b)).alias("hi")), lambda n: (
            F.when(F.coalesce(n["lo"] > n["hi"], F.lit(False)), _bounds((lo + hi) / 2,
                                                                        (lo + hi) / 2))
            .otherwise(n)))
        return new

    return let(bounds, moved)


def _size(b: Column) -> Column:
    return F.greatest(F.coalesce(F.abs(b["lo"]), F.lit(0.0)), F.coalesce(F.abs(b["hi"]),
                                                                       F.lit(0.0)))


def comparable(compared: Column, bounds: Column, base: Column, own: Column,
               centre: Column) -> Column:
    """Open ends as infinities; rows with no finite end are not compared. A struct of
    ``compared``, ``lo``, ``hi``, ``base`` and, for the report, ``own_lo``/``own_hi`` (the
    claim's interval in its own unit) and ``centre`` (in ``lo``/``hi``'s units)."""
    def ends(b: Column) -> Column:
        lo = F.coalesce(b["lo"], F.lit(float("-inf")))
        hi = F.coalesce(b["hi"], F.lit(float("inf")))
        keep = compared & ((lo != float("-inf")) | (hi != float("inf")))
        return F.struct(keep.alias("compared"), F.least(lo, hi).alias("lo"),
                        F.greatest(lo, hi).alias("hi"), base.alias("base"),
                        F.coalesce(own["lo"], F.lit(float("-inf"))).alias("own_lo"),
                        F.coalesce(own["hi"], F.lit(float("inf"))).alias("own_hi"),
                        centre.cast("double").alias("centre"))

    return let(bounds, ends)


def _days(column: str) -> Column:
    return F.datediff(F.col(column), F.lit("1970-01-01").cast("date")).cast("double")


def category_codes(frame: DataFrame, tuning: Tuning) -> dict[str, int]:
    """Per distinct category of the compared text claims of ``frame``, the rank of its
    normalised form among theirs (``categories.category_codes``: the one rule,
    :func:`provenance.check.categories.normalise`, applied on the driver to the few distinct
    categories); a category that normalises to nothing has none."""
    chosen = frame.where(selected("text", tuning, frame.columns) & F.col("category").isNotNull())
    forms = {r[0]: normalise(r[0]) for r in chosen.select("category").distinct().collect()}
    rank = {form: i for i, form in enumerate(sorted(set(forms.values()) - {""}))}
    return {name: rank[form] for name, form in forms.items() if form}


def _category_code(codes: dict[str, int]) -> Column:
    if not codes:
        return F.lit(None).cast("double")
    pairs = [F.lit(x) for name, code in codes.items() for x in (name, float(code))]
    return F.try_element_at(F.create_map(*pairs), F.col("category"))


def lookups(frame: DataFrame, kind: str, tuning: Tuning) -> dict | None:
    """What :func:`intervals` looks up for ``kind``, from the few distinct cells of
    ``frame``: unit maps for quantities, category codes for text."""
    if kind == "quantity":
        return unit_maps(frame)
    return category_codes(frame, tuning) if kind == "text" else None


def intervals(kind: str, tuning: Tuning, columns: list[str], maps: dict | None = None
              ) -> Column:
    """The comparable intervals of ``kind`` claims as a struct column (see
    :func:`comparable`; ``maps`` from :func:`lookups`)."""
    compared = selected(kind, tuning, columns)
    nothing = F.lit(None).cast("double")
    if kind == "text":
        code = _category_code(maps or {})
        point = _bounds(code, code)
        return comparable(compared, point, F.lit(""), point, nothing)
    if kind == "date":
        own = _bounds(_days("date_low"), _days("date_high") + 1)
        half = F.lit(tuning.min_overlap / 2)
        return comparable(compared, narrowed(own, lambda _: half), F.lit(""), own, nothing)
    if kind == "duration":
        own = hedged(tuning)
        half = F.lit(tuning.min_overlap / 2)
        return comparable(compared, narrowed(own, lambda _: half), F.lit(""), own,
                          _centre(own))
    units = maps or {}

    def in_base(own: Column) -> Column:
        bounds = _bounds(_in_base(own["lo"], units), _in_base(own["hi"], units))
        overlap = F.lit(tuning.min_overlap)
        bounds = narrowed(bounds, lambda b: overlap * _size(b) / 2)
        return comparable(compared, bounds, _by_unit(units, 2), own,
                          _in_base(_centre(own), units))

    return let(rounded(hedged(tuning), tuning), in_base)


INTERVAL_COLUMNS = ["_row", "claim_id", "source_id", "fact_key", "key", "lo", "hi", "base",
                    "own_lo", "own_hi", "centre"]


def interval_frame(frame: DataFrame, kind: str, tuning: Tuning) -> Any:
    """``frame``'s compared rows of ``kind`` as :data:`INTERVAL_COLUMNS`: ``key`` is the
    claim's fact key, ``fact_key`` the group compared (keys whose quantities use several
    base units are compared per unit, named ``key [unit]``)."""
    found = frame.select("_row", "claim_id", "source_id", "fact_key",
                         intervals(kind, tuning, frame.columns,
                                   lookups(frame, kind, tuning)).alias("_i"))
    rows = found.where("_i.compared").select(
        "_row", "claim_id", "source_id", "fact_key", F.col("fact_key").alias("key"),
        *[f"_i.{c}" for c in ("lo", "hi", "base", "own_lo", "own_hi", "centre")])
    if kind != "quantity":
        return rows
    from pyspark.sql import Window

    key = Window.partitionBy("fact_key")
    split = F.min("base").over(key) != F.max("base").over(key)
    named = F.when(split, F.concat("fact_key", F.lit(" ["), "base", F.lit("]")))
    return rows.withColumn("fact_key", named.otherwise(F.col("fact_key")))
