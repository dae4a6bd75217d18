"""Dashboard: the ledger at a glance, conflicts, discrepancies (apart from conflicts) and
disagreements inside one outlet, charts, a source viewer and filters.

The panels are computed by :mod:`provenance.dashboard` and drawn by
:mod:`provenance.charts` and :mod:`provenance.html`; this module only lays them out
and re-draws them when a filter changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w
import pandas as pd

from provenance import charts
from provenance import dashboard as data
from provenance.fill import derive
from provenance.html import esc, marked, table
from provenance.ledger import Ledger
from provenance.reuse import load_reuse
from provenance.reuse.via import reused_claims
from provenance.widgets.claim_editor import claim_details, claim_spans
from provenance.widgets.source_viewer import SourceViewer
from provenance.widgets.summary import Summarised

STYLE = (Path(__file__).parent / "dashboard.css").read_text(encoding="utf-8")

if TYPE_CHECKING:
    from provenance.check import CheckResult


@dataclass(frozen=True)
class Panels:
    """Everything the dashboard shows, before filtering."""

    claims: pd.DataFrame  # derived string cells, with an ``outlet`` column
    typed: pd.DataFrame
    conflicts: pd.DataFrame
    internal: pd.DataFrame  # pairs of one outlet (one article, or two): conflicts, discrepancies
    validation: pd.DataFrame
    discrepancies: pd.DataFrame  # pairs that touch but whose figures differ widely
    headline: str = ""


def conflict_html(view: data.ConflictView) -> str:
    """One conflict: the fact, the message and both quotes in context (all escaped)."""
    sides = "".join(
        f'<div class="pv-side"><b>{esc(q.outlet)}</b> <code>{esc(q.claim_id)}</code> '
        f"[{esc(q.start)}:{esc(q.end)}]: {marked(q.before, q.quote, q.after)}</div>"
        for q in (view.a, view.b)
    )
    head = f"<b>{esc(view.fact_key)}</b> ({esc(view.kind)}): {esc(view.message)}"
    return f'<div class="pv-conflict"><div>{head}</div>{sides}</div>'


def shared_html(view: data.SharedView) -> str:
    """One shared passage: length, kind, direction and both passages in context (escaped)."""
    sides = "".join(
        f'<div class="pv-side"><b>{esc(q.outlet)}</b> <code>{esc(q.source_id)}</code> '
        f"[{esc(q.start)}:{esc(q.end)}]: {marked(q.before, q.quote, q.after)}</div>"
        for q in (view.a, view.b)
    )
    return f'<div class="pv-shared"><div>{esc(view.headline)}</div>{sides}</div>'


def shared_panel(views: list[data.SharedView], reused: pd.DataFrame) -> str:
    """The shared-passages panel: each passage, then the claims that came through another
    outlet (a reused figure is one report, not two confirmations)."""
    if not views:
        return "<p>No shared passages recorded (run <code>provenance reuse</code>).</p>"
    claims = ("<p>Claims that reached an outlet through another: one report, not two "
              "confirmations.</p>" + table(reused) if not reused.empty else "")
    return "".join(shared_html(v) for v in views) + claims


class Dashboard(Summarised, w.VBox):
    """Interactive dashboard over a ledger and its check result."""

    def __init__(self, ledger: Ledger, result: CheckResult) -> None:
        from provenance.table import typed_claims

        self.ledger = ledger
        conflicts = result.conflicts
        validation = data.validation_summary(result.results)
        derived = derive(ledger)
        names = data.outlets(ledger.sources)
        claims = derived.assign(outlet=derived["source_id"].map(names).fillna(""))
        from provenance.check.report import headline

        inside = pd.concat([result.internal, getattr(result, "internal_discrepancies",
                                                     result.internal.iloc[:0])],
                           ignore_index=True)  # the check decides what is inside one outlet
        self.panels = Panels(claims, typed_claims(derived), conflicts, inside,
                             validation, result.discrepancies,
                             headline(result) if hasattr(result, "summary") else "")
        options = data.filter_options(claims, ledger.sources)
        self.filters = {
            name: w.SelectMultiple(options=values, description=name.replace("_", " "), rows=4)
            for name, values in options.items()
        }
        self.conflicts_only = w.Checkbox(description="conflicts only", indent=False)
        self.glance, self.coverage = w.HTML(), w.HTML()
        self.conflict_box, self.internal_box = w.VBox(), w.VBox()
        self.discrepancy_box = w.VBox()
        self.interval_out, self.timeline_out = w.Output(), w.Output()
        self.source = w.Dropdown(options=[(f"{o} — {s}", s) for s, o in names.items()],
                                 description="Source")
        self.viewer = SourceViewer()
        self.validation_html = w.HTML(table(validation))
        self.shared = data.shared_passages(load_reuse(ledger), ledger.texts, ledger.sources)
        self.reused = reused_claims(ledger)
        for control in (*self.filters.values(), self.conflicts_only, self.source):
            control.observe(lambda _: self.refresh(), "value")
        super().__init__([
            w.HTML(f"<style>{STYLE}</style>"
                   f'<p class="pv-summary">{esc(self.summary_line())}</p>'),
            w.HBox([*self.filters.values(), self.conflicts_only],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<h3>Ledger at a glance</h3>"), w.HBox([self.glance, self.coverage]),
            w.HTML("<h3>Conflicts</h3>"), self.conflict_box,
            w.HTML("<h3>Discrepancies: the intervals touch, the figures differ widely</h3>"),
            self.discrepancy_box,
            w.HTML("<h3>Disagreements inside one outlet (one article, or two of the same "
                   "outlet)</h3>"), self.internal_box,
            w.HTML("<h3>Intervals per fact key</h3>"), self.interval_out,
            w.HTML("<h3>Dates against publication</h3>"), self.timeline_out,
            w.HTML("<h3>Shared passages</h3>"), w.HTML(shared_panel(self.shared, self.reused)),
            w.HTML("<h3>Source</h3>"), self.source, self.viewer,
            w.HTML("<h3>Validation (Great Expectations)</h3>"), self.validation_html,
        ])
        self.add_class("pv-dashboard")
        self.refresh()

    def current_filters(self) -> data.Filters:
        """The filter widgets' state as a Filters record."""
        chosen = {name: tuple(box.value) for name, box in self.filters.items()}
        return data.Filters(conflicts_only=self.conflicts_only.value, **chosen)

    def visible(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Claims, conflicts, pairs inside one outlet and discrepancies that pass the
        filters."""
        partners = data.conflict_partners(self.panels.conflicts)
        claims = data.apply_filters(self.panels.claims, self.current_filters(), partners)
        ids = set(claims["claim_id"])

        def shown(pairs: pd.DataFrame) -> pd.DataFrame:
            return pairs[pairs["claim_a"].isin(ids) | pairs["claim_b"].isin(ids)]

        return (claims, shown(self.panels.conflicts), shown(self.panels.internal),
                shown(self.panels.discrepancies))

    def refresh(self) -> None:
        """Re-draw every panel for the current filters."""
        claims, conflicts, internal, discrepancies = self.visible()
        sources = self.ledger.sources
        self.glance.value = (
            table(data.sources_overview(sources, claims))
            + table(data.claims_by_kind(claims, sources).reset_index())
        )
        coverage = table(data.coverage(claims, sources).reset_index())
        self.coverage.value = f'<div class="pv-scroll">{coverage}</div>'

        self.conflict_box.children = self._pair_rows(conflicts, "No conflicts.")
        self.internal_box.children = self._pair_rows(
            internal, "None: no outlet contradicts itself.")
        self.discrepancy_box.children = self._pair_rows(discrepancies, "No discrepancies.")
        typed = self.panels.typed[self.panels.typed["claim_id"].isin(set(claims["claim_id"]))]
        self._draw(self.interval_out, charts.interval_chart(data.intervals(typed, sources,
                                                                            conflicts)))
        self._draw(self.timeline_out, charts.timeline_chart(data.timeline(typed, sources,
                                                                           conflicts)))
        self._show_source(claims)

    def focus(self, claim_id: str) -> None:
        """Open a claim's source in the viewer and select the claim (a conflict's link)."""
        row = self.panels.claims[self.panels.claims["claim_id"] == claim_id].iloc[0]
        self.source.value = row["source_id"]
        self.viewer.selected_claim = claim_id

    def summary_line(self) -> str:
        """Counts shown under the title."""
        p = self.panels
        return (f"{len(self.ledger.sources)} sources, {len(p.claims)} claims, "
                f"{len(p.conflicts)} conflicting pairs, {len(p.discrepancies)} discrepancies"
                + (f". {p.headline}" if p.headline else ""))

    def summary(self) -> str:
        """A plain-text account of what the dashboard shows (its text/plain output)."""
        p, sources = self.panels, self.ledger.sources
        lines = [self.summary_line()]
        for row in data.sources_overview(sources, p.claims).itertuples():
            lines.append(f"source {row.source_id}: {row.outlet}, published {row.published}, "
                         f"{row.claims} claims")
        for label, pairs in (("conflict", p.conflicts), ("discrepancy", p.discrepancies),
                             ("inside one outlet", p.internal)):
            for view in data.conflict_views(pairs, p.claims, self.ledger.texts, sources, width=0):
                lines.append(f"{label} {view.fact_key}: {view.a.claim_id} ({view.a.outlet}) "
                             f"{view.a.quote!r} vs {view.b.claim_id} ({view.b.outlet}) "
                             f"{view.b.quote!r}")
        for view in self.shared:
            lines.append(f"shared passage: {view.headline}: {view.a.quote!r}")
        for row in self.reused.itertuples():
            lines.append(f"via: {row.claim_id} ({row.outlet}) {row.quote!r} via {row.via_outlet}")
        lines.append(charts.interval_chart(data.intervals(p.typed, sources, p.conflicts))
                     .description)
        lines.append(charts.timeline_chart(data.timeline(p.typed, sources, p.conflicts))
                     .description)
        failed = p.validation[~p.validation["success"].astype(bool)]
        lines.append(f"validation: {len(p.validation)} expectations, {len(failed)} not met"
                     + "".join(f"; {r.expectation} [{r.severity}]: {r.unexpected} claims"
                               for r in failed.itertuples()))
        return "\n".join(lines)

    def _pair_rows(self, pairs: pd.DataFrame, empty: str) -> list[w.Widget]:
        """One row per pair with both quotes in context, or ``empty`` when there is none."""
        views = data.conflict_views(pairs, self.panels.claims, self.ledger.texts,
                                    self.ledger.sources)
        return [self._conflict_row(v) for v in views] or [w.HTML(f"<p>{esc(empty)}</p>")]

    def _conflict_row(self, view: data.ConflictView) -> w.Widget:
        links = [w.Button(description=f"show {q.claim_id}", tooltip=f"{q.outlet}: {q.quote}")
                 for q in (view.a, view.b)]
        for button, quote in zip(links, (view.a, view.b), strict=True):
            button.on_click(lambda _, cid=quote.claim_id: self.focus(cid))
        row = w.VBox([w.HTML(conflict_html(view)), w.HBox(links)])
        row.add_class("pv-conflict-row")
        return row

    def _show_source(self, claims: pd.DataFrame) -> None:
        source_id = self.source.value
        conflicting = data.conflict_partners(self.panels.conflicts)
        self.viewer.show(self.ledger.texts.get(source_id, ""),
                         claim_spans(claims, source_id, conflicting),
                         claim_details(self.panels.claims, source_id),
                         self.ledger.source(source_id)["title"])

    @staticmethod
    def _draw(out: w.Output, chart: charts.NativeChart) -> None:
        """Replace the output's content directly (no captured messages, so nbval sees none)."""
        out.outputs = ()
        out.append_display_data(chart)
