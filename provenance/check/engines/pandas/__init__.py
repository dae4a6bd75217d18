"""The pandas engine of ``provenance check`` (the default): the ledger in memory.

``run.load_for_check`` and ``run.run_check`` are its entry points. It owns its tricks:
Arrow (the claims parsed by Arrow's CSV reader, the typed batch in ``batch``, span
integrity over one UTF-8 buffer in ``spans``, cells taken chunk by chunk in ``chunked``),
worker threads, and the GX custom expectations with their pandas conditions and caches
(``expectations/``, the shared analyses in ``expectations/_agreement.py``).
``process_settings`` are the process-wide settings only ``cli.py`` makes.
"""
