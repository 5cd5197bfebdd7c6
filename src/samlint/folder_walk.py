"""Walking an agreement folder: its files, and where each symbolic link leads.

samlint runs unattended over folders it did not create (CI checkouts,
downloads), so the folder it is given is the boundary: a link leading out of
it is never followed, or a link to a file elsewhere on the machine would put
that file's text into a report (the same choice as ruff, which does not
follow a symlinked folder met while walking, and semgrep, which follows no
link). Unlike those tools, no link is skipped without a word, since a case
officer who linked a delavtale into the folder would otherwise get «missing»
for points it covers and never learn why:

- a link to a file inside the folder is read under the link's name, once: a
  link to a file the walk reads anyway is named in a notice instead;
- a link to a folder inside the folder, or to one the folder lies in
  (``loop -> ..``), is not followed (no loops) and named in a notice, since
  the folder's files are read under their own names;
- a link leading out of the folder, a broken link and a link in a ring are
  each one error naming the link and its target (exit status 2).

A named pipe (FIFO), socket or device in the folder, or a link to one, is an
error too (``not_regular``), found from its metadata without opening it:
opening a FIFO waits for a writer, and the parent process that hashes the
files for the cache runs outside the reading child's time limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samlint.documents import model
from samlint.results import FileError, Notice

LINK_CODE = "symlink"
MSG_BROKEN = ("lenken peker til en fil som ikke finnes ({target}); rett lenken, eller fjern den "
              "fra mappen")
MSG_RING = "lenken peker i ring ({target}); rett lenken, eller fjern den fra mappen"
MSG_FILE_OUTSIDE = ("lenken peker til en fil utenfor avtalemappen ({target}), og samlint følger "
                    "ikke lenker ut av mappen som kontrolleres; filen er ikke lest – kopier den "
                    "inn i mappen i stedet for å lenke til den")
MSG_FOLDER_OUTSIDE = ("lenken peker til en mappe utenfor avtalemappen ({target}), og samlint "
                      "følger ikke lenker ut av mappen som kontrolleres; filene der er ikke lest – "
                      "kopier mappen inn i stedet for å lenke til den")
MSG_ENCLOSING = ("er en lenke til mappen «{target}», som avtalemappen ligger i; lenken går i "
                 "ring og er ikke fulgt, og filene i avtalemappen er lest under sine egne navn")
MSG_SAME_FILE = "er en lenke til {target}, som allerede er med; filen er lest én gang"
NOT_REGULAR_CODE = "unsupported"  # as when a reader is handed one (``read_document``)
MSG_SAME_FOLDER = ("er en lenke til mappen «{target}», som er en del av avtalemappen; lenken er "
                   "ikke fulgt, og filene der er lest under sine egne navn")


@dataclass(slots=True)
class Walk:
    """What a folder holds: files to read, every file name seen, and what its links did."""

    files: list[Path] = field(default_factory=list)
    names: list[Path] = field(default_factory=list)  # every file, wanted or not (left_out)
    errors: list[FileError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    failures: list[OSError] = field(default_factory=list)


def walk_folder(root: Path, wanted: Callable[[str], bool], skipped: Callable[[str], bool],
                shown: Callable[[Path], str]) -> Walk:
    """The files below ``root`` that ``wanted`` takes, sorted by relative path.

    Folders ``skipped`` names (hidden ones) are not entered; ``shown`` is how a
    report writes a path. A file reached twice (itself and a link to it) is read
    under its own name when it has one in the folder.
    """
    walk = Walk()
    inside = os.path.realpath(root)
    links: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=walk.failures.append):
        dirnames[:] = [d for d in dirnames if not skipped(d)]
        for name in sorted(dirnames):
            if os.path.islink(os.path.join(dirpath, name)):  # os.walk does not enter it
                _folder_link(Path(dirpath, name), inside, walk, shown)
        for name in filenames:
            path = Path(dirpath, name)
            walk.names.append(path)
            if not wanted(name):
                continue
            if path.is_symlink():
                links.append(path)
            elif problem := not_regular(path):
                walk.errors.append(FileError(shown(path), NOT_REGULAR_CODE, problem))
            else:
                walk.files.append(path)
    real = {os.path.realpath(path) for path in walk.files}
    for link in sorted(links, key=lambda p: p.relative_to(root).parts):
        _file_link(link, inside, real, walk, shown)
    walk.files.sort(key=lambda p: p.relative_to(root).parts)
    return walk


def _folder_link(link: Path, inside: str, walk: Walk, shown: Callable[[Path], str]) -> None:
    target = os.path.realpath(link)
    if is_inside(target, inside) or is_inside(inside, target):
        message = MSG_SAME_FOLDER if is_inside(target, inside) else MSG_ENCLOSING
        walk.notices.append(Notice(shown(link), LINK_CODE,
                                   message.format(target=shown(Path(target)))))
    else:
        walk.errors.append(FileError(shown(link), LINK_CODE,
                                     MSG_FOLDER_OUTSIDE.format(target=shown(Path(target)))))


def _file_link(link: Path, inside: str, real: set[str], walk: Walk,
               shown: Callable[[Path], str]) -> None:
    """Read the link (add it to the files), or say why not; ``real`` is what is read so far."""
    problem = link_problem(link)
    target = os.path.realpath(link)
    if problem is not None:
        walk.errors.append(FileError(shown(link), LINK_CODE, problem))
    elif not is_inside(target, inside):
        walk.errors.append(FileError(shown(link), LINK_CODE,
                                     MSG_FILE_OUTSIDE.format(target=shown(Path(target)))))
    elif problem := not_regular(link):
        walk.errors.append(FileError(shown(link), NOT_REGULAR_CODE, problem))
    elif target in real:
        walk.notices.append(Notice(shown(link), LINK_CODE,
                                   MSG_SAME_FILE.format(target=shown(Path(target)))))
    else:
        real.add(target)
        walk.files.append(link)


def link_problem(link: Path) -> str | None:
    """Why a symbolic link cannot be read (broken, or in a ring); None when it can."""
    try:
        os.stat(link)
    except OSError as exc:
        target = os.readlink(link) if os.path.islink(link) else str(link)
        return (MSG_RING if exc.errno == errno.ELOOP else MSG_BROKEN).format(target=target)
    return None


def not_regular(path: Path) -> str | None:
    """Why ``path`` (a link followed) is not read because it is no regular file, or None.

    Only its metadata is asked: a FIFO's open() would wait for a writer forever.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # gone or unreadable: the reader says so, in its words
    return None if stat.S_ISDIR(mode) else model.not_regular(mode)


def is_inside(target: str, inside: str) -> bool:
    return target == inside or target.startswith(inside.rstrip(os.sep) + os.sep)
