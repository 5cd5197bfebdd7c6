"""Plain-text and Markdown reader.

Text copied from web pages or OCR tools arrives with CRLF line ends, form
feeds between pages, and words hyphenated at line ends; all of that is layout,
not content, and is undone here. A web page saved as ``.txt`` is recognised
here (``looks_like_html``) and handed to the HTML reader instead: read as text
it would be tags and menus.
"""

from __future__ import annotations

import re
from pathlib import Path

from samlint.documents import own_output
from samlint.documents.layout import Line, join_hyphenated, lines_to_blocks, strip_furniture
from samlint.documents.model import Document, DocumentError, TextBudget

MAX_TEXT_BYTES = 50 * 1024 * 1024
# Form feeds are page breaks. Furniture detection costs a little per page, and
# 50 MB of form feeds would take many minutes: the PDF reader's page limit
# applies to text files too.
MAX_TEXT_PAGES = 5000
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)


def read_text(path: Path, display: str) -> Document:
    """Decode, split into pages and lines, and build blocks.

    At most ``MAX_TEXT_BYTES`` + 1 bytes are ever read, so a huge file (or
    one that never ends) costs no more than that.
    """
    with path.open("rb") as handle:
        data = handle.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise DocumentError(
            "too-large",
            f"tekstfilen er større enn {MAX_TEXT_BYTES // (1024 * 1024)} MB, langt mer enn en "
            "samarbeidsavtale; del den opp, eller sjekk at det er riktig fil",
        )
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError("corrupt", "filen er ikke en tekstfil (inneholder binære data); sjekk "
                            "at filendelsen stemmer – kanskje er den en PDF eller et Word-dokument")
    text = decode(data)
    TextBudget().spend(len(text))
    if not text.strip():
        raise DocumentError("empty", "filen inneholder ingen tekst, bare blanke tegn; sjekk at det "
                            "er riktig fil")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    own_output.check_plain(text)  # samlint's own report saved among the agreements
    raw_pages = text.split("\f")
    if len(raw_pages) > MAX_TEXT_PAGES:
        raise DocumentError(
            "too-large",
            f"tekstfilen har {len(raw_pages)} sider (sideskift), mer enn grensen på "
            f"{MAX_TEXT_PAGES}; del den opp i mindre filer, eller sjekk at det er riktig fil",
        )
    paginated = len(raw_pages) > 1
    pages: list[list[Line]] = []
    number = 0
    for raw_page in raw_pages:
        page: list[Line] = []
        for raw_line in raw_page.split("\n"):
            number += 1
            page.append(table_line(raw_line.replace("\u00ad", ""), number))
        pages.append(page)
        number -= 1  # the form feed sits inside a line, not between lines
    furniture: list[str] = []
    if paginated:
        pages, furniture = strip_furniture(pages)
    lines = join_hyphenated([line for page in pages for line in page])
    return Document(path=path, display=display, blocks=lines_to_blocks(lines),
                    furniture=furniture)


def table_line(text: str, number: int) -> Line:
    """A printed line; a Markdown pipe-table row becomes a table row of its own.

    Read as a paragraph, a Markdown table is one run of text in which one
    row's substance would speak for another row's topic. Its rows are kept
    apart and their cells joined by " | " with empty cells left out, as the
    DOCX and HTML readers write a table row; the separator row (``|---|:--|``)
    is layout and ends the block like a blank line.
    """
    stripped = text.strip()
    if len(stripped) < 3 or stripped[0] != "|" or stripped[-1] != "|":
        return Line(text, number, None)
    cells = [cell.strip() for cell in stripped[1:-1].split("|")]
    if all(_TABLE_RULE.fullmatch(cell) for cell in cells):
        return Line("", number, None)
    found = [cell for cell in cells if cell]
    if not found:
        return Line("", number, None)
    return Line(" | ".join(found), number, None, table=True)


_TABLE_RULE = re.compile(r":?-{3,}:?")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def looks_like_html(path: Path) -> bool:
    """Whether a ``.txt`` is really a saved web page (``<!doctype html`` or ``<html`` first)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False  # read_text reports it
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    return bool(_HTML_START.match(head))
