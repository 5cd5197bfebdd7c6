"""The PDF review copy: a highlight over the evidence of each weak finding, notes on page 1.

Written with pypdfium2's binding of PDFium's annotation API rather than pypdf
or pikepdf: it is already a dependency (the reader's PDFium), so the copy
needs nothing new installed; the rectangles must come from PDFium's own
character boxes anyway (the same text page the reader numbered the lines on),
so no second PDF parser has to agree with the first on where a line is; and
PDFium saves incrementally, appending the annotations after the original's
last byte. Measured on the 200-page PDF of ``benchmarks/pdfgen.py`` with five
highlights: 0.08 s for the whole copy (text boxes included), against 0.6 s
(incremental) to 0.8 s (full rewrite) for pypdf adding the same annotations
with rectangles given. pikepdf was not measured: it would be a new compiled
dependency for no gain here.

A highlight (``/Highlight`` with quad points per printed line) carries the
finding's text as ``/Contents``, author ``samlint``, dated: viewers open it as
the note's popup. Missing findings and the summary are text notes (sticky
notes) in the top margin of page 1. Evidence the reader recognised by OCR has
no characters to box; its note sits at the top of its page.
"""

from __future__ import annotations

import ctypes
from datetime import UTC, datetime
from pathlib import Path

from samlint.annotate.notes import AUTHOR, FilePlan
from samlint.documents.layout import PRIVATE_USE
from samlint.documents.pdf import _printed_lines
from samlint.documents.pdf_order import to_display
from samlint.documents.pdf_rows import visual_rows
from samlint.reporting.findings import one_line

HIGHLIGHT_COLOUR = (255, 214, 0, 255)
NOTE_COLOUR = (255, 140, 0, 255)
NOTE_SIZE = 18.0  # points: the sticky note's icon
NOTE_GAP = 4.0


def write_pdf_copy(source: Path, target: Path, plan: FilePlan) -> int:
    """Write ``source`` with the plan's notes to ``target``; the number of annotations."""
    import pypdfium2 as pdfium

    original = source.read_bytes()
    document = pdfium.PdfDocument(original)
    try:
        stamp = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
        corner: dict[int, int] = {}  # notes already in the margin of each page
        for note in plan.notes:
            page_index = (note.anchor.page or 1) - 1 if note.anchor is not None else 0
            page_index = min(max(page_index, 0), len(document) - 1)
            page = document[page_index]
            quads = (line_quads(page, note.anchor.line, note.anchor.excerpt)
                     if note.anchor is not None and not note.anchor.ocr else [])
            if quads:
                _highlight(page, quads, note.text, stamp)
            else:
                _margin_note(page, corner.get(page_index, 0), note.text, stamp)
                corner[page_index] = corner.get(page_index, 0) + 1
            page.close()
        with target.open("wb") as out:
            document.save(out, flags=pdfium.raw.FPDF_INCREMENTAL)
    finally:
        document.close()
    return len(plan.notes)


Quad = tuple[float, float, float, float]  # left, bottom, right, top


def line_quads(page: object, line: int, excerpt: str) -> list[Quad]:
    """The boxes of the printed lines the evidence covers: line ``line`` of the page
    (numbered as the reader numbers them: by printed row) and the following ones its
    excerpt goes on to."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        text = textpage.get_text_range()
        lines = list(zip(*_printed_lines(text), strict=True))  # (offset, printed line)
        target = _key(excerpt)
        rows = visual_rows([_depth(page, textpage, offset, printed) for offset, printed in lines])
        start = next((n for n, ((_o, printed), row) in enumerate(zip(lines, rows, strict=True))
                      if row == line and _matches(_key(printed), target)), -1)
        if start < 0:  # the text has moved since it was read: found by its words
            start = next((n for n, (_o, printed) in enumerate(lines)
                          if (k := _key(printed)) and target.startswith(k[:40])), -1)
        quads: list[Quad] = []
        for offset, printed in lines[start:] if start >= 0 else []:
            key = _key(printed)
            if not key:
                continue
            if not _matches(key, target):
                break
            quads.extend(_boxes(textpage, offset, printed))
            target = target[len(key):]
            if not target:
                break
        return quads
    finally:
        textpage.close()


def _depth(page: object, textpage: object, offset: int, printed: str) -> float | None:
    """How far down the page, as shown, a printed line's baseline is (``None``: blank): the
    reader numbers lines by these rows (``pdf_rows``)."""
    import pypdfium2.raw as raw

    lead = len(printed) - len(printed.lstrip())
    if not printed.strip():
        return None
    handle = textpage.raw  # type: ignore[attr-defined]
    index = raw.FPDFText_GetCharIndexFromTextIndex(handle, offset + lead)
    x, y = ctypes.c_double(), ctypes.c_double()
    if index < 0 or not raw.FPDFText_GetCharOrigin(handle, index, x, y):
        return None
    rotation = page.get_rotation()  # type: ignore[attr-defined]
    return to_display(rotation, x.value, y.value)[1]


def _matches(key: str, target: str) -> bool:
    return bool(key) and bool(target) and (target.startswith(key) or key.startswith(target))


def _boxes(textpage: object, offset: int, printed: str) -> list[Quad]:
    """PDFium's rectangles for one printed line, given as offsets into the page text."""
    import pypdfium2.raw as raw

    lead = len(printed) - len(printed.lstrip())
    body = printed.strip()
    if not body:
        return []
    handle = textpage.raw  # type: ignore[attr-defined]
    first = raw.FPDFText_GetCharIndexFromTextIndex(handle, offset + lead)
    last = raw.FPDFText_GetCharIndexFromTextIndex(handle, offset + lead + len(body) - 1)
    if first < 0 or last < first:
        return []
    count = textpage.count_rects(first, last - first + 1)  # type: ignore[attr-defined]
    return [textpage.get_rect(i) for i in range(count)]  # type: ignore[attr-defined]


