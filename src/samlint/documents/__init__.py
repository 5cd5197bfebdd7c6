"""Readers turn PDF, DOCX and text files into one ``Document`` model.

Parsers are imported lazily, so checking a DOCX never loads a PDF library.
"""

from __future__ import annotations

from pathlib import Path

from samlint.documents.model import Block, BlockKind, Document, DocumentError

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")

__all__ = ["SUPPORTED_SUFFIXES", "Block", "BlockKind", "Document", "DocumentError",
           "read_document"]


def read_document(path: Path, display: str, *, workers: int = 1) -> Document:
    """Read one file of an agreement; raise DocumentError with a plain cause.

    ``workers`` > 1 lets a long PDF be read by several processes.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            "unsupported",
            f"filtypen {path.suffix or '(ingen)'} støttes ikke; bruk PDF, DOCX, TXT eller MD",
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError("not-found", "filen finnes ikke") from None
    except OSError as exc:
        raise DocumentError("unreadable", f"filen kan ikke åpnes ({exc.strerror})") from None
    if size == 0:
        raise DocumentError("empty", "filen er tom")
    if suffix == ".pdf":
        from samlint.documents.pdf import read_pdf

        return read_pdf(path, display, workers=workers)
    if suffix == ".docx":
        from samlint.documents.docx import read_docx

        return read_docx(path, display)
    from samlint.documents.text import read_text

    return read_text(path, display)
