"""A structure-aware mutator for agreement files, shared by the fuzz test and campaign.

Real samples (the example PDF and DOCX, a text file) are damaged the ways
files get damaged in the wild and the ways an attacker would damage them:
flipped and overwritten bytes, truncation, deleted or repeated ranges,
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

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

KINDS = (
    "flip", "set", "truncate", "delete", "duplicate", "splice", "overwrite",
    "pdf-object", "number", "zip-header", "zip-member", "text",
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
