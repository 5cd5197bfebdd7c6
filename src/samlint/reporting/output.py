"""Writing a report to a file for ``-o/--output``.

CI uploads the file as an artifact or hands it to another tool (code
scanning, a PR comment); a half-written SARIF or HTML file from an
interrupted run would be worse than none. So the report goes to a temporary
file beside the target and is renamed over it, which is atomic on the same
file system: readers see the old report or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class OutputError(Exception):
    """The report cannot be written where the user asked; the message says why."""


def check_output_path(path: Path) -> None:
    """Fail before checking anything when the report could not be written anyway.

    A run over a hundred agreements should not end with "no such directory".
    """
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: mappen {parent} finnes ikke – opprett den først")
    if path.is_dir():
        raise OutputError(f"{path}: er en mappe – oppgi et filnavn for rapporten")


def write_report(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically, with ordinary file permissions."""
    check_output_path(path)
    import tempfile  # only a report written to a file needs it, not every check (6 ms)

    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise OutputError(f"{path}: kan ikke skrive rapporten ({exc.strerror})") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file readable by its owner only; a report is
        # usually shared (CI artifact, web server), so use what open() would.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{path}: kan ikke skrive rapporten ({exc.strerror})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    """The process umask (reading it means setting it; it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
