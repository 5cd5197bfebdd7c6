"""The one document model every reader produces.

Readers differ (PDF pages, DOCX paragraphs, plain text lines); everything after
them sees only ``Document`` and ``Block``. A block is the smallest unit that
can be cited as evidence, so it carries its own location.
"""

from __future__ import annotations

import errno
import stat
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from samlint.results import Notice


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
    headings (1 = top) and 0 for everything else. ``ocr`` marks text samlint
    recognised itself from a page image (``documents.ocr``): evidence from it
    says so, since a misread word can mislead a reviewer.
    """

    text: str
    kind: BlockKind
    line: int
    page: int | None = None
    level: int = 0
    ocr: bool = False

    def __init__(self, text: str, kind: BlockKind, line: int, page: int | None = None,
                 level: int = 0, ocr: bool = False) -> None:
        # What the generated one does (a frozen block's fields are set past its
        # ``__setattr__``), through each slot's own setter: a reader makes thousands of
        # blocks, and ``object.__setattr__`` per field made a block cost twice as much.
        _set_text(self, text)
        _set_kind(self, kind)
        _set_line(self, line)
        _set_page(self, page)
        _set_level(self, level)
        _set_ocr(self, ocr)

    def __reduce__(self) -> tuple[type[Block], tuple[str, BlockKind, int, int | None, int, bool]]:
        # A document crosses a pipe from the reader process; as a constructor
        # call a block pickles several times faster than as slots and state.
        return (Block, (self.text, self.kind, self.line, self.page, self.level, self.ocr))


# The slots' setters, for ``Block.__init__`` (they exist once the class is made).
_set_text, _set_kind, _set_line, _set_page, _set_level, _set_ocr = (
    Block.__dict__[name].__set__ for name in ("text", "kind", "line", "page", "level", "ocr"))


@dataclass(slots=True)
class Document:
    """An extracted file: its body blocks in reading order.

    ``display`` is the path as the user should see it in reports (relative to
    the working directory when possible). Page headers and footers are kept
    apart in ``furniture`` so they never count as body text. ``notices`` name
    what the reader could not read of an otherwise readable file (pages
    without a text layer, embedded objects), so that no part is left out
    without a word.
    """

    path: Path
    display: str
    blocks: list[Block]
    page_count: int | None = None
    furniture: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # A document crosses a pipe from its reader on the way to judging;
        # sent as columns of plain values it pickles and unpickles about twice
        # as fast as block by block.
        blocks = self.blocks
        return (_document_from_columns, (
            self.path, self.display, self.page_count, self.furniture, self.notices,
            [b.text for b in blocks], [b.kind for b in blocks], [b.line for b in blocks],
            [b.page for b in blocks], [b.level for b in blocks],
            [seq for seq, b in enumerate(blocks) if b.ocr],  # OCR'd blocks are rare: by index
        ))


def _document_from_columns(path: Path, display: str, page_count: int | None,
                           furniture: list[str], notices: list[Notice], texts: list[str],
                           kinds: list[BlockKind], lines: list[int], pages: list[int | None],
                           levels: list[int], ocr: list[int] | None = None) -> Document:
    blocks = [Block(*row) for row in zip(texts, kinds, lines, pages, levels, strict=True)]
    for seq in ocr or ():
        blocks[seq] = replace(blocks[seq], ocr=True)
    return Document(path, display, blocks, page_count, furniture, notices)


# Text the file marks as hidden (Word's "Skjult", a hidden ODT section, an HTML element
# with ``hidden`` or ``display:none``) is not shown to whoever reads the agreement, so it
# is not read as agreement text either; but never silently: one notice per file.
HIDDEN_TEXT_CODE = "hidden-text"
MSG_HIDDEN_TEXT = (
    "skjult tekst i {count} avsnitt er ikke lest (teksten vises ikke når dokumentet åpnes); "
    "gjør teksten synlig i dokumentet hvis den er en del av avtalen"
)


def hidden_text_notices(display: str, paragraphs: int) -> list[Notice]:
    """The one notice for a file with ``paragraphs`` paragraphs holding hidden text
    (none when it has none): the same words from every reader."""
    if paragraphs <= 0:
        return []
    return [Notice(display, HIDDEN_TEXT_CODE, MSG_HIDDEN_TEXT.format(count=paragraphs))]


class DocumentError(Exception):
    """A file that cannot be read. ``code`` is stable, ``message`` is for people.

    Codes: ``not-found``, ``unreadable``, ``unsupported``, ``empty``,
    ``encrypted``, ``no-text-layer``, ``corrupt``, ``too-large``, ``timeout``, ``wrong-type``
    (``documents.sniff``; discovery adds ``symlink``, ``folder_walk``).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # Readers run in a child process (see samlint.runner) and their errors
        # travel back pickled; the default reduction would call __init__ with
        # the message alone and fail.
        return (type(self), (self.code, self.message))


