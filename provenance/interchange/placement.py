"""Where an imported annotation lies in the ledger's text, and how that was found.

Offsets are tried as code points (the ledger's unit), then as UTF-16 code units (what
JavaScript tools such as doccano and Label Studio count), each only when the text there
is the annotation's quote. Then the quote is anchored the ledger's own way (typographic
variants and white-space runs, CRLF or LF, tolerated), a repeated quote told apart by
the prefix and suffix around it. Nothing else is guessed: no match is a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.anchoring import Span, fold, occurrences
from provenance.interchange.incoming import CONTEXT_CHARS, Incoming
from provenance.utf16 import utf16_slice

CODE_POINTS, UTF16, QUOTE = "code-points", "utf-16", "quote"
HOW = (CODE_POINTS, UTF16, QUOTE)


@dataclass(frozen=True)
class Placed:
    """A span of the ledger's text and which of :data:`HOW` found it."""

    start: int
    end: int
    how: str


def _exact(text: str, start: int, end: int, quote: str) -> bool:
    return 0 <= start < end <= len(text) and text[start:end] == quote


def place(text: str, item: Incoming) -> Placed | str:
    """The span of ``text`` that ``item`` annotates, or why there is none."""
    cut = _tool_cut(item)
    quote = item.quote or (item.document[cut[0]:cut[1]] if cut and item.document else "")
    if not quote.strip():
        return "nothing to place: no quote, and no text at its offsets"
    start, end = item.start, item.end
    offsets = item.offsets_are_ours and start is not None and end is not None
    if offsets:
        if _exact(text, start, end, quote):
            return Placed(start, end, CODE_POINTS)
        span = utf16_slice(text, start, end)
        if span is not None and _exact(text, *span, quote):
            return Placed(*span, UTF16)
    found = _by_quote(text, quote, *_context(item, cut))
    if isinstance(found, Span):
        return Placed(found.start, found.end, QUOTE)
    return found or f"quote {quote!r} not found in the source" + (
        f" (nor at offsets [{start}:{end}] as code points or UTF-16 units)" if offsets else "")


def _tool_cut(item: Incoming) -> tuple[int, int] | None:
    """The item's span of its tool's own text, in code points: its offsets read as
    UTF-16 units (what doccano and Label Studio count), as code points when they split
    a character; None without such a text or valid offsets."""
    document, start, end = item.document, item.start, item.end
    if document is None or start is None or end is None:
        return None
    cut = utf16_slice(document, start, end)
    if cut is None and start < end <= len(document):
        cut = (start, end)
    return cut


def _context(item: Incoming, cut: tuple[int, int] | None) -> tuple[str, str]:
    """The prefix and suffix the item gives, or those of its tool's text around it."""
    prefix, suffix = item.prefix or "", item.suffix or ""
    if item.document is not None and cut is not None:
        prefix = prefix or item.document[max(0, cut[0] - CONTEXT_CHARS):cut[0]]
        suffix = suffix or item.document[cut[1]:cut[1] + CONTEXT_CHARS]
    return prefix, suffix


def _by_quote(text: str, quote: str, prefix: str, suffix: str) -> Span | str:
    """The one occurrence of ``quote`` (by its context when it repeats), a reason when
    the context cannot tell, or "" when it does not occur."""
    spans = occurrences(text, quote)
    if len(spans) <= 1:
        return spans[0] if spans else ""
    scores = [_agreement(text, span, prefix, suffix) for span in spans]
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return spans[scores.index(best)]
    return (f"quote {quote!r} occurs {len(spans)} times and its prefix and suffix do not "
            "tell which")


def _agreement(text: str, span: Span, prefix: str, suffix: str) -> int:
    """How many characters of ``prefix`` and ``suffix`` (folded) border ``span``."""
    window = 2 * CONTEXT_CHARS + len(prefix) + len(suffix)
    before = fold(text[max(0, span.start - window):span.start])
    after = fold(text[span.end:span.end + window])
    return _common(fold(prefix)[::-1], before[::-1]) + _common(fold(suffix), after)


def _common(a: str, b: str) -> int:
    """Length of the common start of ``a`` and ``b``."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count
