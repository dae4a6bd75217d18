"""W3C Web Annotation and schema.org exports: JSON-LD no processor drops a key of, exact
selectors, and a round trip through ``provenance import`` (issue 23, part 1)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pyld import jsonld

from provenance.cli import main
from provenance.interchange.contexts import ANNO_CONTEXT, bundled_context, offline_loader
from provenance.interchange.importer import ANCHOR_COLUMN, import_annotations
from provenance.interchange.placement import place
from provenance.interchange.schema_claims import export_schema_claims
from provenance.interchange.web_annotation import (
    annotation,
    claim_iri,
    export_web_annotation,
    read_web_annotation,
    text_identity,
)
from provenance.ledger import load_ledger
from tests.conftest import FIXTURES, snapshot

ROUND_TRIP = ["claim_id", "source_id", "fact_key", "quote", "start", "end"]
OPTIONS = {"documentLoader": offline_loader}


@pytest.fixture
def orbit(tmp_path: Path) -> Path:
    """The fictional one-source ledger whose text has an emoji and CRLF line endings."""
    return Path(shutil.copytree(FIXTURES / "interchange", tmp_path / "orbit"))


def _keys(node: object) -> Counter[str]:
    """Every key of every object under ``node`` (``@context`` aside), with its count."""
    found: Counter[str] = Counter()
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "@context":
                found[key] += 1
                found += _keys(value)
    elif isinstance(node, list):
        for value in node:
            found += _keys(value)
    return found


def _properties(node: object) -> list[str]:
    """Every property key of an expanded document (keywords aside)."""
    if isinstance(node, list):
        return [key for value in node for key in _properties(value)]
    if not isinstance(node, dict):
        return []
    own = [key for key in node if not key.startswith("@")]
    return own + [key for value in node.values() for key in _properties(value)]


@pytest.mark.parametrize("ledger", ["seed", "orbit"])
def test_json_ld_expansion_drops_no_key(ledger, seed_ledger, orbit):
    document = export_web_annotation(load_ledger(seed_ledger if ledger == "seed" else orbit))
    expanded = jsonld.expand(document, OPTIONS)
    again = jsonld.compact(expanded, {"@context": document["@context"]}, OPTIONS)
    assert _keys(again) == _keys(document)
    properties = _properties(expanded)
    assert all(key.startswith(("http://", "https://", "urn:")) for key in properties)
    assert {"http://www.w3.org/ns/oa#hasSelector", "urn:provenance:vocab#sourceId",
            "http://www.w3.org/ns/activitystreams#items"} <= set(properties)


def test_the_offline_loader_refuses_the_network():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.invalid/context.jsonld", "a": 1}, OPTIONS)


def test_the_bundled_w3c_context_declares_every_term_the_export_uses(seed_ledger):
    declared = set(bundled_context(ANNO_CONTEXT)["@context"])
    document = export_web_annotation(load_ledger(seed_ledger))
    project = set(document["@context"][1])
    record = {"sourceId", "kind", "status", "attributedTo", "category", "qualifier",
              "statedValue", "low", "high", "unit", "dateLow", "dateHigh", "ambiguous"}
    assert set(_keys(document)) - record <= declared
    assert record <= project and not project & declared


def test_one_annotation_per_claim_with_a_span_in_the_first_page(seed_ledger):
    ledger = load_ledger(seed_ledger)
    document = export_web_annotation(ledger)
    items = document["first"]["items"]
    assert document["type"] == "AnnotationCollection"
    assert document["total"] == len(items) == len(ledger.claims)
    assert [item["id"] for item in items] == [claim_iri(c) for c in ledger.claims["claim_id"]]


def test_selectors_are_exact_in_a_text_with_an_emoji_and_crlf(orbit):
    ledger = load_ledger(orbit)
    text = ledger.text("orbit")
    (item,) = export_web_annotation(ledger)["first"]["items"]
    quote, position = item["target"]["selector"]
    assert text[position["start"]:position["end"]] == quote["exact"] == "on Tuesday"
    assert position["start"] == text.index("on Tuesday")  # code points: the 🚀 counts once
    assert quote["prefix"] == text[position["start"] - 32:position["start"]]
    assert quote["suffix"] == ".\r\nAbout 3,000 spectators watche"  # 32 code points
    assert item["target"]["source"] == text_identity(text)
    assert text_identity(text).removeprefix("urn:sha256:") == ledger.source("orbit")["sha256"]
    assert item["target"]["scope"] == "https://gazette.invalid/kestrel-9"


@pytest.mark.parametrize(
    ("start", "end", "prefix", "suffix"),
    [
        (0, 3, "", "\U0001f680d\r\nefghijklmnopqrstuvwxyz012345"),  # at the start
        (43, 46, "ijklmnopqrstuvwxyz0123456789ABCD", ""),  # at the end
        (3, 4, "abc", "d\r\nefghijklmnopqrstuvwxyz0123456"),  # the emoji: one code point
    ],
)
def test_prefix_and_suffix_are_32_code_points_cut_at_the_text_edges(start, end, prefix, suffix):
    text = "abc\U0001f680d\r\nefghijklmnopqrstuvwxyz0123456789ABCDEFG"
    row = {"claim_id": "x-01", "source_id": "x", "quote": text[start:end]}
    quote, position = annotation(row, text, start, end, text_identity(text))["target"]["selector"]
    assert (quote["prefix"], quote["suffix"]) == (prefix, suffix)
    assert (position["start"], position["end"]) == (start, end)


@given(st.text(alphabet=st.sampled_from("ab \r\n\U0001f680\u00e9"), min_size=1, max_size=80),
       st.data())
def test_an_exported_selector_places_its_own_span(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    assume(text[start:end].strip())  # a quote of white space alone is no claim
    row = {"claim_id": "p-01", "source_id": "p", "quote": text[start:end]}
    selectors = annotation(row, text, start, end, text_identity(text))["target"]["selector"]
    (incoming,) = read_web_annotation(
        [{"id": claim_iri("p-01"), "target": {"selector": selectors}}], "test")
    placed = place(text, incoming)
    assert (placed.start, placed.end, placed.how) == (start, end, "code-points")


@pytest.mark.parametrize("claim_id", ["nyt-07", "odd id #2", "ünïcode/ø"])
def test_claim_ids_survive_their_iri(claim_id):
    (incoming,) = read_web_annotation([{"id": claim_iri(claim_id), "target": {}}], "test")
    assert claim_iri(claim_id).startswith("urn:provenance:claim:")
    assert " " not in claim_iri(claim_id) and "#" not in claim_iri(claim_id)
    assert incoming.claim_id == claim_id


def _emptied(ledger: Path) -> Path:
    """``ledger`` with its claims removed (header kept)."""
    claims = ledger / "claims.csv"
    claims.write_bytes(claims.read_bytes().splitlines(keepends=True)[0])
    return ledger


def test_round_trip_on_the_bundled_ledger(seed_ledger, tmp_path):
    original = load_ledger(seed_ledger).claims
    exported = tmp_path / "claims.jsonld"
    assert main(["export", "--format", "web-annotation", "--ledger", str(seed_ledger),
                 "--output", str(exported)]) == 0
    empty = _emptied(shutil.copytree(seed_ledger, tmp_path / "empty"))
    assert main(["import", str(exported), "--format", "web-annotation",
                 "--ledger", str(empty)]) == 0
    back = load_ledger(empty).claims
    assert back[ROUND_TRIP].to_dict("records") == original[ROUND_TRIP].to_dict("records")
    assert set(back[ANCHOR_COLUMN]) == {"code-points"} and set(back["status"]) == {"candidate"}
    assert list(back["kind"]) == list(original["kind"])
    assert list(back["attributed_to"]) == list(original["attributed_to"])


@pytest.mark.parametrize(
    ("shift", "how"),
    [
        (0, "code-points"),
        (1, "utf-16"),  # a JavaScript tool counting the 🚀 before the span as two units
        (7, "quote"),  # offsets of some other copy of the text
    ],
)
def test_round_trip_tries_code_points_then_utf16_then_the_quote(orbit, tmp_path, shift, how):
    document = export_web_annotation(load_ledger(orbit))
    position = document["first"]["items"][0]["target"]["selector"][1]
    position["start"] += shift
    position["end"] += shift
    exported = tmp_path / "shifted.jsonld"
    exported.write_text(json.dumps(document), encoding="utf-8")
    empty = load_ledger(_emptied(orbit))
    report = import_annotations(empty, exported, "web-annotation")
    row = empty.claims.iloc[0]
    assert report.added == ["orbit-01"] and dict(report.how) == {how: 1}
    assert (row["quote"], row["start"], row["end"], row[ANCHOR_COLUMN]) == (
        "on Tuesday", "111", "121", how)


def test_cli_export_is_strict_json_equal_to_the_library(seed_ledger, tmp_path, capsys):
    output = tmp_path / "claims.jsonld"
    before = snapshot(seed_ledger)
    assert main(["export", "--format", "web-annotation", "--ledger", str(seed_ledger),
                 "--output", str(output)]) == 0

    def refuse(token: str) -> None:
        raise ValueError(token)

    written = json.loads(output.read_text(encoding="utf-8"), parse_constant=refuse)
    assert written == export_web_annotation(load_ledger(seed_ledger))
    assert snapshot(seed_ledger) == before
    assert f"wrote {output}: 69 annotation(s)" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["web-annotation", "schema-claims"])
def test_cli_export_refuses_the_ledger_s_own_files(seed_ledger, capsys, fmt):
    before = snapshot(seed_ledger)
    code = main(["export", "--format", fmt, "--ledger", str(seed_ledger),
                 "--output", str(seed_ledger / "sources" / "out.json")])
    assert code == 2 and "inside the ledger's own files" in capsys.readouterr().err
    assert snapshot(seed_ledger) == before


def test_format_spreadsheet_safe_is_the_old_option(seed_ledger, tmp_path):
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    assert main(["export", "--spreadsheet-safe", "--ledger", str(seed_ledger),
                 "--output", str(old)]) == 0
    assert main(["export", "--format", "spreadsheet-safe", "--ledger", str(seed_ledger),
                 "--output", str(new)]) == 0
    assert old.read_bytes() == new.read_bytes()


@pytest.mark.parametrize("argv", [["--spreadsheet-safe", "--format", "schema-claims"], []])
def test_export_needs_exactly_one_format(seed_ledger, tmp_path, capsys, argv):
    code = main(["export", *argv, "--ledger", str(seed_ledger), "--output",
                 str(tmp_path / "x.json")])
    assert code == 2 and capsys.readouterr().err.startswith("provenance: ")
    assert not (tmp_path / "x.json").exists()


def test_a_span_that_is_not_its_quote_refuses_the_export(orbit, tmp_path, capsys):
    claims = orbit / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",111,121,", ",110,120,"),
                      encoding="utf-8")
    output = tmp_path / "x.json"
    code = main(["export", "--format", "web-annotation", "--ledger", str(orbit),
                 "--output", str(output)])
    assert code == 1 and not output.exists()
    assert capsys.readouterr().err.startswith("provenance: claims.csv:2: claim orbit-01:")


# schema.org: no schema.org context is bundled (its 1 MB context is not this project's to
# ship), so the shape is checked against the few schema.org terms the export may use
SCHEMA_TERMS = {"@context", "@graph", "@type", "identifier", "text", "author", "name",
                "datePublished", "firstAppearance", "appearance", "headline", "url",
                "publisher"}


def test_schema_claims_are_one_per_fact_key_and_outlet(seed_ledger):
    ledger = load_ledger(seed_ledger)
    document = export_schema_claims(ledger)
    outlets = dict(zip(ledger.sources["source_id"], ledger.sources["outlet"], strict=True))
    confirmed = ledger.claims[ledger.claims["status"] == "confirmed"]
    expected = {(key, outlets[source]) for key, source in
                zip(confirmed["fact_key"], confirmed["source_id"], strict=True)}
    claims = document["@graph"]
    assert document["@context"] == "https://schema.org"
    assert sorted((c["identifier"], c["author"]["name"]) for c in claims) == sorted(expected)
    assert set(_keys(document)) <= SCHEMA_TERMS
    for claim in claims:
        assert {"@type", "appearance", "firstAppearance", "datePublished", "author"} <= set(claim)
        assert claim["firstAppearance"] == claim["appearance"][0]
        assert claim["datePublished"] == claim["firstAppearance"]["datePublished"]
        assert all(a["@type"] == "NewsArticle" and a["publisher"]["@type"] == "Organization"
                   for a in claim["appearance"])


def test_schema_claims_first_appearance_is_the_earliest_article(orbit):
    registry = orbit / "sources" / "sources.csv"
    lines = registry.read_text(encoding="utf-8").splitlines()
    copy = lines[1].replace("orbit,", "orbit-reprint,", 1).replace("2031-05-08", "2031-05-09")
    registry.write_text("\n".join([*lines, copy]) + "\n", encoding="utf-8")
    claims = orbit / "claims.csv"
    rows = claims.read_text(encoding="utf-8").splitlines()
    claims.write_text("\n".join([rows[0], rows[1].replace("orbit-01,orbit,", "orbit-r-01,"
                                                           "orbit-reprint,"), rows[1]]) + "\n",
                      encoding="utf-8")
    (claim,) = export_schema_claims(load_ledger(orbit))["@graph"]
    assert [a["identifier"] for a in claim["appearance"]] == ["orbit", "orbit-reprint"]
    assert claim["datePublished"] == "2031-05-08"
    assert claim["firstAppearance"]["url"] == "https://gazette.invalid/kestrel-9"
    assert claim["firstAppearance"]["author"] == {"@type": "Person",
                                                  "name": "Ada Quill (FICTIONAL)"}


def test_cli_schema_claims_export_is_strict_json(seed_ledger, tmp_path, capsys):
    output = tmp_path / "claims.schema.jsonld"
    assert main(["export", "--format", "schema-claims", "--ledger", str(seed_ledger),
                 "--output", str(output)]) == 0
    written = json.loads(output.read_text(encoding="utf-8"))
    assert written == export_schema_claims(load_ledger(seed_ledger))
    assert f"{len(written['@graph'])} claim(s)" in capsys.readouterr().out
