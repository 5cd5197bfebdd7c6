"""Reading review copies back, as a reviewer's tools would: Word comments with the
paragraph each is anchored on, PDF annotations with the text under each highlight,
the notes of an HTML copy. Shared by the annotate tests."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from pathlib import Path

RULE_ID = re.compile(r"\(([a-z0-9][a-z0-9-]*)\) – ")


@dataclass(frozen=True)
class ReadNote:
    """One note of a copy: its rule (None: the summary), text, where it sits."""

    rule_id: str | None
    text: str
    anchored: str = ""  # the paragraph's text (Word), the highlighted text (PDF)
    page: int | None = None
    highlight: bool = False
    author: str = ""
    initials: str = ""


def rule_of(text: str) -> str | None:
    match = RULE_ID.search(text.split("\n", 1)[0])
    return match.group(1) if match else None


def docx_notes(path: Path) -> list[ReadNote]:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    # The text inside each comment's range, in document order; a range over a
    # table row reads its cells joined by " | ", as the reader joins them.
    anchored: dict[int, str] = {}
    open_ids: set[int] = set()
    tags = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t"), qn("w:tc"))
    for element in document.element.body.iter(*tags):
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(int(element.get(qn("w:id"))))
            anchored.setdefault(int(element.get(qn("w:id"))), "")
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(element.get(qn("w:id"))))
        for number in open_ids:
            if element.tag == qn("w:t"):
                anchored[number] += element.text or ""
            elif element.tag == qn("w:tc") and anchored[number]:
                anchored[number] += " | "
    notes = []
    for comment in document.comments:
        assert comment.timestamp is not None, "every comment is dated"
        notes.append(ReadNote(rule_of(comment.text), comment.text,
                              anchored.get(comment.comment_id, ""), author=comment.author,
                              initials=comment.initials or ""))
    return notes


def pdf_notes(path: Path) -> list[ReadNote]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    notes = []
    document = pdfium.PdfDocument(str(path))
    try:
        for index, page in enumerate(document):
            textpage = page.get_textpage()
            for n in range(raw.FPDFPage_GetAnnotCount(page.raw)):
                annot = raw.FPDFPage_GetAnnot(page.raw, n)
                subtype = raw.FPDFAnnot_GetSubtype(annot)
                text = _string(annot, b"Contents")
                under = ""
                if subtype == raw.FPDF_ANNOT_HIGHLIGHT:
                    under = " ".join(_under_quads(textpage, annot))
                notes.append(ReadNote(rule_of(text), text, under, index + 1,
                                      subtype == raw.FPDF_ANNOT_HIGHLIGHT,
                                      author=_string(annot, b"T")))
                raw.FPDFPage_CloseAnnot(annot)
            textpage.close()
            page.close()
    finally:
        document.close()
    return notes


def _under_quads(textpage: object, annot: object) -> list[str]:
    """The text inside each quad of a highlight, line by line."""
    import pypdfium2.raw as raw

    texts = []
    for n in range(raw.FPDFAnnot_CountAttachmentPoints(annot)):
        quad = raw.FS_QUADPOINTSF()
        raw.FPDFAnnot_GetAttachmentPoints(annot, n, ctypes.byref(quad))
        left, right = min(quad.x1, quad.x3), max(quad.x2, quad.x4)
        bottom, top = min(quad.y3, quad.y4), max(quad.y1, quad.y2)
        texts.append(textpage.get_text_bounded(left, bottom, right, top))  # type: ignore[attr-defined]
    return texts


def _string(annot: object, key: bytes) -> str:
    import pypdfium2.raw as raw

    size = raw.FPDFAnnot_GetStringValue(annot, key, None, 0)
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFAnnot_GetStringValue(annot, key, ctypes.cast(buffer, ctypes.POINTER(
        raw.FPDF_WCHAR)), size)
    return buffer.raw[: size - 2].decode("utf-16-le") if size >= 2 else ""


HTML_NOTE = re.compile(r'<aside class="samlint-note" data-rule="([^"]+)" data-status="(\w+)">')


def html_notes(path: Path) -> list[ReadNote]:
    """The notes with the block each follows (as written: the block, then its notes)."""
    notes, block = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HTML_NOTE.match(line)
        if match:
            notes.append(ReadNote(match.group(1), match.group(2), block))
        elif not line.startswith(("<aside", "</aside")) and "data-line=" in line:
            block = line
    return notes


def notes_of(path: Path) -> list[ReadNote]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_notes(path)
    if suffix == ".pdf":
        return pdf_notes(path)
    return html_notes(path)


def squeeze(text: str) -> str:
    """Text compared without spacing, hyphens or an excerpt's trailing ellipsis."""
    return "".join(text.rstrip("…").replace("-", "").replace("\u00ad", "").split()).casefold()
