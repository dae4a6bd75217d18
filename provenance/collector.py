"""Python's cyclic garbage collector, paused where a burst of allocation makes it costly."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, then as it was.

    Each time allocations pass GC's threshold it walks the tracked objects, holding the
    GIL; the oldest generation holds every object of the process. Two bursts allocate
    many objects and few reference cycles: a check (millions of objects; GX alone holds
    hundreds of thousands: about 0.2 s a walk at 1M claims) and Great Expectations'
    own import (a fifth of its CPU time goes to collections that find almost nothing).
    Reference counting still frees everything acyclic at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
