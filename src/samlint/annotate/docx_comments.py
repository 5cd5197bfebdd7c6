"""The Word review copy: the findings as comments in the margin of the agreement.

Comments are added with python-docx's comments API (1.2): author «samlint»,
initials «SL», dated. Where a comment goes is decided by samlint's own DOCX
reader, not by python-docx's view of the text: the reader numbers the lines
evidence cites, and each of its items knows the element it was read from
(``Item.source``). Both libraries parse the same ``word/document.xml``, so the
n-th paragraph in one tree is the n-th in the other.

python-docx writes back every XML part it loaded, re-serialised. The copy must
be the original byte for byte in every part samlint does not touch, so only
the parts a comment changes (the main document, its relationships, the
content types, the comments parts) are taken from python-docx's output; every
other member is copied from the original file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from docx.text.run import Run
from lxml import etree

from samlint.annotate.notes import AUTHOR, INITIALS, FilePlan, Note, place
from samlint.documents.docx import located_items
from samlint.documents.docx_story import Item

W_P, W_TR, W_CHUNK, W_R, W_T = qn("w:p"), qn("w:tr"), qn("w:altChunk"), qn("w:r"), qn("w:t")
W_TEXTBOX = qn("w:txbxContent")
CONTENT_TYPES = "[Content_Types].xml"


class Anchors:
    """Finds the paragraph (in python-docx's tree) for an evidence line."""

    def __init__(self, items: list[Item], body: etree._Element) -> None:
        self.items = items
        tags = (W_P, W_TR, W_CHUNK)
        self._index: dict[etree._Element, int] = {}
        if items and items[0].source is not None:
            root = items[0].source.getroottree().getroot()
            self._index = {element: n for n, element in enumerate(root.iter(*tags))}
        self._theirs = list(body.getroottree().getroot().iter(*tags))

    def span(self, item: Item) -> tuple[etree._Element, etree._Element] | None:
        """The first and last w:p of python-docx's tree that ``item`` was read from.

        A table row is one item (its cells joined), so its comment spans the row
        from the first cell's text to the last cell's: the reader sees the whole
        row the finding is about, not only its first cell.
        """
        if item.source is None or item.source not in self._index:
            return None
        element = self._theirs[self._index[item.source]]
        if element.tag == W_TR:
            texts = [p for p in element.iter(W_P) if _runs(p)]
            return (texts[0], texts[-1]) if texts else None
        if element.tag == W_CHUNK:
            before = element.getprevious()
            while before is not None and before.tag != W_P:
                before = before.getprevious()
            return None if before is None else (before, before)
        return element, element


def write_docx_copy(source: Path, target: Path, plan: FilePlan) -> list[tuple[Note, str]]:
    """Write the commented copy of ``source`` to ``target``; returns each note with the
    text of the paragraph it was anchored on."""
    import docx

    items = located_items(source)
    document = docx.Document(str(source))
    anchors = Anchors(items, document.element.body)
    placed: list[tuple[Note, str]] = []
    for note in plan.notes:
        item = place(items, note)
        span = anchors.span(item) if item is not None else None
        if span is None:
            paragraph = next((p for p in document.element.body.iter(W_P) if _runs(p)), None)
            if paragraph is None:
                raise ValueError("dokumentet har ingen avsnitt med tekst å feste kommentarene til")
            span = (paragraph, paragraph)
        start, end = _runs(span[0])[0], _runs(span[1])[-1]
        first, *rest = note.text.split("\n")
        comment = document.add_comment([Run(start, None), Run(end, None)],  # type: ignore[arg-type]
                                       text=first, author=AUTHOR, initials=INITIALS)
        for line in rest:
            comment.add_paragraph(line)
        placed.append((note, item.text if item is not None else ""))
    output = io.BytesIO()
    document.save(output)
    main = str(document.part.partname).lstrip("/")  # word/document.xml, as a rule
    folder, _, name = main.rpartition("/")
    touched = {main, CONTENT_TYPES, f"{folder}/_rels/{name}.rels".lstrip("/")}
    _merge(source, output.getvalue(), target, touched)
    return placed


def _runs(paragraph: etree._Element) -> list[etree._Element]:
    """The paragraph's runs with text, outside text boxes (those are other paragraphs)."""
    runs = []
    for run in paragraph.iter(W_R):
        parent = run.getparent()
        inside_box = False
        while parent is not None and parent is not paragraph:
            if parent.tag == W_TEXTBOX:
                inside_box = True
                break
            parent = parent.getparent()
        if not inside_box and run.find(W_T) is not None:
            runs.append(run)
    return runs


def _merge(source: Path, written: bytes, target: Path, touched: set[str]) -> None:
    """The original package with python-docx's version of only the ``touched`` parts
    (the main document, its relationships, the content types) and the comments parts.

    Members keep the original's order, names, dates and compression; the
    comments parts python-docx added come after them.
    """
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(io.BytesIO(written)) as new:
        new_names = new.namelist()
        comments = {name for name in new_names if name.startswith("word/comments")}
        touched = touched | comments
        added = [name for name in new_names
                 if name in touched and name not in original.NameToInfo]
        with zipfile.ZipFile(target, "w") as out:
            for info in original.infolist():
                take_new = info.filename in touched and info.filename in new.NameToInfo
                data = (new if take_new else original).read(info.filename)
                out.writestr(info, data, compress_type=info.compress_type)
            for name in added:
                out.writestr(new.getinfo(name), new.read(name), compress_type=zipfile.ZIP_DEFLATED)
