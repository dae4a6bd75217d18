"""Quote chains: passages two sources share, which came first, and the claims they carry."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.atomic import Fingerprint
from provenance.errors import LedgerFormatError, StaleLedgerError, UsageError
from provenance.ledger import load_ledger
from provenance.reuse import REUSE, claim_via, find_reuse, ledger_reuse, load_reuse, save_reuse
from provenance.reuse.chains import outlet_names, quoted_claims
from tests.tiny_ledger import fictional_ledger

ROOT = Path(__file__).resolve().parents[1]
MESSAGE = ("send a message to the North Koreans that their forces are vulnerable and that they "
           "should not send more of them")
SEED_PASSAGES = [  # words, kind, basis, the NYT's passage (The Week's is the same words)
    (21, "verbatim", "credit", MESSAGE),
    (17, "near-verbatim", "date", "blows are not inflicted with words. Such things are not "
                                  "announced. The rockets will speak for themselves"),
    (13, "verbatim", "credit", "could help the Ukrainians blunt the effectiveness of the "
                               "Russian-North Korean assault"),
    (12, "verbatim", "credit", "Russia’s surprise decision to bring North Korean troops into "
                               "the fight"),
    (7, "verbatim", "credit", "fundamentally alter the course of the war"),
    (6, "verbatim", "credit", "major change in U.S. policy"),
]
GAZETTE = "The Fictional Gazette (FICTIONAL)"
DAILY = "The Daily Fictional (FICTIONAL)"
SHARED = ("The harbour authority of Port Imaginary said the new breakwater would protect "
          "forty fishing boats from winter storms")


def run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "provenance.cli", *argv], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def seeds():
    ledger = load_ledger(ROOT)
    return ledger, ledger_reuse(ledger)


def test_the_seeds_shared_passages_are_found_with_exact_spans(seeds):
    ledger, passages = seeds
    found = [(p.words, p.kind, p.basis, ledger.texts[p.source_a][p.start_a:p.end_a])
             for p in passages]
    assert found == SEED_PASSAGES
    week = ledger.texts["theweek"]
    assert week[passages[0].start_b:passages[0].end_b] == MESSAGE
    assert (passages[0].start_a, passages[0].end_a) == (ledger.texts["nyt"].index(MESSAGE),
                                                        ledger.texts["nyt"].index(MESSAGE)
                                                        + len(MESSAGE))


def test_the_times_is_the_origin_and_the_week_the_copy(seeds):
    _, passages = seeds
    assert {(p.source_a, p.source_b, p.origin) for p in passages} == {("nyt", "theweek", "nyt")}


@pytest.mark.parametrize("outlet, names", [
    ("The New York Times", ["The New York Times", "New York Times", "the Times", "The Times"]),
    ("The Week", ["The Week"]),
    ("Reuters", ["Reuters"]),
    (DAILY, [DAILY, "Daily Fictional (FICTIONAL)"]),
])
def test_an_outlet_is_credited_by_these_names(outlet, names):
    assert outlet_names(outlet) == names


@pytest.mark.parametrize("a_text, b_text, origin, basis", [
    (SHARED + ".", "Later: " + SHARED + ".", "a", "date"),  # earlier publication
    (f"As {DAILY} reported, " + SHARED + ".", SHARED + ".", "b", "credit"),  # credit wins
    (SHARED + ", the Gazette said.", SHARED + ".", "a", "date"),  # credits itself: no credit
])
def test_direction(a_text, b_text, origin, basis):
    texts = {"a": a_text, "b": b_text}
    [passage] = find_reuse(texts, outlets={"a": GAZETTE, "b": DAILY},
                           published={"a": dt.date(2024, 11, 17), "b": dt.date(2024, 11, 18)})
    assert (passage.origin, passage.basis) == (origin, basis)
    assert passage.source_a == origin


def test_same_day_and_no_credit_leaves_the_direction_unknown():
    day = dt.date(2024, 11, 17)
    [passage] = find_reuse({"a": SHARED, "b": SHARED}, outlets={"a": GAZETTE, "b": DAILY},
                           published={"a": day, "b": day})
    assert (passage.origin, passage.basis) == ("", "")


@pytest.mark.parametrize("copy, kind", [
    (SHARED.replace("said", "said\u00a0"), "verbatim"),  # white space differs
    ("The harbour authority of Port Imaginary said the new breakwater — “finished at last” — "
     "would protect forty fishing boats from winter storms", "near-verbatim"),
    (SHARED.replace("forty", "40"), "near-verbatim"),  # a figure written differently
    (SHARED.replace("new breakwater", "new stone breakwater"), "near-verbatim"),
])
def test_near_verbatim_copies_are_one_passage_with_exact_spans(copy, kind):
    origin = f"Port news. {SHARED}. More news follows here."
    copied = f"Elsewhere: {copy}, officials added."
    [p] = find_reuse({"a": origin, "b": copied}, published={"a": dt.date(2024, 1, 1),
                                                           "b": dt.date(2024, 1, 2)})
    assert p.kind == kind
    assert origin[p.start_a:p.end_a] == SHARED
    assert copied[p.start_b:p.end_b] == copy


def test_curly_and_straight_quotes_and_dashes_are_the_same_words():
    a = "He said the “long-range” missiles can’t reach the depots beyond the river this year"
    b = "He said the \"long\u2013range\" missiles can't reach the depots beyond the river this year"
    [p] = find_reuse({"a": a, "b": b})
    assert (p.kind, p.words, a[p.start_a:p.end_a], b[p.start_b:p.end_b]) == ("verbatim", 16, a, b)


def test_unrelated_texts_share_no_passage():
    a = ("The Fictional Gazette (FICTIONAL) reports that the town council of Lower Nowhere "
         "voted to repaint the bandstand before the spring fair, after a long debate.")
    b = ("In Upper Elsewhere, the orchard cooperative said its apple harvest was the largest "
         "in a decade, and the council will open a second cider press in the autumn.")
    assert find_reuse({"a": a, "b": b}) == []


@pytest.mark.parametrize("min_words, count", [(1, 6), (6, 6), (7, 5), (13, 3), (21, 1), (22, 0)])
def test_min_words(seeds, min_words, count):
    ledger, _ = seeds
    found = ledger_reuse(ledger, min_words=max(min_words, 6))
    assert len([p for p in found if p.words >= min_words]) == count


def test_min_words_on_the_command_line(seed_ledger):
    done = run("reuse", "--ledger", str(seed_ledger), "--min-words", "13", "--json")
    assert done.returncode == 0, done.stderr
    assert [p["words"] for p in json.loads(done.stdout)["passages"]] == [21, 17, 13]
    assert run("reuse", "--ledger", str(seed_ledger), "--min-words", "0").returncode == 2


def test_reuse_csv_is_written_beside_the_ledger_and_read_back(seed_ledger):
    done = run("reuse", "--ledger", str(seed_ledger))
    assert done.returncode == 0, done.stderr
    data = (seed_ledger / REUSE).read_bytes()
    assert data.decode().splitlines()[:2] == [
        "source_a,start_a,end_a,source_b,start_b,end_b,words,score,kind,origin,basis",
        "nyt,2301,2412,theweek,1123,1234,21,100.0,verbatim,nyt,credit"]
    ledger = load_ledger(seed_ledger)
    read = load_reuse(ledger)
    assert read.to_dict("records")[0] == {
        "source_a": "nyt", "start_a": 2301, "end_a": 2412, "source_b": "theweek",
        "start_b": 1123, "end_b": 1234, "words": 21, "score": 100.0, "kind": "verbatim",
        "origin": "nyt", "basis": "credit"}
    again = run("reuse", "--ledger", str(seed_ledger))
    assert "unchanged" in again.stderr and (seed_ledger / REUSE).read_bytes() == data


@pytest.mark.parametrize("existed, refusal", [(True, StaleLedgerError), (False, UsageError)])
def test_a_reuse_csv_changed_since_the_search_began_is_not_overwritten(seed_ledger, existed,
                                                                      refusal):
    ledger = load_ledger(seed_ledger)
    if existed:
        save_reuse(seed_ledger, [], Fingerprint(None, None))
    before = Fingerprint.of_file(seed_ledger / REUSE)
    passages = ledger_reuse(ledger)
    (seed_ledger / REUSE).write_text("written by someone else\n")
    with pytest.raises(refusal):
        save_reuse(seed_ledger, passages, before)
    assert (seed_ledger / REUSE).read_text() == "written by someone else\n"


def test_a_failed_write_leaves_no_reuse_csv_and_no_temporary_file(seed_ledger, monkeypatch):
    import provenance.transaction as transaction

    def full_disk(path, data):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(transaction, "staged_temp", full_disk)
    files = sorted(p.name for p in seed_ledger.iterdir())
    with pytest.raises(OSError):
        save_reuse(seed_ledger, ledger_reuse(load_ledger(seed_ledger)), Fingerprint(None, None))
    assert sorted(p.name for p in seed_ledger.iterdir()) == files


@pytest.mark.parametrize("row, where", [
    ("nyt,x,2412,theweek,1123,1234,21,100.0,verbatim,nyt,credit", "reuse.csv:2:5"),
    ("nyt,2301,2412,ghost,1123,1234,21,100.0,verbatim,nyt,credit", "reuse.csv:2:15"),
    ("nyt,2301,99999,theweek,1123,1234,21,100.0,verbatim,nyt,credit", "reuse.csv:2:10"),
    ("nyt,0,111,theweek,1123,1234,21,100.0,verbatim,nyt,credit", "reuse.csv:2:1"),
    ("nyt,2301,2412,theweek,1123,1234,21,100.0,copied,nyt,credit", "reuse.csv:2:42"),
])
def test_a_bad_reuse_row_is_one_line_naming_file_line_and_column(seed_ledger, row, where):
    header = "source_a,start_a,end_a,source_b,start_b,end_b,words,score,kind,origin,basis\n"
    (seed_ledger / REUSE).write_text(header + row + "\n")
    with pytest.raises(LedgerFormatError) as caught:
        load_reuse(load_ledger(seed_ledger))
    assert str(caught.value).startswith(where)
    assert "run `provenance reuse` again" in str(caught.value)


def test_claims_inside_a_copied_passage_came_via_the_origin(seeds):
    ledger, passages = seeds
    via = claim_via(ledger, load_reuse(ledger))
    assert via == {f"theweek-{n:02d}": "nyt" for n in range(6, 12)}
    # "Zelenskyy said Sunday night" lies inside the near-verbatim passage, but the NYT has
    # no such words: The Week's own attribution came through no one
    assert "theweek-12" not in via


def test_a_carried_claim_repeats_the_origin_s_claim_on_the_same_words(seeds):
    ledger, _ = seeds
    quoted = quoted_claims(ledger, load_reuse(ledger))
    assert set(quoted) == set(claim_via(ledger, load_reuse(ledger)))
    # each NYT claim takes a few more words than The Week copied ("to send a message ...")
    claims = ledger.claims.set_index("claim_id")
    pairs = {claim: origin_claims for claim, (_, origin_claims) in quoted.items()}
    assert pairs == {"theweek-06": ["nyt-04"], "theweek-07": ["nyt-08"],
                     "theweek-08": ["nyt-17"], "theweek-09": ["nyt-24"],
                     "theweek-10": ["nyt-18"], "theweek-11": ["nyt-11"]}
    for claim, [origin_claim] in pairs.items():
        assert claims.at[claim, "fact_key"] == claims.at[origin_claim, "fact_key"]


def test_json_output_is_strict_and_carries_both_passages(seed_ledger):
    done = run("reuse", "--ledger", str(seed_ledger), "--json")
    assert done.returncode == 0, done.stderr

    def refuse(token):
        raise ValueError(token)

    data = json.loads(done.stdout, parse_constant=refuse)
    first = data["passages"][0]
    assert set(first) == {"source_a", "start_a", "end_a", "source_b", "start_b", "end_b",
                          "words", "score", "kind", "origin", "basis", "text_a", "text_b"}
    assert first["text_a"] == first["text_b"] == MESSAGE


def test_terminal_output_escapes_control_characters(tmp_path):
    hostile = SHARED.replace("said", "said \x1b[31m")
    root = fictional_ledger(tmp_path / "l", {
        "a": ("The Fictional \x1b]0;Gazette (FICTIONAL)", "2024-11-17", hostile + "."),
        "b": (DAILY, "2024-11-18", "Reprinted: " + hostile + ".")})
    done = run("reuse", "--ledger", str(root))
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\\x1b[31m" in done.stdout and "\\x1b]0;" in done.stdout


def test_the_check_report_lists_the_claims_that_came_through_another_outlet(seed_ledger):
    assert run("reuse", "--ledger", str(seed_ledger)).returncode == 0
    done = run("check", "--ledger", str(seed_ledger))
    section = done.stdout.split("Quote chains")[1]
    assert "a reused figure is one report, not two confirmations" in section
    assert ('theweek-10 The Week "send a message to the North Koreans that their forces are '
            'vulnerable" via The New York Times') in section
    assert "theweek-12" not in section


def test_the_dashboard_shows_the_shared_passages_escaped(tmp_path):
    from provenance import dashboard as data
    from provenance.reuse.via import reused_claims
    from provenance.widgets.dashboard_app import shared_panel

    hostile = SHARED.replace("said", "said <script>alert(1)</script>")
    root = fictional_ledger(tmp_path / "l", {
        "a": ("<b>Gazette</b> (FICTIONAL)", "2024-11-17", hostile + "."),
        "b": (DAILY, "2024-11-18", "Reprinted: " + hostile + ".")})
    ledger = load_ledger(root)
    save_reuse(root, ledger_reuse(ledger), Fingerprint(None, None))
    views = data.shared_passages(load_reuse(ledger), ledger.texts, ledger.sources)
    html = shared_panel(views, reused_claims(ledger))
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;Gazette" in html
    assert html.count("<mark>") == 2
    assert views[0].headline == (f"22 words, verbatim (score 100): {DAILY} quotes "
                                 "<b>Gazette</b> (FICTIONAL) (published earlier)")


def test_the_dashboard_says_how_to_find_shared_passages_when_none_are_recorded():
    from provenance.widgets.dashboard_app import shared_panel

    assert "provenance reuse" in shared_panel([], None)
