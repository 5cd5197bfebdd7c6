"""A structure-aware mutator for agreement files, shared by the fuzz test and campaign.

Real samples (the example PDF and DOCX, a text file) are damaged the ways
files get damaged in the wild and the ways an attacker would damage them:
flipped and overwritten bytes, truncation, deleted or repeated ranges (a
few bytes repeated up to a million times, to find slow paths),
chunks spliced in from another format, hostile PDF objects, absurd numbers
where offsets, lengths and counts live, broken zip headers, and zip members
whose XML is itself mutated and re-packed.

A mutation is plain data (``Mutation``), so hypothesis can generate and
shrink it in the test suite while the long campaign draws it from
``random``; both apply it with the same ``mutate``.

Not a test module (no ``test_`` prefix).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import own_agreement
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

KINDS = (
    "flip", "set", "truncate", "delete", "duplicate", "repeat", "splice", "overwrite",
    "pdf-object", "pdf-stream", "pdf-trailer", "number", "zip-header", "zip-member",
    "xml-tree", "text",
)

# Objects a hostile PDF would carry: self-references, deep nesting, broken
# streams and filters, absurd sizes, a page tree that contains itself.
PDF_SNIPPETS: tuple[bytes, ...] = (
    b"\n90 0 obj << /Type /Pages /Kids [90 0 R] /Count 1 >> endobj\n",
    b"\n91 0 obj << /Length 91 0 R >> stream\nxxxx\nendstream endobj\n",
    b"\n92 0 obj << /Type /ObjStm /N 1000000 /First 4 /Extends 92 0 R /Length 8 >>"
    b" stream\n92 0 93 0\nendstream endobj\n",
    b"\n93 0 obj " + b"[" * 5000 + b"]" * 5000 + b" endobj\n",
    b"\n94 0 obj << /Filter [/FlateDecode /FlateDecode /LZWDecode /ASCIIHexDecode]"
    b" /Length 12 >> stream\n\x78\x9c\x00\x01\xff\xfe\xaa\xbb\xcc\xdd\xee\xff\nendstream endobj\n",
    b"\n95 0 obj << /Type /Page /Parent 95 0 R /Contents 95 0 R /Resources 95 0 R >> endobj\n",
    b"\n96 0 obj << /Length 99999999999 >> stream\nBT /F1 12 Tf (x) Tj ET\nendstream endobj\n",
    b"\n97 0 obj << /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject"
    b" << /X 97 0 R >> >> /Length 6 >> stream\n/X Do\nendstream endobj\n",
    b"\nxref\n0 1\n0000000000 65535 f \ntrailer << /Root 90 0 R /Prev 0 /Size 2147483647 >>\n",
    b"\n98 0 obj << /Type /Font /Subtype /Type0 /DescendantFonts [98 0 R] /ToUnicode 98 0 R >>"
    b" endobj\n",
    b"\n99 0 obj (" + b"\\(" * 3000 + b") endobj\n",
    b"\nBT /F1 1e308 Tf 1e308 -1e308 Td (" + b"\xff" * 200 + b") Tj ET\n",
)

INTERESTING_NUMBERS: tuple[bytes, ...] = (
    b"0", b"-1", b"1", b"2147483647", b"2147483648", b"-2147483648", b"4294967296",
    b"1000000000", b"9223372036854775807", b"99999999999999999999", b"1e308", b"-0",
    b"65535", b"5001",
)

# What text exporters and attackers put into text: controls, BOMs in the
# middle, invalid UTF-8, CESU-8 surrogates, lone carriage returns, form feeds,
# bidi overrides, and one very long line.
TEXT_SNIPPETS: tuple[bytes, ...] = (
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80\xed\xb0\x80",
    b"\r", b"\f\f\f", b"\xe2\x80\xae", b"\x1b[31m", b"-\n", b"\n" * 500,
    b"Se delavtale 5.\n", "æøå ÆØÅ ".encode("cp1252"), b"x" * 100_000,
    b"|" * 50, ("\u00ad" * 30).encode(),
)

# Fragments that make XML hostile without a DTD: deep nesting, unclosed
# elements, foreign namespaces, huge attributes, stray entities.
XML_SNIPPETS: tuple[bytes, ...] = (
    b"<w:sdt><w:sdtContent>" * 300,
    b"</w:body>", b"<w:p><w:r><w:t>", b"&amp;&lt;&#0;&#xFFFE;&#x110000;",
    b'<x:y xmlns:x="urn:x"/>', b"<w:tbl><w:tr><w:tc>" * 100,
    b'<w:pStyle w:val="' + b"A" * 10_000 + b'"/>',
    b"<w:fldChar w:fldCharType=\"begin\"/>" * 200, b"<![CDATA[", b"\x00",
    b"<w:p>" * 1000,
)

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06")

# Content-stream operators that stress text extraction: absurd sizes and
# matrices, unknown fonts and XObjects, unbalanced state, huge repetitions.
CONTENT_SNIPPETS: tuple[bytes, ...] = (
    b" /F1 1e30 Tf ", b" /F1 0 Tf ", b" /F9 12 Tf (ukjent font) Tj ", b" /F1 -12 Tf ",
    b" 1 0 0 1 1e38 -1e38 Tm ", b" 0 0 0 0 0 0 Tm (flat) Tj ", b" 1e30 Tc 1e30 Tw 0 Tz ",
    b" q" * 5000, b" Q" * 5000, b" BT BT BT ", b" ET ET ", b" (Hei) Tj" * 20_000,
    b" [(a) -1e9 (b) 1e9 (c)] TJ ", b" (\376\377\000A\330\000) Tj ", b" /Fm9 Do ",
    b" BI /W 100000 /H 100000 /BPC 8 /CS /G ID \x00\x01 EI ", b" <FEFF00E600F800E5> Tj ",
    b" 3 Tr (usynlig) Tj ", b" (\n\r\f\b) ' ", b" T* T* T* ", b" 1 2 3 re W n ",
)

# Attribute values that style, outline, numbering and field code get wrong.
XML_VALUES: tuple[str, ...] = (
    "", "-1", "0", "8", "9", "10", "999999999999999999999", "Heading1", "heading 1",
    "Overskrift1", "TOC1", "toc 1", "Title", "begin", "separate", "end", "abc", "\u00e6",
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WRAPPERS = ("sdt", "customXml", "ins", "hyperlink", "smartTag", "del", "moveTo")
INSERTS = ("fldChar", "instrText", "br", "tab", "noBreakHyphen", "outlineLvl", "pStyle",
           "numPr", "sdt", "tbl", "tr", "tc", "p", "r", "t")


@dataclass(frozen=True, slots=True)
class Mutation:
    """One damage to a file: ``kind``, where (0–1 of the length), a size and a value."""

    kind: str
    where: float
    size: int
    value: int


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    suffix: str
    data: bytes


def samples() -> list[Sample]:
    """The seeds: the example PDF and DOCX, and the test agreement as text."""
    return [
        Sample("mangelfull", ".pdf", (EXAMPLES / "mangelfull.pdf").read_bytes()),
        Sample("mangelfull", ".docx", (EXAMPLES / "mangelfull.docx").read_bytes()),
        Sample("avtale", ".txt", own_agreement.text().encode("utf-8")),
    ]


def random_mutation(rng: random.Random) -> Mutation:
    return Mutation(rng.choice(KINDS), rng.random(),
                    rng.choice((1, 2, 3, 4, 8, 16, 64, 512, 4096, 65536)), rng.randrange(256))


def mutate(data: bytes, mutations: list[Mutation], donor: bytes) -> bytes:
    for mutation in mutations:
        data = apply(data, mutation, donor)
    return data


def apply(data: bytes, m: Mutation, donor: bytes) -> bytes:
    """Apply one mutation; never fails (an inapplicable mutation leaves the data as it is)."""
    if not data:
        return data
    at = min(int(m.where * len(data)), len(data) - 1)
    size = max(1, m.size)
    if m.kind == "flip":
        chunk = bytes(b ^ (m.value or 0x80) for b in data[at:at + min(size, 64)])
        return data[:at] + chunk + data[at + len(chunk):]
    if m.kind == "set":
        return data[:at] + bytes([m.value]) * min(size, 64) + data[at + min(size, 64):]
    if m.kind == "truncate":
        return data[:at]
    if m.kind == "delete":
        return data[:at] + data[at + size:]
    if m.kind == "duplicate":
        chunk = data[at:at + min(size, 4096)]
        return data[:at] + chunk * (m.value % 8 + 2) + data[at:]
    if m.kind == "repeat":  # amplification: a few bytes many times, for slow paths
        chunk = data[at:at + m.size % 16 + 1]
        return data[:at] + chunk * 2 ** (10 + m.value % 11) + data[at:]
    if m.kind in ("splice", "overwrite"):
        start = int(m.value / 256 * len(donor))
        chunk = donor[start:start + size]
        end = at + len(chunk) if m.kind == "overwrite" else at
        return data[:at] + chunk + data[end:]
    if m.kind == "pdf-object":
        return _insert_at_boundary(data, at, PDF_SNIPPETS[m.value % len(PDF_SNIPPETS)])
    if m.kind == "number":
        return _replace_number(data, at, INTERESTING_NUMBERS[m.value % len(INTERESTING_NUMBERS)])
    if m.kind == "zip-header":
        return _damage_zip_header(data, m)
    if m.kind == "zip-member":
        return _mutate_zip_member(data, m, donor)
    if m.kind == "text":
        snippet = TEXT_SNIPPETS[m.value % len(TEXT_SNIPPETS)]
        return data[:at] + snippet + data[at:]
    if m.kind == "pdf-stream":
        return _mutate_pdf_stream(data, m)
    if m.kind == "pdf-trailer":
        return _mutate_pdf_trailer(data, m)
    if m.kind == "xml-tree":
        return _repack_member(data, m, _mutate_xml_tree)
    raise ValueError(f"unknown mutation {m.kind}")


def _insert_at_boundary(data: bytes, at: int, snippet: bytes) -> bytes:
    """Insert after the next ``endobj`` (a place a reader will parse), else at ``at``."""
    found = data.find(b"endobj", at)
    where = found + len(b"endobj") if found >= 0 else at
    return data[:where] + snippet + data[where:]


_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")


def _replace_number(data: bytes, at: int, number: bytes) -> bytes:
    """Replace the first number at or after ``at``: offsets, lengths, counts, sizes."""
    match = _NUMBER.search(data, at) or _NUMBER.search(data)
    if match is None:
        return data
    return data[:match.start()] + number + data[match.end():]


def _damage_zip_header(data: bytes, m: Mutation) -> bytes:
    """Overwrite a field of one zip header (method, sizes, CRC, name length, offsets)."""
    positions = [match.start() for signature in ZIP_SIGNATURES
                 for match in re.finditer(re.escape(signature), data)]
    if not positions:
        return data
    header = positions[m.value % len(positions)]
    field = header + 4 + (m.size % 42)
    value = (b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x08\x00", b"\x63\x00",
             b"\x01\x00")[m.value % 5]
    return data[:field] + value + data[field + len(value):]


def _mutate_zip_member(data: bytes, m: Mutation, donor: bytes) -> bytes:
    """Re-pack the zip with one member's content damaged (XML-aware); non-zips pass."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError, OSError, KeyError):
        return data
    if not members:
        return data
    # Prefer the parts the reader parses.
    parsed = [i for i, (info, _d) in enumerate(members)
              if info.filename.startswith("word/") and info.filename.endswith(".xml")]
    pool = parsed or list(range(len(members)))
    index = pool[m.value % len(pool)]
    _info, content = members[index]
    at = min(int(m.where * len(content)), max(len(content) - 1, 0))
    choice = m.size % 5
    if choice == 0:
        content = content[:at] + XML_SNIPPETS[m.value % len(XML_SNIPPETS)] + content[at:]
    elif choice == 1:
        content = content[:at]
    elif choice == 2:
        content = content[:at] + bytes(b ^ 0x20 for b in content[at:at + 32]) + content[at + 32:]
    elif choice == 3:
        content = donor[: 1 + m.size * 16]  # another format where XML should be
    else:
        content = content + content  # two roots
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (member, original) in enumerate(members):
            archive.writestr(member.filename, content if number == index else original)
    return out.getvalue()


