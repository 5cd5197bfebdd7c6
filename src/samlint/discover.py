"""Agreement discovery: turning the command line's PATH arguments into agreement sets.

A municipality's agreement is rarely one file: a hovedavtale plus a dozen
delavtaler usually sit in one folder. Treating that folder as one agreement
set lets a requirement met in a sub-agreement count for the whole agreement;
a folder of such folders (one per kommune) is several sets
(``discover_sets``), never one, or one kommune's text would cover another's
missing points. Whose agreement each file is can only be read from its text,
so the check that a discovered set names one set of parties comes after
reading (``samlint.agreement_sets``). The order of files is fixed here so
that verdicts and reports never depend on the order the file system happens
to list a directory in.

Sets declared in the configuration (``agreements``) matter most for a
pre-commit hook, which passes only the changed files: a changed delavtale is
judged together with the rest of its set, never alone. This module needs only
the declared sets and the folder they are relative to (``DeclaredSets``), not
the configuration module: the configuration uses discovery's types, never the
reverse, and is parsed without knowing how sets are found.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from samlint import folder_walk
from samlint.documents import SUPPORTED_SUFFIXES, readable_kinds
from samlint.folder_walk import LINK_CODE, Walk
from samlint.results import FileError, Notice

NOT_FOUND_MESSAGE = "finnes ikke – sjekk stavemåten og at du står i riktig mappe"
EMPTY_DIR_MESSAGE = f"mappen inneholder ingen filer samlint kan lese ({readable_kinds('eller')})"
GLOB_CHARACTERS = frozenset("*?[")
# Files that sit beside agreements but are never part of one: a repository's
# own documents and configuration, and what Windows leaves in a folder. A
# README.md samlint could read is left out only in a folder it discovers (a
# file named on the command line is read whatever its name).
NOT_AGREEMENT_STEMS = frozenset({
    "readme", "changelog", "changes", "history", "license", "licence", "copying", "notice",
    "authors", "contributing", "codeowners", "makefile", "thumbs", "desktop",
})
NOT_AGREEMENT_SUFFIXES = frozenset({
    ".yaml", ".yml", ".toml", ".cfg", ".ini", ".lock", ".db",
})


@dataclass(frozen=True, slots=True)
class AgreementGroup:
    """A declared agreement set: every readable file its ``paths`` (folders or globs) name."""

    name: str
    paths: tuple[str, ...]


class DeclaredSets(Protocol):
    """What discovery needs of a configuration: its declared sets and their base folder.

    ``samlint.config.Config`` is one; naming only these two attributes keeps
    discovery from depending on how a configuration is read.
    """

    @property
    def root(self) -> Path: ...

    @property
    def agreements(self) -> Sequence[AgreementGroup]: ...


@dataclass(frozen=True, slots=True)
class AgreementSet:
    """One agreement as the user named it: a single file or a folder of files.

    ``display`` is what reports call the agreement; ``files`` are in the order
    they are read and reported. ``name`` is the set's name when it was declared
    under ``agreements`` in the configuration, so waivers can name it.
    """

    path: Path
    display: str
    files: list[Path] = field(default_factory=list)
    name: str | None = None
    # Files of a discovered folder that samlint could read but does not take as
    # part of the agreement (README, CHANGELOG, licence): named in a notice.
    left_out: list[Path] = field(default_factory=list)
    # What the folder's symbolic links did (``samlint.folder_walk``): a link not
    # read is an error, a link read once under another name a notice.
    errors: list[FileError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def display_path(path: Path) -> str:
    """The path as a person wants to read it in a report.

    Relative to the working directory when the file is under it, so reports from
    CI and from a laptop look alike; otherwise exactly as given. Always with
    forward slashes so JSON output is the same on Windows.
    """
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    # Asked for every file several times a run (reading, judging, caching). For POSIX
    # paths the normalised strings tell what ``relative_to`` tells part by part: under
    # the working directory is after its path and a slash. A root of two slashes (a
    # root of its own to ``pathlib``), and Windows, go the way of ``pathlib``.
    if os.sep == "/" and not absolute.startswith("//") and not cwd.startswith("//"):
        if absolute == cwd:
            return "."
        under = cwd if cwd.endswith("/") else cwd + "/"
        if absolute.startswith(under):
            return printable(absolute[len(under):])
        return printable(path.as_posix())
    try:
        shown = Path(absolute).relative_to(Path(cwd))
    except ValueError:
        shown = path
    return printable(shown.as_posix())


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 become U+FFFD.

    Python keeps such bytes as lone surrogates, which no report, JSON or
    terminal can encode; the file itself is still opened by its real name.
    """
    return os.fsencode(name).decode("utf-8", "replace")


