"""Hypothesis' JSON export (``{"annotations": [...]}``, or an API search's ``rows``).

Its positions are of the web page's text, not the stored one, so each annotation is
placed by its ``TextQuoteSelector`` (exact, prefix, suffix) alone. ``text`` is the
annotator's comment, ``tags`` its labels, ``uri`` the page.
"""

from __future__ import annotations

from typing import Any

from provenance.interchange.incoming import (
    ImportFormatError,
    Incoming,
    as_list,
    labels_of,
    text_of,
)


def read_hypothesis(data: Any, name: str) -> list[Incoming]:
    """One :class:`Incoming` per annotation (a page note without a quote included: the
    importer reports it)."""
    if isinstance(data, dict):
        data = data.get("annotations", data.get("rows"))
    if not isinstance(data, list):
        raise ImportFormatError(name, None, None, "not a Hypothesis export: expected "
                                '{"annotations": [...]}')
    return [_incoming(item, f"annotations[{i}]") for i, item in enumerate(data)]


def _incoming(item: Any, where: str) -> Incoming:
    if not isinstance(item, dict):
        return Incoming(where)
    target = next((t for t in as_list(item.get("target")) if isinstance(t, dict)), {})
    selector = next((s for s in as_list(target.get("selector"))
                     if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), {})
    return Incoming(
        where,
        quote=text_of(selector.get("exact")),
        prefix=text_of(selector.get("prefix")),
        suffix=text_of(selector.get("suffix")),
        offsets_are_ours=False,
        labels=labels_of(item.get("tags")),
        comment=text_of(item.get("text")),
        uri=text_of(item.get("uri")) or text_of(target.get("source")),
    )