_STREAM = re.compile(rb"/Filter\s*/FlateDecode[^>]*>>\s*stream\r?\n", re.DOTALL)


def _mutate_pdf_stream(data: bytes, m: Mutation) -> bytes:
    """Inflate one compressed stream (usually page content), damage it, deflate it back.

    Offsets after it shift, so the reader must also repair the xref table.
    """
    starts = list(_STREAM.finditer(data))
    if not starts:
        return data
    match = starts[m.value % len(starts)]
    end = data.find(b"endstream", match.end())
    if end < 0:
        return data
    try:
        content = zlib.decompressobj().decompress(data[match.end():end], 10 * 1024 * 1024)
    except zlib.error:
        return data
    at = int(m.where * len(content))
    choice = m.size % 3
    if choice == 0:
        snippet = CONTENT_SNIPPETS[m.value % len(CONTENT_SNIPPETS)]
        content = content[:at] + snippet + content[at:]
    elif choice == 1:
        content = content[:at]
    else:
        content = content[:at] + bytes(b ^ 0x01 for b in content[at:at + 64]) + content[at + 64:]
    packed = zlib.compress(content)
    head = data[:match.start()]
    head = re.sub(rb"/Length \d+(?=[^/]*$)", f"/Length {len(packed)}".encode(), head, count=1)
    return head + data[match.start():match.end()] + packed + b"\n" + data[end:]


