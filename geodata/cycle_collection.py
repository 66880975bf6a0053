"""Python's cycle collector paused around bulk work that makes many short-lived objects.

Reading a layer of 100,000 rows or drawing an export of 100,000 markers makes hundreds of
thousands of tuples, lists and small values that live a moment and hold no cycles; every
few hundred of them started a collection that walked every object of the process again (a
third of reading the bench's large dataset; 1.2-1.6 s of a 4-5 s national PNG export beside
the window's dataset). Reference counting frees them all the same; whatever cycles the work
leaves are collected once the collector runs again.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while the block runs, then as it was before (a caller that had
    turned it off keeps it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
