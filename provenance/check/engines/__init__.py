"""The check's engines, each a sub-package owning every trick it needs: ``pandas`` (the
default: Arrow, threads, the GX custom expectations and their caches) and ``spark``.
``gx`` is what both share of Great Expectations; ``data_docs`` renders either's run."""