TRAILER_ADDITIONS: tuple[bytes, ...] = (
    b" /Encrypt << /Filter /Standard /V 4 /R 4 /O <00> /U <00> /P -1 /Length 128 >> ",
    b" /Encrypt 999 0 R ", b" /Root 999 0 R ", b" /Root 1 0 R /Root 2 0 R ",
    b" /Size -5 ", b" /Prev 0 ", b" /XRefStm 1 ", b" /Info << /Title (" + b"x" * 10_000 + b") >> ",
)


def _mutate_pdf_trailer(data: bytes, m: Mutation) -> bytes:
    """Add a key to the trailer: broken encryption, a missing root, bad sizes and links."""
    at = data.rfind(b"trailer")
    if at < 0:
        return data
    opening = data.find(b"<<", at)
    if opening < 0:
        return data
    addition = TRAILER_ADDITIONS[m.value % len(TRAILER_ADDITIONS)]
    return data[:opening + 2] + addition + data[opening + 2:]


def _repack_member(data: bytes, m: Mutation, change) -> bytes:  # type: ignore[no-untyped-def]
    """Apply ``change(xml, m)`` to one parsed part of a zip and re-pack; non-zips pass."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError, OSError, KeyError):
        return data
    parts = [i for i, (name, _d) in enumerate(members)
             if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", name)]
    if not parts:
        return data
    index = parts[m.value % len(parts)]
    changed = change(members[index][1], m)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, content) in enumerate(members):
            archive.writestr(name, changed if number == index else content)
    return out.getvalue()


def _mutate_xml_tree(xml: bytes, m: Mutation) -> bytes:
    """Change the element tree but keep it well-formed, so the reader's walk is reached."""
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return xml
    elements = list(root.iter())
    rng = random.Random(f"{m.where}:{m.size}:{m.value}")
    target = elements[int(m.where * len(elements)) % len(elements)]
    op = m.value % 7
    if op == 0:  # wrap in nested containers
        parent = target.getparent()
        if parent is not None:
            holder = wrapper = etree.Element(f"{{{W}}}{rng.choice(WRAPPERS)}")
            for _ in range(min(m.size, 60)):
                inner = etree.SubElement(holder, f"{{{W}}}{rng.choice(('sdtContent', 'ins'))}")
                holder = inner
            parent.replace(target, wrapper)
            holder.append(target)
    elif op == 1:  # a copy of an element somewhere it does not belong
        rng.choice(elements).append(etree.fromstring(etree.tostring(target)))
    elif op == 2:  # interesting attribute values
        for element in rng.sample(elements, min(len(elements), 1 + m.size % 50)):
            element.set(f"{{{W}}}val", rng.choice(XML_VALUES))
            if rng.random() < 0.2:
                element.set(f"{{{W}}}fldCharType", rng.choice(("begin", "separate", "end")))
    elif op == 3:  # insert field characters, breaks, styles, tables where they are odd
        for _ in range(1 + m.size % 200):
            host = rng.choice(elements)
            child = etree.SubElement(host, f"{{{W}}}{rng.choice(INSERTS)}")
            child.set(f"{{{W}}}val", rng.choice(XML_VALUES))
            child.set(f"{{{W}}}fldCharType", rng.choice(("begin", "separate", "end")))
            child.text = rng.choice(("", "TOC \\o", "Avtale", "\t", " ", "æøå"))
    elif op == 4:  # remove an element (the body, a style's name, a run)
        parent = target.getparent()
        if parent is not None:
            parent.remove(target)
    elif op == 5:  # style inheritance that loops, and styles sharing one id
        styles = [e for e in elements if e.tag == f"{{{W}}}style"]
        ids = [e.get(f"{{{W}}}styleId") for e in styles] or ["A"]
        for style in styles:
            based = etree.SubElement(style, f"{{{W}}}basedOn")
            based.set(f"{{{W}}}val", rng.choice(ids))
            if rng.random() < 0.3:
                style.set(f"{{{W}}}styleId", rng.choice(ids))
    else:  # very many paragraphs or one very long text
        body = root.find(f"{{{W}}}body")
        host = body if body is not None else root
        if m.size % 2:
            for _ in range(min(20_000, 100 * m.size)):
                etree.SubElement(host, f"{{{W}}}p")
        else:
            p = etree.SubElement(host, f"{{{W}}}p")
            r = etree.SubElement(p, f"{{{W}}}r")
            etree.SubElement(r, f"{{{W}}}t").text = "samarbeid " * min(200_000, 50 * m.size)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
