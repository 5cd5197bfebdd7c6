"""Zip bundles: a kommune's agreement published as one ``.zip`` of its documents.

The members of a bundle are files of the agreement set, each read by its own
reader and cited as ``bundle.zip!delavtale-2.docx``. A bundle faces the same
hostile-file checks as a DOCX package (``docx_package``: member count, total
inflated size, compression ratio, all from the directory before a byte is
inflated, and bounded reads), and bundles inside bundles end at
``MAX_DEPTH``. Nothing in a bundle is skipped without a word: a member that
cannot be read is an error naming it; only folders, hidden files and
editor leftovers are passed over, as in a folder.

Members are written to a private temporary directory (readers take paths),
which is removed as soon as the bundle is read; the user's folder is never
written to.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from samlint.documents import BUNDLE_SUFFIX
from samlint.documents.docx_package import Package, Wording, check_directory, open_zip
from samlint.documents.model import Document, DocumentError
from samlint.documents.own_output import LeftOut
from samlint.results import FileError, Notice

SUFFIX = BUNDLE_SUFFIX
MAX_DEPTH = 3  # a bundle in a bundle in a bundle; deeper is a mistake or an attack
ZIP = Wording("zip-filen", "zip-filer", "ZIP",
              "pakk den ut på nytt fra originalen, eller lag zip-filen på nytt",
              "zip-filen er passordbeskyttet; pakk den ut og legg filene i avtalemappen",
              "et avtalesett har sjelden mer enn noen titalls filer – lag en zip-fil med bare "
              "avtalefilene, eller pakk den ut og kontroller mappen med avtalefilene")
MSG_TOO_DEEP = (
    "zip-filen ligger inne i {depth} andre zip-filer, flere enn samlint åpner; "
    "pakk den ut og legg filene i avtalemappen"
)
MSG_UNEXPECTED = "uventet feil under lesing: {error} (kjør med --debug for detaljer)"


def is_bundle(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


def read_bundle(path: Path, display: str, debug: bool = False
                ) -> tuple[list[Document], list[FileError | Notice]]:
    """Every readable member of the bundle as a document, and an error for every other
    (a notice for one that is no part of the agreement: samlint's own report)."""
    documents: list[Document] = []
    errors: list[FileError | Notice] = []
    try:
        with tempfile.TemporaryDirectory(prefix="samlint-zip-") as scratch:
            _read_into(path, display, Path(scratch), 1, None, documents, errors, debug)
    except DocumentError as exc:
        errors.append(FileError(display, exc.code, exc.message))
    return documents, errors


def _read_into(path: Path, display: str, scratch: Path, depth: int, parent: Package | None,
               documents: list[Document], errors: list[FileError | Notice], debug: bool
               ) -> None:
    if depth > MAX_DEPTH:
        raise DocumentError("too-large", MSG_TOO_DEEP.format(depth=depth - 1))
    with open_zip(path, ZIP.corrupt()) as zf:
        check_directory(zf, ZIP)
        package = Package(zf, parent.remaining if parent is not None else None, ZIP)
        for number, info in enumerate(sorted(zf.infolist(), key=lambda i: i.filename)):
            name = info.filename
            if info.is_dir() or _is_leftover(name):
                continue
            member = f"{display}!{name}"
            before = package.remaining
            try:
                data = package.read(name) or b""
                local = scratch / str(number) / _safe_name(name)
                local.parent.mkdir(parents=True)
                local.write_bytes(data)
                if is_bundle(local):
                    _read_into(local, member, scratch / f"{number}-zip", depth + 1, package,
                               documents, errors, debug)
                    continue
                document = _read_member(local, member)
                document.path = path.parent / name  # for its name, never opened again
                documents.append(document)
            except LeftOut as exc:
                errors.append(Notice(member, exc.code, exc.message))
            except DocumentError as exc:
                if exc.code == "too-large" and package.remaining <= 0:
                    raise
                errors.append(FileError(member, exc.code, exc.message))
            except Exception as exc:  # a reader's bug for one member costs only that member
                if debug:
                    raise
                errors.append(FileError(member, "internal", MSG_UNEXPECTED.format(
                    error=f"{type(exc).__name__}: {' '.join(str(exc).split())}")))
            finally:
                if parent is not None:
                    parent.spend(max(0, before - package.remaining))


def _read_member(local: Path, display: str) -> Document:
    from samlint.documents import read_document

    return read_document(local, display)


def _is_leftover(name: str) -> bool:
    """Folders' metadata and editor leftovers, passed over as in a folder (``discover``)."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any((part.startswith((".", "~$")) and part not in (".", ".."))
               or part == "__MACOSX" for part in parts)


def _safe_name(name: str) -> str:
    """The member's own file name, never a path: ``../../x.pdf`` is written as ``x.pdf``."""
    base = PurePosixPath(name.replace("\\", "/")).name
    return base or "fil"


def members(path: Path) -> list[str]:
    """The member names of a bundle (for tests and reports); empty when it is no zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            return [i.filename for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError):
        return []
