"""ClaimEditor: create, review and save claims with the mouse, without touching CSV.

Composed of ipywidgets and a :class:`SourceViewer`. Every edit changes the ledger
in memory; only **Save** writes ``claims.csv`` (atomically), and it refuses when the
file changed on disk since it was loaded.
"""

from __future__ import annotations

from collections.abc import Collection

import ipywidgets as w
import pandas as pd

from provenance import ledger_edits
from provenance.claim_ids import next_claim_id
from provenance.errors import ProvenanceError
from provenance.fill import add_claim, derive
from provenance.highlight import Span
from provenance.html import definition_list, esc, status_html, table
from provenance.ledger import Ledger
from provenance.quote_split import split_quote
from provenance.widgets.source_viewer import SourceViewer
from provenance.widgets.summary import Summarised

KIND_CHOICES = [("auto", ""), ("quantity", "quantity"), ("duration", "duration"),
                ("date", "date"), ("text", "text")]
DETAIL_FIELDS = ["claim_id", "fact_key", "kind", "category", "status", "quote", "qualifier",
                 "value", "low", "high", "unit", "date_low", "date_high", "attributed_to",
                 "note"]


def claim_spans(
    claims: pd.DataFrame, source_id: str, conflicting: Collection[str] = ()
) -> list[Span]:
    """Highlight spans for one source's anchored claims, classed by status and conflict."""
    mine = claims[claims["source_id"] == source_id]
    rows = mine[mine["start"].astype(str).str.isdigit() & mine["end"].astype(str).str.isdigit()]
    spans = []
    for _, r in rows.iterrows():
        conflict = "conflict" if r["claim_id"] in conflicting else ""
        classes = tuple(c for c in (str(r["status"]), conflict) if c)
        spans.append(Span(int(r["start"]), int(r["end"]), str(r["claim_id"]), classes))
    return spans


def claim_details(claims: pd.DataFrame, source_id: str) -> dict[str, dict[str, str]]:
    """Details of one source's claims for the viewer's side panel."""
    rows = claims[claims["source_id"] == source_id]
    fields = [f for f in DETAIL_FIELDS if f in rows.columns]
    return {str(r["claim_id"]): {f: str(r[f]) for f in fields} for _, r in rows.iterrows()}


