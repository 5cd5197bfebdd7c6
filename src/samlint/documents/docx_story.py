"""Walk one story of a DOCX (body, header, footer, text box, note) in reading order.

Produces ``Item``s: the text of a paragraph or table row with its kind, plus
the run formatting that decides whether an unstyled paragraph is a heading
(see ``docx_headings``). Text that Word shows outside the paragraph flow --
text boxes, footnotes and endnotes, embedded chunks -- is placed right after
the paragraph that anchors or references it, so evidence points to where a
reader meets it, and each is read exactly once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from samlint.documents.docx_package import Tags, int_or_none
from samlint.documents.docx_styles import (
    BODY_OUTLINE_LEVEL,
    Numbering,
    StyleInfo,
    Styles,
    on_off,
    run_props,
)
from samlint.documents.model import BlockKind

# "Formål<TAB>3" or "Formål ........ 3": how a TOC looks once fields are gone.
_TOC_LINE = re.compile(
    r"\S.{0,150}?(?:\t\s*|\.{4,}\s*|…{2,}\s*)(?:\d{1,3}|[ivx]{1,5}|[IVX]{1,5})"
)
_TOC_LINE_MAX = 160


@dataclass(slots=True)
class Item:
    """A block before it gets its line number.

    ``candidate`` items are plain paragraphs or list items whose kind may still
    change to a heading by their formatting: ``bold`` (every run with text is
    bold), ``size`` (the smallest size of those runs, half-points), ``chars``
    (characters per size, for the body size) and ``num`` (numId, ilvl).
    ``source``: the element of the story the item was read from (the body's
    paragraph, the table row; a text box, note or chunk: the paragraph that
    anchors it), so a review copy can put a comment where the text is.
    """

    text: str
    kind: BlockKind
    level: int = 0
    candidate: bool = False
    bold: bool = False
    size: int = 0
    chars: dict[int, int] = field(default_factory=dict)
    num: tuple[str, int] | None = None
    source: etree._Element | None = None

OLE_NS = "urn:schemas-microsoft-com:office:office"


@dataclass
class Context:
    """What every story of one package shares: styles, lists, notes, chunks.

    ``chunk`` reads an ``altChunk`` by relationship id (None where the story
    cannot hold chunks, as in headers). Notes are popped when read, so a note
    referenced twice is still read once.
    """

    styles: Styles
    numbering: Numbering = field(default_factory=Numbering.empty)
    notes: dict[tuple[str, str], etree._Element] = field(default_factory=dict)
    chunk: Callable[[str], list[Item]] | None = None
    objects: list[str] = field(default_factory=list)  # embedded OLE objects, not read
    hidden: int = 0  # paragraphs with hidden text (w:vanish), not read: for a notice


@dataclass(slots=True)
class _Field:
    instr: str = ""
    toc: bool = False
    fallback: str = ""  # a form field's default or chosen entry, shown when no result
    has_result: bool = False
    result_at: tuple[_TextAcc, int] | None = None  # where the result began


class _TextAcc:
    """Collects one paragraph's text, formatting and what hangs off it."""

    __slots__ = ("bold", "chars", "floats", "hidden", "in_toc", "notes", "parts", "size",
                 "style")

    def __init__(self, style: StyleInfo) -> None:
        self.parts: list[str] = []
        self.in_toc = False
        self.style = style
        self.bold = True
        self.size = 0
        self.chars: dict[int, int] = {}
        self.floats: list[etree._Element] = []  # text boxes anchored here
        self.notes: list[tuple[str, str]] = []  # (kind, id) referenced here
        self.hidden = False  # text left out as hidden

    def text(self) -> str:
        return "".join(self.parts)


def _instr_is_toc(instr: str) -> bool:
    return instr.strip().upper().startswith("TOC")


