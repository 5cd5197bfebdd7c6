"""Turn the command line's PATH arguments into agreement sets.

A municipality's agreement is rarely one file: a hovedavtale plus a dozen
delavtaler usually sit in one folder. Treating a directory as one agreement set
lets a requirement met in a sub-agreement count for the whole agreement. The
order of files is fixed here so that verdicts and reports never depend on the
order the file system happens to list a directory in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from samlint.documents import SUPPORTED_SUFFIXES
from samlint.results import FileError

NOT_FOUND_MESSAGE = "finnes ikke – sjekk stavemåten og at du står i riktig mappe"
EMPTY_DIR_MESSAGE = "mappen inneholder ingen filer samlint kan lese (PDF, DOCX, TXT eller MD)"


@dataclass(frozen=True, slots=True)
class AgreementSet:
    """One agreement as the user named it: a single file or a folder of files.

    ``display`` is what reports call the agreement; ``files`` are in the order
    they are read and reported.
    """

    path: Path
    display: str
    files: list[Path] = field(default_factory=list)


def display_path(path: Path) -> str:
    """The path as a person wants to read it in a report.

    Relative to the working directory when the file is under it, so reports from
    CI and from a laptop look alike; otherwise exactly as given. Always with
    forward slashes so JSON output is the same on Windows.
    """
    absolute = Path(os.path.abspath(path))
    try:
        shown = absolute.relative_to(Path.cwd())
    except ValueError:
        shown = path
    return shown.as_posix()


def collect_agreements(paths: list[Path]) -> tuple[list[AgreementSet], list[FileError]]:
    """Resolve every PATH argument to an agreement set, or to a problem.

    Problems are returned rather than raised so one mistyped path does not stop
    the other agreements from being checked.
    """
    agreements: list[AgreementSet] = []
    problems: list[FileError] = []
    for path in paths:
        agreement, problem = _collect_one(path)
        if agreement is not None:
            agreements.append(agreement)
        if problem is not None:
            problems.append(problem)
    return agreements, problems


def _collect_one(path: Path) -> tuple[AgreementSet | None, FileError | None]:
    display = display_path(path)
    if not path.exists():
        return None, FileError(display, "not-found", NOT_FOUND_MESSAGE)
    if not path.is_dir():
        # Even an unsupported file is an agreement: the reader explains why it
        # cannot be read, in the same words as for any other unreadable file.
        return AgreementSet(path, display, [path]), None
    files, problem = _supported_files(path)
    if problem is not None:
        return None, FileError(display, problem[0], problem[1])
    if not files:
        return None, FileError(display, "empty", EMPTY_DIR_MESSAGE)
    return AgreementSet(path, display, files), None


def _supported_files(root: Path) -> tuple[list[Path], tuple[str, str] | None]:
    """Every readable file below ``root``, sorted by relative path.

    Hidden entries and Office lock files (``~$name.docx``) are left out: they
    are editor leftovers, not parts of the agreement, and a lock file would
    otherwise show up as an unreadable file.
    """
    found: list[Path] = []
    failures: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=failures.append):
        dirnames[:] = [d for d in dirnames if not _is_ignored(d)]
        found.extend(
            Path(dirpath, name)
            for name in filenames
            if not _is_ignored(name) and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        )
    if failures and not found:
        reason = failures[0].strerror or type(failures[0]).__name__
        return [], ("unreadable", f"mappen kan ikke leses ({reason})")
    found.sort(key=lambda p: p.relative_to(root).parts)
    return found, None


def _is_ignored(name: str) -> bool:
    return name.startswith((".", "~$"))
