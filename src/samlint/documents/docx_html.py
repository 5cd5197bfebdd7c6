"""Read an HTML (or MHT) part embedded in a DOCX as an ``altChunk``.

Word lets a document embed a web page that it renders in place; agreements
assembled from an intranet page carry whole sections this way. The page is
turned into the same items a Word paragraph gives: h1–h6 headings, paragraphs,
list items and table rows (cells joined by " | "), with script, style and
page chrome left out.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator

from lxml import etree, html

from samlint.documents.docx_story import Item
from samlint.documents.model import BlockKind

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIP = frozenset({"script", "style", "head", "title", "nav", "header", "footer", "noscript",
                   "template", "iframe", "object", "svg", "button", "select", "textarea"})
_BLOCKS = frozenset({"p", "li", "dt", "dd", "pre", "caption", "figcaption", "address",
                     *_HEADINGS})
# Containers whose own loose text is a paragraph of its own.
_CONTAINERS = frozenset({"html", "body", "div", "section", "article", "main", "aside",
                         "blockquote", "ul", "ol", "dl", "table", "thead", "tbody", "tfoot",
                         "form", "fieldset", "center", "figure"})


def html_items(data: bytes) -> list[Item]:
    """Items of an HTML document; empty when it holds no text."""
    if not data.strip():
        return []
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                              huge_tree=False, recover=True, encoding=_encoding(data))
    try:
        root = html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return []
    return list(_walk(root))


def _encoding(data: bytes) -> str | None:
    """The page's encoding when it does not declare one.

    Without a declaration libxml2 assumes Latin-1, which turns a UTF-8 'ø'
    into 'Ã¸'; Word writes UTF-8, and older tools Windows-1252.
    """
    head = data[:4096].lower()
    if b"charset" in head or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1252"
    return "utf-8"


def mht_html(data: bytes) -> bytes:
    """The HTML of a web archive (MHT: a MIME message), or b'' if it has none."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset and "charset" not in payload[:1024].decode("ascii", "ignore"):
                    # Say the charset inside the page, where lxml looks for it.
                    return f'<meta charset="{charset}">'.encode() + payload
                return payload
    return b""


def _text(element: etree._Element, *, nested: bool) -> str:
    """The element's text; with ``nested`` False, without its block-level children."""
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP:
            pass
        elif tag == "br":
            parts.append(" ")
        elif nested or (tag not in _BLOCKS and tag not in _CONTAINERS and tag != "tr"):
            parts.append(_text(child, nested=True))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _walk(element: etree._Element) -> Iterator[Item]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        return
    if tag == "tr":
        cells = [text for cell in element if isinstance(cell.tag, str)
                 and cell.tag in ("td", "th") and (text := _text(cell, nested=True))]
        if cells:
            yield Item(" | ".join(cells), BlockKind.TABLE_ROW)
        return
    if tag in _BLOCKS:
        text = _text(element, nested=False)
        if text:
            if tag in _HEADINGS:
                yield Item(text, BlockKind.HEADING, _HEADINGS[tag])
            else:
                yield Item(text, BlockKind.LIST_ITEM if tag == "li" else BlockKind.PARAGRAPH)
    else:
        loose = _text(element, nested=False) if tag in _CONTAINERS or not tag else ""
        if loose:
            yield Item(loose, BlockKind.PARAGRAPH)
    for child in element:
        child_tag = child.tag if isinstance(child.tag, str) else ""
        if child_tag in _BLOCKS or child_tag in _CONTAINERS or child_tag in ("tr", "td", "th"):
            yield from _walk(child)
