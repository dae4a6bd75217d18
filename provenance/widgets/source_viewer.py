"""SourceViewer: an article with claim spans highlighted and mouse selection reported.

The browser renders pre-cut segments (see :mod:`provenance.highlight`) as text
nodes, so article text is never parsed as HTML. It reports a selection in UTF-16
code units (``selection_utf16``); Python converts it to code points
(``selection``) with :mod:`provenance.utf16`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path

import anywidget
import traitlets

from provenance.highlight import Segment, Span, segments
from provenance.utf16 import utf16_span_to_codepoints

_HERE = Path(__file__).parent


class SourceViewer(anywidget.AnyWidget):
    """Shows one source text; highlights claims; reports selections in code points."""

    _esm = _HERE / "source_viewer.js"
    _css = _HERE / "source_viewer.css"

    title = traitlets.Unicode("").tag(sync=True)
    segments = traitlets.List(traitlets.Dict()).tag(sync=True)
    claims = traitlets.Dict().tag(sync=True)
    selected_claim = traitlets.Unicode("").tag(sync=True)
    selection_utf16 = traitlets.List(traitlets.Int(), default_value=[]).tag(sync=True)
    selection = traitlets.List(traitlets.Int(), default_value=[]).tag(sync=True)
    selected_text = traitlets.Unicode("").tag(sync=True)
    text = traitlets.Unicode("")

    def __init__(
        self,
        text: str = "",
        spans: Iterable[Span] = (),
        claims: Mapping[str, Mapping[str, object]] | None = None,
        title: str = "",
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        self.show(text, spans, claims, title)

    def show(
        self,
        text: str,
        spans: Iterable[Span] = (),
        claims: Mapping[str, Mapping[str, object]] | None = None,
        title: str = "",
    ) -> None:
        """Display ``text`` with ``spans`` highlighted; ``claims`` maps id -> details."""
        with self.hold_sync():
            self.text = text
            self.title = title
            self.segments = [_segment_dict(s) for s in segments(text, spans)]
            self.claims = {
                str(cid): {str(k): _plain(v) for k, v in fields.items()}
                for cid, fields in (claims or {}).items()
            }
            self.selected_claim = ""
            self.selection_utf16 = []

    def select(self, start: int, end: int) -> None:
        """Select code points ``[start, end)`` from Python (as a mouse selection would)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"selection {start}..{end} outside 0..{len(self.text)}")
        self.selection = [start, end]
        self.selected_text = self.text[start:end]

    @traitlets.observe("selection_utf16")
    def _on_browser_selection(self, change: dict) -> None:
        value = change["new"]
        if len(value) != 2:
            self.selection = []
            self.selected_text = ""
            return
        start, end = utf16_span_to_codepoints(self.text, value[0], value[1])
        self.select(start, end)


def _segment_dict(seg: Segment) -> dict:
    return {
        "text": seg.text,
        "start": seg.start,
        "claims": list(seg.claim_ids),
        "classes": list(seg.classes),
    }


def _plain(value: object) -> str:
    """Details are shown as text; missing values become empty strings."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)