def collect_agreements(paths: list[Path]) -> tuple[list[AgreementSet], list[FileError]]:
    """Resolve every PATH argument to an agreement set, or to a problem.

    Problems are returned rather than raised so one mistyped path does not stop
    the other agreements from being checked.
    """
    agreements: list[AgreementSet] = []
    problems: list[FileError] = []
    for path in paths:
        for entry in _collect_one(path):
            (agreements if isinstance(entry, AgreementSet) else problems).append(entry)
    return agreements, problems


def _collect_one(path: Path) -> list[AgreementSet | FileError]:
    """The agreement sets a PATH argument holds (``discover_sets``), or its problem."""
    display = display_path(path)
    if not path.exists():
        problem = folder_walk.link_problem(path) if path.is_symlink() else None
        return [FileError(display, LINK_CODE if problem else "not-found",
                          problem or NOT_FOUND_MESSAGE)]
    if problem := folder_walk.not_regular(path):  # a FIFO would hang the cache's hashing
        return [FileError(display, folder_walk.NOT_REGULAR_CODE, problem)]
    if not path.is_dir():
        # Even an unsupported file is an agreement: the reader explains why it
        # cannot be read, in the same words as for any other unreadable file.
        return [AgreementSet(path, display, [path])]
    links: list[FileError] = []
    sets, problem = discover_sets(path, links)
    if problem is not None:
        return [FileError(display, problem[0], problem[1])]
    if not sets and not links:
        return [FileError(display, "empty", EMPTY_DIR_MESSAGE)]
    return [*sets, *links]


def discover_sets(root: Path, links: list[FileError] | None = None,
                  ) -> tuple[list[AgreementSet], tuple[str, str] | None]:
    """The agreement sets in a folder, by the folder rules.

    A folder with agreement files at its top is one set, its subfolders with
    it (``delavtaler/``). A folder without any is a folder of agreements:
    each subfolder is discovered the same way, so ``avtaler/storfjell`` and
    ``avtaler/lundvaer`` are two agreements, and ``samlint check .`` at the
    top of a repository finds every kommune's set. Whether a set's files name
    the same parties is checked once they are read (``samlint.agreement_sets``).
    A symlinked subfolder of a folder of agreements leading out of ``root`` is
    not entered but added to ``links`` as an error (``samlint.folder_walk``).
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        return [], ("unreadable", f"mappen kan ikke leses ({exc.strerror or type(exc).__name__})")
    top = [e for e in entries if (_is_file(e) or (e.is_symlink() and not os.path.isdir(e.path)))
           and _is_agreement_file(e.name, discovered=True)]  # a broken link is named there
    if top:
        walk = _walk(root, discovered=True)
        left_out = sorted((p for p in walk.names if _is_agreement_file(p.name)
                           and not _is_agreement_file(p.name, discovered=True)),
                          key=lambda p: p.relative_to(root).parts)
        found = AgreementSet(root, display_path(root), walk.files, left_out=left_out,
                             errors=walk.errors, notices=walk.notices)
        return ([found] if walk.files or walk.errors else []), _failure(walk)
    sets: list[AgreementSet] = []
    for entry in entries:
        if _is_folder(entry) and not _is_ignored(entry.name):
            sets.extend(discover_sets(Path(entry.path), links)[0])
        elif entry.is_symlink() and links is not None and not _is_ignored(entry.name) \
                and os.path.isdir(entry.path) and not _leads_inside(Path(entry.path), root):
            target = display_path(Path(os.path.realpath(entry.path)))
            links.append(FileError(display_path(Path(entry.path)), LINK_CODE,
                                   folder_walk.MSG_FOLDER_OUTSIDE.format(target=target)))
    return sets, None


def _leads_inside(link: Path, root: Path) -> bool:
    """Whether a symlinked folder leads below ``root`` (discovered there anyway) or to a
    folder ``root`` lies in (a ring)."""
    target, inside = os.path.realpath(link), os.path.realpath(root)
    return folder_walk.is_inside(target, inside) or folder_walk.is_inside(inside, target)


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Anything but a folder: a FIFO or device too, so that it is named, not passed over."""
    try:
        return not entry.is_dir()
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A real folder: a symlinked one is not followed (no loops, nothing outside)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _supported_files(root: Path, *, discovered: bool = False,
                     ) -> tuple[list[Path], tuple[str, str] | None]:
    """Every file below ``root`` that is part of the agreement, sorted by relative path
    (``_walk``), or why the folder cannot be read."""
    walk = _walk(root, discovered=discovered)
    return walk.files, _failure(walk)


