"""The one document model every reader produces.

Readers differ (PDF pages, DOCX paragraphs, plain text lines); everything after
them sees only ``Document`` and ``Block``. A block is the smallest unit that
can be cited as evidence, so it carries its own location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    """What a block is in the layout, as far as the reader can tell."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    TOC_ENTRY = "toc_entry"


@dataclass(frozen=True, slots=True)
class Block:
    """One citable piece of body text.

    ``line`` is 1-based within the extracted text of the file, or of the page
    for PDFs (then ``page`` is 1-based too). ``level`` is the heading level for
    headings (1 = top) and 0 for everything else.
    """

    text: str
    kind: BlockKind
    line: int
    page: int | None = None
    level: int = 0


@dataclass(slots=True)
class Document:
    """An extracted file: its body blocks in reading order.

    ``display`` is the path as the user should see it in reports (relative to
    the working directory when possible). Page headers and footers are kept
    apart in ``furniture`` so they never count as body text.
    """

    path: Path
    display: str
    blocks: list[Block]
    page_count: int | None = None
    furniture: list[str] = field(default_factory=list)


class DocumentError(Exception):
    """A file that cannot be read. ``code`` is stable, ``message`` is for people.

    Codes: ``not-found``, ``unsupported``, ``empty``, ``encrypted``,
    ``no-text-layer``, ``corrupt``, ``too-large``, ``timeout``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
