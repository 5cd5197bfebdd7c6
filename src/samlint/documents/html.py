"""Read web pages (``.html``, ``.htm``, or a page saved as ``.txt``) into the ``Document`` model.

Many kommuner publish their agreements as web pages, and case officers save
them from the browser. Read as plain text, a page is tags and navigation; read
here with lxml.html, ``h1``–``h6`` are headings with their level, ``li`` list
items, each table row one line with its cells in order, and ``p`` (or any
other run of text) a paragraph. A section typed as an item of a numbered list
(``<ol><li>`` as LibreOffice exports Word's "List Number", or a ``<p>`` with
``mso-list`` in its style as Word does) is a heading by the rule the DOCX
reader uses (``list_headings``), with the number a browser shows.
What is not the agreement is left out: site navigation, sidebars, forms,
scripts and styles are dropped; the page header and footer (``header``/``footer``
outside an article, and LibreOffice's ``<div title="header">``) become
furniture, like page headers in a PDF.
What the page hides (the ``hidden`` attribute, ``display:none`` or
``visibility:hidden`` in the element's ``style`` or in a simple rule of the
page's own style sheet) a reader never sees, so it is not read, and a notice
says how many paragraphs were left out. ``aria-hidden`` is read: it hides
text from screen readers only, and what it marks is shown on the screen.

The file is read with the text reader's size bound, decoded as the page
declares (else UTF-8, else Windows-1252), and parsed with no network access;
libxml2's HTML parser never expands declared entities.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.html
from lxml import etree

from samlint.documents import own_output
from samlint.documents.list_headings import FORMAT_LETTERS, Entry, promote, shown_number
from samlint.documents.model import (
    Block,
    BlockKind,
    Document,
    DocumentError,
    TextBudget,
    hidden_text_notices,
)
from samlint.documents.text import MAX_TEXT_BYTES, looks_like_html
from samlint.results import Notice

__all__ = ["decode", "looks_like_html", "read_html"]

# Not agreement text: dropped with everything inside.
SKIPPED = frozenset({
    "nav", "script", "style", "noscript", "aside", "form", "template", "head", "title",
    "svg", "math", "iframe", "object", "embed", "canvas", "button", "select", "textarea",
    "input", "dialog", "audio", "video", "map",
})
# A document shown in a frame is not read here, but named: it may be the agreement itself.
FRAMES = frozenset({"iframe", "object", "embed"})
_DOCUMENT = re.compile(r"\.(?:pdf|docx?|docm|odt|rtf|txt)(?:[?#].*)?$", re.IGNORECASE)
SKIPPED_ROLES = frozenset({"navigation", "search", "complementary"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Elements that start a new block; any other element continues the current line.
BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "body", "html", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "address", "figure", "figcaption", "caption", "details", "summary",
    "fieldset", "legend", "center", "hr", "header", "footer", "hgroup", "menu", "dir",
    "tbody", "thead", "tfoot", "tr", "td", "th", "li", "pre", *HEADINGS,
})
# A header or footer inside these is the article's own, not the site's banner.
SECTIONING = frozenset({"article", "main", "section"})
ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
MAX_DEPTH = 200  # libxml2 nests no deeper than 256; a page needs far fewer
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Links to a footnote or endnote and back, as Word and LibreOffice write them.
_NOTE_LINK = re.compile(r"#(?:_(?:ftn|edn)(?:ref)?\d+|sd(?:foot|end)note\d+(?:anc|sym))",
                        re.IGNORECASE)
# A declaration that hides an element, in a style attribute or a style sheet rule.
_HIDING = re.compile(r"(?:^|[;{\s])(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))"
                     r"\s*(?:!\s*important\s*)?(?:;|$)", re.IGNORECASE)
_DISPLAY = re.compile(r"(?:^|;)\s*display\s*:", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BRACE = re.compile(r"[{}]")
# The selectors a page's own style sheet hides elements by that are honoured: ``tag``,
# ``.class``, ``#id``, ``tag.class``, ``tag#id``; anything more complex is not judged.
_SIMPLE_SELECTOR = re.compile(r"([a-z][a-z0-9]*)?(?:([.#])([-\w]+))?", re.IGNORECASE)
# Word's HTML writes a list paragraph as a <p> with its list and level in the style, and
# its number (or bullet) as text in a span the style tells a browser to ignore.
_WORD_LIST = re.compile(r"mso-list\s*:\s*(l\d+)\s+level(\d+)", re.IGNORECASE)
_WORD_NUMBER = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"(?:\d{1,3}|[IVXLivxl]{1,6}|[A-Za-z])[.)]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
MSG_TOO_LARGE = (
    f"nettsiden er større enn {MAX_TEXT_BYTES // (1024 * 1024)} MB, langt mer enn en "
    "samarbeidsavtale; del den opp, eller sjekk at det er riktig fil"
)
MSG_EMPTY = (
    "nettsiden inneholder ingen avtaletekst (bare meny, skript eller blanke tegn); sjekk at "
    "det er riktig fil, eller lagre selve avtalen som PDF eller DOCX"
)
MSG_EMBEDDED = (
    "nettsiden viser {count} dokument(er) i en ramme ({names}) som ikke er lest; last ned "
    "dokumentet og kjør samlint på det sammen med siden"
)
MSG_ONLY_EMBEDDED = (
    "nettsiden har ingen avtaletekst selv, men viser et dokument i en ramme ({names}); last "
    "ned dokumentet og kjør samlint på det"
)
MSG_CORRUPT = (
    "nettsiden kan ikke leses (ugyldig eller altfor dypt nestet HTML); åpne den i en "
    "nettleser og lagre den på nytt, eller lagre avtalen som PDF"
)

Item = tuple[str, BlockKind, int]


def read_html(path: Path, display: str) -> Document:
    """Bounded read, decode, parse without network, and walk the page into blocks."""
    with path.open("rb") as handle:
        data = handle.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise DocumentError("too-large", MSG_TOO_LARGE)
    own_output.check_markup(data)  # samlint's own report or review copy among the agreements
    embedded: list[str] = []
    hidden: list[int] = []
    items, furniture = html_blocks(data, TextBudget(), embedded, hidden)
    notices = [Notice(display, "embedded", MSG_EMBEDDED.format(
        count=len(embedded), names=", ".join(embedded)))] if embedded else []
    notices += hidden_text_notices(display, sum(hidden))
    if not items:
        if embedded:  # the page only frames the agreement: say where it is
            raise DocumentError("empty", MSG_ONLY_EMBEDDED.format(names=", ".join(embedded)))
        raise DocumentError("empty", MSG_EMPTY)
    # A block's line is its line in the page's text as shown (each heading, paragraph, list
    # item, table row and line of preformatted text starts a line), as in DOCX and ODT: the
    # source line told blocks apart only in hand-written HTML, and an exported page (all of
    # LibreOffice's body on one line) cited every finding at the same line.
    blocks = [Block(text=text, kind=kind, line=number, level=level)
              for number, (text, kind, level) in enumerate(items, 1)]
    return Document(path=path, display=display, blocks=blocks, furniture=furniture,
                    notices=notices)


def html_blocks(data: bytes, budget: TextBudget, embedded: list[str] | None = None,
                hidden: list[int] | None = None) -> tuple[list[Item], list[str]]:
    """A page's blocks (text, kind, level) and its header and footer lines; empty if no text.
    Documents the page shows in a frame (``iframe``, ``object``, ``embed``) are not read:
    their addresses are added to ``embedded``. ``hidden`` receives the number of
    paragraphs the page hides, which are not read.

    The one HTML walk of samlint: a web page on its own and a page embedded
    in a Word file (``altChunk``, ``samlint.documents.docx_chunks``) are read
    the same way.
    """
    source = _XML_DECLARATION.sub("", decode(data), count=1)
    if not source.strip():
        return [], []
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False)
    try:
        root = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return [], []
    walker = _Walker(budget, embedded if embedded is not None else [], _hidden_selectors(root))
    try:
        body = root.find("body")
        walker.block(body if body is not None else root, (BlockKind.PARAGRAPH, 0), 0)
    except RecursionError:
        raise DocumentError("corrupt", MSG_CORRUPT) from None
    entries = [Entry(kind, text, level, *(place or ()))
               for (text, kind, level), place in zip(walker.out, walker.places, strict=True)]
    promote(entries)  # numbered list items that are headings, as in .docx and .pdf
    if hidden is not None:
        hidden.append(walker.hidden)
    return [(entry.text, entry.kind, entry.level) for entry in entries], walker.furniture


def decode(data: bytes) -> str:
    """As the page says (BOM, then ``<meta charset>``), else UTF-8, else Windows-1252.

    Browsers read a declared ISO-8859-1 as Windows-1252, and so does this.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            name = codecs.lookup(match.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            name = ""
        if name in ("latin-1", "iso8859-1", "ascii"):
            name = "cp1252"
        if name and not name.startswith("utf-16"):
            return data.decode(name, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


class _Walker:
    """Collects blocks in reading order: a run of inline text ends at each block element."""

    def __init__(self, budget: TextBudget, embedded: list[str],
                 sheet: frozenset[tuple[str, str, str]] = frozenset()) -> None:
        self.budget = budget
        self.embedded = embedded
        self.sheet = sheet  # what the page's style sheet hides: (tag, "." or "#", name)
        self.hidden = 0  # paragraphs with hidden text, not read
        self.out: list[Item] = []
        self.furniture: list[str] = []
        self.run: list[str] = []
        self.kind: tuple[BlockKind, int] = (BlockKind.PARAGRAPH, 0)
        # For list_headings, per item of ``out``: (list, depth, printed number) of a list
        # item, else None; the list and depth being read, the number of the item being
        # read (until its first block takes it), and each top-level <ol>'s next number.
        self.places: list[tuple[int | str, int, str | None] | None] = []
        self.at: tuple[int | str, int] | None = None
        self.word_number = False  # a Word list paragraph's number span is still to come
        self.label: str | None = None
        self.format = ""
        self.numbers: list[int] = []

    def flush(self) -> None:
        text = _WHITESPACE.sub(" ", "".join(self.run)).strip()
        self.run.clear()
        if text:
            self.budget.spend(len(text))
            self.out.append((text, *self.kind))
            listed = self.kind[0] == BlockKind.LIST_ITEM and self.at is not None
            self.places.append((*self.at, self.label) if listed and self.at else None)
            self.label = None if listed else self.label

    def block(self, element: etree._Element, kind: tuple[BlockKind, int], depth: int) -> None:
        self.flush()
        saved, self.kind = self.kind, kind
        self.walk(element, depth)
        self.flush()
        self.kind = saved

    def walk(self, element: etree._Element, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise RecursionError
        if element.text:
            self.run.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                self.child(child, depth + 1)
            if child.tail:
                self.run.append(child.tail)

    def child(self, element: etree._Element, depth: int) -> None:
        tag = element.tag.lower()
        if tag in FRAMES and _DOCUMENT.search(element.get("src") or element.get("data") or ""):
            self.embedded.append(element.get("src") or element.get("data") or "")
        if tag in SKIPPED or element.get("role") in SKIPPED_ROLES:
            return
        if _is_hidden(element, tag, self.sheet):
            inner = _Walker(self.budget, [], self.sheet)  # only counted, for the notice
            inner.block(element, (BlockKind.PARAGRAPH, 0), depth)
            self.hidden += len(inner.out) + inner.hidden
            return
        if _is_furniture(element, tag):
            self.flush()
            inner = _Walker(self.budget, self.embedded, self.sheet)
            inner.block(element, (BlockKind.PARAGRAPH, 0), depth)
            self.furniture.extend(text for text, _kind, _level in inner.out)
            return
        if tag == "br" or (tag == "a" and _is_note_mark(element)):
            self.run.append(" ")
        elif tag == "table":
            self.flush()
            self.table(element, depth)
        elif tag == "pre":
            self.flush()
            for line in "".join(element.itertext()).splitlines():
                self.run.append(line)
                self.flush()
        elif tag in HEADINGS:
            self.block(element, (BlockKind.HEADING, HEADINGS[tag]), depth)
        elif tag == "li":
            self.label = self._number(element)
            self.block(element, (BlockKind.LIST_ITEM, 0), depth)
        elif tag in ("ol", "ul"):
            self._list(element, tag, depth)
        elif tag == "p" and self.at is None and (
                word := _WORD_LIST.search(element.get("style") or "")):
            self.at, self.word_number = (word.group(1).lower(), int(word.group(2)) - 1), True
            self.block(element, (BlockKind.LIST_ITEM, 0), depth)
            self.at, self.word_number = None, False
        elif tag == "span" and self.word_number and _WORD_NUMBER.search(
                element.get("style") or ""):
            shown = _WHITESPACE.sub("", "".join(element.itertext()).replace("\xa0", " "))
            self.word_number = False  # the number is not text, as in the .docx
            self.label = shown if self.at and not self.at[1] and _LIST_NUMBER.fullmatch(
                shown) else None
        elif tag in BLOCKS:
            self.block(element, self.kind, depth)  # a <p> in an <li> is still the item
        else:
            self.walk(element, depth)

    def _list(self, element: etree._Element, tag: str, depth: int) -> None:
        """A list; one inside an item is a sublist, a level down the same list. A top-level
        <ol> whose ``start`` goes on from an earlier one's last number continues it (the
        earliest such: a document's section list comes first), as LibreOffice and Word
        write one list that body text interrupts."""
        saved = self.at, self.format
        if self.at is not None:
            self.at = (self.at[0], self.at[1] + 1)
        else:
            start = _int(element.get("start"), 1) if tag == "ol" else 1
            same = [n for n, after in enumerate(self.numbers) if start > 1 and after == start]
            identity = same[0] if same else len(self.numbers)
            if not same:
                self.numbers.append(start)
            self.numbers[identity] = start if tag == "ol" else -1  # a <ul> counts nothing
            self.at = (identity, 0)
        self.format = FORMAT_LETTERS.get(element.get("type") or "1", "") if tag == "ol" else ""
        self.block(element, self.kind, depth)
        self.at, self.format = saved

    def _number(self, item: etree._Element) -> str | None:
        """The number a browser shows before a top-level item of an <ol> ("3.")."""
        if self.at is None or self.at[1] or not self.format or self.numbers[self.at[0]] < 0:
            return None
        value = _int(item.get("value"), self.numbers[self.at[0]])
        self.numbers[self.at[0]] = value + 1
        return f"{shown_number(value, self.format)}."

    def table(self, table: etree._Element, depth: int) -> None:
        """Each row one line, cells in order; a hidden caption, row group, row or cell
        (met here, not in ``child``) is counted for the notice and not read."""
        for child in table:
            if not (isinstance(child.tag, str) and child.tag.lower() == "caption"):
                continue
            if _is_hidden(child, "caption", self.sheet):
                self.hidden += bool("".join(child.itertext()).strip())
            else:
                self.block(child, (BlockKind.PARAGRAPH, 0), depth)
        for row in _rows(table):
            group = row.getparent()
            if _is_hidden(row, "tr", self.sheet) or (
                    group is not table and group is not None
                    and _is_hidden(group, str(group.tag).lower(), self.sheet)):
                self.hidden += bool("".join(row.itertext()).strip())
                continue
            cells: list[str] = []
            hidden = 0
            for cell in row:
                if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th"):
                    if _is_hidden(cell, cell.tag.lower(), self.sheet):
                        hidden += bool("".join(cell.itertext()).strip())
                        continue
                    inner = _Walker(self.budget, self.embedded, self.sheet)
                    inner.block(cell, (BlockKind.PARAGRAPH, 0), depth + 2)
                    hidden += inner.hidden
                    text = " ".join(text.replace(" | ", " ") for text, _k, _l in inner.out)
                    if text:
                        cells.append(text)
            self.hidden += min(hidden, 1)  # the row is one paragraph
            if cells:
                self.out.append((" | ".join(cells), BlockKind.TABLE_ROW, 0))
                self.places.append(None)


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, min(int(value), 10_000)) if value else default
    except ValueError:
        return default


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows in order (``thead``/``tbody``/``tfoot`` looked through)."""
    rows: list[etree._Element] = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ROW_GROUPS:
            rows.extend(row for row in child
                        if isinstance(row.tag, str) and row.tag.lower() == "tr")
    return rows


def _is_note_mark(link: etree._Element) -> bool:
    """A note's mark ("1", "[2]", "i"): a link to the note or back, not text of its own.
    Read, it would glue to the word before it ("pasientforløp.1") or after it
    ("1Fotnote"), and neither would match. A superscript link within the page
    is a mark; an ordinary one ("se punkt 3") is text and stays."""
    href = link.get("href") or ""
    if not href.startswith("#"):
        return False
    if _NOTE_LINK.fullmatch(href):
        return True
    parent = link.getparent()
    superscript = (parent is not None and parent.tag == "sup") or link.find(".//sup") is not None
    return superscript and len("".join(link.itertext()).strip()) <= 4


def _is_hidden(element: etree._Element, tag: str,
               sheet: frozenset[tuple[str, str, str]]) -> bool:
    """Whether the page hides the element: ``hidden``, a hiding ``style``, or a rule of
    its style sheet (unless its own ``style`` sets ``display`` to something shown)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style") or ""
    if style and _HIDING.search(style):
        return True
    if not sheet or (style and _DISPLAY.search(style)):
        return False
    if (tag, "", "") in sheet:
        return True
    names = [(".", name) for name in (element.get("class") or "").split()]
    if element.get("id"):
        names.append(("#", element.get("id") or ""))
    return any((tag, kind, name) in sheet or ("", kind, name) in sheet for kind, name in names)


def _hidden_selectors(root: etree._Element) -> frozenset[tuple[str, str, str]]:
    """The simple selectors the page's own style sheets (``<style>``, for the screen) hide
    elements by, as (tag, "." or "#", name), "" where a part is absent. Rules inside
    ``@media`` and other at-rules are left alone: they hide for a printer or a small
    screen, not for every reader."""
    found: set[tuple[str, str, str]] = set()
    for sheet in root.iter("style"):
        media = (sheet.get("media") or "all").lower()
        if "all" not in media and "screen" not in media:
            continue
        css = _CSS_COMMENT.sub("", "".join(sheet.itertext()))
        depth, start, body = 0, 0, 0
        selectors = ""
        for brace in _BRACE.finditer(css):
            if brace.group() == "{":
                if depth == 0:
                    selectors, body = css[start:brace.start()], brace.end()
                depth += 1
                continue
            depth = max(0, depth - 1)
            if depth == 0:
                start = brace.end()
                selectors = selectors.rsplit(";", 1)[-1].strip()  # after an @import
                if selectors.startswith("@") or not _HIDING.search(css[body:brace.start()]):
                    continue
                for selector in selectors.split(","):
                    match = _SIMPLE_SELECTOR.fullmatch(selector.strip())
                    if match and (match.group(1) or match.group(2)):
                        found.add(((match.group(1) or "").lower(), match.group(2) or "",
                                   match.group(3) or ""))
    found -= {("html", "", ""), ("body", "", "")}  # a page hidden until a script shows it
    return frozenset(found)


def _is_furniture(element: etree._Element, tag: str) -> bool:
    """The site's banner and footer (or a page header LibreOffice wrote), not the agreement's."""
    if tag == "div":
        return (element.get("title") or "").lower() in ("header", "footer")
    if tag in ("header", "footer") or element.get("role") in ("banner", "contentinfo"):
        return not any(isinstance(a.tag, str) and a.tag.lower() in SECTIONING
                       for a in element.iterancestors())
    return False
