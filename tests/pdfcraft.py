"""Hand-made PDF bytes for hostile-input tests: no PDF library involved.

A PDF library would refuse to write (or silently repair) exactly the broken
structures these tests need: page trees that contain themselves, object
streams that depend on themselves, a page count of a billion. So the files
are written here byte by byte, with a correct cross-reference table unless a
test asks for a broken one, so that PDFium gets past the parts that are not
under test.

Not a test module (no ``test_`` prefix): imported by the hardening and fuzz
tests.
"""

from __future__ import annotations

import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data: bytes, extra: bytes = b"", *, length: bytes | None = None) -> bytes:
    """An object body holding a stream; ``length`` overrides the honest /Length."""
    declared = length if length is not None else str(len(data)).encode()
    return b"<< /Length " + declared + b" " + extra + b" >>\nstream\n" + data + b"\nendstream"


def text_content(lines: list[str], size: int = 11) -> bytes:
    """A content stream that prints ``lines`` top down in Helvetica (WinAnsi)."""
    out = [b"BT", f"/F1 {size} Tf".encode(), b"14 TL", b"72 770 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        out.append(b"(" + escaped.encode("cp1252") + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


def page(parent: int, content: int, font: int) -> bytes:
    return (
        f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 595 842] "
        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
    ).encode()


def build(objects: dict[int, bytes], *, root: int = 1, trailer: bytes = b"",
          xref: bool = True, version: bytes = b"1.4") -> bytes:
    """A PDF of ``objects`` (number → body) with a classic xref table.

    ``xref=False`` leaves the table out, so the reader has to rebuild it by
    scanning; ``trailer`` adds keys to the trailer dictionary (e.g. /Prev).
    """
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    start = len(out)
    if xref:
        out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
        for number in range(1, size):
            if number in offsets:
                out += f"{offsets[number]:010d} 00000 n \n".encode()
            else:
                out += b"0000000000 65535 f \n"
    out += f"trailer\n<< /Size {size} /Root {root} 0 R ".encode() + trailer + b" >>\n"
    out += f"startxref\n{start if xref else 0}\n%%EOF\n".encode()
    return bytes(out)


def simple(pages: list[list[str]]) -> bytes:
    """A valid PDF with one page per entry, each printing its lines."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT}
    kids = []
    number = 4
    for lines in pages:
        objects[number] = stream(text_content(lines))
        objects[number + 1] = page(2, number, 3)
        kids.append(f"{number + 1} 0 R")
        number += 2
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    return build(objects)


def many_pages(count: int) -> bytes:
    """``count`` pages sharing one content stream: a big page tree in a small file."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: FONT,
        4: stream(text_content(["Side"])),
    }
    kids = []
    for index in range(count):
        objects[5 + index] = page(2, 4, 3)
        kids.append(f"{5 + index} 0 R")
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()
    return build(objects)


def self_referencing_pages() -> bytes:
    """A /Pages node whose /Kids contains itself (and one real page)."""
    return build({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [2 0 R 5 0 R] /Count 2 >>",
        3: FONT,
        4: stream(text_content(["Avtalen gjelder fra 1. januar."])),
        5: page(2, 4, 3),
    })


def mutually_recursive_pages() -> bytes:
    """Two /Pages nodes that are each other's kid."""
    return build({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [6 0 R 5 0 R] /Count 2 >>",
        3: FONT,
        4: stream(text_content(["Avtalen gjelder fra 1. januar."])),
        5: page(2, 4, 3),
        6: b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    })


def billion_count() -> bytes:
    """One real page, but the root /Pages claims /Count 1000000000."""
    return build({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [5 0 R] /Count 1000000000 >>",
        3: FONT,
        4: stream(text_content(["Avtalen gjelder fra 1. januar."])),
        5: page(2, 4, 3),
    })


