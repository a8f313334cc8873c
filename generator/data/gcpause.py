"""Holding back Python's cyclic garbage collector while a stage makes many objects it keeps.

Each collection of the oldest generation scans every live container object. A stage that builds
tens of thousands of records, views or pages triggers such collections again and again, over a
heap that keeps growing: at 10,000 instruments that was a fifth of reading and a third of planning.
What these stages build is freed by reference counting; anything cyclic is collected once the
collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_gc() -> Iterator[None]:
    """Run the block with the cyclic GC off; it is switched back on after, if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
