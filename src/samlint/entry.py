"""The console script: a head start on reading, then the command line.

Kept apart from ``samlint.cli`` because importing that module is most of
the start-up time; see ``samlint.readahead``.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def run() -> NoReturn:
    from samlint import readahead

    readahead.start(sys.argv[1:])
    from samlint.cli import run as run_cli

    run_cli()
