"""Process-wide settings the ``provenance`` command makes for its own process.

Each changes the whole interpreter (its garbage collector, Arrow's memory pool), so only
the command line (:mod:`provenance.cli`) makes them, around the work it does: a notebook
or an editor preview calling the library keeps its process as it was. Each stays only
while ``benchmarks/check_runtime.py`` measures it worth at least 5 % (``docs/performance.md``,
"Runtime settings").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then as it was.

    Each time allocations pass GC's threshold it walks the tracked objects, holding the
    GIL; the oldest generation holds every object of the process. Two bursts allocate
    many objects and few reference cycles: a check and its report (millions of objects;
    GX alone holds hundreds of thousands: 0.2-0.4 s a walk at 1M claims) and Great
    Expectations' own import (a fifth of its CPU time goes to collections that find almost nothing).
    Reference counting still frees everything acyclic at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


ARROW_POOLS = ("jemalloc", "system")  # preferred to Arrow's default, mimalloc


@contextmanager
def arrow_pool() -> Iterator[None]:
    """Arrow allocates from jemalloc (or else the C library's malloc) for the block, then
    from the pool it used before.

    With mimalloc, Arrow's default, the kernel spends far longer zeroing freshly mapped
    memory while a large ledger is loaded and checked. Buffers keep the pool that
    allocated them, so switching back is safe.
    """
    import pyarrow as pa

    name = next(n for n in ARROW_POOLS if n in pa.supported_memory_backends())
    before = pa.default_memory_pool()
    pa.set_memory_pool(getattr(pa, f"{name}_memory_pool")())
    try:
        yield
    finally:
        pa.set_memory_pool(before)


@contextmanager
def importing() -> Iterator[None]:
    """What ``provenance check`` imports Great Expectations under: no cyclic collection."""
    with collection_paused():
        yield


@contextmanager
def checking() -> Iterator[None]:
    """What ``provenance check`` loads and checks a ledger under: no cyclic collection,
    Arrow off mimalloc (each undone after the block)."""
    with collection_paused(), arrow_pool():
        yield
