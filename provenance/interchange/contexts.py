"""The JSON-LD contexts of the exports: the W3C Web Annotation context, bundled so that
nothing is fetched, and the project's own small vocabulary for what Web Annotation has
no term for (the claim's value, interval, kind, status and attribution)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from provenance.errors import UsageError

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BUNDLED = {  # context URL -> file of provenance/interchange/contexts/
    ANNO_CONTEXT: "anno.jsonld",
    "https://www.w3.org/ns/anno.jsonld": "anno.jsonld",
}
VOCABULARY = "urn:provenance:vocab#"
CLAIM_PREFIX = "urn:provenance:claim:"
TEXT_PREFIX = "urn:sha256:"

# the cells of a claim that Web Annotation has no term for: ledger column -> term
CLAIM_TERMS = {
    "source_id": "sourceId",
    "kind": "kind",
    "status": "status",
    "attributed_to": "attributedTo",
    "category": "category",
    "qualifier": "qualifier",
    "value": "statedValue",  # ``value`` is rdf:value in the W3C context
    "low": "low",
    "high": "high",
    "unit": "unit",
    "date_low": "dateLow",
    "date_high": "dateHigh",
    "ambiguous": "ambiguous",
}
NUMBER_TERMS = {"statedValue", "low", "high"}
DATE_TERMS = {"dateLow", "dateHigh"}
RECORD_TYPE = "ClaimRecord"

PROJECT_CONTEXT: dict[str, Any] = {
    "pv": VOCABULARY,
    RECORD_TYPE: f"pv:{RECORD_TYPE}",
    **{
        term: {"@id": f"pv:{term}", "@type": "xsd:date"} if term in DATE_TERMS
        else f"pv:{term}"
        for term in CLAIM_TERMS.values()
    },
}
CONTEXT = [ANNO_CONTEXT, PROJECT_CONTEXT]


@cache
def _bundled(name: str) -> str:
    return files("provenance.interchange").joinpath("contexts", name).read_text("utf-8")


def bundled_context(url: str) -> dict[str, Any]:
    """The bundled document of a context URL (a fresh copy); UsageError for any other URL."""
    if url not in BUNDLED:
        raise UsageError(f"refused to fetch {url}: only the bundled contexts are served "
                         f"({', '.join(sorted(BUNDLED))})")
    return json.loads(_bundled(BUNDLED[url]))


def offline_loader(url: str, options: object = None) -> dict[str, Any]:
    """A JSON-LD document loader (pyld's signature) serving the bundled contexts and
    refusing every other URL, so expanding an export never touches the network."""
    return {"contextUrl": None, "documentUrl": url, "document": bundled_context(url)}