def _highlight(page: object, quads: list[Quad], text: str, stamp: str) -> None:
    import pypdfium2.raw as raw

    annot = raw.FPDFPage_CreateAnnot(page.raw, raw.FPDF_ANNOT_HIGHLIGHT)  # type: ignore[attr-defined]
    if not annot:
        raise ValueError("PDF-en tar ikke imot merknader")
    try:
        raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, *HIGHLIGHT_COLOUR)
        for left, bottom, right, top in quads:
            quad = raw.FS_QUADPOINTSF(left, top, right, top, left, bottom, right, bottom)
            raw.FPDFAnnot_AppendAttachmentPoints(annot, ctypes.byref(quad))
        rect = raw.FS_RECTF(min(q[0] for q in quads), max(q[3] for q in quads),
                            max(q[2] for q in quads), min(q[1] for q in quads))
        raw.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
        _describe(annot, text, stamp)
    finally:
        raw.FPDFPage_CloseAnnot(annot)


def _margin_note(page: object, slot: int, text: str, stamp: str) -> None:
    """A sticky note in the page's top-left margin, below the notes already there."""
    import pypdfium2.raw as raw

    width, height = page.get_size()  # type: ignore[attr-defined]
    top = height - NOTE_GAP - slot * (NOTE_SIZE + NOTE_GAP)
    left = NOTE_GAP if top - NOTE_SIZE > 0 else min(width - NOTE_SIZE, NOTE_GAP * 2 + slot)
    annot = raw.FPDFPage_CreateAnnot(page.raw, raw.FPDF_ANNOT_TEXT)  # type: ignore[attr-defined]
    if not annot:
        raise ValueError("PDF-en tar ikke imot merknader")
    try:
        raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_Color, *NOTE_COLOUR)
        rect = raw.FS_RECTF(left, max(top, NOTE_SIZE), left + NOTE_SIZE,
                            max(top, NOTE_SIZE) - NOTE_SIZE)
        raw.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
        _describe(annot, text, stamp)
    finally:
        raw.FPDFPage_CloseAnnot(annot)


def _describe(annot: object, text: str, stamp: str) -> None:
    """Contents, author, date and printing: what every viewer shows in the popup."""
    import pypdfium2.raw as raw

    for key, value in ((b"Contents", text), (b"T", AUTHOR), (b"M", stamp),
                       (b"Subj", text.split("\n", 1)[0])):
        raw.FPDFAnnot_SetStringValue(annot, key, _wide(value))
    raw.FPDFAnnot_SetFlags(annot, raw.FPDF_ANNOT_FLAG_PRINT)


def _wide(text: str) -> ctypes.Array[ctypes.c_ushort]:
    """A NUL-terminated UTF-16LE string, as PDFium's FPDF_WIDESTRING wants it."""
    data = text.encode("utf-16-le")
    units = [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]
    return (ctypes.c_ushort * (len(units) + 1))(*units, 0)


def _key(text: str) -> str:
    """Text compared without spacing, hyphens or the excerpt's trailing ellipsis, and
    without private-use characters: a bullet drawn in a symbol font starts the printed
    line, but the reader leaves it out of the text it quotes (``layout``)."""
    flat = one_line(text).rstrip("…").replace("\u00ad", "").replace("-", "")
    return PRIVATE_USE.sub("", "".join(flat.split())).casefold()