def deep_page_tree(depth: int) -> bytes:
    """A chain of ``depth`` /Pages nodes, each the only kid of the one above, then a page."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 10 0 R >>",
        3: FONT,
        4: stream(text_content(["Dypt nede i sidetreet."])),
    }
    for level in range(depth):
        number = 10 + level
        kid = number + 1
        parent = f"/Parent {number - 1} 0 R " if level else ""
        objects[number] = f"<< /Type /Pages {parent}/Kids [{kid} 0 R] /Count 1 >>".encode()
    objects[10 + depth] = page(10 + depth - 1, 4, 3)
    return build(objects)


def prev_loop() -> bytes:
    """A trailer whose /Prev points back at its own xref table."""
    body = simple([["Avtalen gjelder fra 1. januar."]])
    start = int(body.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    return body.replace(b"trailer\n<< ", f"trailer\n<< /Prev {start} ".encode(), 1)


def _xref_stream_pdf(objects: dict[int, bytes], compressed: dict[int, tuple[int, int]],
                     *, root: int = 1, xref_extra: bytes = b"") -> bytes:
    """PDF 1.5 with a cross-reference stream; ``compressed`` maps object → (objstm, index)."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref_number = max([*objects, *compressed]) + 1
    size = xref_number + 1
    start = len(out)
    offsets[xref_number] = start
    rows = bytearray()
    for number in range(size):
        if number in compressed:
            stm, index = compressed[number]
            rows += bytes([2]) + stm.to_bytes(4, "big") + index.to_bytes(2, "big")
        elif number in offsets:
            rows += bytes([1]) + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += bytes([0]) + b"\x00\x00\x00\x00" + b"\xff\xff"
    head = (
        f"<< /Type /XRef /Size {size} /W [1 4 2] /Root {root} 0 R /Length {len(rows)} ".encode()
        + xref_extra + b" >>"
    )
    out += f"{xref_number} 0 obj\n".encode() + head + b"\nstream\n" + bytes(rows)
    out += b"\nendstream\nendobj\n"
    out += f"startxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def object_stream_loop() -> bytes:
    """The page tree lives in object stream 6, whose /Length is object 7 – also in stream 6."""
    inner = b"2 0 7 60 "
    pages = b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
    pages = pages.ljust(60)
    data = inner + pages + b"40"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: FONT,
        4: stream(text_content(["Avtalen gjelder fra 1. januar."])),
        5: page(2, 4, 3),
        6: b"<< /Type /ObjStm /N 2 /First " + str(len(inner)).encode()
           + b" /Length 7 0 R >>\nstream\n" + data + b"\nendstream",
    }
    return _xref_stream_pdf(objects, {2: (6, 0), 7: (6, 1)})


def object_stream_extends_itself() -> bytes:
    """An object stream whose /Extends is itself, holding the page tree."""
    return _page_tree_in_object_stream(b" /Extends 6 0 R", {2: (6, 0)})


def object_stream_contains_itself() -> bytes:
    """The xref claims object stream 6 is stored inside object stream 6."""
    return _page_tree_in_object_stream(b"", {2: (6, 0), 6: (6, 0)})


def _page_tree_in_object_stream(extra: bytes,
                                compressed: dict[int, tuple[int, int]]) -> bytes:
    """One page whose page tree (object 2) sits in object stream 6 with ``extra`` entries."""
    inner = b"2 0 "
    data = inner + b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: FONT,
        4: stream(text_content(["Avtalen gjelder fra 1. januar."])),
        5: page(2, 4, 3),
        6: b"<< /Type /ObjStm /N 1 /First " + str(len(inner)).encode() + extra
           + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream",
    }
    return _xref_stream_pdf(objects, compressed)


def recursive_form() -> bytes:
    """A page whose form XObject draws itself: infinite recursion unless the reader stops it."""
    form = stream(b"BT /F1 11 Tf 72 700 Td (Rekursiv) Tj ET /X1 Do",
                  b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                  b"/Resources << /Font << /F1 3 0 R >> /XObject << /X1 6 0 R >> >>")
    return build({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        3: FONT,
        4: stream(b"/X1 Do"),
        5: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << "
            b"/Font << /F1 3 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>"),
        6: form,
    })


def deep_nesting(depth: int) -> bytes:
    """A page dictionary holding an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    return build({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        3: FONT,
        4: stream(text_content(["Avtalen gjelder fra 1. januar."])),
        5: page(2, 4, 3)[:-2] + b" /Junk " + nested + b" >>",
    })


def flate_bomb(megabytes: int) -> bytes:
    """A content stream of about 1 kB per MB that inflates to ``megabytes`` MB of spaces.

    Compressed in 1 MB steps, so building it never holds the inflated bytes.
    """
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    raw = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    return build({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        3: FONT,
        4: stream(raw, b"/Filter /FlateDecode"),
        5: page(2, 4, 3),
    })


def many_characters(count: int) -> bytes:
    """One page printing ``count`` characters (for the text-size limit)."""
    line = "Avtale " * 20
    lines = [line] * max(1, count // len(line))
    return build({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        3: FONT,
        4: stream(text_content(lines, size=2)),
        5: page(2, 4, 3),
    })


# ------------------------------------------------------------ reading order
# Pages whose stored order is not the reading order, and filled forms: what
# tests/test_pdf_reader.py reads. Helvetica widths are not measured here, so
# columns are laid out by characters (at 9 pt a 40-character line of these
# texts fits in 230 points).

BOLD_FONT = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
             b"/Encoding /WinAnsiEncoding >>")


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def _one_page(content: bytes, *, extra: bytes = b"", catalog: bytes = b"",
              more: dict[int, bytes] | None = None) -> bytes:
    """One A4 page drawing ``content`` with /F1 (Helvetica) and /F2 (Helvetica-Bold)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        2: b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        3: FONT,
        4: stream(content),
        5: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents 4 0 R " + extra + b">>"),
        6: BOLD_FONT,
        **(more or {}),
    }
    return build(objects)