# The most body text one file may yield: 50 MB of text (as characters, so a
# text file within its 50 MB byte limit always fits). Real agreements,
# delavtaler included, are well under 5 MB of text; beyond this a file is a
# mistake or an attack, and matching it would take minutes and gigabytes.
MAX_TEXT_CHARS = 50 * 1024 * 1024

# The most blocks (paragraphs, headings, list items) one file may yield. A
# 5,000-page agreement has about 80,000; matching time grows with the count
# (a 4 MB text of a million one-word lines took half a minute), so a file
# cut into more pieces than this is a mistake or an attack.
MAX_BLOCKS = 150_000

MSG_TOO_MANY_BLOCKS = (
    "filen deler seg i mer enn {limit} avsnitt, langt flere enn en samarbeidsavtale; "
    "den er trolig skadet eller laget for å henge programmet – sjekk at det er riktig fil"
)

MSG_EMPTY = "filen er tom (0 byte); sjekk at det er riktig fil, eller lagre den på nytt"

# Address space the process reading one file may use (see samlint.runner).
# A normal read needs well under 200 MB; PDF streams are compressed, and a
# one-megabyte PDF can inflate to gigabytes inside PDFium.
MAX_READ_MEMORY = 4 * 1024**3

MSG_TOO_MUCH_MEMORY = (
    "filen krever mer minne enn {limit} GB å lese, langt mer enn en samarbeidsavtale; "
    "den er trolig skadet eller laget for å bruke opp minnet – hent en ny kopi av filen"
)

MSG_TOO_MUCH_TEXT = (
    "filen inneholder mer enn {limit} MB tekst, langt mer enn en samarbeidsavtale; "
    "del den opp, eller sjekk at det er riktig fil"
)


def too_many_blocks() -> DocumentError:
    """The error for a file that yields more than ``MAX_BLOCKS`` blocks."""
    limit = f"{MAX_BLOCKS:,}".replace(",", " ")
    return DocumentError("too-large", MSG_TOO_MANY_BLOCKS.format(limit=limit))


def too_much_text() -> DocumentError:
    """The error for a file whose text exceeds ``MAX_TEXT_CHARS``."""
    return DocumentError("too-large",
                         MSG_TOO_MUCH_TEXT.format(limit=f"{MAX_TEXT_CHARS / 1024**2:g}"))


class TextBudget:
    """Counts extracted characters and stops the read as soon as there are too many.

    Checked while extracting, not afterwards, so a hostile file is refused
    before it has cost the memory. The limit is read when the budget is made
    (not bound at import) so tests can lower it.
    """

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_TEXT_CHARS

    def spend(self, characters: int) -> None:
        self.left -= characters
        if self.left < 0:
            raise too_much_text()


def os_error(exc: OSError) -> DocumentError:
    """An operating-system error in words a case officer can act on.

    ``strerror`` is English ("Permission denied"), so the common causes are
    named in bokmål; the rest keep the system's words in parentheses.
    """
    if isinstance(exc, FileNotFoundError):
        return DocumentError("not-found", "filen finnes ikke (lenger); sjekk stien")
    if isinstance(exc, PermissionError):
        return DocumentError("unreadable",
                             "du har ikke tilgang til å lese filen; sjekk filrettighetene")
    if exc.errno == errno.ELOOP:
        return DocumentError("unreadable",
                             "filen er en snarvei (symbolsk lenke) som peker i ring")
    if exc.errno == errno.EIO:
        return DocumentError("unreadable", "lesefeil fra disken eller nettverket; prøv igjen, "
                             "eller kopier filen til en lokal mappe")
    reason = exc.strerror or type(exc).__name__
    return DocumentError("unreadable", f"filen kan ikke åpnes ({reason})")


MSG_NOT_REGULAR = ("er ikke en vanlig fil, men {kind}, og samlint leser den ikke; pek på selve "
                   "avtalefilen, eller flytt den ut av avtalemappen")


def not_regular(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read because it is no regular file, or None.

    Discovery asks it of every file from its metadata, before anything opens it (a
    FIFO's open() waits for a writer forever); the reader asks it again of what it is
    handed. One wording for both.
    """
    if stat.S_ISREG(mode):
        return None
    kind = ("en mappe" if stat.S_ISDIR(mode) else "en navngitt kø (FIFO)" if stat.S_ISFIFO(mode)
            else "en sokkel (socket)" if stat.S_ISSOCK(mode) else "en enhet")
    return MSG_NOT_REGULAR.format(kind=kind)