def _walk(root: Path, *, discovered: bool = False) -> Walk:
    """The folder's files and what its symbolic links did (``samlint.folder_walk``).

    Hidden entries and Office lock files (``~$name.docx``) are left out: they
    are editor leftovers, not parts of the agreement, and a lock file would
    otherwise show up as an unreadable file. So are a repository's README,
    licence and configuration files that samlint cannot read
    (``_is_not_agreement``). Every other file is kept, whatever its type: one
    samlint cannot read (a spreadsheet, a Pages file) is then reported as an
    error naming it, rather than skipped without a word while the user
    believes it was checked.
    """
    return folder_walk.walk_folder(
        root, lambda name: _is_agreement_file(name, discovered=discovered), _is_ignored,
        display_path)


def _failure(walk: Walk) -> tuple[str, str] | None:
    """The folder cannot be read when the walk failed and found nothing."""
    if walk.failures and not walk.files:
        reason = walk.failures[0].strerror or type(walk.failures[0]).__name__
        return "unreadable", f"mappen kan ikke leses ({reason})"
    return None


def _is_ignored(name: str) -> bool:
    return name.startswith((".", "~$"))


def _is_agreement_file(name: str, *, discovered: bool = False) -> bool:
    """Whether a file found in an agreement folder is read (or reported as unreadable).

    In a folder samlint discovers on its own (not a declared set), a
    repository's README, CHANGELOG or licence is never an agreement, even
    as Markdown or text samlint could read.
    """
    if _is_ignored(name):
        return False
    path = Path(name)
    suffix = path.suffix.lower()
    stem = path.stem.lower().split("-")[0].split("_")[0]  # README, CHANGELOG-2024, LICENSE_nb
    if suffix in SUPPORTED_SUFFIXES:
        return not (discovered and stem in NOT_AGREEMENT_STEMS)
    return suffix not in NOT_AGREEMENT_SUFFIXES and stem not in NOT_AGREEMENT_STEMS


def resolve_agreements(
    paths: Sequence[Path], config: DeclaredSets | None = None
) -> list[AgreementSet | FileError]:
    """The agreements to check for the PATH arguments, in argument order.

    Without declared sets this is exactly ``collect_agreements``, one entry per
    argument. With them, a file that belongs to a declared set stands for the
    whole set, and the set is checked once however many of its files were
    passed: a pre-commit hook passes only the changed delavtale, and judged
    alone it would lack every point the other delavtaler cover. A folder
    argument is split the same way: each declared set with files in it is
    checked whole, and the folder's remaining files together, as before.
    Problems (a path that does not exist, an empty folder) are entries too, at
    the place of their argument, so no argument goes unaccounted for.
    """
    index = _GroupIndex(config) if config is not None and config.agreements else None
    entries: list[AgreementSet | FileError] = []
    emitted: set[int] = set()

    def emit_group(number: int) -> None:
        if number not in emitted:
            emitted.add(number)
            entries.append(index.agreement(number))  # type: ignore[union-attr]

    for path in paths:
        if index is None or not path.exists():
            entries.extend(_collect_one(path))
            continue
        if not path.is_dir():
            number = index.group_of(path)
            if number is None:
                entries.append(AgreementSet(path, display_path(path), [path]))
            else:
                emit_group(number)
            continue
        walk = _walk(path, discovered=True)
        files = walk.files
        if _failure(walk) is not None or not files:
            entries.extend(_collect_one(path))
            continue
        entries.extend(walk.errors)  # links not read (``samlint.folder_walk``)
        leftover: list[Path] = []
        for file in files:
            number = index.group_of(file)
            if number is not None:
                emit_group(number)
                continue
            if not leftover:
                # Placed where its first file is; the list is filled as we go.
                entries.append(AgreementSet(path, display_path(path), leftover,
                                            notices=walk.notices))
            leftover.append(file)
    return entries


@dataclass(frozen=True, slots=True)
class AgreementRef:
    """What an agreement in a report is, for waivers and the baseline to name it.

    ``path`` is the absolute POSIX path of its file or folder (None for a set
    declared by several paths or globs, which has no one path); ``name`` is its
    declared set name, if any.
    """

    display: str
    path: str | None
    name: str | None = None


def agreement_refs(entries: Sequence[AgreementSet | FileError]) -> dict[str, AgreementRef]:
    """Each checked agreement's identity, keyed by the path reports show."""
    refs: dict[str, AgreementRef] = {}
    for entry in entries:
        if isinstance(entry, AgreementSet):
            named_only = entry.name is not None and entry.display == entry.name
            path = None if named_only else Path(os.path.abspath(entry.path)).as_posix()
            refs.setdefault(entry.display, AgreementRef(entry.display, path, entry.name))
    return refs


def agreement_ref(display: str, refs: dict[str, AgreementRef]) -> AgreementRef:
    """The identity of a reported agreement; a report path alone is taken as a path."""
    return refs.get(display) or AgreementRef(display, Path(os.path.abspath(display)).as_posix())


