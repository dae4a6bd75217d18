"""The Dashboard widget: panels, filters and conflict links, driven without a browser."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from tiny_ledger import write_ledger

from provenance.charts import VEGALITE_MIME
from provenance.ledger import load_ledger
from provenance.widgets import Dashboard

CONFLICTS = pd.DataFrame(
    [["kursk.size", "quantity", "b-01", "a-01", "b", "a", 31800.0, "12,000 vs 50,000"]],
    columns=["fact_key", "kind", "claim_a", "claim_b", "source_a", "source_b", "gap", "message"],
)
NO_PAIRS = CONFLICTS.iloc[:0]
OUTCOME = SimpleNamespace(suite="s", expectation="expect_quantity_claims_to_agree",
                          severity="critical", success=False, unexpected=["a-01", "b-01"],
                          error="")


@pytest.fixture
def ledger(tmp_path):
    return load_ledger(write_ledger(tmp_path / "ledger"))


@pytest.fixture
def board(ledger):
    return Dashboard(ledger, SimpleNamespace(conflicts=CONFLICTS, internal=NO_PAIRS,
                                             discrepancies=NO_PAIRS, results=[OUTCOME]))


def conflict_texts(board: Dashboard) -> list[str]:
    return [getattr(row, "children", [row])[0].value for row in board.conflict_box.children]


def test_conflicts_panel_shows_both_quotes(board):
    (html,) = conflict_texts(board)
    assert "<mark>Some 12,000 troops</mark>" in html
    assert "<mark>about 50,000 troops</mark>" in html


@pytest.mark.parametrize(
    ("control", "value", "conflicts"),
    [
        ("outlets", ("Beta",), 1),
        ("statuses", ("candidate",), 0),
        ("fact_keys", ("kursk.size",), 1),
        ("outlets", ("Alpha <script>x</script>",), 1),
    ],
)
def test_filters_update_the_conflicts_panel(board, control, value, conflicts):
    board.filters[control].value = value
    shown = [t for t in conflict_texts(board) if "pv-conflict" in t]
    assert len(shown) == conflicts


def test_conflicts_only_hides_other_claims_in_the_viewer(board):
    board.source.value = "b"
    assert {c for s in board.viewer.segments for c in s["claims"]} == {"b-01", "b-x0"}
    board.conflicts_only.value = True
    assert {c for s in board.viewer.segments for c in s["claims"]} == {"b-01"}


def test_conflict_link_opens_the_claim_in_the_viewer(board):
    links = board.conflict_box.children[0].children[1].children
    links[0].click()
    assert (board.source.value, board.viewer.selected_claim) == ("b", "b-01")
    marked = [s for s in board.viewer.segments if "b-01" in s["claims"]]
    assert marked[0]["classes"] == ["confirmed", "conflict"]


def test_a_source_contradicting_itself_has_its_own_panel(ledger):
    internal = pd.DataFrame(
        [["kursk.size", "quantity", "b-01", "b-x0", "b", "b", 1.0, "Beta says both"]],
        columns=CONFLICTS.columns)
    board = Dashboard(ledger, SimpleNamespace(conflicts=NO_PAIRS, internal=internal,
                                              discrepancies=NO_PAIRS, results=[OUTCOME]))
    (row,) = board.internal_box.children
    assert "<mark>Some 12,000 troops</mark>" in row.children[0].value
    assert board.conflict_box.children[0].value == "<p>No conflicts.</p>"
    assert "inside one outlet kursk.size: b-01 (Beta)" in board._repr_mimebundle_()["text/plain"]
    board.filters["outlets"].value = ("Alpha <script>x</script>",)
    assert "no outlet contradicts itself" in board.internal_box.children[0].value


def test_discrepancies_have_a_panel_apart_from_conflicts(ledger):
    differ = pd.DataFrame(
        [["kursk.size", "quantity", "b-01", "a-01", "b", "a", 0.4, "overlap, but 40% apart"]],
        columns=CONFLICTS.columns)
    board = Dashboard(ledger, SimpleNamespace(conflicts=NO_PAIRS, internal=NO_PAIRS,
                                              discrepancies=differ, results=[OUTCOME]))
    (row,) = board.discrepancy_box.children
    assert "overlap, but 40% apart" in row.children[0].value
    assert "<mark>Some 12,000 troops</mark>" in row.children[0].value
    assert board.conflict_box.children[0].value == "<p>No conflicts.</p>"
    assert "discrepancy kursk.size: b-01 (Beta)" in board._repr_mimebundle_()["text/plain"]


def test_a_check_result_gives_the_dashboard_its_headline(ledger):
    from provenance.check import run_check

    board = Dashboard(ledger, run_check(ledger))
    assert board.summary_line().endswith(
        ". 1 conflict and 0 discrepancies across 2 outlets and 1 shared fact")


def test_charts_are_drawn_as_native_vega_lite(board):
    (output,) = board.interval_out.outputs
    assert output["data"][VEGALITE_MIME]["vconcat"][0]["title"] == "kursk.size"


def test_text_output_summarises_every_panel(board):
    summary = board._repr_mimebundle_()["text/plain"]
    assert summary.splitlines()[0] == "2 sources, 3 claims, 1 conflicting pairs, 0 discrepancies"
    assert "conflict kursk.size: b-01 (Beta) 'Some 12,000 troops' vs a-01" in summary
    assert summary.splitlines()[-1] == (
        "validation: 1 expectations, 1 not met; "
        "expect_quantity_claims_to_agree [critical]: 2 claims"
    )


def test_run_check_result_feeds_the_dashboard(ledger):
    from provenance.check import run_check

    board = Dashboard(ledger, run_check(ledger))
    pairs = board.panels.conflicts[["claim_a", "claim_b"]].to_numpy().tolist()
    assert sorted(map(sorted, pairs)) == [["a-01", "b-01"]]


def test_two_articles_of_one_outlet_disagree_inside_that_outlet(ledger):
    from provenance.check import run_check

    ledger.sources.loc[ledger.sources["source_id"] == "a", "outlet"] = "Beta"
    board = Dashboard(ledger, run_check(ledger))  # the check, not the dashboard, decides
    assert "No conflicts." in board.conflict_box.children[0].value
    (row,) = board.internal_box.children
    assert "pv-conflict" in getattr(row, "children", [row])[0].value
    assert "inside one outlet kursk.size" in board._repr_mimebundle_()["text/plain"]
