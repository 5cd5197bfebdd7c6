"""PDF reader on PDFium (the build pypdfium2 ships): the fast path.

pdfplumber's layout analysis costs two orders of magnitude more time than
PDFium's text layer for the same words, and a linter that runs as a commit
hook cannot afford that. PDFium also reports the font size of every
character, which is enough to tell headings from body text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from samlint.documents import ocr, pdfium
from samlint.documents.layout import (
    Line,
    body_font_size,
    join_hyphenated,
    lines_to_blocks,
    strip_furniture,
)
from samlint.documents.model import Document, DocumentError, TextBudget

# The longest agreement sets seen are a few hundred pages; 5,000 leaves room
# for scanned appendices while refusing page trees built to exhaust the reader.
MAX_PAGES = 5000


def read_pdf(path: Path, display: str) -> Document:
    """Read the text layer page by page; every failure is a DocumentError.

    Limits are read at call time (not bound as defaults) so tests can lower them.
    """
    content = path.read_bytes()
    with _pdfium_failures_reported(), pdfium.open_document(content) as document:
        page_count = pdfium.page_count(document)
        if page_count > MAX_PAGES:
            raise DocumentError(
                "too-large",
                f"PDF-en har {page_count} sider, mer enn grensen på {MAX_PAGES}; del den opp i "
                "mindre filer, eller sjekk at det er riktig fil",
            )
        pages = extract_pages(document, 0, page_count)
    # -- OCR hook (documents/ocr.py): pages without a text layer are recognised,
    # -- or named in a notice; the PDF with no text at all is still an error.
    empty = [i for i, page in enumerate(pages) if not any(line.text.strip() for line in page)]
    scanned = ocr.read_pages(content, pages, empty, display) if empty else ocr.Outcome()
    if not any(line.text.strip() for page in pages for line in page):
        raise ocr.no_text_error(scanned)
    # -- end of OCR hook
    pages, furniture = strip_furniture(pages)
    lines = join_hyphenated([line for page in pages for line in page])
    blocks = ocr.mark(lines_to_blocks(lines, body_size=body_font_size(lines)), scanned.read)
    return Document(path=path, display=display, blocks=blocks, page_count=page_count,
                    furniture=furniture, notices=scanned.notices)


def extract_pages(document: Any, first: int, stop: int,
                  budget: TextBudget | None = None) -> list[list[Line]]:
    """The printed lines of pages ``first`` to ``stop - 1`` (0-based) of an open PDF.

    Stops with ``too-large`` as soon as the pages hold more text than one
    file may (``MAX_TEXT_CHARS``, or what is left of ``budget``), before
    that text is copied out of PDFium.
    """
    budget = budget if budget is not None else TextBudget()
    fonts = pdfium.FontQuery()
    pages = []
    for index in range(first, stop):
        with pdfium.text_page(document, index) as textpage:
            budget.spend(pdfium.count_chars(textpage))
            pages.append(_page_lines(textpage, index + 1, fonts))
    return pages


@contextmanager
def _pdfium_failures_reported() -> Iterator[None]:
    """PDFium's refusals as DocumentErrors: what the user is told, and what to do."""
    try:
        yield
    except pdfium.PdfiumFailure as exc:
        if exc.password:
            raise DocumentError(
                "encrypted",
                "PDF-en er passordbeskyttet; lagre en kopi uten passord og kjør på nytt",
            ) from None
        if exc.opening:
            raise DocumentError(
                "corrupt", "PDF-en er skadet eller ikke en gyldig PDF; hent en ny kopi av filen"
            ) from None
        raise DocumentError(
            "corrupt", "PDF-en er skadet og kan ikke leses; hent en ny kopi av filen"
        ) from None


def _page_lines(textpage, page_number: int, fonts: pdfium.FontQuery) -> list[Line]:  # type: ignore[no-untyped-def]
    """The page's printed lines with the font size and boldness of each line's first letter.

    PDFium joins a word hyphenated at a line end itself and leaves U+FFFE
    where the hyphen was. We split there again and restore the hyphen, so
    that ``join_hyphenated`` can tell 'sam-handling' from 'helse- og', and so
    line numbers count printed lines. Character indices in the extracted
    string match PDFium's own, so each line's first character can be queried.
    """
    count = pdfium.count_chars(textpage)
    if count <= 0:
        return []
    text = pdfium.all_text(textpage, count)
    aligned = len(text) == count
    lines: list[Line] = []
    for start, printed in _printed_lines(text):
        stripped = printed.lstrip()
        size = 0.0
        bold = False
        if stripped and aligned:
            size, bold = fonts.style(textpage, start + (len(printed) - len(stripped)))
        clean = printed.replace("\u00ad", "").replace("\x00", "")
        lines.append(Line(clean, len(lines) + 1, page_number, size, bold))
    return lines


def _printed_lines(text: str) -> list[tuple[int, str]]:
    """(offset of first character, text) per printed line; U+FFFE becomes a line-end hyphen."""
    out: list[tuple[int, str]] = []
    offset = 0
    for raw_line in text.split("\r\n"):
        start = offset
        for piece in raw_line.split("\ufffe")[:-1]:
            out.append((start, piece + "-"))
            start += len(piece) + 1
        out.append((start, raw_line[start - offset:]))
        offset += len(raw_line) + 2
    return out