class _GroupIndex:
    """Which declared set each file belongs to (the first declared, if several).

    Built once per run from the configuration; files are compared by their
    resolved paths so ``./avtaler/x.docx`` and ``avtaler/x.docx`` are the same.
    """

    def __init__(self, config: DeclaredSets) -> None:
        self._sets: list[AgreementSet] = []
        self._owner: dict[Path, int] = {}
        for number, group in enumerate(config.agreements):
            agreement = _group_agreement(group, config.root)
            self._sets.append(agreement)
            for file in agreement.files:
                self._owner.setdefault(file.resolve(), number)

    def group_of(self, file: Path) -> int | None:
        return self._owner.get(file.resolve())

    def agreement(self, number: int) -> AgreementSet:
        return self._sets[number]


def _group_agreement(group: AgreementGroup, root: Path) -> AgreementSet:
    """A declared set's files; shown as its folder when it is exactly one folder.

    A set made of several paths or globs has no single folder to show, so it is
    reported under its name.
    """
    hits: list[Path] = []
    for pattern in group.paths:
        full = os.path.normpath(os.path.join(root, pattern))
        if has_glob(pattern):
            hits.extend(Path(hit) for hit in sorted(glob.glob(full, recursive=True)))
        elif os.path.exists(full):
            hits.append(Path(full))
    files: list[Path] = []
    seen: set[Path] = set()
    errors: list[FileError] = []
    notices: list[Notice] = []
    for hit in hits:
        if hit.is_dir():
            walk = _walk(hit)
            candidates = walk.files
            errors.extend(walk.errors)
            notices.extend(walk.notices)
        elif problem := folder_walk.not_regular(hit):  # a FIFO a glob of the set matches
            errors.append(FileError(display_path(hit), folder_walk.NOT_REGULAR_CODE, problem))
            candidates = []
        elif _is_supported_file(hit):
            candidates = [hit]
        else:
            candidates = []
        for candidate in candidates:
            if candidate.resolve() not in seen:
                seen.add(candidate.resolve())
                files.append(candidate)
    if len(group.paths) == 1 and len(hits) == 1 and hits[0].is_dir() \
            and not has_glob(group.paths[0]):
        return AgreementSet(hits[0], display_path(hits[0]), files, group.name,
                            errors=errors, notices=notices)
    files.sort(key=lambda p: _sort_key(p, root))
    return AgreementSet(root, group.name, files, group.name, errors=errors, notices=notices)


def _sort_key(path: Path, root: Path) -> tuple[str, ...]:
    try:
        return path.relative_to(root).parts
    except ValueError:
        return path.parts


def _is_supported_file(path: Path) -> bool:
    """A declared set's file: as in a folder, an unreadable type is kept so it is reported."""
    return path.is_file() and _is_agreement_file(path.name)


def has_glob(pattern: str) -> bool:
    """Whether a path or rule pattern is a glob rather than one name."""
    return any(character in GLOB_CHARACTERS for character in pattern)


def touched_sets(changed: Sequence[Path], config: DeclaredSets | None,
                 root: Path = Path(".")) -> list[Path]:
    """PATH arguments that check every agreement set the changed files belong to.

    For the pre-commit hook, which is given only the changed files, and not
    the deleted ones: a deleted delavtale leaves its set lacking points, and
    that set must be judged too. A file of a declared set stands for its set
    (``resolve_agreements``); a file in a set discovered below ``root`` is
    replaced by the set's folder; any other existing file is checked alone.
    A set whose files were all deleted has nothing left to judge.
    """
    declared = ([_group_agreement(group, config.root) for group in config.agreements]
                if config is not None else [])
    discovered = discover_sets(root)[0]
    arguments: list[Path] = []
    for path in changed:
        absolute = Path(os.path.abspath(path))
        group = next((a for g, a in zip(config.agreements if config else (), declared,
                                        strict=True)
                      if _in_declared(absolute, g, config.root)), None)  # type: ignore[union-attr]
        if group is not None:
            arguments.extend(group.files[:1])
            continue
        found = [a for a in discovered if _is_below(absolute, Path(os.path.abspath(a.path)))]
        if found:
            arguments.append(max(found, key=lambda a: len(Path(a.path).parts)).path)
        elif path.exists():
            arguments.append(path)
    return list(dict.fromkeys(arguments))


def _is_below(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _in_declared(path: Path, group: AgreementGroup, root: Path) -> bool:
    """Whether a path (perhaps deleted) falls under one of a declared set's folders or globs."""
    import fnmatch

    for pattern in group.paths:
        full = Path(os.path.abspath(os.path.join(root, pattern)))
        if has_glob(pattern):
            if fnmatch.fnmatch(path.as_posix(), full.as_posix()):
                return True
        elif _is_below(path, full):
            return True
    return False
