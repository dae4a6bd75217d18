"""Jupyter widgets: the source viewer, the claim editor, the suggestion panel, the dashboard."""

from provenance.widgets.claim_editor import ClaimEditor
from provenance.widgets.dashboard_app import Dashboard
from provenance.widgets.source_viewer import SourceViewer
from provenance.widgets.suggestion_panel import SuggestionPanel

__all__ = ["ClaimEditor", "Dashboard", "SourceViewer", "SuggestionPanel"]
