"""The ledger as W3C PROV (PROV-JSON or PROV-N), with the ``prov`` package.

Sources are entities typed ``schema:NewsArticle``, attributed to their outlet (an
agent typed ``prov:Organization``); each claim is an entity ``wasDerivedFrom`` its
source and ``wasAttributedTo`` an agent for whom the outlet credits (``attributed_to``).
Quote chains (``reuse.csv``) become ``wasQuotedFrom``: a claim an outlet took from
another was quoted from the origin's claims on the same words (the passage's two spans
map one onto the other), or from the origin's article when it has no such claim; the
copying article was quoted from the origin's (one relation per shared passage, with
both spans). PROV types are qualified names, never strings (a string would be a
literal). Identifiers live in ``urn:provenance:`` namespaces (ids percent-encoded);
cells are attributes in ``urn:provenance:ledger#``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from provenance.atomic import write_atomic
from provenance.outputs import output_file, refuse_ledger_path, write_error

FORMATS = {"prov-json": "json", "prov-n": "provn"}
SCHEMA = "https://schema.org/"
CLAIM_CELLS = ("fact_key", "kind", "quote", "start", "end", "status", "qualifier", "value",
               "low", "high", "unit", "date_low", "date_high", "category", "note")
INTEGER_CELLS = frozenset({"start", "end"})


def prov_document(ledger: Any, reuse: Any) -> Any:
    """A ``prov.model.ProvDocument`` of ``ledger`` and its shared passages ``reuse`` (as
    :func:`provenance.reuse.load_reuse` gives them)."""
    from prov.model import PROV, PROV_LABEL, PROV_TYPE, ProvDocument

    from provenance.reuse import quoted_claims

    doc = ProvDocument()
    schema = doc.add_namespace("schema", SCHEMA)
    cell = doc.add_namespace("pv", "urn:provenance:ledger#")
    ns = {kind: doc.add_namespace(kind, f"urn:provenance:{kind}:")
          for kind in ("source", "claim", "outlet", "agent")}

    agents: dict[tuple[str, str], Any] = {}

    def name(kind: str, text: str) -> Any:
        return ns[kind][quote(text, safe="")]

    def agent(kind: str, text: str, attributes: dict) -> Any:
        if (kind, text) not in agents:
            agents[kind, text] = doc.agent(name(kind, text), {PROV_LABEL: text, **attributes})
        return agents[kind, text]

    for row in ledger.sources.fillna("").to_dict("records"):
        attributes = {PROV_TYPE: schema["NewsArticle"], cell["sha256"]: row["sha256"],
                      schema["headline"]: row.get("title", ""),
                      schema["datePublished"]: row.get("published", ""),
                      schema["url"]: row.get("url", "")}
        article = doc.entity(name("source", row["source_id"]), _filled(attributes))
        if row["outlet"]:
            doc.wasAttributedTo(article, agent("outlet", row["outlet"],
                                               {PROV_TYPE: PROV["Organization"]}))
    quoted = quoted_claims(ledger, reuse)
    for row in ledger.claims.fillna("").to_dict("records"):
        attributes = {cell[c]: _value(c, row[c]) for c in CLAIM_CELLS if c in row}
        claim = doc.entity(name("claim", row["claim_id"]), _filled(attributes))
        doc.wasDerivedFrom(claim, name("source", row["source_id"]))
        if row.get("attributed_to"):
            doc.wasAttributedTo(claim, agent("agent", row["attributed_to"], {}))
        via, origin_claims = quoted.get(row["claim_id"], ("", []))
        for origin_claim in origin_claims:
            doc.wasQuotedFrom(claim, name("claim", origin_claim))
        if via and not origin_claims:
            doc.wasQuotedFrom(claim, name("source", via))
    for passage in reuse[reuse["origin"] != ""].itertuples():
        copy = "b" if passage.origin == passage.source_a else "a"
        origin = "a" if copy == "b" else "b"
        doc.wasQuotedFrom(name("source", getattr(passage, f"source_{copy}")),
                          name("source", passage.origin), other_attributes={
                              cell["start"]: getattr(passage, f"start_{copy}"),
                              cell["end"]: getattr(passage, f"end_{copy}"),
                              cell["origin_start"]: getattr(passage, f"start_{origin}"),
                              cell["origin_end"]: getattr(passage, f"end_{origin}"),
                              cell["words"]: passage.words, cell["kind"]: passage.kind})
    return doc


def _value(column: str, text: str) -> Any:
    return int(text) if column in INTEGER_CELLS and text.isdecimal() else text


def _filled(attributes: dict) -> dict:
    """The attributes with a value (empty cells are left out)."""
    return {k: v for k, v in attributes.items() if v != ""}


def export_prov(ledger: Any, output: Path, fmt: str) -> int:
    """Write ``ledger`` (and its ``reuse.csv``) to ``output`` as ``prov-json`` or ``prov-n``;
    return the number of records (entities, agents, relations). ``output`` may not lie in
    the ledger's own files."""
    from provenance.reuse import load_reuse

    refuse_ledger_path(ledger.root, output, "--output")
    output = output_file(output, "--output")
    doc = prov_document(ledger, load_reuse(ledger))
    text = doc.serialize(format=FORMATS[fmt], **({"indent": 1} if fmt == "prov-json" else {}))
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        raise write_error(output, exc) from None
    return len(doc.get_records())
