"""PDF reader on pypdfium2: the fast path.

pdfplumber's layout analysis costs two orders of magnitude more time than
PDFium's text layer for the same words, and a linter that runs as a commit
hook cannot afford that. PDFium also reports the font size of every
character, which is enough to tell headings from body text.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

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


PARALLEL_FROM_PAGES = 40  # below this, starting workers costs more than it saves


def read_pdf(path: Path, display: str, *, workers: int = 1) -> Document:
    """Read the text layer page by page; every failure is a DocumentError.

    Limits are read at call time (not bound as defaults) so tests can lower them.
    """
    page_count = _open(path, lambda pdf: len(pdf))
    if page_count > MAX_PAGES:
        raise DocumentError(
            "too-large",
            f"PDF-en har {page_count} sider, mer enn grensen på {MAX_PAGES}; del den opp i "
            "mindre filer, eller sjekk at det er riktig fil",
        )
    if workers > 1 and page_count >= PARALLEL_FROM_PAGES:
        pages = _extract_parallel(path, page_count, workers)
        # Each worker kept to the limit on its own; the sum must keep to it too.
        TextBudget().spend(sum(len(line.text) for page in pages for line in page))
    else:
        pages = extract_pages(path, 0, page_count)
    if not any(line.text.strip() for page in pages for line in page):
        raise DocumentError(
            "no-text-layer",
            "PDF-en har ikke noe tekstlag (skannet bilde); kjør tekstgjenkjenning (OCR) "
            "på den først, for eksempel med ocrmypdf",
        )
    pages, furniture = strip_furniture(pages)
    lines = join_hyphenated([line for page in pages for line in page])
    blocks = lines_to_blocks(lines, body_size=body_font_size(lines))
    return Document(path=path, display=display, blocks=blocks, page_count=page_count,
                    furniture=furniture)


def extract_pages(path: Path, first: int, stop: int) -> list[list[Line]]:
    """The printed lines of pages ``first`` to ``stop - 1`` (0-based).

    Stops with ``too-large`` as soon as the pages hold more text than one
    file may (``MAX_TEXT_CHARS``), before that text is copied out of PDFium.
    """
    import pypdfium2.raw as pdfium_c

    budget = TextBudget()

    def run(pdf) -> list[list[Line]]:  # type: ignore[no-untyped-def]
        pages = []
        for index in range(first, stop):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                budget.spend(max(0, textpage.count_chars()))
                pages.append(_page_lines(textpage, index + 1, pdfium_c))
            finally:
                textpage.close()
                page.close()
        return pages

    return _open(path, run)


def _extract_parallel(path: Path, page_count: int, workers: int) -> list[list[Line]]:
    """Split the pages into one contiguous range per process; this one reads the first.

    PDFium is not thread-safe, so the parallelism is processes; each opens
    the file itself. Results are joined in page order, identical to a
    serial read. The helpers are forked children (``samlint.sandbox``):
    they die with this process, which is itself killed on timeout, so no
    helper stuck in PDFium outlives the read. Their lines come back as
    plain tuples, which cross the pipe several times faster than objects.
    """
    from samlint.sandbox import ChildCall

    step = -(-page_count // workers)
    ranges = [(start, min(start + step, page_count)) for start in range(0, page_count, step)]
    helpers = [ChildCall(_extract_as_tuples, (path, first, stop)) for first, stop in ranges[1:]]
    try:
        pages = extract_pages(path, *ranges[0])
        for helper in helpers:
            pages.extend([Line(*line) for line in page] for page in helper.result())
    finally:
        for helper in helpers:
            helper.cancel()
    return pages


def _extract_as_tuples(path: Path, first: int, stop: int) -> list[list[tuple]]:  # type: ignore[type-arg]
    return [[(line.text, line.number, line.page, line.font_size, line.bold) for line in page]
            for page in extract_pages(path, first, stop)]


def _open(path: Path, use):  # type: ignore[no-untyped-def]
    """Open the PDF, run ``use(pdf)``, close it; PDFium errors become DocumentErrors."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(
                "encrypted",
                "PDF-en er passordbeskyttet; lagre en kopi uten passord og kjør på nytt",
            ) from None
        raise DocumentError(
            "corrupt", "PDF-en er skadet eller ikke en gyldig PDF; hent en ny kopi av filen"
        ) from None
    try:
        return use(pdf)
    except pdfium.PdfiumError:
        raise DocumentError(
            "corrupt", "PDF-en er skadet og kan ikke leses; hent en ny kopi av filen"
        ) from None
    finally:
        pdf.close()


def _page_lines(textpage, page_number: int, pdfium_c) -> list[Line]:  # type: ignore[no-untyped-def]
    """The page's printed lines with the font size and boldness of each line's first letter.

    PDFium joins a word hyphenated at a line end itself and leaves U+FFFE
    where the hyphen was. We split there again and restore the hyphen, so
    that ``join_hyphenated`` can tell 'sam-handling' from 'helse- og', and so
    line numbers count printed lines. Character indices in the extracted
    string match PDFium's own, so each line's first character can be queried.
    """
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    aligned = len(text) == count
    lines: list[Line] = []
    raw = textpage.raw
    name_buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    for start, printed in _printed_lines(text):
        stripped = printed.lstrip()
        size = 0.0
        bold = False
        if stripped and aligned:
            first = start + (len(printed) - len(stripped))
            size = float(pdfium_c.FPDFText_GetFontSize(raw, first))
            length = pdfium_c.FPDFText_GetFontInfo(
                raw, first, name_buffer, 128, ctypes.byref(flags)
            )
            if 0 < length <= 128:
                name = name_buffer.value.decode("latin-1", "replace").lower()
                bold = "bold" in name or "black" in name or "heavy" in name
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
