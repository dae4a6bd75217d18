"""Jupyter widgets: the source viewer and the claim editor."""

from provenance.widgets.source_viewer import SourceViewer

__all__ = ["SourceViewer"]
