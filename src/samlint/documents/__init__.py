"""Readers turn PDF, Word, ODT, HTML and text files into one ``Document`` model.

Parsers are imported lazily, so checking a DOCX never loads a PDF library.
Old Word (``.doc``) and RTF files are converted to DOCX by LibreOffice first
(``samlint.documents.convert``); a text file that is really a saved web page
is read as HTML.
"""

from __future__ import annotations

from pathlib import Path

from samlint.documents import model
from samlint.documents.model import Block, BlockKind, Document, DocumentError, os_error

# Word's macro-enabled documents and templates are the same package as a DOCX.
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
ODT_SUFFIXES = (".odt", ".ott")
HTML_SUFFIXES = (".html", ".htm")
CONVERTED_SUFFIXES = (".doc", ".rtf")  # through LibreOffice, to DOCX
BUNDLE_SUFFIX = ".zip"  # an agreement's files in one zip (``bundle``, imported only for one)
OCR_SUFFIXES = (".pdf",)  # files whose reader recognises scanned pages (``ocr.settings``)
# Every kind of file samlint reads, as a user names it, and its suffixes: the one list
# the readers (``_parse``), discovery and the messages naming what samlint reads use.
READABLE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PDF", (".pdf",)),
    ("Word", (*WORD_SUFFIXES, *CONVERTED_SUFFIXES)),  # RTF too: Word opens and saves it
    ("ODT", ODT_SUFFIXES),
    ("HTML", HTML_SUFFIXES),
    ("TXT", (".txt",)),
    ("MD", (".md",)),
    ("ZIP", (BUNDLE_SUFFIX,)),  # of files of the kinds above
)
SUPPORTED_SUFFIXES = tuple(suffix for _, suffixes in READABLE for suffix in suffixes
                           if suffix != BUNDLE_SUFFIX)  # a bundle is opened by the engine


def readable_kinds(last: str = "og") -> str:
    """«PDF, Word (DOCX, DOCM, …), …, MD og ZIP»: what samlint reads, from ``READABLE``,
    so a message naming it cannot leave a kind out when a reader is added."""
    kinds = [name if suffixes == (f".{name.lower()}",) else
             f"{name} ({', '.join(s[1:].upper() for s in suffixes)})"
             for name, suffixes in READABLE]
    return f"{', '.join(kinds[:-1])} {last} {kinds[-1]}"


MSG_UNSUPPORTED = (
    "filtypen {suffix} støttes ikke; samlint leser " + readable_kinds() + " – lagre filen som "
    "PDF eller DOCX, eller {remove} hvis den ikke er en del av avtalen"
)
# Where a file samlint cannot read is to go: out of the folder, or out of the zip bundle
# whose member it is (shown as «avtale.zip!regneark.xlsx», ``documents.bundle``).
REMOVE_FROM = {False: "flytt den ut av avtalemappen", True: "ta den ut av zip-filen"}

__all__ = ["BUNDLE_SUFFIX", "OCR_SUFFIXES", "READABLE", "SUPPORTED_SUFFIXES", "Block", "BlockKind",
           "Document", "DocumentError", "load_reader", "read_document", "readable_kinds"]


def load_reader(suffix: str) -> None:
    """Import (and for PDF, initialise) the parser for files ending in ``suffix``.

    Files are read in child processes that are copies of this one
    (``samlint.runner``): what this process has loaded, every child has; what
    it has not, every child loads again (PDFium alone takes 30-60 ms). The
    engine loads the readers a run needs once, before its first child,
    keeping the laziness (a DOCX run never loads PDFium).
    """
    suffix = suffix.lower()
    if suffix == ".pdf":
        from rapidfuzz import fuzz  # noqa: F401  (running headers that vary a little)

        from samlint.documents import pdf, pdfium  # noqa: F401

        pdfium.library()
    elif suffix in WORD_SUFFIXES or suffix in CONVERTED_SUFFIXES:
        from samlint.documents import docx  # noqa: F401
    elif suffix in ODT_SUFFIXES:
        from samlint.documents import odt  # noqa: F401
    elif suffix in HTML_SUFFIXES:
        from samlint.documents import html  # noqa: F401
    elif suffix in SUPPORTED_SUFFIXES:
        from samlint.documents import text  # noqa: F401


def read_document(path: Path, display: str) -> Document:
    """Read one file of an agreement; raise DocumentError with a plain cause.

    The only way samlint reads a file: the engine runs it in a child process
    under the time limit and memory cap (``samlint.runner``). Only regular
    files are read: a FIFO or device that happens to end in ``.txt`` would
    block or never end. The file is opened (read-only) once before the parser
    sees it, so a permission problem is reported as one, not as a damaged file.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError("unsupported",
                            MSG_UNSUPPORTED.format(suffix=path.suffix or "(ingen)",
                                                   remove=REMOVE_FROM["!" in display]))
    try:
        info = path.stat()
        if problem := model.not_regular(info.st_mode):
            raise DocumentError("unsupported", problem)
        with path.open("rb"):
            pass
    except OSError as exc:
        raise os_error(exc) from None
    if info.st_size == 0:
        raise DocumentError("empty", model.MSG_EMPTY)
    try:
        document = _parse(path, display, suffix)
    except OSError as exc:  # the file changed or vanished while it was being read
        raise os_error(exc) from None
    except MemoryError:  # over the reading process's memory cap (MAX_READ_MEMORY)
        limit = f"{model.MAX_READ_MEMORY / 1024**3:g}"
        raise DocumentError("too-large", model.MSG_TOO_MUCH_MEMORY.format(limit=limit)) from None
    if len(document.blocks) > model.MAX_BLOCKS:
        raise model.too_many_blocks()
    return document


def _parse(path: Path, display: str, suffix: str) -> Document:
    if suffix == ".pdf":
        from samlint.documents.pdf import read_pdf

        return read_pdf(path, display)
    if suffix in WORD_SUFFIXES:
        from samlint.documents.docx import read_docx

        return read_docx(path, display)
    if suffix in ODT_SUFFIXES:
        from samlint.documents.odt import read_odt

        return read_odt(path, display)
    if suffix in CONVERTED_SUFFIXES:
        from samlint.documents.convert import read_converted

        return read_converted(path, display)
    from samlint.documents.text import looks_like_html, read_text

    if suffix in HTML_SUFFIXES or (suffix == ".txt" and looks_like_html(path)):
        from samlint.documents.html import read_html

        return read_html(path, display)
    return read_text(path, display)
