"""``altChunk``: another document (HTML, MHT, plain text or DOCX) embedded in a DOCX.

Word renders the chunk in place, so its text is part of the agreement at that
position. The part is found through the main document's relationships and
told apart by its content type (or its extension when the type is missing).
Reads go through the same bounded ``Package``; a nested DOCX spends what is
left of the outer file's budget and may nest only ``MAX_DEPTH`` deep.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from lxml import etree

from samlint.documents.docx_html import html_items, mht_html
from samlint.documents.docx_package import Package, make_parser
from samlint.documents.docx_story import Item
from samlint.documents.model import BlockKind, DocumentError

# The main document is depth 0; a chunk inside a chunk is depth 2, and deeper
# nesting is refused: no real agreement does it, and each level costs a parse.
MAX_DEPTH = 2
MSG_TOO_DEEP = (
    "Word-filen har innebygde dokumenter (altChunk) i mer enn {depth} nivåer og kan ikke "
    "leses trygt; åpne den i Word og lagre den på nytt"
)

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html",
    "message/rfc822": "mht", "multipart/related": "mht", "application/x-mimearchive": "mht",
    "text/plain": "text",
}
_EXTENSIONS = {"htm": "html", "html": "html", "xhtml": "html", "mht": "mht", "mhtml": "mht",
               "txt": "text", "docx": "docx", "docm": "docx", "dotx": "docx", "dotm": "docx"}

NestedReader = Callable[[bytes, int], list[Item]]


def _parse(data: bytes | None) -> etree._Element | None:
    if data is None or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None
    try:
        return etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError:
        return None


def _relationships(package: Package, part: str) -> dict[str, str]:
    """Relationship id → part name, for internal targets of ``part``."""
    folder, name = posixpath.split(part)
    root = _parse(package.read(f"{folder}/_rels/{name}.rels"))
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        target, rid = rel.get("Target"), rel.get("Id")
        if not target or not rid or rel.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            out[rid] = target.lstrip("/")
        else:
            out[rid] = posixpath.normpath(posixpath.join(folder, target))
    return out


def _content_types(package: Package) -> tuple[dict[str, str], dict[str, str]]:
    root = _parse(package.read("[Content_Types].xml"))
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    if root is not None:
        for element in root.iter(f"{{{_CT_NS}}}Default"):
            defaults[(element.get("Extension") or "").lower()] = element.get("ContentType") or ""
        for element in root.iter(f"{{{_CT_NS}}}Override"):
            overrides[(element.get("PartName") or "").lstrip("/").lower()] = (
                element.get("ContentType") or "")
    return defaults, overrides


def _kind(part: str, defaults: dict[str, str], overrides: dict[str, str]) -> str | None:
    extension = part.rsplit(".", 1)[-1].lower() if "." in part else ""
    content_type = (overrides.get(part.lower()) or defaults.get(extension) or "").lower()
    if "wordprocessingml" in content_type or "ms-word" in content_type:
        return "docx"
    return _KINDS.get(content_type.split(";")[0].strip()) or _EXTENSIONS.get(extension)


def chunk_reader(package: Package, depth: int, nested: NestedReader) -> Callable[[str], list[Item]]:
    """A reader of the main document's altChunks by relationship id.

    The relationships and content types are read at the first chunk: most
    agreements have none, and need not pay for them.
    """
    tables: list[tuple[dict[str, str], dict[str, str], dict[str, str]]] = []

    def read(rid: str) -> list[Item]:
        if not tables:
            tables.append((_relationships(package, "word/document.xml"),
                           *_content_types(package)))
        relationships, defaults, overrides = tables[0]
        part = relationships.get(rid)
        if part is None:
            return []
        data = package.read(part)
        if data is None:
            return []
        kind = _kind(part, defaults, overrides)
        if kind in ("html", "mht"):
            hidden: list[int] = []
            items = html_items(data if kind == "html" else mht_html(data), hidden)
            package.hidden += sum(hidden)
            return items
        if kind == "text":
            text = data.decode("utf-8-sig", "replace")
            return [Item(line.strip(), BlockKind.PARAGRAPH)
                    for line in text.splitlines() if line.strip()]
        if kind == "docx":
            if depth >= MAX_DEPTH:
                raise DocumentError("too-large", MSG_TOO_DEEP.format(depth=MAX_DEPTH))
            return nested(data, depth + 1)
        # RTF and other formats have no reader here: named in a notice.
        package.left_out.append(part)
        return []

    return read
