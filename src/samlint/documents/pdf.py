"""PDF reader on PDFium (the build pypdfium2 ships): the fast path.

pdfplumber's layout analysis costs two orders of magnitude more time than
PDFium's text layer for the same words, and a linter that runs as a commit
hook cannot afford that. PDFium also reports the font size of every
character, which is enough to tell headings from body text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from samlint.documents import ocr, pdf_order, pdf_rows, pdfium
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
    with _pdfium_failures_reported(content, path.suffix), pdfium.open_document(content) as document:
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
    lines = join_hyphenated(list(itertools.chain.from_iterable(pages)))
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
    where = _Where(pdfium.Forms(document))
    pages = []
    try:
        for index in range(first, stop):
            handles = pdfium.open_page(document, index)
            try:
                page, textpage = handles[2:]
                where.count = pdfium.count_chars(textpage)
                budget.spend(where.count)
                where.page = page
                pages.append(_page_lines(textpage, index + 1, where))
            finally:
                pdfium.close_page(*handles[:2])
    finally:
        where.forms.close()
    return pages


class _Where:
    """What ``_page_lines`` asks PDFium: fonts, geometry and a buffer for the text (bound
    once per process, ``_bound``), the PDF's form values; and the page being read, with
    its character count (counted once, for the text budget)."""

    __slots__ = ("count", "fonts", "forms", "geometry", "page", "text")

    def __init__(self, forms: pdfium.Forms) -> None:
        self.fonts, self.geometry, self.text = _bound()
        self.forms = forms
        self.page: Any = None
        self.count = 0


_BOUND: tuple[pdfium.FontQuery, pdfium.Geometry, pdfium.TextBuffer] | None = None


def _bound() -> tuple[pdfium.FontQuery, pdfium.Geometry, pdfium.TextBuffer]:
    """The font and geometry queries and the text buffer, made once per process.

    None of them holds anything of one PDF past a call (the bold test of a
    font name holds for every PDF), and a process reads one PDF at a time:
    bound per PDF, they were a measurable part of reading a PDF of a few
    pages, as national runs read thousands.
    """
    global _BOUND
    if _BOUND is None:
        _BOUND = pdfium.FontQuery(), pdfium.Geometry(), pdfium.TextBuffer()
    return _BOUND


@contextmanager
def _pdfium_failures_reported(content: bytes, suffix: str) -> Iterator[None]:
    """PDFium's refusals as DocumentErrors: what the user is told, and what to do.

    A file PDFium cannot open that is really a picture, a program or an office
    file (``sniff``) is named as what it is, not as a damaged PDF."""
    try:
        yield
    except pdfium.PdfiumFailure as exc:
        if exc.password:
            raise DocumentError(
                "encrypted",
                "PDF-en er passordbeskyttet; lagre en kopi uten passord og kjør på nytt",
            ) from None
        if exc.opening:
            from samlint.documents.sniff import wrong_type

            raise wrong_type(content, suffix) or DocumentError(
                "corrupt", "PDF-en er skadet eller ikke en gyldig PDF; hent en ny kopi av filen"
            ) from None
        raise DocumentError(
            "corrupt", "PDF-en er skadet og kan ikke leses; hent en ny kopi av filen"
        ) from None


def _page_lines(textpage, page_number: int, where: _Where) -> list[Line]:  # type: ignore[no-untyped-def]
    """The page's printed lines in reading order, with the font size and boldness of each
    line's first letter and the distance from the line above.

    PDFium joins a word hyphenated at a line end itself and leaves U+FFFE
    where the hyphen was. We split there again and restore the hyphen, so
    that ``join_hyphenated`` can tell 'sam-handling' from 'helse- og', and so
    line numbers count printed lines. Character indices in the extracted
    string match PDFium's own, so each line's first character can be queried.

    The stored order is kept unless the page is turned, has lines made of
    separate runs of text (columns, tables) or has form fields: then
    ``pdf_order`` decides (a check of one or two PDFium calls per page).
    """
    count = where.count
    fields = where.forms.values(where.page)
    if count <= 0 and not fields:
        return []
    text = pdfium.all_text(textpage, count, where.text) if count > 0 else ""
    starts, printed = _printed_lines(text)
    cleaned = ([line.replace("\u00ad", "").replace("\x00", "") for line in printed]
               if "\u00ad" in text or "\x00" in text else printed)
    if len(text) != count:  # indices do not match PDFium's: no font, no position
        return [Line(clean, number, page_number)
                for clean, number in zip(cleaned, pdf_rows.counted_rows(cleaned), strict=True)]
    firsts = _first_letters(starts, printed)
    geometry = where.geometry
    rotation = pdfium.rotation(where.page)
    # Each line one run of text (the object count says so, or PDFium's runs do): kept.
    if not rotation and not fields and (pdfium.object_count(where.page) <= len(printed) or
                                        geometry.run_count(textpage, 0, count) <= len(printed)):
        return pdf_rows.kept_lines(where.fonts, geometry, textpage, firsts, cleaned, page_number,
                                 Line)
    asked = pdfium.LineStarts(where.fonts, geometry, textpage, firsts)
    lines = [Line(clean, number, page_number, size, bold)
             for number, (clean, size, bold) in enumerate(zip(cleaned, asked.size, asked.bold,
                                                              strict=True), 1)]
    origins = [(x, y) if x is not None else None for x, y in zip(asked.x, asked.y, strict=True)]
    # Where characters were taken out, offsets no longer match PDFium's: no runs asked.
    starts = [start if len(clean) == len(line) else -1
              for start, clean, line in zip(starts, cleaned, printed, strict=True)]
    placed = _placed(textpage, lines, starts, origins, rotation, where.fonts, geometry)
    if fields:
        placed = pdf_order.with_fields(placed, fields, rotation, page_number)
    return pdf_order.arrange(placed, rotated=bool(rotation))


def _first_letters(starts: list[int], printed: list[str]) -> list[int]:
    """The index of each line's first non-space character, -1 for a blank line.

    Nearly always each line's own start: no line is empty and none starts with a space,
    which ``lstrip`` leaving every line as it is tells (a comparison in C, by identity).
    """
    if "" not in printed and list(map(str.lstrip, printed)) == printed:
        return starts
    return [start if line and not line[0].isspace() else _first_letter(start, line)
            for start, line in zip(starts, printed, strict=True)]


def _first_letter(start: int, line: str) -> int:
    """The index of the first non-space character of a line starting at ``start`` with
    a space (or empty): -1 for a blank line."""
    rest = line.lstrip()
    return start + len(line) - len(rest) if rest else -1


def _placed(textpage, lines: list[Line], starts: list[int],  # type: ignore[no-untyped-def]
            origins: list[tuple[float, float] | None], rotation: int,
            fonts: pdfium.FontQuery, geometry: pdfium.Geometry) -> list[pdf_order.Placed]:
    """The page's non-blank lines with their display positions and their cuts: where a run
    of text starts after a gap wider than words are spaced (a column or a cell)."""
    placed: list[pdf_order.Placed] = []
    for line, start, origin in zip(lines, starts, origins, strict=True):
        if origin is None:  # a blank line (it ends a paragraph) stays where it was
            if placed:
                placed.append(pdf_order.Placed(line, placed[-1].x, placed[-1].y, placed[-1].x))
            continue
        x, y = pdf_order.to_display(rotation, *origin)
        item = pdf_order.Placed(line, x, y, x)
        placed.append(item)
        if start < 0:
            continue
        runs = sorted((pdf_order.box_to_display(rotation, box), box)
                      for box in geometry.runs(textpage, start, len(line.text)))
        item.right = max((shown[2] for shown, _ in runs), default=x)
        wide = pdf_order.WIDE_GAP * (line.font_size or 10.0)
        for (before, _), (shown, box) in itertools.pairwise(runs):
            if shown[0] - before[2] < wide:
                continue
            index = geometry.index_at(textpage, *_inside(rotation, box))
            offset = index - start
            if 0 < offset < len(line.text):
                size, bold = fonts.style(textpage, index)
                item.cuts.append((offset, shown[0], size, bold))
    return placed


def _inside(rotation: int, box: tuple[float, float, float, float]) -> tuple[float, float]:
    """A point (page space) just inside the first character of a run drawn in ``box``."""
    left, top, right, bottom = box
    middle_x, middle_y = (left + right) / 2, (top + bottom) / 2
    return {0: (left + 1, middle_y), 180: (right - 1, middle_y),
            90: (middle_x, bottom + 1), 270: (middle_x, top - 1)}[rotation]


def _printed_lines(text: str) -> tuple[list[int], list[str]]:
    """The offset of each printed line's first character, and its text; U+FFFE becomes a
    line-end hyphen."""
    if "\ufffe" not in text:  # no word hyphenated at a line end: one split
        printed = text.split("\r\n")
        # Offsets: the lengths so far, plus two for each line break. (A plain loop: summed
        # by a chain of C iterators, they cost more.)
        starts = []
        append = starts.append
        start = 0
        for line in printed:
            append(start)
            start += len(line) + 2
        return starts, printed
    starts, printed = [], []
    offset = 0
    for raw_line in text.split("\r\n"):
        start = offset
        for piece in raw_line.split("\ufffe")[:-1]:
            starts.append(start)
            printed.append(piece + "-")
            start += len(piece) + 1
        starts.append(start)
        printed.append(raw_line[start - offset:])
        offset += len(raw_line) + 2
    return starts, printed
