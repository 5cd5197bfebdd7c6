"""A progress bar on stderr for runs long enough to wonder about.

Only when stderr is a terminal: never on stdout (it carries the report, maybe
JSON), never in CI logs. It appears after half a second, so a quick check
stays a quiet one, and it disappears when the run is done.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from samlint.results import AgreementResult

SHOW_AFTER = 0.5  # seconds


@contextmanager
def progress_reporter(paths: list[Path]) -> Iterator[Callable[[AgreementResult, int], None] | None]:
    """Yield a hook for finished agreements, or None when no bar should be drawn."""
    if not _stderr_is_terminal():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    started = time.monotonic()
    pages = 0
    bar = Progress(
        TextColumn("[bold]samlint[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("avtaler · {task.fields[pages]} sider"),
        TimeElapsedColumn(),
        TextColumn("igjen"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("check", total=len(paths), pages=0)

    def advance(result: AgreementResult, result_pages: int = 0) -> None:
        nonlocal pages
        pages += result_pages
        bar.update(task, advance=1 if result.path else 0, pages=pages)
        if not bar.live.is_started and time.monotonic() - started > SHOW_AFTER:
            bar.start()

    try:
        yield advance
    finally:
        bar.stop()


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
