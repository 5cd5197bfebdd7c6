"""Readers turn PDF, DOCX and text files into one ``Document`` model.

Parsers are imported lazily, so checking a DOCX never loads a PDF library.
"""

from __future__ import annotations

import stat
from pathlib import Path

from samlint.documents import model
from samlint.documents.model import Block, BlockKind, Document, DocumentError, os_error
from samlint.gc_pause import paused_collector

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")

__all__ = ["SUPPORTED_SUFFIXES", "Block", "BlockKind", "Document", "DocumentError",
           "preload_reader", "read_document"]


def preload_reader(path: Path) -> None:
    """Import the parser for ``path``'s file type into this process.

    Files are read in a forked child (``samlint.sandbox``): what the parent
    has loaded, every child has for free; what it has not, every child loads
    again (PDFium, rapidfuzz, the layout code) for every file. Loading once
    here keeps the laziness (a DOCX run still never loads PDFium) without
    paying that per file.
    """
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from rapidfuzz import fuzz  # noqa: F401  (running headers that vary a little)

        import samlint.documents.pdf
        from samlint.documents import pdfium

        pdfium.library()
    elif suffix == ".docx":
        import samlint.documents.docx
    elif suffix in SUPPORTED_SUFFIXES:
        import samlint.documents.text  # noqa: F401


def read_document(path: Path, display: str, *, workers: int = 1) -> Document:
    """Read one file of an agreement; raise DocumentError with a plain cause.

    ``workers`` > 1 lets a long PDF be read by several processes. Only regular
    files are read: a FIFO or device that happens to end in ``.txt`` would
    block or never end. The file is opened (read-only) once before the parser
    sees it, so a permission problem is reported as one, not as a damaged file.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            "unsupported",
            f"filtypen {path.suffix or '(ingen)'} støttes ikke; bruk PDF, DOCX, TXT eller MD",
        )
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(
                "unsupported",
                "er ikke en vanlig fil (men en mappe, en enhet eller en kø); pek på selve "
                "avtalefilen",
            )
        with path.open("rb"):
            pass
    except OSError as exc:
        raise os_error(exc) from None
    if info.st_size == 0:
        raise DocumentError("empty", model.MSG_EMPTY)
    try:
        with paused_collector():  # tens of thousands of lines and blocks, no cycles
            document = _parse(path, display, suffix, workers)
    except OSError as exc:  # the file changed or vanished while it was being read
        raise os_error(exc) from None
    except MemoryError:  # over the sandbox's memory limit (MAX_READ_MEMORY)
        limit = f"{model.MAX_READ_MEMORY / 1024**3:g}"
        raise DocumentError("too-large", model.MSG_TOO_MUCH_MEMORY.format(limit=limit)) from None
    if len(document.blocks) > model.MAX_BLOCKS:
        raise model.too_many_blocks()
    return document


def _parse(path: Path, display: str, suffix: str, workers: int) -> Document:
    if suffix == ".pdf":
        from samlint.documents.pdf import read_pdf

        return read_pdf(path, display, workers=workers)
    if suffix == ".docx":
        from samlint.documents.docx import read_docx

        return read_docx(path, display)
    from samlint.documents.text import read_text

    return read_text(path, display)
