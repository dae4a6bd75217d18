"""W3C PROV export: PROV-JSON and PROV-N read back by ``prov``, types as qualified names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import prov
import pytest
from prov.model import PROV_TYPE, ProvDerivation, ProvDocument, ProvEntity, QualifiedName

from provenance.ledger import load_ledger
from tests.tiny_ledger import fictional_ledger, write_ledger

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_ARTICLE = "https://schema.org/NewsArticle"
QUOTATION = "http://www.w3.org/ns/prov#Quotation"
FORMATS = {"prov-json": "json", "prov-n": "provn"}


def export(ledger: Path, fmt: str, output: Path) -> ProvDocument:
    """Export with the command line, then read the file back with ``prov``."""
    done = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "export", "--format", fmt, "--output",
         str(output), "--ledger", str(ledger)],
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return prov.read(str(output), format=FORMATS[fmt])


def reuse(ledger: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "provenance.cli", "reuse", "--ledger",
                           str(ledger)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr


def uri(name: QualifiedName) -> str:
    return name.uri


def derivations(doc: ProvDocument) -> list[tuple[str, str, bool]]:
    """(claim or article, what it came from, is a quotation) for every derivation."""
    found = []
    for record in doc.get_records(ProvDerivation):
        args = dict(record.formal_attributes)
        types = {uri(t) for t in record.get_asserted_types()}
        found.append((uri(args[record.FORMAL_ATTRIBUTES[0]]),
                      uri(args[record.FORMAL_ATTRIBUTES[1]]), QUOTATION in types))
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_both_serialisations_read_back_as_the_same_document(seed_ledger, tmp_path, fmt):
    reuse(seed_ledger)
    doc = export(seed_ledger, fmt, tmp_path / f"ledger.{fmt}")
    other = "prov-n" if fmt == "prov-json" else "prov-json"
    assert doc == export(seed_ledger, other, tmp_path / f"ledger.{other}")
    assert len(list(doc.get_records(ProvEntity))) == 2 + 69


@pytest.mark.parametrize("fmt", FORMATS)
def test_articles_are_typed_news_articles_by_qualified_name(seed_ledger, tmp_path, fmt):
    doc = export(seed_ledger, fmt, tmp_path / "out")
    articles = [e for e in doc.get_records(ProvEntity)
                if e.identifier.uri.startswith("urn:provenance:source:")]
    assert len(articles) == 2
    for article in articles:
        [kind] = article.get_attribute(PROV_TYPE)
        assert isinstance(kind, QualifiedName) and kind.uri == SCHEMA_ARTICLE


def test_prov_json_writes_the_type_as_a_qname_not_a_literal(seed_ledger, tmp_path):
    export(seed_ledger, "prov-json", tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["entity"]["source:nyt"]["prov:type"] == {"$": "schema:NewsArticle",
                                                          "type": "xsd:QName"}
    assert data["agent"]["outlet:The%20New%20York%20Times"]["prov:type"] == {
        "$": "prov:Organization", "type": "xsd:QName"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_claim_with_a_span_is_derived_from_its_source(seed_ledger, tmp_path, fmt):
    doc = export(seed_ledger, fmt, tmp_path / "out")
    claims = load_ledger(seed_ledger).claims
    with_span = claims[claims["start"] != ""]
    derived = {(a, b) for a, b, quoted in derivations(doc) if not quoted}
    assert len(with_span) == 69
    for claim_id, source_id in zip(with_span["claim_id"], with_span["source_id"], strict=True):
        assert (f"urn:provenance:claim:{claim_id}",
                f"urn:provenance:source:{source_id}") in derived


def quotations(ledger: Path, fmt: str, output: Path) -> set[tuple[str, str]]:
    """(quoting, quoted) for every ``wasQuotedFrom`` of the export read back, ids shortened
    to ``claim:ID`` and ``source:ID``."""
    return {tuple(u.removeprefix("urn:provenance:") for u in (a, b))
            for a, b, quoted in derivations(export(ledger, fmt, output)) if quoted}


@pytest.mark.parametrize("fmt", FORMATS)
def test_quote_chains_are_was_quoted_from_when_reuse_csv_exists(seed_ledger, tmp_path, fmt):
    assert not quotations(seed_ledger, fmt, tmp_path / "a")
    reuse(seed_ledger)
    assert ("source:theweek", "source:nyt") in quotations(seed_ledger, fmt, tmp_path / "b")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_copied_claim_was_quoted_from_the_origin_s_claim_on_the_same_words(
        seed_ledger, tmp_path, fmt):
    reuse(seed_ledger)
    quoted = quotations(seed_ledger, fmt, tmp_path / "out")
    # The Week's claims lie in passages copied from the NYT, whose claims on the same
    # words take a little more context ("to send a message ..." for "send a message ...")
    assert quoted == {("source:theweek", "source:nyt")} | {
        (f"claim:theweek-{week:02d}", f"claim:nyt-{nyt:02d}")
        for week, nyt in ((6, 4), (7, 8), (8, 17), (9, 24), (10, 18), (11, 11))}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_copied_claim_the_origin_has_no_claim_for_was_quoted_from_its_article(
        tmp_path, fmt):
    shared = ("The harbour authority of Port Imaginary said the new breakwater would "
              "protect forty fishing boats from winter storms")
    gazette = f"Port Imaginary, Sunday. {shared}. It will cost 12 million crowns.\n"
    daily = f"Reprinted: “{shared.replace('forty', 'forty-one')}”, the paper said.\n"

    def claim(claim_id: str, source: str, text: str, quote: str) -> list[str]:
        start = text.index(quote)
        return [claim_id, source, "harbour.boats", "quantity", quote, str(start),
                str(start + len(quote)), "", "confirmed", ""]

    ledger = fictional_ledger(tmp_path / "ledger", {
        "gazette": ("The Fictional Gazette (FICTIONAL)", "2024-11-17", gazette),
        "daily": ("The Daily Fictional (FICTIONAL)", "2024-11-18", daily)}, [
        claim("g-01", "gazette", gazette, "the new breakwater would protect forty fishing boats"),
        claim("g-02", "gazette", gazette, "12 million crowns"),
        claim("d-01", "daily", daily, "forty-one fishing boats"),
        claim("d-02", "daily", daily, "The harbour authority of Port Imaginary")])
    reuse(ledger)
    assert quotations(ledger, fmt, tmp_path / "out") == {
        ("claim:d-01", "claim:g-01"), ("claim:d-02", "source:gazette"),
        ("source:daily", "source:gazette")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_attribution_and_outlets_are_agents(seed_ledger, tmp_path, fmt):
    doc = export(seed_ledger, fmt, tmp_path / "out")
    attributions = {(uri(r.formal_attributes[0][1]), uri(r.formal_attributes[1][1]))
                    for r in doc.get_records() if r.get_type().localpart == "Attribution"}
    assert ("urn:provenance:source:nyt",
            "urn:provenance:outlet:The%20New%20York%20Times") in attributions
    assert ("urn:provenance:claim:theweek-01",
            "urn:provenance:agent:U.S.%20officials") in attributions


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_survives_both_serialisations(tmp_path, fmt):
    ledger = write_ledger(tmp_path / "tiny")  # an emoji, HTML, an outlet with markup
    doc = export(ledger, fmt, tmp_path / "out")
    labels = {str(v) for r in doc.get_records() for k, v in r.attributes
              if k.localpart == "label"}
    assert "Alpha <script>x</script>" in labels


def test_the_export_refuses_the_ledger_s_own_files(seed_ledger):
    done = subprocess.run(
        [sys.executable, "-m", "provenance.cli", "export", "--format", "prov-n", "--output",
         str(seed_ledger / "reuse.csv"), "--ledger", str(seed_ledger)],
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 2 and "inside the ledger's own files" in done.stderr
    assert not (seed_ledger / "reuse.csv").exists()
