"""Widgets whose plain-text output is a one-line summary."""

from __future__ import annotations


class Summarised:
    """Mixed into a widget: its ``text/plain`` output is ``summary()``, so a notebook's
    stored output (compared by nbval) says what the widget holds, not its model id."""

    def summary(self) -> str:
        """A plain-text account of the widget."""
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        bundle["text/plain"] = self.summary()
        return bundle
