"""Private temporary folders for the runner's children, removed even after a kill.

The runner (``samlint.runner``) gives each child a folder of its own as its
TMPDIR (OCR page images, LibreOffice's files) and removes it when the child
is done or has been killed. Only a kill of samlint itself (a cancelled CI
job: SIGKILL, so no clean-up runs) can leave one behind. Its name carries the
process id, so the next samlint run that starts a child removes this user's
folders whose process is gone: nothing is left in the temporary folder for
long, whatever happened.
"""

from __future__ import annotations

import contextlib
import os
import shutil

PREFIX = "samlint-run-"
_SWEPT: list[bool] = []  # whether this process has looked for folders left behind


def make() -> str:
    """A new folder only this user can enter (``mkdtemp``), named after this process."""
    import tempfile  # here: a warm check starts no child, and tempfile costs 10 ms

    if not _SWEPT:
        _SWEPT.append(True)
        sweep(tempfile.gettempdir())
    return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")


def remove(folder: str) -> None:
    """Remove the folder and whatever the child left in it."""
    shutil.rmtree(folder, ignore_errors=True)


def sweep(parent: str) -> None:
    """Remove this user's folders in ``parent`` left by samlint processes that are gone.

    POSIX only: elsewhere there is no cheap, harmless way to ask whether a
    process lives (``os.kill`` with signal 0 would end it on Windows).
    """
    if not hasattr(os, "getuid"):
        return
    with contextlib.suppress(OSError):
        for entry in os.scandir(parent):
            pid = entry.name.removeprefix(PREFIX).split("-", 1)[0]
            if (entry.name.startswith(PREFIX) and pid.isdigit()
                    and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_uid == os.getuid()
                    and not _alive(int(pid))):
                remove(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is not ours to signal
        return True
    return True
