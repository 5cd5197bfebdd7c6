"""Read an HTML (or MHT) part embedded in a DOCX as an ``altChunk``.

Word lets a document embed a web page that it renders in place; agreements
assembled from an intranet page carry whole sections this way. The page is
read by the HTML reader's own walk (``samlint.documents.html.html_blocks``),
so an embedded page and a page on its own give the same blocks; its header
and footer lines are page furniture there and left out here.
"""

from __future__ import annotations

import email
import email.policy

from samlint.documents.docx_story import Item
from samlint.documents.html import html_blocks
from samlint.documents.model import TextBudget


def html_items(data: bytes, hidden: list[int] | None = None) -> list[Item]:
    """Items of an HTML document; empty when it holds no text. ``hidden`` receives the
    number of paragraphs the page hides (not read), for the Word file's notice.

    The chunk's text is spent again from the Word file's budget as its
    blocks are made; this budget only bounds the walk of one page.
    """
    blocks, _furniture = html_blocks(data, TextBudget(), hidden=hidden)
    return [Item(text, kind, level) for text, kind, level in blocks]


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
