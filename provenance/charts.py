"""Altair charts for the dashboard: per-fact-key intervals and a date timeline.

Charts are displayed with the Vega-Lite 5 MIME type, which JupyterLab and Voilà
render natively and offline (Altair's default HTML renderer fetches scripts from
a CDN). Untrusted text reaches Vega only as data, drawn as SVG text.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
VEGALITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
CONFLICT_COLOURS = alt.Scale(domain=[False, True], range=["#2563eb", "#dc2626"])
TOOLTIP = ["claim_id:N", "outlet:N", "quote:N", "qualifier:N", "conflicts_with:N"]


@dataclass(frozen=True)
class NativeChart:
    """An Altair chart shown through the notebook's own Vega-Lite renderer."""

    chart: alt.TopLevelMixin
    description: str

    def spec(self) -> dict:
        """The Vega-Lite specification, marked with the v5 schema the renderers know."""
        spec = self.chart.to_dict()
        spec["$schema"] = VEGALITE_SCHEMA
        return spec

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        return {VEGALITE_MIME: self.spec(), "text/plain": self.description}


def _label(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(label=frame["outlet"] + " · " + frame["claim_id"])


def _message(text: str) -> alt.Chart:
    return alt.Chart(pd.DataFrame({"message": [text]})).mark_text(align="left").encode(
        text="message:N"
    )


def fact_key_chart(frame: pd.DataFrame, fact_key: str) -> alt.LayerChart:
    """Every outlet's interval for one fact key: bar = interval, dot = stated value,
    arrow = unbounded end, text = hedge; conflicting claims are red."""
    rows = _label(frame[frame["fact_key"] == fact_key])
    unit = next((u for u in rows["unit"] if u), "")
    x_title = f"{fact_key} ({unit})" if unit else fact_key
    base = alt.Chart(rows).encode(
        y=alt.Y("label:N", title=None, sort=None),
        color=alt.Color("in_conflict:N", scale=CONFLICT_COLOURS, title="in conflict"),
        tooltip=[*TOOLTIP, "value:Q", "low:Q", "high:Q", "unit:N"],
    )
    bar = base.mark_rule(strokeWidth=5).encode(
        x=alt.X("plot_low:Q", title=x_title), x2="plot_high:Q"
    )
    value = base.transform_filter("isValid(datum.value)").mark_point(
        filled=True, size=80, color="black"
    ).encode(x="value:Q")
    open_low = base.transform_filter("datum.low_open").mark_point(
        shape="triangle-left", filled=True, size=120
    ).encode(x="plot_low:Q")
    open_high = base.transform_filter("datum.high_open").mark_point(
        shape="triangle-right", filled=True, size=120
    ).encode(x="plot_high:Q")
    hedge = base.mark_text(align="left", dx=8, color="#374151").encode(
        x="plot_high:Q", text="qualifier:N"
    )
    return alt.layer(bar, value, open_low, open_high, hedge).properties(
        title=fact_key, width=480, height=alt.Step(22)
    )


def interval_chart(frame: pd.DataFrame) -> NativeChart:
    """One interval panel per fact key (independent scales, since units differ)."""
    keys = sorted(set(frame["fact_key"]))
    if not keys:
        return NativeChart(_message("No quantity or duration claims to chart."), "no intervals")
    panels = [fact_key_chart(frame, key) for key in keys]
    conflicting = int(frame["in_conflict"].sum())
    chart = alt.vconcat(*panels).resolve_scale(x="independent")
    return NativeChart(
        chart, f"Intervals: {len(frame)} claims, {len(keys)} fact keys, {conflicting} in conflict"
    )


def timeline_chart(frame: pd.DataFrame) -> NativeChart:
    """Resolved date intervals per claim, with each source's publication date as a diamond."""
    if frame.empty:
        return NativeChart(_message("No date claims to chart."), "no dates")
    rows = _label(frame).assign(
        date_low=lambda f: f["date_low"].dt.strftime("%Y-%m-%d"),
        date_high=lambda f: f["date_high"].dt.strftime("%Y-%m-%d"),
        published=lambda f: f["published"].dt.strftime("%Y-%m-%d"),
    )
    base = alt.Chart(rows).encode(
        y=alt.Y("label:N", title=None, sort=None),
        tooltip=[*TOOLTIP, "fact_key:N", "date_low:T", "date_high:T", "published:T"],
    )
    span = base.mark_rule(strokeWidth=5).encode(
        x=alt.X("date_low:T", title="resolved date"), x2="date_high:T",
        color=alt.Color("in_conflict:N", scale=CONFLICT_COLOURS, title="in conflict"),
    )
    ends = base.mark_tick(thickness=2, size=14).encode(
        x="date_low:T", color=alt.Color("in_conflict:N", scale=CONFLICT_COLOURS)
    )
    published = base.mark_point(shape="diamond", size=90, filled=True, color="black").encode(
        x="published:T"
    )
    chart = alt.layer(span, ends, published).properties(
        title="Resolved dates (bars) and publication dates (◆)", width=480, height=alt.Step(22)
    )
    return NativeChart(chart, f"Timeline: {len(rows)} date claims")