def rotated(lines: list[str], rotate: int) -> bytes:
    """A landscape page: portrait paper shown turned by ``/Rotate`` (90 or 270), each line
    drawn turned so that it reads upright – and stored bottom line first, so the
    stored order is the reverse of the reading order."""
    out = [b"BT /F1 11 Tf"]
    for index in reversed(range(len(lines))):
        if rotate == 90:  # shown turned clockwise: the top of the view is the paper's left
            matrix = f"0 1 -1 0 {72 + 16 * index} 72 Tm"
        else:  # 270: the top of the view is the paper's right edge
            matrix = f"0 -1 1 0 {595 - 72 - 16 * index} 770 Tm"
        out.append(matrix.encode() + b" (" + _escape(lines[index]) + b") Tj")
    out.append(b"ET")
    return _one_page(b"\n".join(out), extra=f"/Rotate {rotate} ".encode())


def columns(left: list[str], right: list[str], *, top: list[str] = (),  # type: ignore[assignment]
            row_by_row: bool = True) -> bytes:
    """A page of ``top`` lines across the page, then two columns of 9 pt text.

    ``row_by_row`` stores each row as the left column's line then the right
    column's (as some generators do); otherwise the left column is stored
    whole, then the right.
    """
    out = []
    y = 780
    for line in top:
        out.append(f"BT /F1 9 Tf 56 {y} Td (".encode() + _escape(line) + b") Tj ET")
        y -= 13
    y -= 13
    cells = [(56, y - 13 * i, text) for i, text in enumerate(left)]
    cells += [(310, y - 13 * i, text) for i, text in enumerate(right)]
    if row_by_row:
        cells.sort(key=lambda cell: (-cell[1], cell[0]))
    for x, line_y, text in cells:
        out.append(f"BT /F1 9 Tf {x} {line_y} Td (".encode() + _escape(text) + b") Tj ET")
    return _one_page(b"\n".join(out))


def table(before: list[str], header: list[str], rows: list[list[str]],
          after: list[str]) -> bytes:
    """Body text, a table whose header row is bold (each cell drawn on its own, on the row's
    baseline, at fixed column edges), then body text."""
    out = []
    y = 780

    def line(x: int, text: str, font: str = "F1") -> None:
        out.append(f"BT /{font} 10 Tf {x} {y} Td (".encode() + _escape(text) + b") Tj ET")

    for text in before:
        line(56, text)
        y -= 14
    edges = [62 + 180 * i for i in range(len(header))]
    y -= 6
    for x, text in zip(edges, header, strict=True):
        line(x, text, "F2")
    for row in rows:
        y -= 18
        for x, text in zip(edges, row, strict=True):
            line(x, text)
    y -= 24
    for text in after:
        line(56, text)
        y -= 14
    return _one_page(b"\n".join(out))


def _utf16(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def form(labels: list[tuple[str, str]], values: list[str], *,
         appearance: bool = False) -> bytes:
    """A page with a filled form: each (label, value) pair a label printed on the page and a
    text field beside it holding the value; each of ``values`` alone on a row below, in
    a field without a label. No appearance streams (``/NeedAppearances``), as forms
    filled in a browser often are, so the page itself holds only the labels."""
    out = []
    annots = []
    more: dict[int, bytes] = {}
    number = 10
    y = 780
    fields = [(label, value) for label, value in labels] + [("", value) for value in values]
    for label, value in fields:
        if label:
            out.append(f"BT /F1 11 Tf 56 {y} Td (".encode() + _escape(label) + b") Tj ET")
        left = 180 if label else 56
        more[number] = (f"<< /Type /Annot /Subtype /Widget /FT /Tx /F 4 /P 5 0 R "
                        f"/T (felt{number}) /Rect [{left} {y - 4} 540 {y + 12}] ".encode()
                        + b"/DA (/F1 11 Tf 0 g) /V " + _utf16(value) + b" >>")
        annots.append(f"{number} 0 R")
        number += 1
        y -= 24
    refs = " ".join(annots).encode()
    return _one_page(b"\n".join(out) or b"% no text on the page itself",
                     extra=b"/Annots [" + refs + b"] ",
                     catalog=b"/AcroForm << /Fields [" + refs + b"] /NeedAppearances true "
                             b"/DA (/F1 11 Tf 0 g) /DR << /Font << /F1 3 0 R >> >> >> ",
                     more=more)
