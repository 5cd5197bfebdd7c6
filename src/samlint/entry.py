"""The console script: a head start on reading, then the command line.

Kept apart from ``samlint.cli`` because importing that module is most of
the start-up time; see ``samlint.readahead``.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

from samlint.gc_pause import paused_collector


def run() -> NoReturn:
    # Importing makes some 100,000 objects (functions, classes, constants)
    # that live as long as the process, so the cycle collector's runs
    # meanwhile, and its later runs over them, find nothing: 10-15 ms of a
    # cold check (samlint.gc_pause). Frozen, they are out of its way; a later
    # fork unfreezes them into the oldest generation (samlint.sandbox._start),
    # which only its rare full runs scan.
    with paused_collector():
        from samlint import readahead

        readahead.start(sys.argv[1:])
        from samlint.cli import run as run_cli

        gc.freeze()
    run_cli()
