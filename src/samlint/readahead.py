"""Start reading the one agreement of ``samlint check FILE`` before the CLI is imported.

Importing the command line (typer, rich, the config and rule loaders, the
matcher) takes 0.15-0.25 s, and until now the file was read only after
that: for a 200-page PDF a quarter of the run was spent reading what could
have been read meanwhile. The console script therefore looks at the
arguments first (``guess``), and when they name exactly one agreement file
it forks a child that reads it at once (``start``). The CLI goes on as
before; when the engine comes to read that file it takes the child's
document instead of asking its reader (``take``).

The guess is only a head start, never a decision: the CLI still parses
the arguments, resolves the agreement sets and reads the cache as always,
and a child whose file is not asked for is killed unused at the end. The
child is a ``samlint.sandbox.ChildCall`` with the reader's memory limit and
is waited for with the reader's time limit, so a hostile file is stopped
and reported exactly as it would be by the reader.

Nothing here imports the CLI, the matcher or a parser: this module runs
before them, and the child imports the parser itself.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# ``samlint check`` options that take a value: the word after one of them is
# not a path. Kept equal to the command's own options by a test.
VALUE_OPTIONS = frozenset({
    "--format", "--output", "-o", "--rules", "--fail-on", "--config", "--select", "--ignore",
    "--baseline", "--write-baseline", "--jobs", "-j", "--timeout", "--as-of",
})
JOBS_OPTIONS = ("--jobs", "-j")


@dataclass(frozen=True)
class ReadAhead:
    """What to read ahead: one file, with as many page workers as the run will use."""

    path: Path
    workers: int
    use_cache: bool


def guess(argv: Sequence[str], cores: int = 1) -> ReadAhead | None:
    """The file ``samlint check`` will read first, when the arguments make it plain.

    Only ``check`` with exactly one path that is an existing agreement file;
    anything unusual (help, an unparsable ``--jobs``, several paths) gives
    None and the run goes on without a head start.
    """
    if not argv or argv[0] != "check":
        return None
    from samlint.documents import SUPPORTED_SUFFIXES  # no parser: those load on first use

    paths: list[str] = []
    jobs: str | None = None
    use_cache = True
    words = iter(argv[1:])
    for word in words:
        if word == "--":
            paths.extend(words)
            break
        if word in ("--help", "-h", "--version"):
            return None
        if word == "--no-cache":
            use_cache = False
        elif word in VALUE_OPTIONS:
            value = next(words, None)
            if word in JOBS_OPTIONS:
                jobs = value
        elif word.startswith("--jobs="):
            jobs = word.removeprefix("--jobs=")
        elif word.startswith("-j") and len(word) > 2:
            jobs = word[2:]
        elif not word.startswith("-") or word == "-":
            paths.append(word)
    if len(paths) != 1:
        return None
    path = Path(paths[0])
    if path.suffix.lower() not in SUPPORTED_SUFFIXES or not path.is_file():
        return None
    try:
        workers = int(jobs) if jobs is not None else cores
    except ValueError:
        return None
    if workers < 1:
        return None
    return ReadAhead(path, workers, use_cache)


@dataclass
class _Pending:
    plan: ReadAhead
    identity: tuple[int, ...]
    call: Any  # samlint.sandbox.ChildCall
    owner: int  # the process that started it; a forked worker must leave it alone
    taken: bool = False


_PENDING: _Pending | None = None


def start(argv: Sequence[str]) -> None:
    """Fork the child that reads the file ``guess`` names; a no-op when it names none.

    Never fails: the head start is optional, and the CLI reports every
    problem with the file itself.
    """
    global _PENDING
    with contextlib.suppress(Exception):
        from samlint.sandbox import ChildCall, available_cores, can_fork

        plan = guess(argv, available_cores())
        if plan is None or not can_fork():
            return
        from samlint.documents.model import MAX_READ_MEMORY

        identity = _identity(plan.path)
        call = ChildCall(_read, (plan,), memory_limit=MAX_READ_MEMORY)
        _PENDING = _Pending(plan, identity, call, os.getpid())


def covers(path: Path) -> bool:
    """Whether ``path`` is being read ahead, so no other reader need be prepared for it."""
    return _pending_for(path) is not None


def take(path: Path) -> Any:
    """The child reading ``path`` (a ``ChildCall``), if it is the one read ahead; once only.

    Its ``result`` is the ``Document`` (with the display name still to be
    set by the caller), or None when the cache already had it, or the
    reader's error. A child for another file is left alone: the engine may
    still ask for it.
    """
    pending = _pending_for(path)
    if pending is None:
        return None
    pending.taken = True
    return pending.call


def finish(grace: float = 5.0) -> None:
    """At the end of the run: let a child that answered finish its cache write; kill one
    that was never asked."""
    global _PENDING
    pending = _PENDING
    if pending is None or pending.owner != os.getpid():
        return
    _PENDING = None
    if pending.taken:
        pending.call.finish(grace)
    else:
        pending.call.cancel()


def _pending_for(path: Path) -> _Pending | None:
    """The head start on ``path``: started by this process, not yet taken, same file."""
    pending = _PENDING
    if (pending is None or pending.owner != os.getpid() or pending.taken
            or not _same_file(pending, path)):
        return None
    return pending


def _read(plan: ReadAhead) -> Any:
    """In the child: the document, cached once it is sent; None when the cache has it."""
    from samlint.cache import Cache, default_directory, file_digest

    cache = key = None
    if plan.use_cache:
        with contextlib.suppress(OSError):
            cache = Cache(default_directory())
            key = cache.document_key(file_digest(plan.path), plan.path.suffix)
            if cache.has(key):
                return None
    return read_and_cache(plan.path, str(plan.path), plan.workers, cache, key or "")


def read_and_cache(path: Path, display: str, workers: int, cache: Any, key: str) -> Any:
    """In a reader child (the engine's, or the head start's): read the file; once the
    document is sent, write it to ``cache`` under ``key`` (None or '': not cached).

    Writing the cache entry (JSON of the whole text) is then done beside the
    judging of the document instead of before it. Kept here, not in the
    engine, so that the head start's child need not import the engine.
    """
    from samlint.documents import read_document
    from samlint.sandbox import after_answer

    document = read_document(path, display, workers=workers)
    if cache is not None and key:
        after_answer(lambda: cache.store_document(key, document))
    return document


def _identity(path: Path) -> tuple[int, ...]:
    status = path.stat()
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def _same_file(pending: _Pending, path: Path) -> bool:
    """The same file, unchanged since the child started reading it."""
    try:
        return _identity(path) == pending.identity
    except OSError:
        return False
