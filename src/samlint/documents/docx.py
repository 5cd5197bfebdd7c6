"""Read DOCX agreements into the shared ``Document`` model.

Why lxml on ``word/document.xml`` rather than python-docx: python-docx loads
every part of the package (images included) into memory when it opens a file,
with no size bound, so it cannot be handed a hostile zip safely. Its paragraph
text also only sees direct runs and hyperlinks, which silently drops tracked
insertions (``w:ins``) and content controls (``w:sdt``) -- both common in
agreements that were negotiated in Word or filled in from a template. Reading
the parts ourselves lets us check the zip directory before anything is
inflated, bound every read, parse with a parser that never touches DTDs,
entities or the network, and do it all in one pass without proxy objects.

Every failure leaves as ``DocumentError`` with a message in Norwegian bokmål
that a case officer can act on; no traceback reaches the user.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from samlint.documents.docx_package import (
    MSG_CORRUPT,
    MSG_NO_MAIN,
    MSG_NOT_WORD,
    Package,
    Tags,
    check_directory,
    int_or_none,
    names_for,
    parse_part,
    reject_non_zip_word_formats,
)
from samlint.documents.model import (
    Block,
    BlockKind,
    Document,
    DocumentError,
    TextBudget,
    os_error,
)


def read_docx(path: Path, display: str) -> Document:
    """Extract body blocks and page furniture; every failure is a DocumentError."""
    try:
        return _read(path, display)
    except (DocumentError, MemoryError):
        raise  # MemoryError: over the read's memory limit, reported as such by read_document
    except Exception as exc:
        # Anything we did not foresee in a malformed file is still "this file is
        # broken" to the user; the cause stays chained for debugging.
        raise DocumentError("corrupt", MSG_CORRUPT) from exc


def _read(path: Path, display: str) -> Document:
    reject_non_zip_word_formats(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise DocumentError("corrupt", MSG_CORRUPT) from None
    except OSError as exc:
        raise os_error(exc) from None
    with zf:
        check_directory(zf)
        package = Package(zf)
        main = package.read("word/document.xml")
        if main is None:
            raise DocumentError("corrupt", MSG_NO_MAIN)
        root = parse_part(main, "word/document.xml")
        names = names_for(root)
        if root.tag != names.document:
            raise DocumentError("corrupt", MSG_NOT_WORD)

        styles_xml = package.read("word/styles.xml")
        styles = (
            _Styles.parse(parse_part(styles_xml, "word/styles.xml"))
            if styles_xml is not None
            else _Styles.empty()
        )

        budget = TextBudget()
        blocks: list[Block] = []
        body = root.find(names.body)
        if body is not None:
            for text, kind, level in _PartReader(names, styles).blocks(body):
                budget.spend(len(text))
                blocks.append(Block(text=text, kind=kind, line=len(blocks) + 1, level=level))

        furniture: list[str] = []
        for part in package.furniture_parts():
            data = package.read(part)
            if data is None:
                continue
            part_root = parse_part(data, part)
            reader = _PartReader(names_for(part_root), styles)
            for text, _kind, _level in reader.blocks(part_root):
                budget.spend(len(text))
                furniture.append(text)

    return Document(path=path, display=display, blocks=blocks, page_count=None,
                    furniture=furniture)

# --------------------------------------------------------------------------- styles

_HEADING_NAME = re.compile(r"(?:heading|overskrift)\s*([1-9])", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "tittel"})
_TOC_NAME = re.compile(r"(?:toc(?:\s|\d|$)|innholdsfortegnelse)", re.IGNORECASE)
_LIST_NAME = re.compile(
    r"(?:list (?:paragraph|bullet|number)|listeavsnitt|punktliste|nummerert liste)(?:\s*\d)?",
    re.IGNORECASE,
)
# Word's outline level 9 means "body text": not a heading even in a heading style.
_BODY_OUTLINE_LEVEL = 9


@dataclass(frozen=True, slots=True)
class _StyleDef:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None


@dataclass(frozen=True, slots=True)
class _StyleInfo:
    """What a paragraph style implies once its basedOn chain is resolved."""

    heading_level: int
    toc: bool
    list_by_name: bool
    num_id: str | None


_PLAIN = _StyleInfo(heading_level=0, toc=False, list_by_name=False, num_id=None)


class _Styles:
    """Paragraph styles from word/styles.xml, resolved lazily and cached.

    Heading detection must go by style *name* and inheritance, because style IDs
    are localised ("Overskrift1") while built-in names stay English.
    """

    def __init__(self, defs: dict[str, _StyleDef], default_id: str | None) -> None:
        self._defs = defs
        self._default_id = default_id
        self._by_name = {d.name.lower(): sid for sid, d in defs.items()}
        self._cache: dict[str | None, _StyleInfo] = {}

    @classmethod
    def empty(cls) -> _Styles:
        return cls({}, None)

    @classmethod
    def parse(cls, root: etree._Element) -> _Styles:
        w = names_for(root)
        defs: dict[str, _StyleDef] = {}
        default_id: str | None = None
        for style in root.iter(w.style):
            if style.get(w.type) != "paragraph":
                continue
            sid = style.get(w.style_id)
            if not sid:
                continue
            name_el = style.find(w.name)
            based_el = style.find(w.based_on)
            ppr = style.find(w.ppr)
            outline = num_id = None
            if ppr is not None:
                outline_el = ppr.find(w.outline)
                if outline_el is not None:
                    outline = int_or_none(outline_el.get(w.val))
                num_el = ppr.find(f"{w.numpr}/{w.num_id}")
                if num_el is not None:
                    num_id = num_el.get(w.val)
            defs[sid] = _StyleDef(
                name=(name_el.get(w.val) if name_el is not None else None) or sid,
                based_on=based_el.get(w.val) if based_el is not None else None,
                outline=outline,
                num_id=num_id,
            )
            if style.get(w.default) in ("1", "true", "on"):
                default_id = sid
        return cls(defs, default_id)

    def info(self, style_id: str | None) -> _StyleInfo:
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def _chain(self, style_id: str | None) -> list[_StyleDef]:
        if style_id is not None and style_id not in self._defs:
            # Unknown IDs fall back like Word does; some generators write the name.
            style_id = self._by_name.get(style_id.lower(), self._default_id)
        if style_id is None:
            style_id = self._default_id
        chain: list[_StyleDef] = []
        seen: set[str] = set()
        while style_id is not None and style_id in self._defs and style_id not in seen:
            seen.add(style_id)
            style = self._defs[style_id]
            chain.append(style)
            style_id = style.based_on
        return chain

    def _resolve(self, style_id: str | None) -> _StyleInfo:
        chain = self._chain(style_id)
        if not chain:
            return _PLAIN
        level = 0
        for style in chain:  # nearest style wins
            if style.outline is not None:
                level = style.outline + 1 if 0 <= style.outline < _BODY_OUTLINE_LEVEL else 0
                break
            match = _HEADING_NAME.fullmatch(style.name.strip())
            if match:
                level = int(match.group(1))
                break
            if style.name.strip().lower() in _TITLE_NAMES:
                level = 1
                break
        return _StyleInfo(
            heading_level=level,
            toc=any(_TOC_NAME.match(s.name.strip()) for s in chain),
            list_by_name=any(_LIST_NAME.fullmatch(s.name.strip()) for s in chain),
            num_id=next((s.num_id for s in chain if s.num_id is not None), None),
        )


# ----------------------------------------------------------------------------- body

# "Formål<TAB>3" or "Formål ........ 3": how a TOC looks once fields are gone.
_TOC_LINE = re.compile(
    r"\S.{0,150}?(?:\t\s*|\.{4,}\s*|…{2,}\s*)(?:\d{1,3}|[ivx]{1,5}|[IVX]{1,5})"
)
_TOC_LINE_MAX = 160


@dataclass(slots=True)
class _Field:
    instr: str = ""
    toc: bool = False


class _TextAcc:
    """Collects paragraph text and notes whether any of it was a TOC field result."""

    __slots__ = ("in_toc", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.in_toc = False

    def text(self) -> str:
        return "".join(self.parts)


def _instr_is_toc(instr: str) -> bool:
    return instr.strip().upper().startswith("TOC")


class _PartReader:
    """Walks one story (body, header or footer) in reading order.

    Complex fields span paragraphs (a TOC field opens in one paragraph and closes
    many paragraphs later), so the open-field stack lives here, not per paragraph.
    """

    def __init__(self, tags: Tags, styles: _Styles) -> None:
        self.w = tags
        self.styles = styles
        self.fields: list[_Field] = []

    # -- block level

    def blocks(self, container: etree._Element) -> Iterator[tuple[str, BlockKind, int]]:
        w = self.w
        for element, in_toc_sdt in self._block_elements(container, in_toc=False):
            if element.tag == w.p:
                acc = self._paragraph(element)
                text = acc.text().strip()
                if text:
                    kind, level = self._classify(element, text, in_toc_sdt or acc.in_toc)
                    yield text, kind, level
            else:
                for row in self._rows(element):
                    yield row, BlockKind.TABLE_ROW, 0

    def _block_elements(
        self, container: etree._Element, *, in_toc: bool
    ) -> Iterator[tuple[etree._Element, bool]]:
        """Paragraphs and tables, looking through content controls and custom XML."""
        w = self.w
        for child in container:
            tag = child.tag
            if tag == w.p or tag == w.tbl:
                yield child, in_toc
            elif tag == w.sdt:
                content = child.find(w.sdt_content)
                if content is not None:
                    yield from self._block_elements(
                        content, in_toc=in_toc or self._is_toc_sdt(child)
                    )
            elif tag == w.custom_xml:
                yield from self._block_elements(child, in_toc=in_toc)

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
                content = child.find(w.sdt_content)
                if content is not None:
                    yield from self._transparent(content, tag)
            elif child.tag == w.custom_xml:
                yield from self._transparent(child, tag)

    def _rows(self, tbl: etree._Element) -> Iterator[str]:
        for tr in self._transparent(tbl, self.w.tr):
            if tr.find(self.w.row_deleted_path) is not None:
                continue  # tracked row deletion
            cells = [text for tc in self._transparent(tr, self.w.tc) if (text := self._cell(tc))]
            if cells:
                yield " | ".join(cells)

    def _cell(self, tc: etree._Element) -> str:
        """All text of a cell on one line; nested tables are flattened into it."""
        texts: list[str] = []
        for element, _in_toc in self._block_elements(tc, in_toc=False):
            if element.tag == self.w.p:
                text = self._paragraph(element).text().strip()
                if text:
                    texts.append(text)
            else:
                for tr in self._transparent(element, self.w.tr):
                    texts.extend(
                        text for cell in self._transparent(tr, self.w.tc)
                        if (text := self._cell(cell))
                    )
        return " ".join(texts)

    # -- paragraph level

    def _paragraph(self, p: etree._Element) -> _TextAcc:
        acc = _TextAcc()
        self._inline(p, acc)
        return acc

    def _emit(self, acc: _TextAcc, text: str) -> None:
        acc.parts.append(text)
        if text.strip() and any(field.toc for field in self.fields):
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
                content = child.find(w.sdt_content)
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
                # We understand none of the optional extensions, so the fallback
                # is the branch meant for us; taking both would duplicate text.
                fallback = child.find(self.w.fallback)
                if fallback is not None:
                    self._inline(fallback, acc)

    def _run(self, run: etree._Element, acc: _TextAcc) -> None:
        w = self.w
        for child in run:
            tag = child.tag
            if tag == w.t:
                self._emit(acc, child.text or "")
            elif tag == w.tab or tag == w.ptab:
                self._emit(acc, "\t")
            elif tag == w.br or tag == w.cr:
                self._emit(acc, " ")
            elif tag == w.no_break_hyphen:
                self._emit(acc, "-")
            elif tag == w.fld_char:
                self._field_char(child.get(w.fld_char_type))
            elif tag == w.instr_text:
                if self.fields:
                    self.fields[-1].instr += child.text or ""
            elif tag == w.alternate:
                fallback = child.find(w.fallback)
                if fallback is not None:
                    self._run(fallback, acc)
            # w:softHyphen is invisible unless a line breaks there: dropped.
            # Drawings, text boxes, symbols and note references carry no body text.

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate":
            if self.fields:
                self.fields[-1].toc = _instr_is_toc(self.fields[-1].instr)
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _classify(self, p: etree._Element, text: str, toc_context: bool) -> tuple[BlockKind, int]:
        """Decide the block kind; TOC first so listed headings never pose as headings."""
        w = self.w
        style_id: str | None = None
        direct_outline: int | None = None
        numpr: etree._Element | None = None
        ppr = p.find(w.ppr)
        if ppr is not None:
            pstyle = ppr.find(w.pstyle)
            if pstyle is not None:
                style_id = pstyle.get(w.val)
            outline_el = ppr.find(w.outline)
            if outline_el is not None:
                direct_outline = int_or_none(outline_el.get(w.val))
            numpr = ppr.find(w.numpr)
        style = self.styles.info(style_id)

        if toc_context or style.toc:
            return BlockKind.TOC_ENTRY, 0
        if direct_outline is not None:
            level = direct_outline + 1 if 0 <= direct_outline < _BODY_OUTLINE_LEVEL else 0
        else:
            level = style.heading_level
        if level:
            return BlockKind.HEADING, level
        if len(text) <= _TOC_LINE_MAX and _TOC_LINE.fullmatch(text):
            return BlockKind.TOC_ENTRY, 0

        num_id = style.num_id
        explicitly_unnumbered = False
        if numpr is not None:
            num_el = numpr.find(w.num_id)
            if num_el is not None:
                num_id = num_el.get(w.val)
                explicitly_unnumbered = num_id == "0"  # numId 0 removes numbering
        if explicitly_unnumbered:
            return BlockKind.PARAGRAPH, 0
        if (num_id is not None and num_id != "0") or style.list_by_name:
            return BlockKind.LIST_ITEM, 0
        return BlockKind.PARAGRAPH, 0
