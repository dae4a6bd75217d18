"""``provenance import``: other tools' annotations as candidate claims, placed by code
points, UTF-16 units or quote, never over an existing claim (issue 23, part 2).

The fixture ledger (tests/fixtures/interchange) is one fictional article whose text has
CRLF line endings and an emoji before most spans; the annotation files were written for
these tests: their offsets are UTF-16 units, some of a copy of the text with LF endings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.cli import main
from provenance.interchange.hypothesis import read_hypothesis
from provenance.interchange.importer import ANCHOR_COLUMN, import_annotations, import_items
from provenance.interchange.incoming import ImportFormatError, Incoming
from provenance.interchange.label_studio import read_label_studio
from provenance.interchange.placement import place
from provenance.interchange.web_annotation import read_web_annotation
from provenance.ledger import load_ledger
from provenance.utf16 import from_utf16
from tests.conftest import FIXTURES, snapshot

EXISTING = {"claim_id": "orbit-01", "quote": "on Tuesday", "fact_key": "kestrel9.launch.date",
            "status": "confirmed", "start": "111", "end": "121"}


@pytest.fixture
def orbit(tmp_path: Path) -> Path:
    """A copy of the fixture ledger: one claim, ``on Tuesday``."""
    return Path(shutil.copytree(FIXTURES / "interchange", tmp_path / "orbit"))


def text() -> str:
    return (FIXTURES / "interchange" / "sources" / "orbit.txt").read_bytes().decode("utf-8")


def span(quote: str, nth: int = 1) -> tuple[str, str]:
    """The code-point span of the ``nth`` occurrence of ``quote`` in the stored text."""
    at = -1
    for _ in range(nth):
        at = text().index(quote, at + 1)
    return str(at), str(at + len(quote))


# file, format, --source, then per claim added: (quote, its occurrence, fact_key, how, note)
CASES = {
    "hypothesis": ("hypothesis.json", "hypothesis", None, [
        ("42 satellites", 1, "kestrel9.payload.count", "quote",
         "imported from hypothesis; checked against the operator's list"),
        ("3,000", 2, "", "quote", "imported from hypothesis; labels: Crowd size"),
    ]),
    "label-studio JSON": ("label_studio.json", "label-studio", None, [
        ("The Orbital Gazette", 1, "outlet.name", "code-points", "imported from label-studio"),
        ("42 satellites", 1, "", "utf-16", "imported from label-studio; labels: QUANTITY"),
        ("2 hours", 1, "kestrel9.delay", "utf-16",
         "imported from label-studio; labels: DURATION"),
    ]),
    "label-studio JSON-MIN": ("label_studio_min.json", "label-studio", "orbit", [
        ("officials said.\r\nIn all, 3,000 people", 1, "crowd.size", "quote",
         "imported from label-studio"),
        ("Kestrel-9", 1, "", "quote", "imported from label-studio; labels: ROCKET"),
    ]),
    "doccano label": ("doccano_label.jsonl", "doccano", None, [
        ("2 hours", 1, "kestrel9.delay", "utf-16", "imported from doccano"),
        ("42 satellites", 1, "", "utf-16", "imported from doccano; labels: SATELLITES"),
    ]),
    "doccano entities": ("doccano_entities.jsonl", "doccano", "orbit", [
        ("3,000 people", 1, "crowd.size", "quote", "imported from doccano"),
        ("Lowmoor", 1, "", "quote", "imported from doccano; labels: PLACE"),
    ]),
}
# what each file leaves out: (slug, where it is)
LEFT_OUT = {
    "hypothesis": [("import-unplaced", "annotations[2]"), ("import-unplaced", "annotations[3]"),
                   ("import-overlap", "annotations[4]"), ("import-unplaced", "annotations[5]")],
    "label-studio JSON": [("import-unplaced", "tasks[0].annotations[0].result[3]")],
    "label-studio JSON-MIN": [],
    "doccano label": [],
    "doccano entities": [("import-unplaced", "label 1")],
}


@pytest.mark.parametrize("case", CASES)
def test_each_format_adds_its_spans_as_candidates(orbit, case):
    name, fmt, source, expected = CASES[case]
    ledger = load_ledger(orbit)
    report = import_annotations(ledger, FIXTURES / "interchange" / name, fmt, source)
    ledger.save()
    added = load_ledger(orbit).claims.iloc[1:]
    assert list(added["claim_id"]) == report.added == [
        f"orbit-{n:02d}" for n in range(2, 2 + len(expected))]
    rows = [(r["quote"], (r["start"], r["end"]), r["fact_key"], r[ANCHOR_COLUMN], r["note"],
             r["status"]) for r in added.to_dict("records")]
    assert rows == [(quote, span(quote, nth), key, how, note,
                     "candidate") for quote, nth, key, how, note in expected]
    assert [(f.slug, f.message.split(":")[0]) for f in report.findings] == LEFT_OUT[case]


def test_spans_after_the_emoji_are_one_code_point_less_than_the_tools_utf16_offsets(orbit):
    ledger = load_ledger(orbit)
    import_annotations(ledger, FIXTURES / "interchange" / "doccano_label.jsonl", "doccano")
    row = ledger.claims.set_index("quote").loc["2 hours"]
    assert (row["start"], row["end"]) == ("218", "225")  # doccano says [219, 226]
    assert text()[218:225] == "2 hours"


def test_values_are_derived_as_fill_derives_them(orbit):
    ledger = load_ledger(orbit)
    import_annotations(ledger, FIXTURES / "interchange" / "label_studio.json", "label-studio")
    row = ledger.claims.set_index("quote").loc["42 satellites"]
    assert (row["kind"], row["qualifier"], row["value"], row["unit"]) == (
        "quantity", "exact", "42", "satellites")


def test_existing_claims_are_never_overwritten(orbit):
    before = load_ledger(orbit).claims.iloc[0][list(EXISTING)].to_dict()
    code = main(["import", str(FIXTURES / "interchange" / "hypothesis.json"), "--format",
                 "hypothesis", "--ledger", str(orbit)])
    after = load_ledger(orbit).claims
    assert code == 1  # some annotations could not be placed
    assert before == EXISTING == after.iloc[0][list(EXISTING)].to_dict()
    assert not any(after["quote"].iloc[1:] == "on Tuesday")


def test_importing_twice_adds_nothing_the_second_time(orbit):
    argv = ["import", str(FIXTURES / "interchange" / "doccano_label.jsonl"), "--format",
            "doccano", "--ledger", str(orbit)]
    assert main(argv) == 0
    once = snapshot(orbit)
    assert main(argv) == 0
    assert snapshot(orbit) == once


def test_a_taken_claim_id_is_not_reused(orbit):
    ledger = load_ledger(orbit)
    item = Incoming("items[0]", quote="Lowmoor", claim_id="orbit-01", source_id="orbit")
    report = import_items(ledger, [item], "web-annotation")
    assert report.added == ["orbit-02"]
    assert list(ledger.claims["claim_id"]) == ["orbit-01", "orbit-02"]


def test_two_annotations_of_one_span_add_one_claim(orbit):
    ledger = load_ledger(orbit)
    items = [Incoming(f"items[{i}]", quote="Lowmoor", source_id="orbit") for i in range(2)]
    report = import_items(ledger, items, "label-studio")
    assert report.added == ["orbit-02"] and [f.slug for f in report.skipped] == [
        "import-duplicate"]


def test_a_file_that_names_no_source_needs_source(orbit, capsys):
    before = snapshot(orbit)
    argv = ["import", str(FIXTURES / "interchange" / "label_studio_min.json"), "--format",
            "label-studio", "--ledger", str(orbit)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "tasks[0].label[0]: names no source of this ledger; give --source ID" in captured.err
    assert "imported 0 candidate claim(s)" in captured.out
    assert snapshot(orbit) == before
    assert main([*argv, "--source", "orbit"]) == 0


def test_an_unknown_source_is_refused(orbit, capsys):
    before = snapshot(orbit)
    code = main(["import", str(FIXTURES / "interchange" / "doccano_label.jsonl"), "--format",
                 "doccano", "--source", "nope", "--ledger", str(orbit)])
    assert code == 2 and "--source 'nope' is not a readable source" in capsys.readouterr().err
    assert snapshot(orbit) == before


@pytest.mark.parametrize(
    ("content", "fmt", "where"),
    [
        ('{"annotations": [\n  {"uri": 1,}\n]}', "hypothesis", "bad.json:2:13: not JSON"),
        ('{"text": "a", "label": []}\n{"text": \n', "doccano", "bad.json:2:10: not JSON"),
        ('"a string"', "label-studio", "bad.json: not a Label Studio export"),
        ('{"text": "x"}\n[1]\n', "doccano", "bad.json:2: record: not a doccano record"),
        ("{}", "web-annotation", "bad.json: not a Web Annotation document"),
        ('{"type": "AnnotationCollection", "first": "https://example.invalid/page1"}',
         "web-annotation", "bad.json: the collection's first page is a link"),
        (b"[\xff]", "doccano", "bad.json:1:2: not UTF-8"),
    ],
)
def test_an_unreadable_file_is_one_line_and_changes_nothing(orbit, tmp_path, capsys,
                                                            monkeypatch, content, fmt, where):
    monkeypatch.chdir(tmp_path)
    bad = Path("bad.json")
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = snapshot(orbit)
    assert main(["import", str(bad), "--format", fmt, "--ledger", str(orbit)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"provenance: {where}") and err.count("\n") == 1
    assert snapshot(orbit) == before


@pytest.mark.parametrize("reader", [read_hypothesis, read_label_studio, read_web_annotation])
def test_readers_refuse_a_document_of_another_shape_with_a_positioned_error(reader):
    with pytest.raises(ImportFormatError, match=r"^x\.json: not a "):
        reader(42, "x.json")


@pytest.mark.parametrize(
    ("prefix", "suffix", "expected"),
    [
        ("About ", " spectators", 1),
        ("In all, ", " people", 2),
        ("In\u00a0all,\n", "\u2009people", 2),  # typographic variants and LF for CRLF
        ("", "", None),  # nothing tells which: reported, not guessed
    ],
)
def test_a_repeated_quote_is_told_apart_by_its_context(prefix, suffix, expected):
    found = place(text(), Incoming("x", quote="3,000", prefix=prefix, suffix=suffix))
    if expected is None:
        assert found == ("quote '3,000' occurs 2 times and its prefix and suffix do not tell "
                         "which")
    else:
        assert (str(found.start), str(found.end), found.how) == (*span("3,000", expected),
                                                                  "quote")


@given(st.text(alphabet=st.sampled_from("a\r\n\U0001f680\u00e9\U0001d11e"), max_size=60),
       st.data())
def test_utf16_offsets_map_back_to_code_points(value, data):
    index = data.draw(st.integers(0, len(value)))
    units = len(value[:index].encode("utf-16-le")) // 2
    assert from_utf16(value, units) == index
    inside = [u for u in range(len(value.encode("utf-16-le")) // 2 + 1)
              if u not in {len(value[:i].encode("utf-16-le")) // 2
                           for i in range(len(value) + 1)}]
    assert all(from_utf16(value, u) is None for u in inside)  # within a surrogate pair


@given(st.text(alphabet=st.sampled_from("ab \r\n\U0001f680"), min_size=1, max_size=60),
       st.data())
def test_utf16_offsets_of_a_quote_place_it(value, data):
    start = data.draw(st.integers(0, len(value) - 1))
    end = data.draw(st.integers(start + 1, len(value)))
    quote = value[start:end]
    units = [len(value[:i].encode("utf-16-le")) // 2 for i in (start, end)]
    found = place(value, Incoming("x", quote=quote, start=units[0], end=units[1]))
    if quote.strip():  # the offsets as code points may hold the same quote elsewhere
        assert value[found.start:found.end] == quote
        assert found.how == "code-points" or (found.start, found.end, found.how) == (
            start, end, "utf-16")
        if units == [start, end]:  # no astral character before the span
            assert (found.start, found.end, found.how) == (start, end, "code-points")
