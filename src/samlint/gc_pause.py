"""Pausing Python's cycle collector while samlint builds large object graphs.

Reading a 200-page PDF makes some 40,000 objects (lines, blocks, tuples) and
matching it many more, with almost no reference cycles among them. The
collector still runs every 700 allocations and, now and then, walks every
object in the process: measured, about 7 % of matching time and 5 % of a
read. Pausing it for those stretches costs nothing (the few cycles are
collected once it is back on) and never changes a result.

A process that ends without clean-up right after its one check (the
console script, see ``samlint.cli.run``) need not free the prepared
agreement at all: freeing 200 pages' worth of matcher state took 10-15 ms
at the end of every such run. ``keep_until_exit`` lets ``let_go`` keep it
instead, hidden from the collector.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collector() -> Iterator[None]:
    """No automatic cycle collection inside the block; the previous state after it.

    Nesting is fine: an inner block leaves the collector off if an outer one
    turned it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_KEPT: list[object] = []
_KEEPING_IN: int | None = None  # the id of the process that keeps; forked children do not


def keep_until_exit() -> None:
    """From now on this process (not its children) keeps what it lets go of.

    Only for a process that ends with ``os._exit`` soon after: what is kept
    is never freed, so one that checks many agreements must not call this.
    """
    global _KEEPING_IN
    _KEEPING_IN = os.getpid()


def let_go(graph: object) -> None:
    """Done with ``graph``: freed as usual, or kept when this process keeps.

    Kept objects are frozen (``gc.freeze``) so that the collector, once back
    on, does not walk them all only to find them alive.
    """
    if os.getpid() == _KEEPING_IN:
        _KEPT.append(graph)
        gc.freeze()
