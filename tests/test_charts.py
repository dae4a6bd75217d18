"""Charts: intervals per fact key with hedges and conflicts, and the date timeline."""

from __future__ import annotations

import json

import pandas as pd
from synthetic_claims import SOURCES, conflicts, typed

from provenance import charts, dashboard


def _datasets(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def interval_spec() -> dict:
    return charts.interval_chart(dashboard.intervals(typed(), SOURCES, conflicts())).spec()


def test_interval_chart_has_one_panel_per_fact_key():
    spec = interval_spec()
    assert [panel["title"] for panel in spec["vconcat"]] == ["kursk.force", "nk.count"]


def test_interval_chart_shows_hedges_as_text():
    spec = interval_spec()
    layers = spec["vconcat"][0]["layer"]
    texts = [layer for layer in layers if layer["mark"]["type"] == "text"]
    assert texts[0]["encoding"]["text"]["field"] == "qualifier"
    assert {"approx", "more_than"} <= {row["qualifier"] for row in _datasets(spec)}


def test_interval_chart_draws_arrows_for_unbounded_ends():
    layers = interval_spec()["vconcat"][0]["layer"]
    shapes = {layer["mark"].get("shape") for layer in layers}
    assert {"triangle-left", "triangle-right"} <= shapes


def test_conflicting_claims_are_coloured_red():
    frame = dashboard.intervals(typed(), SOURCES, conflicts())
    frame.loc[frame["claim_id"] == "a1", ["in_conflict", "conflicts_with"]] = [True, "b2"]
    spec = charts.interval_chart(frame).spec()
    colour = spec["vconcat"][0]["layer"][0]["encoding"]["color"]
    assert colour["field"] == "in_conflict"
    assert colour["scale"] == {"domain": [False, True], "range": ["#2563eb", "#dc2626"]}
    assert {r["claim_id"]: r["in_conflict"] for r in _datasets(spec)}["a1"] is True


def test_timeline_chart_marks_publication_dates():
    chart = charts.timeline_chart(dashboard.timeline(typed(), SOURCES, conflicts()))
    spec = chart.spec()
    shapes = [layer["mark"].get("shape") for layer in spec["layer"]]
    assert "diamond" in shapes
    rows = _datasets(spec)
    assert {(r["claim_id"], r["date_low"], r["published"]) for r in rows} == {
        ("a2", "2024-11-17", "2024-11-17"),
        ("b3", "2024-11-14", "2024-11-18"),
    }
    assert chart.description == "Timeline: 2 date claims"


def test_charts_display_with_the_native_vega_lite_5_renderer():
    bundle = charts.timeline_chart(dashboard.timeline(typed(), SOURCES, conflicts()))
    data = bundle._repr_mimebundle_()
    assert data[charts.VEGALITE_MIME]["$schema"].endswith("vega-lite/v5.json")
    json.dumps(data)  # serialisable into the notebook


def test_empty_frames_give_a_message_not_an_error():
    empty = dashboard.intervals(typed().iloc[0:0], SOURCES, conflicts())
    assert charts.interval_chart(empty).description == "no intervals"
    assert charts.timeline_chart(pd.DataFrame()).description == "no dates"


def test_chart_specs_are_deterministic():
    first, second = interval_spec(), interval_spec()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
