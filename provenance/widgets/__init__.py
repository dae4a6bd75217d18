"""Jupyter widgets: the source viewer, the claim editor and the dashboard."""

from provenance.widgets.claim_editor import ClaimEditor
from provenance.widgets.dashboard_app import Dashboard
from provenance.widgets.source_viewer import SourceViewer

__all__ = ["ClaimEditor", "Dashboard", "SourceViewer"]
