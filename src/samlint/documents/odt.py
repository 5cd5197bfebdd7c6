"""Read OpenDocument text (``.odt``, ``.ott``) into the shared ``Document`` model.

Kommuner that write in LibreOffice publish ODT. An ODT is a zip like a DOCX,
so it faces the same hostile files: the zip directory is checked before
anything is inflated, every read is bounded, and the XML is parsed with no
DTDs, entities or network (all from ``docx_package``, reused rather than
copied so both formats keep the same defences). Only the messages differ:
those say "Word", and a case officer with an ODT must read "ODT".

Headings come from ``text:h`` and its outline level (or a paragraph style
with a default outline level, or the Title style, as in the DOCX reader);
list items, table rows (cells in order on one line) and paragraphs follow in
reading order; page headers and footers (``styles.xml`` master pages) are
furniture. A section typed as an item of a numbered list ("1. Formål") is a
heading by the rule the DOCX reader uses (``list_headings``, numbers from
``odt_lists``), so an ODT and the .docx it was saved from agree.
Footnotes, endnotes and text boxes are read as paragraphs right after the
paragraph that holds them, so no text is left out. Hidden text
(a character or paragraph style with ``text:display="none"``, a hidden
section, paragraph or ``text:hidden-text``) is not shown to a reader and not
read; a notice says how many paragraphs held it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from samlint.documents.docx_package import (
    Package,
    Wording,
    check_directory,
    open_zip,
    parse_part,
)
from samlint.documents.list_headings import Entry, promote
from samlint.documents.model import (
    Block,
    BlockKind,
    Document,
    DocumentError,
    TextBudget,
    hidden_text_notices,
)
from samlint.documents.odt_lists import Lists, Place
from samlint.results import Notice

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def _t(local: str) -> str:
    return f"{{{TEXT}}}{local}"


def _tb(local: str) -> str:
    return f"{{{TABLE}}}{local}"


H, P, LIST, LIST_ITEM, LIST_HEADER = _t("h"), _t("p"), _t("list"), _t("list-item"), _t(
    "list-header")
SECTION, S, TAB, LINE_BREAK = _t("section"), _t("s"), _t("tab"), _t("line-break")
NOTE, NOTE_BODY, NUMBER = _t("note"), _t("note-body"), _t("number")
TRACKED = _t("tracked-changes")
TABLE_TABLE, TABLE_ROW, TABLE_CELL = _tb("table"), _tb("table-row"), _tb("table-cell")
ROW_CONTAINERS = frozenset(_tb(x) for x in ("table-header-rows", "table-rows",
                                            "table-row-group"))
INDEX_BODY, INDEX_TITLE = _t("index-body"), _t("index-title")
# Generated indexes: their entries repeat the headings and must never pose as them.
INDEXES = frozenset(_t(x) for x in (
    "table-of-content", "illustration-index", "table-index", "object-index",
    "user-index", "alphabetical-index", "bibliography"))
FRAME, TEXT_BOX, GROUP = f"{{{DRAW}}}frame", f"{{{DRAW}}}text-box", f"{{{DRAW}}}g"
# What a frame holds instead of text: another document or a chart, not read here.
OBJECTS = frozenset({f"{{{DRAW}}}object", f"{{{DRAW}}}object-ole"})
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
NUMBERED_PARAGRAPH = _t("numbered-paragraph")
SPAN, HIDDEN_TEXT, HIDDEN_PARAGRAPH = _t("span"), _t("hidden-text"), _t("hidden-paragraph")
DISPLAY, IS_HIDDEN, STYLE_NAME = _t("display"), _t("is-hidden"), _t("style-name")
TEXT_PROPERTIES = f"{{{STYLE}}}text-properties"
# Comments and the cached text of hidden or deleted parts are not agreement text.
SKIPPED_INLINE = frozenset({
    f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end", NUMBER, _t("note-citation"),
    HIDDEN_PARAGRAPH, _t("sequence-decls"), _t("variable-decls"),
    _t("user-field-decls"), _t("soft-page-break"), _t("bookmark"), _t("bookmark-start"),
    _t("bookmark-end"), _t("change"), _t("change-start"), _t("change-end"),
})
TEXT_MIMETYPES = frozenset({
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
})
_TITLE_NAMES = frozenset({"title", "tittel"})
_HEADING_NAME = re.compile(r"(?:heading|overskrift)[ _]*(?:_20_)?([1-9])", re.IGNORECASE)
_SAVE_AGAIN = "åpne og lagre den på nytt i LibreOffice, eller lagre den som DOCX eller PDF"
ODT = Wording("ODT-filen", "ODT-filer", "ODF-fil", _SAVE_AGAIN,
              "ODT-filen er passordbeskyttet; lagre den på nytt uten passord")
MSG_CORRUPT = ODT.corrupt()
MSG_NO_CONTENT = f"ODT-filen mangler selve dokumentinnholdet (content.xml); {_SAVE_AGAIN}"
MSG_ENCRYPTED = ODT.encrypted
MSG_NOT_TEXT = (
    "filen er et OpenDocument-{kind}, ikke et tekstdokument; lagre avtaleteksten som ODT, "
    "DOCX eller PDF"
)


def read_odt(path: Path, display: str) -> Document:
    """Extract body blocks and page furniture; every failure is a DocumentError."""
    try:
        return _read(path, display)
    except (DocumentError, MemoryError):
        raise
    except Exception as exc:  # anything unforeseen in a malformed file is "broken"
        raise DocumentError("corrupt", MSG_CORRUPT) from exc


def _read(path: Path, display: str) -> Document:
    zf = open_zip(path, MSG_CORRUPT)
    with zf:
        check_directory(zf, ODT)
        package = Package(zf, wording=ODT)
        _check_kind(package)
        content = package.read("content.xml")
        if content is None:
            raise DocumentError("corrupt", MSG_NO_CONTENT)
        root = parse_part(content, "content.xml", ODT)
        styles_data = package.read("styles.xml")
        styles_root = parse_part(styles_data, "styles.xml", ODT) if styles_data else None
    roots = [root, *([styles_root] if styles_root is not None else [])]
    styles, lists = _Styles(roots), Lists(roots)
    budget = TextBudget()
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise DocumentError("corrupt", MSG_CORRUPT)
    walker = _Walker(styles, lists)
    entries: list[Entry] = []
    for text, kind, level in walker.blocks(body):
        budget.spend(len(text))
        place = walker.place if kind == BlockKind.LIST_ITEM else None
        entries.append(Entry(kind, text, level, *(
            (place.list, place.depth, place.label) if place else ())))
    promote(entries)  # numbered list items that are headings, as in .docx and .pdf
    blocks = [Block(text=entry.text, kind=entry.kind, line=number, level=entry.level)
              for number, entry in enumerate(entries, start=1)]
    furniture: list[str] = []
    if styles_root is not None:
        for page in styles_root.iter(f"{{{STYLE}}}master-page"):
            for part in page:  # header, footer, header-left, footer-first, ...
                for text, _kind, _level in _Walker(styles, lists).blocks(part):
                    budget.spend(len(text))
                    furniture.append(text)
    if not blocks and not furniture:
        raise DocumentError("empty", "ODT-filen inneholder ingen tekst; sjekk at det er "
                            "riktig fil")
    return Document(path=path, display=display, blocks=blocks, furniture=furniture,
                    notices=_notices(walker.objects, display)
                    + hidden_text_notices(display, walker.hidden))


def _notices(objects: list[str], display: str) -> list[Notice]:
    """Nothing silent: an embedded object (another document, a chart) is named, not read."""
    if not objects:
        return []
    return [Notice(display, "embedded", (
        f"{len(objects)} innebygd(e) objekt(er) ({', '.join(objects)}) er ikke lest; lim "
        "teksten inn i selve dokumentet eller legg dokumentet ved som egen fil"))]


def _check_kind(package: Package) -> None:
    """Name a spreadsheet or an encrypted file before its XML fails to make sense."""
    mimetype = (package.read("mimetype") or b"").decode("ascii", "replace").strip()
    if mimetype and mimetype not in TEXT_MIMETYPES:
        kinds = {"spreadsheet": "regneark", "presentation": "presentasjon",
                 "graphics": "tegning", "formula": "formelark"}
        kind = next((v for k, v in kinds.items() if k in mimetype), "dokument av annen type")
        raise DocumentError("unsupported", MSG_NOT_TEXT.format(kind=kind))
    manifest = package.read("META-INF/manifest.xml")
    if manifest and b"encryption-data" in manifest:
        raise DocumentError("encrypted", MSG_ENCRYPTED)


class _Styles:
    """Paragraph styles (automatic and common) resolved to a heading level.

    LibreOffice writes every directly formatted paragraph as an automatic style
    (``P1``) whose parent is the named style, so the chain must be followed.
    Paragraph and character (``text``) styles also say whether they hide text.
    """

    def __init__(self, roots: list[etree._Element]) -> None:
        self._parent: dict[str, str | None] = {}
        self._own: dict[str, int] = {}
        # (family, name) -> (text:display if set, parent): for ``hidden``
        self._display: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._hidden: dict[tuple[str, str | None], bool] = {}
        for root in roots:
            for style in root.iter(f"{{{STYLE}}}style"):
                family = style.get(f"{{{STYLE}}}family")
                name = style.get(f"{{{STYLE}}}name")
                if family not in ("paragraph", "text") or not name:
                    continue
                props = style.find(TEXT_PROPERTIES)
                self._display.setdefault((family, name), (
                    props.get(DISPLAY) if props is not None else None,
                    style.get(f"{{{STYLE}}}parent-style-name")))
                if family != "paragraph":
                    continue
                self._parent.setdefault(name, style.get(f"{{{STYLE}}}parent-style-name"))
                level = _int(style.get(f"{{{STYLE}}}default-outline-level"))
                shown = (style.get(f"{{{STYLE}}}display-name") or name).strip()
                if not level:
                    match = _HEADING_NAME.fullmatch(shown) or _HEADING_NAME.fullmatch(name)
                    level = int(match.group(1)) if match else 0
                if not level and shown.lower() in _TITLE_NAMES:
                    level = 1
                if level:
                    self._own.setdefault(name, level)
        self._cache: dict[str | None, int] = {}

    def hidden(self, family: str, name: str | None) -> bool:
        """Whether a paragraph or character style hides its text (``text:display="none"``),
        itself or through its parents."""
        key = (family, name)
        if key not in self._hidden:
            hidden, seen, current = False, set(), name
            while current is not None and current not in seen:
                seen.add(current)
                display, parent = self._display.get((family, current), (None, None))
                if display is not None:
                    hidden = display == "none"
                    break
                current = parent
            self._hidden[key] = hidden
        return self._hidden[key]

    def heading_level(self, name: str | None) -> int:
        if name not in self._cache:
            level, seen, current = 0, set(), name
            while current is not None and current not in seen:
                seen.add(current)
                if current in self._own:
                    level = self._own[current]
                    break
                current = self._parent.get(current)
            self._cache[name] = level
        return self._cache[name]


def _int(value: str | None) -> int:
    try:
        return max(0, min(int(value), 10)) if value else 0
    except ValueError:
        return 0


Item = tuple[str, BlockKind, int]


class _Walker:
    """Walks one story (the body, a header or a footer) in reading order."""

    def __init__(self, styles: _Styles, lists: Lists) -> None:
        self.styles = styles
        self.lists = lists
        self.place: Place | None = None  # of the list item last yielded, for list_headings
        self._at: tuple[int, str, int] | None = None  # list, style, depth being read
        self._label: str | None = None  # the number of the item being read, until used
        self.objects: list[str] = []  # embedded objects met, by name: for a notice
        self.hidden = 0  # paragraphs with hidden text, not read: for a notice
        self._hiding = False  # the paragraph being read had hidden text

    def blocks(self, container: etree._Element, *, in_list: bool = False) -> Iterator[Item]:
        for child in container:
            tag = child.tag
            if tag in (H, P):
                yield from self._paragraph(child, in_list=in_list)
            elif tag == LIST:
                yield from self._list(child)
            elif tag == TABLE_TABLE:
                for row in self._rows(child):
                    yield row, BlockKind.TABLE_ROW, 0
            elif tag in INDEXES:
                body = child.find(INDEX_BODY)
                if body is not None:
                    for text, _kind, _level in self.blocks(body):
                        yield text, BlockKind.TOC_ENTRY, 0
            elif tag == SECTION and (child.get(DISPLAY) == "none"
                                     or child.get(IS_HIDDEN) == "true"):
                inner = _Walker(self.styles, self.lists)  # a hidden section: only counted
                self.hidden += sum(1 for _item in inner.blocks(child)) + inner.hidden
            elif tag in (SECTION, INDEX_BODY, INDEX_TITLE):
                yield from self.blocks(child, in_list=in_list)
            elif tag == NUMBERED_PARAGRAPH:  # a list item outside a list
                yield from self.blocks(child, in_list=True)
            elif isinstance(tag, str) and tag.startswith(f"{{{DRAW}}}"):
                for holder in self._drawing(child):  # a frame anchored to the page
                    yield from self.blocks(holder)
            # text:tracked-changes holds deleted text; declarations hold none.

    def _list(self, element: etree._Element) -> Iterator[Item]:
        """A list's items; a list in an item is a sublist, one level down the same list."""
        if self._at is None:
            identity, style = self.lists.open(element)
            depth = 0
        else:
            identity, style, depth = self._at[0], self._at[1], self._at[2] + 1
        saved = self._at
        for item in element:
            if item.tag not in (LIST_ITEM, LIST_HEADER):
                continue
            self._at = (identity, style, depth)
            self._label = (self.lists.number(identity, style, item)
                           if depth == 0 and item.tag == LIST_ITEM else None)
            yield from self.blocks(item, in_list=True)
            self._at = saved

    def _paragraph(self, p: etree._Element, *, in_list: bool) -> Iterator[Item]:
        style = p.get(STYLE_NAME)
        if self.styles.hidden("paragraph", style) or any(
                field.get(IS_HIDDEN) == "true" for field in p.iter(HIDDEN_PARAGRAPH)):
            self.hidden += bool("".join(p.itertext()).strip())  # a hidden paragraph
            return
        parts: list[str] = []
        extra: list[etree._Element] = []  # notes and text boxes, read after the paragraph
        self._hiding = False
        self._inline(p, parts, extra)
        self.hidden += self._hiding
        text = "".join(parts).strip()
        if text:
            if p.tag == H:
                level = _int(p.get(_t("outline-level"))) or self.styles.heading_level(style) or 1
                yield text, BlockKind.HEADING, level
            elif level := self.styles.heading_level(style):
                yield text, BlockKind.HEADING, level
            elif in_list:
                self.place = Place(self._at[0], self._at[2], self._label) if self._at else None
                self._label = None  # the item's later paragraphs are not numbered
                yield text, BlockKind.LIST_ITEM, 0
            else:
                yield text, BlockKind.PARAGRAPH, 0
        for holder in extra:
            yield from self.blocks(holder)

    def _inline(self, parent: etree._Element, parts: list[str],
                extra: list[etree._Element]) -> None:
        if parent.text:
            parts.append(_collapse(parent.text))
        for child in parent:
            tag = child.tag
            if tag == S:
                parts.append(" " * max(1, min(_int(child.get(_t("c"))), 10)))
            elif tag == TAB:
                parts.append("\t")
            elif tag == LINE_BREAK:
                parts.append(" ")
            elif tag == NOTE:
                body = child.find(NOTE_BODY)
                if body is not None:
                    extra.append(body)
            elif isinstance(tag, str) and tag.startswith(f"{{{DRAW}}}"):
                extra.extend(self._drawing(child))
            elif tag == HIDDEN_TEXT and child.get(IS_HIDDEN) == "false":
                parts.append(_collapse(child.get(_t("string-value")) or child.text or ""))
            elif tag == HIDDEN_TEXT or (
                    tag == SPAN and self.styles.hidden("text", child.get(STYLE_NAME))):
                shown = "".join(child.itertext()) or child.get(_t("string-value")) or ""
                self._hiding = self._hiding or bool(shown.strip())
            elif tag not in SKIPPED_INLINE and isinstance(tag, str):
                self._inline(child, parts, extra)
            if child.tail:
                parts.append(_collapse(child.tail))

    def _drawing(self, shape: etree._Element) -> list[etree._Element]:
        """What in a drawing holds text, each read once: a frame's own text box (a frame
        inside it is met again in its paragraphs), a shape's own paragraphs, a group's
        members. An embedded object is named for a notice instead."""
        if shape.tag == FRAME:
            for item in shape:
                if item.tag in OBJECTS:
                    name = (item.get(XLINK_HREF) or "").removeprefix("./") or "objekt"
                    self.objects.append(name)
            return shape.findall(TEXT_BOX)
        if shape.tag == GROUP:
            return [holder for member in shape for holder in self._drawing(member)]
        return [shape]  # a custom shape or rectangle: its text:p, if any

    def _rows(self, table: etree._Element) -> Iterator[str]:
        for row in _table_rows(table):
            cells = [text for cell in row if cell.tag == TABLE_CELL
                     and (text := self._cell(cell))]
            if cells:
                yield " | ".join(cells)

    def _cell(self, cell: etree._Element) -> str:
        """All text of a cell on one line; nested tables are flattened into it."""
        texts: list[str] = []
        for text, kind, _level in self.blocks(cell):
            if kind is BlockKind.TABLE_ROW:
                texts.append(text.replace(" | ", " "))
            else:
                texts.append(text)
        return " ".join(texts)


_WHITESPACE = re.compile(r"[ \t\r\n]+")


def _collapse(text: str) -> str:
    """ODF collapses white space in text like HTML; spaces that count are ``text:s``."""
    return _WHITESPACE.sub(" ", text)


def _table_rows(table: etree._Element) -> Iterator[etree._Element]:
    """Rows in order, looking through header-row and row-group wrappers."""
    for child in table:
        if child.tag == TABLE_ROW:
            yield child
        elif child.tag in ROW_CONTAINERS:
            yield from _table_rows(child)