class ClaimEditor(Summarised, w.VBox):
    """Pick a source, select a quote with the mouse (or type it), preview, add, save."""

    def __init__(self, ledger: Ledger, check_conflicts: bool = True) -> None:
        self.ledger = ledger
        self.check_conflicts = check_conflicts
        self._columns = list(ledger.claims.columns)
        self._pinned: tuple[int, int] | None = None
        self._editing = ""
        self._next_part: tuple[str, tuple[int, int] | None] | None = None
        self._build()
        super().__init__([
            self.source, self.viewer,
            w.HTML("<b>New claim</b>"), self.quote, w.HBox([self.claim_id, self.fact_key]),
            w.HBox([self.kind, self.category]), self.attributed_to, self.note,
            w.HBox([self.preview_button, self.add_button, self.split_button]),
            self.preview_html,
            w.HTML("<b>Claims of this source</b>"), self.claim_list,
            w.HBox([self.edit_button, self.confirm_button, self.reject_button,
                    self.delete_button]),
            w.HTML("<b>Save</b>"), w.HBox([self.save_button, self.message]),
        ])
        self.add_class("pv-editor")
        self._show_source()

    def _build(self) -> None:
        sources = self.ledger.sources
        options = [(f"{o} — {s}", s) for s, o in zip(sources["source_id"], sources["outlet"],
                                                     strict=True)]
        self.source = w.Dropdown(options=options, description="Source")
        self.viewer = SourceViewer()
        self.quote = w.Textarea(description="Quote", layout=w.Layout(width="60em"))
        self.claim_id = w.Text(description="Claim id")
        self.fact_key = w.Combobox(description="Fact key", options=self._fact_keys(),
                                   ensure_option=False)
        self.kind = w.Dropdown(options=KIND_CHOICES, description="Kind")
        self.category = w.Text(description="Category",
                               placeholder="text claims: e.g. allowed, restricted")
        self.attributed_to = w.Text(description="Attributed")
        self.note = w.Text(description="Note", layout=w.Layout(width="60em"))
        self.preview_button = w.Button(description="Preview")
        self.add_button = w.Button(description="Add claim", button_style="primary")
        self.split_button = w.Button(description="Split quote",
                                     tooltip="one claim per value: the quote holds two")
        self.preview_html = w.HTML()
        self.claim_list = w.SelectMultiple(description="Claims", rows=8,
                                           layout=w.Layout(width="60em"))
        self.edit_button = w.Button(description="Edit selected")
        self.confirm_button = w.Button(description="Confirm selected")
        self.reject_button = w.Button(description="Reject selected")
        self.delete_button = w.Button(description="Delete selected", button_style="danger")
        self.save_button = w.Button(description="Save", button_style="success")
        self.message = w.HTML()
        self.source.observe(lambda _: self._show_source(), "value")
        self.viewer.observe(self._on_selection, "selected_text")
        self.quote.observe(self._on_quote_typed, "value")
        self.preview_button.on_click(lambda _: self.preview())
        self.add_button.on_click(lambda _: self.add())
        self.split_button.on_click(lambda _: self.split())
        self.edit_button.on_click(lambda _: self.edit())
        self.confirm_button.on_click(lambda _: self.set_status("confirmed"))
        self.reject_button.on_click(lambda _: self.set_status("rejected"))
        self.delete_button.on_click(lambda _: self.delete())
        self.save_button.on_click(lambda _: self.save())
        for name in ("quote", "claim_id", "fact_key", "kind", "category", "preview_button",
                     "add_button", "split_button", "claim_list", "save_button", "message",
                     "preview_html"):
            getattr(self, name).add_class(f"pv-{name.replace('_', '-')}")

    def _fact_keys(self) -> list[str]:
        return sorted({k for k in self.ledger.claims["fact_key"] if k})

    def _show_source(self) -> None:
        source_id = self.source.value
        if source_id is None:
            return
        claims = derive(self.ledger)
        self.viewer.show(self.ledger.texts.get(source_id, ""), claim_spans(claims, source_id),
                         claim_details(claims, source_id), self.ledger.source(source_id)["title"])
        mine = claims[claims["source_id"] == source_id]
        self.claim_list.options = [
            (f"[{r['status']}] {r['claim_id']} {r['fact_key']}: {r['quote'][:60]}", r["claim_id"])
            for _, r in mine.iterrows()
        ]
        self.claim_id.value = next_claim_id(claims, source_id)
        self.fact_key.options = self._fact_keys()

    def _on_selection(self, change: dict) -> None:
        if self.viewer.selection:
            start, end = self.viewer.selection
            self.quote.value = change["new"]
            self._pinned = (start, end)

    def _on_quote_typed(self, change: dict) -> None:
        pinned = self._pinned
        if pinned and self.viewer.text[pinned[0]:pinned[1]] != change["new"]:
            self._pinned = None

    def cells(self) -> dict[str, object]:
        """The new claim's cells as the form holds them."""
        start, end = self._pinned or (None, None)
        return {
            "claim_id": self.claim_id.value.strip(), "source_id": self.source.value,
            "fact_key": self.fact_key.value.strip(), "kind": self.kind.value,
            "quote": self.quote.value, "start": start, "end": end,
            "attributed_to": self.attributed_to.value, "note": self.note.value,
            "category": self.category.value.strip(), "status": "confirmed",
        }

    def preview(self) -> ledger_edits.Preview:
        """Show the parsed value and the conflicts the claim would create."""
        result = ledger_edits.preview_claim(self.ledger, self.cells(), self.check_conflicts)
        if result.error:
            self.preview_html.value = f'<p class="pv-error">{esc(result.error)}</p>'
            return result
        fields = {k: result.row.get(k, "") for k in DETAIL_FIELDS if result.row.get(k, "")}
        conflicts = (table(result.conflicts) if len(result.conflicts)
                     else "<p>No conflicts with other claims.</p>")
        self.preview_html.value = definition_list(fields) + conflicts
        return result

    def add(self) -> dict[str, str] | None:
        """Add the form's claim (or update the one being edited) in memory; not saved yet."""
        editing_id = self._editing
        try:
            if editing_id:
                row = ledger_edits.replace_claim(self.ledger, editing_id, self.cells())
            else:
                row = add_claim(self.ledger, **self.cells())
        except ProvenanceError as exc:
            self._say(f"Not {'updated' if editing_id else 'added'}: {exc}", error=True)
            return None
        self._pinned, self._editing = None, ""
        self.add_button.description = "Add claim"
        self.quote.value = ""
        self._show_source()
        verb = "Updated" if editing_id else "Added"
        self._say(f"{verb} {row['claim_id']} ({row.get('qualifier') or row.get('kind')}); "
                  "not saved yet.")
        if self._next_part:
            self._set_quote(*self._next_part)
            self._next_part = None
        return row

    def split(self) -> bool:
        """Split a quote holding two values (provenance.quote_split): the form keeps the
        first part, and the second fills it after Add."""
        quote, pinned = self.quote.value, self._pinned
        start = pinned[0] if pinned else 0
        parts = split_quote(quote, self.kind.value or None, start)
        if parts is None:
            self._say("The quote holds fewer than two values: nothing to split.", error=True)
            return False
        (a, b), (c, d) = parts
        first, second = quote[a - start:b - start], quote[c - start:d - start]
        self._set_quote(first, (a, b) if pinned else None)
        self._next_part = (second, (c, d) if pinned else None)
        self._say(f"Split: the form holds {first!r}; {second!r} follows after Add.")
        return True

    def _set_quote(self, quote: str, pinned: tuple[int, int] | None) -> None:
        self.quote.value = quote
        self._pinned = pinned

    def edit(self) -> None:
        """Load the one claim selected in the list into the form; Add then updates it."""
        chosen = list(self.claim_list.value)
        if len(chosen) != 1:
            self._say("Select exactly one claim to edit.", error=True)
            return
        row = self.ledger.claims[self.ledger.claims["claim_id"] == chosen[0]].iloc[0]
        self.quote.value = row["quote"]
        start, end = str(row.get("start", "")), str(row.get("end", ""))
        self._pinned = (int(start), int(end)) if start.isdigit() and end.isdigit() else None
        self.claim_id.value = row["claim_id"]
        self.fact_key.value = row["fact_key"]
        self.kind.value = row["kind"] if row["kind"] in dict(KIND_CHOICES).values() else ""
        self.attributed_to.value = row["attributed_to"]
        self.note.value = row["note"]
        self.category.value = str(row.get("category", ""))
        self._editing = row["claim_id"]
        self.add_button.description = "Update claim"
        self._say(f"Editing {row['claim_id']}: change the form, then Update claim.")

    def set_status(self, status: str) -> None:
        """Confirm or reject the claims selected in the list."""
        try:
            changed = ledger_edits.set_status(self.ledger, list(self.claim_list.value), status,
                                         self.fact_key.value)
        except ProvenanceError as exc:
            self._say(str(exc), error=True)
            return
        self._show_source()
        self._say(f"{status}: {', '.join(changed) or 'nothing changed'}; not saved yet.")

    def delete(self) -> None:
        """Delete the claims selected in the list."""
        removed = ledger_edits.delete_claims(self.ledger, list(self.claim_list.value))
        self._show_source()
        self._say(f"Deleted {', '.join(removed) or 'nothing'}; not saved yet.")

    def save(self) -> bool:
        """Write claims.csv atomically under the ledger lock; refuse when it changed on
        disk since loading (or another writer holds the lock past its timeout).

        The file keeps the columns it had: derived cells it does not store are
        derived again on load.
        """
        try:
            written = ledger_edits.save_claims(self.ledger, self._columns)
        except ProvenanceError as exc:
            self._say(f"Not saved: {exc}", error=True)
            return False
        self._say("Saved claims.csv." if written else "Nothing to save.")
        return written

    def summary(self) -> str:
        """A plain-text account of the editor's state (its text/plain output)."""
        claims = self.ledger.claims
        return (f"ClaimEditor: {len(claims)} claims on {len(self.ledger.sources)} sources; "
                "claims.csv is written only by Save")

    def _say(self, text: str, error: bool = False) -> None:
        self.message.value = status_html(text, error)