def _outermost(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Descendants with ``tag`` not inside another one: a text box's nested boxes
    are read by the reader of that box, not twice."""
    for child in element:
        if child.tag == tag:
            yield child
        else:
            yield from _outermost(child, tag)


class StoryReader:
    """Walks one story in reading order.

    Complex fields span paragraphs (a TOC field opens in one paragraph and closes
    many paragraphs later), so the open-field stack lives here, not per paragraph.
    """

    def __init__(self, tags: Tags, context: Context) -> None:
        self.w = tags
        self.context = context
        self.styles = context.styles
        self.fields: list[_Field] = []

    # -- block level

    def blocks(self, container: etree._Element) -> Iterator[Item]:
        """Items in reading order, each with the outermost element it came from."""
        for element, in_toc_sdt in self._block_elements(container, in_toc=False):
            for item in self._element_items(element, in_toc_sdt):
                if element.tag != self.w.tbl or item.source is None:
                    item.source = element
                yield item

    def _element_items(self, element: etree._Element, in_toc_sdt: bool) -> Iterator[Item]:
        w = self.w
        if element.tag == w.p:
            acc = self._paragraph(element)
            text = acc.text().strip()
            if text:
                yield self._classify(element, text, acc, in_toc_sdt or acc.in_toc)
            yield from self._attached(acc)
        elif element.tag == w.alt_chunk:
            if self.context.chunk is not None:
                yield from self.context.chunk(self._rel_id(element))
        else:
            yield from self._rows(element)

    def _attached(self, acc: _TextAcc) -> Iterator[Item]:
        """Text boxes anchored in a paragraph, then the notes it references."""
        for box in acc.floats:
            yield from StoryReader(self.w, self.context).blocks(box)
        for key in acc.notes:
            note = self.context.notes.pop(key, None)
            if note is None:
                continue
            texts = [item.text for item in StoryReader(self.w, self.context).blocks(note)]
            text = " ".join(texts).strip()
            if text:
                # One plain paragraph: a note is never a heading of the agreement.
                yield Item(text, BlockKind.PARAGRAPH)

    def _rel_id(self, element: etree._Element) -> str:
        return next((v for name in self.w.rel_ids if (v := element.get(name))), "")

    def _block_elements(
        self, container: etree._Element, *, in_toc: bool
    ) -> Iterator[tuple[etree._Element, bool]]:
        """Paragraphs, tables and chunks, looking through content controls and custom XML."""
        w = self.w
        for child in container:
            tag = child.tag
            if tag == w.p or tag == w.tbl or tag == w.alt_chunk:
                yield child, in_toc
            elif tag == w.sdt:
                content = self._sdt_content(child)
                if content is not None:
                    yield from self._block_elements(
                        content, in_toc=in_toc or self._is_toc_sdt(child)
                    )
            elif tag == w.custom_xml:
                yield from self._block_elements(child, in_toc=in_toc)

    def _sdt_content(self, sdt: etree._Element) -> etree._Element | None:
        """A content control's content, or None while it shows its placeholder.

        An empty control shows prompt text ("Klikk her for å skrive inn tekst");
        that is the template speaking, not the agreement, so it is not read.
        """
        props = sdt.find(self.w.sdt_pr)
        if props is not None and on_off(props.find(self.w.showing_plc_hdr), self.w):
            return None
        return sdt.find(self.w.sdt_content)

    def _is_toc_sdt(self, sdt: etree._Element) -> bool:
        gallery = sdt.find(self.w.gallery_path)
        return gallery is not None and "table of contents" in (
            gallery.get(self.w.val) or ""
        ).lower()

    def _transparent(self, container: etree._Element, tag: str) -> Iterator[etree._Element]:
        """Children with ``tag``, seeing through sdt/customXml wrappers (rows, cells)."""
        w = self.w
        for child in container:
            if child.tag == tag:
                yield child
            elif child.tag == w.sdt:
                content = self._sdt_content(child)
                if content is not None:
                    yield from self._transparent(content, tag)
            elif child.tag == w.custom_xml:
                yield from self._transparent(child, tag)

    def _rows(self, tbl: etree._Element) -> Iterator[Item]:
        for tr in self._transparent(tbl, self.w.tr):
            if tr.find(self.w.row_deleted_path) is not None:
                continue  # tracked row deletion
            hanging: list[_TextAcc] = []
            cells = [text for tc in self._transparent(tr, self.w.tc)
                     if (text := self._cell(tc, hanging))]
            if cells:
                yield Item(" | ".join(cells), BlockKind.TABLE_ROW, source=tr)
            for acc in hanging:  # notes referenced in the row follow it
                acc.floats = []
                for item in self._attached(acc):
                    item.source = tr
                    yield item

    def _cell(self, tc: etree._Element, hanging: list[_TextAcc]) -> str:
        """All text of a cell on one line; nested tables, text boxes and chunks
        are flattened into it."""
        texts: list[str] = []
        for element, _in_toc in self._block_elements(tc, in_toc=False):
            if element.tag == self.w.p:
                acc = self._paragraph(element)
                if text := acc.text().strip():
                    texts.append(text)
                for box in acc.floats:
                    texts.extend(i.text for i in StoryReader(self.w, self.context).blocks(box))
                if acc.notes:
                    hanging.append(acc)
            elif element.tag == self.w.alt_chunk:
                if self.context.chunk is not None:
                    texts.extend(i.text for i in self.context.chunk(self._rel_id(element)))
            else:
                for tr in self._transparent(element, self.w.tr):
                    texts.extend(
                        text for cell in self._transparent(tr, self.w.tc)
                        if (text := self._cell(cell, hanging))
                    )
        return " ".join(texts)

    # -- paragraph level

    def _paragraph(self, p: etree._Element) -> _TextAcc:
        ppr = p.find(self.w.ppr)
        pstyle = ppr.find(self.w.pstyle) if ppr is not None else None
        acc = _TextAcc(self.styles.info(pstyle.get(self.w.val) if pstyle is not None else None))
        self._inline(p, acc)
        if acc.hidden:
            self.context.hidden += 1
        return acc

    def _emit(self, acc: _TextAcc, text: str) -> None:
        acc.parts.append(text)
        if text.strip() and self.fields:
            for open_field in self.fields:
                open_field.has_result = True
            if any(open_field.toc for open_field in self.fields):
                acc.in_toc = True

    def _inline(self, parent: etree._Element, acc: _TextAcc) -> None:
        w = self.w
        for child in parent:
            tag = child.tag
            if tag == w.r:
                self._run(child, acc)
            elif tag in w.inline_containers:
                self._inline(child, acc)
            elif tag == w.sdt:
                content = self._sdt_content(child)
                if content is not None:
                    self._inline(content, acc)
            elif tag == w.fld_simple:
                instr = child.get(w.instr) or ""
                self.fields.append(_Field(instr=instr, toc=_instr_is_toc(instr)))
                try:
                    self._inline(child, acc)
                finally:
                    self.fields.pop()
            elif tag == w.alternate:
                fallback = self._alternative(child, acc)
                if fallback is not None:
                    self._inline(fallback, acc)

    def _alternative(self, alternate: etree._Element, acc: _TextAcc) -> etree._Element | None:
        """Choose one branch of mc:AlternateContent, so its text is read once.

        A modern text box (``wps:txbx``) sits in an mc:Choice and repeats as a
        legacy VML ``v:textbox`` in mc:Fallback. When a Choice holds text boxes,
        they are read from it and the fallback is left alone; otherwise the
        fallback is the branch meant for readers that know no extensions.
        """
        for choice in alternate.iterchildren(self.w.choice):
            boxes = list(_outermost(choice, self.w.txbx_content))
            if boxes:
                acc.floats.extend(boxes)
                return None
        return alternate.find(self.w.fallback)

    def _run(self, run: etree._Element, acc: _TextAcc) -> None:
        w = self.w
        rpr = run.find(w.rpr)
        if acc.style.hidden if rpr is None else self.styles.run_hidden(rpr, w, acc.style.hidden):
            self._hidden_run(run, acc)
            return
        size: int | None = None
        for child in run:
            tag = child.tag
            if tag == w.t:
                text = child.text or ""
                if text.strip():
                    if size is None:
                        size = self._format(rpr, acc)
                    acc.chars[size] = acc.chars.get(size, 0) + len(text)
                self._emit(acc, text)
            elif tag == w.tab or tag == w.ptab:
                self._emit(acc, "\t")
            elif tag == w.br or tag == w.cr:
                self._emit(acc, " ")
            elif tag == w.no_break_hyphen:
                self._emit(acc, "-")
            elif tag == w.fld_char:
                self._field_char(child, acc)
            elif tag == w.instr_text:
                if self.fields:
                    self.fields[-1].instr += child.text or ""
            elif tag == w.alternate:
                fallback = self._alternative(child, acc)
                if fallback is not None:
                    self._run(fallback, acc)
            elif tag == w.pict or tag == w.drawing:
                acc.floats.extend(_outermost(child, w.txbx_content))
            elif tag == w.object:  # an embedded spreadsheet or document: named, not read
                ole = child.find(f"{{{OLE_NS}}}OLEObject")
                self.context.objects.append((ole.get("ProgID") if ole is not None else None)
                                            or "OLE-objekt")
            elif tag == w.footnote_ref:
                acc.notes.append(("footnote", child.get(w.id) or ""))
            elif tag == w.endnote_ref:
                acc.notes.append(("endnote", child.get(w.id) or ""))
            # w:softHyphen is invisible unless a line breaks there: dropped.

    def _hidden_run(self, run: etree._Element, acc: _TextAcc) -> None:
        """A run of hidden text: not read (noted on ``acc``), but its field marks still
        open and close fields, so the text after it is read as Word shows it."""
        w = self.w
        for child in run:
            tag = child.tag
            if tag == w.t:
                acc.hidden = acc.hidden or bool((child.text or "").strip())
            elif tag == w.fld_char:
                self._field_char(child, acc)
            elif tag == w.instr_text and self.fields:
                self.fields[-1].instr += child.text or ""

    def _format(self, rpr: etree._Element | None, acc: _TextAcc) -> int:
        """Fold one run's effective bold and size into the paragraph's; its size."""
        w = self.w
        if rpr is None:  # most runs: the paragraph style says it all
            bold, size = acc.style.bold, acc.style.size
        else:
            run_bold, run_size = run_props(rpr, w)
            rstyle = rpr.find(w.rstyle)
            if rstyle is not None and (run_bold is None or run_size is None):
                char_bold, char_size = self.styles.char_format(rstyle.get(w.val) or "")
                run_bold = char_bold if run_bold is None else run_bold
                run_size = char_size if run_size is None else run_size
            bold = acc.style.bold if run_bold is None else run_bold
            size = acc.style.size if run_size is None else run_size
        acc.bold = acc.bold and bold
        acc.size = size if not acc.chars else min(acc.size, size)
        return size

    def _field_char(self, char: etree._Element, acc: _TextAcc) -> None:
        kind = char.get(self.w.fld_char_type)
        if kind == "begin":
            self.fields.append(_Field(fallback=self._form_value(char)))
        elif kind == "separate":
            if self.fields:
                self.fields[-1].toc = _instr_is_toc(self.fields[-1].instr)
                self.fields[-1].has_result = False
                self.fields[-1].result_at = (acc, len(acc.parts))
        elif kind == "end" and self.fields:
            done = self.fields.pop()
            if done.fallback and not done.has_result:
                if done.result_at is not None and done.result_at[0] is acc:
                    del acc.parts[done.result_at[1]:]  # Word's blank "     " result
                self._emit(acc, done.fallback)

    def _form_value(self, char: etree._Element) -> str:
        """What a legacy form field shows when its result holds no text.

        A FORMTEXT field whose result was left out shows its default text; a
        FORMDROPDOWN has no result runs at all and shows its chosen entry.
        """
        w = self.w
        data = char.find(w.ff_data)
        if data is None:
            return ""
        default = data.find(f"{w.text_input}/{w.default_el}")
        if default is not None:
            return default.get(w.val) or ""
        dropdown = data.find(w.dd_list)
        if dropdown is not None:
            entries = [e.get(w.val) or "" for e in dropdown.iterchildren(w.list_entry)]
            chosen = dropdown.find(w.result)
            if chosen is None:
                chosen = dropdown.find(w.default_el)
            index = int_or_none(chosen.get(w.val)) if chosen is not None else 0
            if index is not None and 0 <= index < len(entries):
                return entries[index]
        return ""

    def _classify(self, p: etree._Element, text: str, acc: _TextAcc,
                  toc_context: bool) -> Item:
        """Decide the block kind; TOC first so listed headings never pose as headings."""
        w = self.w
        direct_outline: int | None = None
        numpr: etree._Element | None = None
        ppr = p.find(w.ppr)
        if ppr is not None:
            outline_el = ppr.find(w.outline)
            if outline_el is not None:
                direct_outline = int_or_none(outline_el.get(w.val))
            numpr = ppr.find(w.numpr)
        style = acc.style

        if toc_context or style.toc:
            return Item(text, BlockKind.TOC_ENTRY)
        if direct_outline is not None:
            level = direct_outline + 1 if 0 <= direct_outline < BODY_OUTLINE_LEVEL else 0
        else:
            level = style.heading_level
        if level:
            return Item(text, BlockKind.HEADING, level)
        if len(text) <= _TOC_LINE_MAX and _TOC_LINE.fullmatch(text):
            return Item(text, BlockKind.TOC_ENTRY)

        num_id = style.num_id
        ilvl = 0
        if numpr is not None:
            num_el = numpr.find(w.num_id)
            if num_el is not None:
                num_id = num_el.get(w.val)
            ilvl_el = numpr.find(w.ilvl)
            if ilvl_el is not None:
                ilvl = int_or_none(ilvl_el.get(w.val)) or 0
        # Outline level "body text" set on the paragraph itself: never a heading.
        candidate = direct_outline is None
        if num_id == "0":  # numId 0 removes numbering
            return self._item(text, BlockKind.PARAGRAPH, acc, None, candidate)
        if num_id is not None:
            return self._item(text, BlockKind.LIST_ITEM, acc, (num_id, ilvl), candidate)
        if style.list_by_name:
            return self._item(text, BlockKind.LIST_ITEM, acc, None, candidate)
        return self._item(text, BlockKind.PARAGRAPH, acc, None, candidate)

    @staticmethod
    def _item(text: str, kind: BlockKind, acc: _TextAcc, num: tuple[str, int] | None,
              candidate: bool) -> Item:
        return Item(text, kind, candidate=candidate, bold=acc.bold and bool(acc.chars),
                    size=acc.size, chars=acc.chars, num=num)
