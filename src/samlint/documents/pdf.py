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

from samlint.documents import pdfium
from samlint.documents.layout import (
    Line,
    body_font_size,
    join_hyphenated,
    lines_to_blocks,
    load_line_comparison,
    strip_furniture,
)
from samlint.documents.model import Document, DocumentError, TextBudget
from samlint.sandbox import ChildCall, Turns, can_fork

# The longest agreement sets seen are a few hundred pages; 5,000 leaves room
# for scanned appendices while refusing page trees built to exhaust the reader.
MAX_PAGES = 5000


PARALLEL_FROM_PAGES = 40  # below this, starting workers costs more than it saves


def read_pdf(path: Path, display: str, *, workers: int = 1) -> Document:
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
        # Helpers are copies of this process with the document open; where a
        # process cannot be copied (Windows), a helper would get only the
        # handle's number, which means nothing there: then this one reads all.
        if workers > 1 and page_count >= PARALLEL_FROM_PAGES and can_fork():
            pages = _extract_parallel(document, page_count, workers)
            # Each worker kept to the limit on its own; the sum must keep to it too.
            TextBudget().spend(sum(len(line.text) for page in pages for line in page))
        else:
            pages = extract_pages(document, 0, page_count)
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


def _extract_parallel(document: Any, page_count: int, workers: int) -> list[list[Line]]:
    """Read the pages in several processes, each taking the next run of pages when free.

    PDFium is not thread-safe, so the parallelism is processes. They are
    forked with the document already open, and each works on its own copy
    of PDFium's memory, so none parses the file again. Pages cost very
    different amounts (a page of tables against half a page of text), and
    this process has the layout still to do, so the pages are not split in
    advance: each process takes the next ``PAGES_PER_TURN`` when it is free
    (``samlint.sandbox.Turns``), and they finish close together. Results
    are put in page order, identical to a serial read. The helpers are
    forked children (``samlint.sandbox``): they die with this process,
    which is itself killed on timeout, so no helper stuck in PDFium
    outlives the read. Their lines come back as plain tuples, which cross
    the pipe several times faster than objects.
    """
    turns = Turns(-(-page_count // PAGES_PER_TURN))
    helpers: list[ChildCall] = []
    try:
        helpers = [ChildCall(_extract_taken_as_tuples, (document, page_count, turns))
                   for _ in range(workers - 1)]
        load_line_comparison()
        pages = _extract_taken(document, page_count, turns)
        for helper in helpers:
            pages.update((index, [Line(*line) for line in lines])
                         for index, lines in helper.result().items())
    finally:
        for helper in helpers:
            helper.cancel()
        turns.close()
    return [pages[index] for index in range(page_count)]


PAGES_PER_TURN = 8  # small enough to even out the end, large enough that taking turns costs nothing


def _extract_taken(document: Any, page_count: int, turns: Turns) -> dict[int, list[Line]]:
    """The lines of every run of pages this process takes, by 0-based page index.

    One text budget for all of them: each process keeps to the file's limit.
    """
    budget = TextBudget()
    pages: dict[int, list[Line]] = {}
    while (turn := turns.take()) is not None:
        first = turn * PAGES_PER_TURN
        stop = min(first + PAGES_PER_TURN, page_count)
        pages.update(zip(range(first, stop), extract_pages(document, first, stop, budget),
                         strict=True))
    return pages


def _extract_taken_as_tuples(document: Any, page_count: int,
                             turns: Turns) -> dict[int, list[tuple]]:  # type: ignore[type-arg]
    with _pdfium_failures_reported():
        return {index: [(line.text, line.number, line.page, line.font_size, line.bold)
                        for line in lines]
                for index, lines in _extract_taken(document, page_count, turns).items()}


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
            first = start + (len(printed) - len(stripped))
            size = fonts.size(textpage, first)
            name = fonts.name(textpage, first)
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
