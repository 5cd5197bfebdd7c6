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

import io
import zipfile
from pathlib import Path

from lxml import etree

from samlint.documents.docx_chunks import chunk_reader
from samlint.documents.docx_headings import promote
from samlint.documents.docx_package import (
    MSG_CORRUPT,
    MSG_NO_MAIN,
    MSG_NOT_WORD,
    Package,
    check_directory,
    names_for,
    open_zip,
    parse_part,
    reject_non_zip_word_formats,
)
from samlint.documents.docx_story import Context, Item, StoryReader
from samlint.documents.docx_styles import Numbering, Styles
from samlint.documents.model import (
    Block,
    Document,
    DocumentError,
    TextBudget,
    hidden_text_notices,
)
from samlint.results import Notice

# "filen", not "Word-filen": .doc and .rtf files are read here too, after conversion.
MSG_EMPTY = "filen inneholder ingen tekst; sjekk at det er riktig fil"


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
    zf = open_zip(path, MSG_CORRUPT)
    budget = TextBudget()
    with zf:
        check_directory(zf)
        package = Package(zf)
        items = _body_items(package, depth=0, budget=budget)
        blocks = [Block(text=item.text, kind=item.kind, line=line, level=item.level)
                  for line, item in enumerate(items, 1)]
        furniture: list[str] = []
        styles = _styles(package)
        for part in package.furniture_parts():
            data = package.read(part)
            if data is None:
                continue
            part_root = parse_part(data, part)
            reader = StoryReader(names_for(part_root), Context(styles))
            for item in reader.blocks(part_root):
                budget.spend(len(item.text))
                furniture.append(item.text)

    notices = [Notice(display, "embedded", (
        f"{len(package.left_out)} innebygd(e) dokument(er) i et format samlint ikke leser "
        f"({', '.join(package.left_out)}) er ikke lest; lim teksten inn i selve dokumentet "
        "eller legg dokumentet ved som egen fil"))] if package.left_out else []
    notices += hidden_text_notices(display, package.hidden)
    if not blocks and not furniture:
        raise _empty(notices)
    return Document(path=path, display=display, blocks=blocks, page_count=None,
                    furniture=furniture, notices=notices)


def _empty(notices: list[Notice]) -> DocumentError:
    """A file with no text to read (a blank document is a few kilobytes, not 0 bytes) is an
    error, as for ODT: judged, it would get «mangler» for every point, and in a folder pass
    as a document without a role. Hidden or embedded text is named, since it is why."""
    if not notices:
        return DocumentError("empty", MSG_EMPTY)
    return DocumentError("empty", "filen inneholder ingen tekst samlint leser: "
                         + "; ".join(notice.message for notice in notices))


def located_items(path: Path) -> list[Item]:
    """The body items of a DOCX as ``read_docx`` numbers them (line = index + 1),
    each with the element it came from (``Item.source``), for the review copy."""
    reject_non_zip_word_formats(path)
    with open_zip(path, MSG_CORRUPT) as zf:
        check_directory(zf)
        return _body_items(Package(zf), depth=0, budget=TextBudget())


def _styles(package: Package) -> Styles:
    data = package.read("word/styles.xml")
    return Styles.parse(parse_part(data, "word/styles.xml")) if data is not None else (
        Styles.empty())


def _notes(package: Package) -> dict[tuple[str, str], etree._Element]:
    """Footnotes and endnotes by (kind, id); Word's separator notes are never referenced."""
    notes: dict[tuple[str, str], etree._Element] = {}
    for kind, part in (("footnote", "word/footnotes.xml"), ("endnote", "word/endnotes.xml")):
        data = package.read(part)
        if data is None:
            continue
        root = parse_part(data, part)
        w = names_for(root)
        tag = w.footnote if kind == "footnote" else w.endnote
        for note in root.iterchildren(tag):
            notes.setdefault((kind, note.get(w.id) or ""), note)
    return notes


def _body_items(package: Package, depth: int, budget: TextBudget | None = None) -> list[Item]:
    """The body of one package (the file, or a DOCX embedded in it) as items.

    Headings by direct formatting are decided here, per package, because the
    body font size they are measured against is the package's own. Text is
    charged to ``budget`` as it is read (a chunk's text once, by the file's
    own walk), so a hostile file is refused before it has cost the memory.
    """
    main = package.read("word/document.xml")
    if main is None:
        raise DocumentError("corrupt", MSG_NO_MAIN)
    root = parse_part(main, "word/document.xml")
    names = names_for(root)
    if root.tag != names.document:
        raise DocumentError("corrupt", MSG_NOT_WORD)
    numbering_xml = package.read("word/numbering.xml")
    numbering = (Numbering.parse(parse_part(numbering_xml, "word/numbering.xml"))
                 if numbering_xml is not None else Numbering.empty())
    context = Context(_styles(package), numbering, _notes(package))

    def nested(data: bytes, nested_depth: int) -> list[Item]:
        return _nested_items(package, data, nested_depth)

    context.chunk = chunk_reader(package, depth, nested)
    body = root.find(names.body)
    items: list[Item] = []
    if body is not None:
        for item in StoryReader(names, context).blocks(body):
            if budget is not None:
                budget.spend(len(item.text))
            items.append(item)
    package.left_out.extend(context.objects)
    package.hidden += context.hidden
    promote(items, numbering)
    for item in items:
        item.candidate = False  # settled: an outer package must not judge them again
    return items


def _nested_items(outer: Package, data: bytes, depth: int) -> list[Item]:
    """A DOCX embedded as a chunk, read like the file itself within what is left
    of the outer file's decompression budget."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise DocumentError("corrupt", MSG_CORRUPT) from None
    with zf:
        check_directory(zf)
        inner = Package(zf, budget=outer.remaining)
        try:
            return _body_items(inner, depth)
        finally:
            outer.spend(outer.remaining - inner.remaining)
            outer.left_out.extend(inner.left_out)
            outer.hidden += inner.hidden
