"""What a file really is, from its first bytes, when its reader cannot open it.

A picture or a program saved under an agreement's name (``delavtale-3.pdf``
that is a PNG from a phone, a download that is really an installer) is not a
damaged PDF, and «hent en ny kopi» sends the user after the wrong thing. The
signatures here are the well-known ones of the types such a file usually is;
only a file its reader already refused is looked at, so a good file costs nothing.
"""

from __future__ import annotations

import io
import zipfile

from samlint.documents.model import DocumentError

CODE = "wrong-type"
MSG_WRONG_TYPE = "filen heter {suffix}, men er {what}; {advice}"
_PICTURE = ("skann avtalen til PDF, eller lim bildet inn i et Word-dokument – samlint leser "
            "ikke bilder alene")
_PROGRAM = "sjekk at det er riktig fil, og hent avtalen på nytt"
_SAVE = "åpne den og lagre avtalen som PDF eller DOCX"

# (first bytes, what it is, what to do), tried in order.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "et PNG-bilde", _PICTURE),
    (b"\xff\xd8\xff", "et JPEG-bilde", _PICTURE),
    (b"GIF87a", "et GIF-bilde", _PICTURE),
    (b"GIF89a", "et GIF-bilde", _PICTURE),
    (b"II*\x00", "et TIFF-bilde", _PICTURE),
    (b"MM\x00*", "et TIFF-bilde", _PICTURE),
    (b"\x7fELF", "et program (ELF), ikke et dokument", _PROGRAM),
    (b"MZ", "et Windows-program (EXE eller DLL), ikke et dokument", _PROGRAM),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "et eldre Office-dokument (DOC, XLS eller PPT)", _SAVE),
    (b"{\\rtf", "et RTF-dokument", "gi filen endelsen .rtf og kjør på nytt"),
    (b"%PDF", "en PDF", ""),  # a PDF after all: damaged, not another type
)
# Members that tell a zip-based office file from a zip bundle (the first that is found).
ZIP_KINDS: tuple[tuple[str, str, str], ...] = (
    ("word/", "et Word-dokument (DOCX)", "gi filen endelsen .docx og kjør på nytt"),
    ("xl/", "et Excel-regneark (XLSX)", _SAVE),
    ("ppt/", "en PowerPoint-presentasjon (PPTX)", _SAVE),
    ("content.xml", "et OpenDocument-dokument (ODT)", "gi filen endelsen .odt og kjør på nytt"),
)
ZIP = ("en zip-fil", "gi filen endelsen .zip og kjør på nytt")


def wrong_type(content: bytes, suffix: str) -> DocumentError | None:
    """The error for a file whose first bytes show another known type; None if they do not."""
    for magic, what, advice in SIGNATURES:
        if content.startswith(magic):
            if not advice:
                return None
            return DocumentError(CODE, MSG_WRONG_TYPE.format(suffix=suffix, what=what,
                                                             advice=advice))
    if content.startswith(b"PK\x03\x04"):
        what, advice = _zip_kind(content)
        return DocumentError(CODE, MSG_WRONG_TYPE.format(suffix=suffix, what=what, advice=advice))
    return None


def _zip_kind(content: bytes) -> tuple[str, str]:
    """An office file by the parts its central directory names, else a zip (read no member)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return ZIP
    for start, what, advice in ZIP_KINDS:
        if any(name.startswith(start) for name in names):
            return what, advice
    return ZIP
