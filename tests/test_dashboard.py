"""Dashboard panel data from a small typed claims frame."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from synthetic_claims import SOURCES, TEXTS, conflicts, typed

from provenance import dashboard
from provenance.dashboard import Filters, apply_filters


def test_default_ledger_dir_prefers_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PROVENANCE_LEDGER", str(tmp_path))
    assert dashboard.default_ledger_dir() == tmp_path


def test_default_ledger_dir_finds_the_ledger_above_the_notebooks(monkeypatch, tmp_path):
    monkeypatch.delenv("PROVENANCE_LEDGER", raising=False)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "sources.csv").write_text("source_id\n")
    (tmp_path / "claims.csv").write_text("claim_id\n")
    (tmp_path / "notebooks").mkdir()
    assert dashboard.default_ledger_dir(tmp_path / "notebooks") == tmp_path.resolve()


def test_default_ledger_dir_falls_back_to_the_checkout(monkeypatch):
    monkeypatch.delenv("PROVENANCE_LEDGER", raising=False)
    found = dashboard.default_ledger_dir(Path("/"))
    assert (found / "provenance" / "dashboard.py").is_file()


def test_copy_ledger_copies_claims_sources_and_expectations_only(tmp_path):
    src = tmp_path / "src"
    (src / "sources").mkdir(parents=True)
    (src / "expectations").mkdir()
    (src / "claims.csv").write_text("claim_id\n")
    (src / "sources" / "sources.csv").write_text("source_id\n")
    (src / "expectations" / "suite.json").write_text("{}")
    (src / ".venv").mkdir()
    copied = dashboard.copy_ledger(src, tmp_path / "dest")
    names = sorted(p.relative_to(copied).as_posix() for p in copied.rglob("*"))
    assert names == ["claims.csv", "expectations", "expectations/suite.json", "sources",
                     "sources/sources.csv"]


def test_sources_overview_counts_claims_per_source():
    overview = dashboard.sources_overview(SOURCES, typed())
    assert list(overview.columns) == dashboard.OVERVIEW_COLUMNS
    assert overview.set_index("source_id")["claims"].to_dict() == {"alpha": 3, "beta": 3}


def test_claims_by_kind_lists_every_kind_per_outlet():
    table = dashboard.claims_by_kind(typed(), SOURCES)
    assert list(table.columns) == ["quantity", "duration", "date", "text"]
    assert table.loc["Beta Post"].to_dict() == {"quantity": 2, "duration": 0, "date": 1, "text": 0}


def test_coverage_shows_which_outlet_covers_which_fact_key():
    table = dashboard.coverage(typed(), SOURCES)
    assert list(table.columns) == ["Alpha <b>Times</b>", "Beta Post"]
    assert table.loc["nk.count"].tolist() == [0, 1]


def test_conflict_partners_are_symmetric():
    assert dashboard.conflict_partners(conflicts()) == {"b3": ["a2"], "a2": ["b3"]}


def test_conflict_views_carry_both_quotes_in_context():
    (view,) = dashboard.conflict_views(conflicts(), typed(), TEXTS, SOURCES, width=10)
    assert (view.a.claim_id, view.a.outlet, view.a.quote) == ("b3", "Beta Post", "Thursday")
    assert view.a.before == "…ials said "
    assert (view.b.quote, view.b.after, view.b.start) == ("on Sunday", ".", 45)


def test_intervals_make_open_ends_plottable_and_mark_nothing_without_conflicts():
    frame = dashboard.intervals(typed(), SOURCES, conflicts())
    assert list(frame.columns) == dashboard.INTERVAL_COLUMNS
    more_than = frame.set_index("claim_id").loc["b1"]
    assert bool(more_than["high_open"]) and not more_than["low_open"]
    assert more_than["plot_high"] > 55000.0
    assert not frame["in_conflict"].any()


def test_timeline_puts_publication_dates_beside_resolved_dates():
    frame = dashboard.timeline(typed(), SOURCES, conflicts())
    assert frame["claim_id"].tolist() == ["b3", "a2"]
    assert frame["in_conflict"].tolist() == [True, True]
    assert frame["published"].dt.strftime("%Y-%m-%d").tolist() == ["2024-11-18", "2024-11-17"]
    assert frame["published_inferred"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["a1", "b1", "b2", "a2", "b3", "a3"]),
        (Filters(outlets=("Beta Post",)), ["b1", "b2", "b3"]),
        (Filters(fact_keys=("kursk.force",)), ["a1", "b1"]),
        (Filters(kinds=("date",), statuses=("confirmed",)), ["a2", "b3"]),
        (Filters(statuses=("candidate", "rejected")), ["b2", "a3"]),
        (Filters(conflicts_only=True), ["a2", "b3"]),
        (Filters(outlets=("Alpha <b>Times</b>",), conflicts_only=True), ["a2"]),
    ],
)
def test_filters_combine(filters, expected):
    kept = apply_filters(typed(), filters, {"a2", "b3"}, dashboard.outlets(SOURCES))
    assert kept["claim_id"].tolist() == expected


def test_filter_options_follow_the_data():
    options = dashboard.filter_options(typed(), SOURCES)
    assert options["outlets"] == ["Alpha <b>Times</b>", "Beta Post"]
    assert options["kinds"] == ["quantity", "date", "text"]
    assert options["statuses"] == ["candidate", "confirmed", "rejected"]


def test_quote_view_without_offsets_shows_the_bare_quote():
    claims = typed().assign(start=pd.array([pd.NA] * 6, dtype="Int64"))
    view = dashboard.quote_view(claims, TEXTS, {}, "a1")
    assert (view.before, view.quote, view.after, view.start) == ("", "Some 50,000 troops", "", None)


def test_validation_summary_counts_unexpected_claims_and_shortens_the_list():
    outcome = SimpleNamespace(suite="agreement", expectation="expect_x(value)", severity="critical",
                              success=False, unexpected=[f"c{i}" for i in range(7)], error="")
    summary = dashboard.validation_summary([outcome], shown=2)
    assert list(summary.columns) == dashboard.VALIDATION_COLUMNS
    assert summary.iloc[0][["unexpected", "claims", "success"]].tolist() == [7, "c0, c1 …", False]


def test_claims_without_a_fact_key_are_not_charted():
    frame = typed()
    frame.loc[frame["claim_id"].isin(["b2", "a2"]), "fact_key"] = ""
    assert "b2" not in set(dashboard.intervals(frame, SOURCES, conflicts())["claim_id"])
    assert "a2" not in set(dashboard.timeline(frame, SOURCES, conflicts())["claim_id"])
