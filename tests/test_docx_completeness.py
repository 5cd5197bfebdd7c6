"""The DOCX reader reads everything Word shows: text boxes, embedded chunks,
notes, form fields and content controls -- each exactly once and in place.

Fixtures are made with python-docx and finished as raw XML (and raw zip
members where python-docx has no API), so each test pins the markup Word
writes. Every test here failed before its feature existed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from samlint.documents import docx_chunks, docx_package
from samlint.documents.docx import read_docx
from samlint.documents.model import BlockKind, DocumentError

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (f'xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:v="{V}" '
      f'xmlns:r="{R}"')


def _p(inner: str, ppr: str = "") -> str:
    return f"<w:p {nsdecls('w')} {NS}>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _box(text: str) -> str:
    return f"<w:txbxContent>{_p(_r(text))}</w:txbxContent>"


def _append(doc: object, xml: str) -> None:
    body = doc.element.body  # type: ignore[attr-defined]
    body.sectPr.addprevious(parse_xml(xml))


def _docx_bytes(doc: object) -> bytes:
    out = io.BytesIO()
    doc.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _with_parts(data: bytes, parts: dict[str, bytes], rels: dict[str, str] | None = None,
                types: str = "") -> bytes:
    """Add zip members, relationships of the main document and content types."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/_rels/document.xml.rels" and rels:
                extra = "".join(
                    f'<Relationship Id="{rid}" Target="{target}" Type="http://schemas.'
                    'openxmlformats.org/officeDocument/2006/relationships/aFChunk"/>'
                    for rid, target in rels.items())
                content = content.replace(b"</Relationships>", extra.encode()
                                          + b"</Relationships>")
            if info.filename == "[Content_Types].xml" and types:
                content = content.replace(b"</Types>", types.encode() + b"</Types>")
            dst.writestr(info, content)
        for name, content in parts.items():
            dst.writestr(name, content)
    return out.getvalue()


def _texts(path: Path) -> list[str]:
    return [b.text for b in read_docx(path, path.name).blocks]


def _write(tmp_path: Path, data: bytes, name: str = "avtale.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ text boxes

MODERN_BOX = (
    "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
    f'<a:graphic><a:graphicData uri="{WPS}"><wps:wsp><wps:txbx>{_box("Tekst i tekstboks")}'
    "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    f"<mc:Fallback><w:pict><v:rect><v:textbox>{_box('Tekst i tekstboks')}</v:textbox>"
    "</v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_modern_text_box_is_read_once_after_its_anchor(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph("Før.")
    _append(doc, _p(_r("Ankeravsnitt.") + MODERN_BOX + _r(" Resten.")))
    doc.add_paragraph("Etter.")
    assert _texts(_write(tmp_path, _docx_bytes(doc))) == [
        "Før.", "Ankeravsnitt. Resten.", "Tekst i tekstboks", "Etter.",
    ]


def test_legacy_vml_text_box_and_nested_boxes_are_read(tmp_path: Path) -> None:
    doc = new_docx()
    nested = ("<w:r><w:pict><v:shape><v:textbox>" + _box("Indre boks")
              + "</v:textbox></v:shape></w:pict></w:r>")
    inner = "<w:txbxContent>" + _p(_r("Ytre boks") + nested) + "</w:txbxContent>"
    _append(doc, _p("<w:r><w:pict><v:shape><v:textbox>" + inner
                    + "</v:textbox></v:shape></w:pict></w:r>"))
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Celle"
    table.cell(0, 1)._tc.append(parse_xml(_p(MODERN_BOX)))
    assert _texts(_write(tmp_path, _docx_bytes(doc))) == [
        "Ytre boks", "Indre boks", "Celle | Tekst i tekstboks",
    ]


# ------------------------------------------------------------------- altChunk

HTML = (
    "<html><head><title>Tittel</title><style>p {color: red}</style></head><body>"
    "<nav>Meny</nav><h2>4 Innleggelse</h2><p>Kommunen varsler <b>sykehuset</b>.</p>"
    "<ul><li>Punkt en</li><li>Punkt to</li></ul>"
    "<table><tr><th>Oppgave</th><th>Ansvar</th></tr><tr><td>Varsling</td><td>Kommunen</td>"
    "</tr></table><script>ikke tekst</script></body></html>"
)


def _chunk_doc(rid: str = "rIdChunk1") -> object:
    doc = new_docx()
    doc.add_paragraph("Før biten.")
    _append(doc, f'<w:altChunk {nsdecls("w")} xmlns:r="{R}" r:id="{rid}"/>')
    doc.add_paragraph("Etter biten.")
    return doc


def test_html_alt_chunk_is_read_in_place(tmp_path: Path) -> None:
    data = _with_parts(_docx_bytes(_chunk_doc()), {"word/chunk1.htm": HTML.encode()},
                       {"rIdChunk1": "chunk1.htm"},
                       '<Default Extension="htm" ContentType="text/html"/>')
    document = read_docx(_write(tmp_path, data), "avtale.docx")
    assert [(b.text, b.kind, b.level) for b in document.blocks] == [
        ("Før biten.", BlockKind.PARAGRAPH, 0),
        ("4 Innleggelse", BlockKind.HEADING, 2),
        ("Kommunen varsler sykehuset.", BlockKind.PARAGRAPH, 0),
        ("Punkt en", BlockKind.LIST_ITEM, 0),
        ("Punkt to", BlockKind.LIST_ITEM, 0),
        ("Oppgave | Ansvar", BlockKind.TABLE_ROW, 0),
        ("Varsling | Kommunen", BlockKind.TABLE_ROW, 0),
        ("Etter biten.", BlockKind.PARAGRAPH, 0),
    ]


def test_html_chunk_without_charset_keeps_norwegian_letters(tmp_path: Path) -> None:
    page = "<html><body><p>Sårbehandling på sjukeheim, også for barn.</p></body></html>"
    for encoding in ("utf-8", "windows-1252"):
        data = _with_parts(_docx_bytes(_chunk_doc()), {"word/c.html": page.encode(encoding)},
                           {"rIdChunk1": "c.html"})  # no content type: by extension
        assert _texts(_write(tmp_path, data))[1] == "Sårbehandling på sjukeheim, også for barn."


def test_a_chunk_in_a_format_without_reader_is_named_in_a_notice(tmp_path: Path) -> None:
    """Nothing silent: an RTF chunk is not read, and the document says so."""
    data = _with_parts(_docx_bytes(_chunk_doc()), {"word/c.rtf": b"{\\rtf1 Tekst}"},
                       {"rIdChunk1": "c.rtf"},
                       '<Default Extension="rtf" ContentType="application/rtf"/>')
    document = read_docx(_write(tmp_path, data), "avtale.docx")
    assert [b.text for b in document.blocks] == ["Før biten.", "Etter biten."]
    [notice] = document.notices
    assert (notice.file, notice.code) == ("avtale.docx", "embedded")
    assert "word/c.rtf" in notice.message and "er ikke lest" in notice.message


def test_a_document_whose_chunks_are_all_read_has_no_notice(tmp_path: Path) -> None:
    data = _with_parts(_docx_bytes(_chunk_doc()), {"word/chunk1.htm": HTML.encode()},
                       {"rIdChunk1": "chunk1.htm"},
                       '<Default Extension="htm" ContentType="text/html"/>')
    assert read_docx(_write(tmp_path, data), "avtale.docx").notices == []


def test_mht_alt_chunk_is_read(tmp_path: Path) -> None:
    mht = (
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
        "--b\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        "<html><body><p>Avvik meldes skriftlig til den andre parten innen tre =\r\nuker."
        "</p></body></html>\r\n--b--\r\n"
    )
    data = _with_parts(_docx_bytes(_chunk_doc()), {"word/afchunk.mht": mht.encode()},
                       {"rIdChunk1": "afchunk.mht"},
                       '<Default Extension="mht" ContentType="message/rfc822"/>')
    assert _texts(_write(tmp_path, data)) == [
        "Før biten.", "Avvik meldes skriftlig til den andre parten innen tre uker.",
        "Etter biten.",
    ]


def _nest(inner: bytes) -> bytes:
    return _with_parts(_docx_bytes(_chunk_doc()), {"word/del.docx": inner},
                       {"rIdChunk1": "del.docx"},
                       '<Default Extension="docx" ContentType="application/vnd.openxmlformats-'
                       'officedocument.wordprocessingml.document.main+xml"/>')


def test_docx_alt_chunk_is_read_through_the_same_reader(tmp_path: Path) -> None:
    inner = new_docx()
    inner.add_paragraph("5 Utskrivning", style="Heading 1")
    inner.add_paragraph("Sykehuset varsler kommunen.")
    document = read_docx(_write(tmp_path, _nest(_docx_bytes(inner))), "avtale.docx")
    assert [(b.text, b.kind, b.level, b.line) for b in document.blocks] == [
        ("Før biten.", BlockKind.PARAGRAPH, 0, 1),
        ("5 Utskrivning", BlockKind.HEADING, 1, 2),
        ("Sykehuset varsler kommunen.", BlockKind.PARAGRAPH, 0, 3),
        ("Etter biten.", BlockKind.PARAGRAPH, 0, 4),
    ]


def test_docx_chunks_nest_only_to_the_depth_limit(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    innermost = new_docx()
    innermost.add_paragraph("Innerst.")
    twice = _nest(_nest(_docx_bytes(innermost)))
    assert _texts(_write(tmp_path, twice)) == [
        "Før biten.", "Før biten.", "Innerst.", "Etter biten.", "Etter biten.",
    ]
    monkeypatch.setattr(docx_chunks, "MAX_DEPTH", 1)
    with pytest.raises(DocumentError) as info:
        read_docx(tmp_path / "avtale.docx", "avtale.docx")
    assert info.value.code == "too-large"
    assert "altChunk" in info.value.message


# ---------------------------------------------------------------------- notes

NOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:{{kind}}s {nsdecls("w")}>'
    '<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    '<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:{kind}>"
    '<w:{kind} w:id="1"><w:p><w:r><w:{kind}Ref/></w:r>' + _r(" {text}")
    + "</w:p></w:{kind}></w:{kind}s>"
)


def _notes(kind: str, text: str) -> bytes:
    return NOTES.replace("{kind}", kind).replace("{text}", text).encode()


def test_footnotes_and_endnotes_follow_the_block_that_references_them(tmp_path: Path) -> None:
    doc = new_docx()
    _append(doc, _p(_r("Kommunen betaler fra dag én.")
                    + '<w:r><w:footnoteReference w:id="1"/></w:r>'))
    doc.add_paragraph("Neste avsnitt.")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Tiltak"
    table.cell(0, 1)._tc.append(parse_xml(_p(_r("Sårteam")
                                             + '<w:r><w:endnoteReference w:id="1"/></w:r>')))
    doc.add_paragraph("Siste avsnitt.")
    data = _with_parts(_docx_bytes(doc), {
        "word/footnotes.xml": _notes("footnote", "Jf. forskrift om kommunal betaling."),
        "word/endnotes.xml": _notes("endnote", "Kostnadene deles likt."),
    })
    document = read_docx(_write(tmp_path, data), "avtale.docx")
    assert [(b.text, b.kind, b.line) for b in document.blocks] == [
        ("Kommunen betaler fra dag én.", BlockKind.PARAGRAPH, 1),
        ("Jf. forskrift om kommunal betaling.", BlockKind.PARAGRAPH, 2),
        ("Neste avsnitt.", BlockKind.PARAGRAPH, 3),
        ("Tiltak | Sårteam", BlockKind.TABLE_ROW, 4),
        ("Kostnadene deles likt.", BlockKind.PARAGRAPH, 5),
        ("Siste avsnitt.", BlockKind.PARAGRAPH, 6),
    ]


def test_a_note_under_a_heading_stays_body_text(tmp_path: Path) -> None:
    doc = new_docx()
    _append(doc, _p(_r("6 Utskrivning") + '<w:r><w:footnoteReference w:id="1"/></w:r>',
                    '<w:pStyle w:val="Heading1"/>'))
    data = _with_parts(_docx_bytes(doc), {"word/footnotes.xml": _notes("footnote", "Merknad")})
    document = read_docx(_write(tmp_path, data), "avtale.docx")
    assert [(b.text, b.kind) for b in document.blocks] == [
        ("6 Utskrivning", BlockKind.HEADING), ("Merknad", BlockKind.PARAGRAPH),
    ]


# ---------------------------------------------- form fields, content controls


def _form_field(ffdata: str, result: str | None) -> str:
    begin = (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="f"/>{ffdata}'
             "</w:ffData></w:fldChar></w:r>")
    instr = '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
    if result is None:
        return begin + instr + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    return (begin + instr + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r(result)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_legacy_form_fields_show_their_result_default_or_choice(tmp_path: Path) -> None:
    doc = new_docx()
    default = '<w:textInput><w:default w:val="Helse Nordvik HF"/></w:textInput>'
    _append(doc, _p(_r("Kommune: ") + _form_field("<w:textInput/>", "Lundvær kommune")))
    _append(doc, _p(_r("Helseforetak: ") + _form_field(default, "\u2002" * 5)))
    dropdown = ('<w:ddList><w:result w:val="1"/><w:listEntry w:val="årlig"/>'
                '<w:listEntry w:val="annethvert år"/></w:ddList>')
    _append(doc, _p(_r("Revisjon: ") + _form_field(dropdown, None)))
    assert _texts(_write(tmp_path, _docx_bytes(doc))) == [
        "Kommune: Lundvær kommune",
        "Helseforetak: Helse Nordvik HF",
        "Revisjon: annethvert år",
    ]


PLACEHOLDER = "Klikk eller trykk her for å skrive inn tekst."


def test_content_controls_give_their_content_but_never_placeholder_text(
    tmp_path: Path,
) -> None:
    doc = new_docx()
    shown = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
    _append(doc, _p(_r("Kontaktperson: ") + f"<w:sdt>{shown}<w:sdtContent>"
                    f'<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
                    f"<w:t>{PLACEHOLDER}</w:t></w:r></w:sdtContent></w:sdt>"))
    _append(doc, f"<w:sdt {nsdecls('w')}>{shown}<w:sdtContent>{_p(_r(PLACEHOLDER))}"
                 "</w:sdtContent></w:sdt>")
    _append(doc, _p(_r("Avtalepart: ") + '<w:sdt><w:sdtPr><w:showingPlcHdr w:val="0"/>'
                    f"</w:sdtPr><w:sdtContent>{_r('Lundvær kommune')}</w:sdtContent></w:sdt>"))
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Dato"
    table.cell(0, 1)._tc.append(parse_xml(
        f"<w:sdt {nsdecls('w')}>{shown}<w:sdtContent>{_p(_r(PLACEHOLDER))}</w:sdtContent>"
        "</w:sdt>"))
    assert _texts(_write(tmp_path, _docx_bytes(doc))) == [
        "Kontaktperson:", "Avtalepart: Lundvær kommune", "Dato",
    ]


def test_nested_docx_chunk_spends_the_outer_files_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part within the limit alone, together over it: the chunk gets only
    what the outer file has left, so nesting cannot multiply the limit."""
    inner = new_docx()
    inner.add_paragraph("x " * 100_000)  # 200 kB inflated, a few kB compressed
    outer = _chunk_doc()
    outer.add_paragraph("y " * 100_000)  # type: ignore[attr-defined]
    data = _with_parts(_docx_bytes(outer), {"word/del.docx": _docx_bytes(inner)},
                       {"rIdChunk1": "del.docx"})
    path = _write(tmp_path, data)
    assert len(_texts(path)) == 4
    # The outer file declares about 1.06 MB, the chunk about 1 MB; reading both inflates more.
    monkeypatch.setattr(docx_package, "MAX_TOTAL_UNCOMPRESSED", 1_100_000)
    with zipfile.ZipFile(path) as zf:  # the outer directory alone passes the check
        docx_package.check_directory(zf)
    with pytest.raises(DocumentError) as info:
        read_docx(path, "avtale.docx")
    assert info.value.code == "too-large"


# ------------------------------------------------ markup written by LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# A text frame, a footnote and an endnote as LibreOffice stores them in ODF;
# exported to DOCX it writes the frame as a wps text box with a VML fallback.
FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles><style:style style:name="P1" style:family="paragraph">
<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="P1">Utskrivning</text:p>
<text:p>Ankeravsnitt om utskrivning.<draw:frame draw:name="Ramme1"
 text:anchor-type="paragraph" svg:width="5cm" svg:height="2cm" svg:x="1cm" svg:y="0cm"
 ><draw:text-box><text:p>Tekst i tekstboks om varsling.</text:p></draw:text-box
 ></draw:frame> Resten.</text:p>
<text:p>Kommunen betaler fra dag én.<text:note text:id="ftn1" text:note-class="footnote"
 ><text:note-citation>1</text:note-citation><text:note-body
 ><text:p>Jf. forskrift om kommunal betaling.</text:p></text:note-body></text:note></text:p>
<text:p>Sluttnote her.<text:note text:id="edn1" text:note-class="endnote"
 ><text:note-citation>i</text:note-citation><text:note-body
 ><text:p>Kostnadene deles likt.</text:p></text:note-body></text:note></text:p>
<text:p>Etter.</text:p>
</office:text></office:body></office:document>
"""


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "no DOCX written by another program can be made")
def test_text_box_and_notes_written_by_libreoffice_are_read_once(tmp_path: Path) -> None:
    source = tmp_path / "avtale.fodt"
    source.write_text(FODT, encoding="utf-8")
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
         "--convert-to", "docx", "--outdir", str(tmp_path / "ut"), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    path = tmp_path / "ut" / "avtale.docx"
    markup = zipfile.ZipFile(path).read("word/document.xml")
    assert b"wps:txbx" in markup and b"v:textbox" in markup  # both alternatives present
    document = read_docx(path, "avtale.docx")
    assert [(b.text, b.kind) for b in document.blocks] == [
        ("Utskrivning", BlockKind.HEADING),
        ("Ankeravsnitt om utskrivning. Resten.", BlockKind.PARAGRAPH),
        ("Tekst i tekstboks om varsling.", BlockKind.PARAGRAPH),
        ("Kommunen betaler fra dag én.", BlockKind.PARAGRAPH),
        ("Jf. forskrift om kommunal betaling.", BlockKind.PARAGRAPH),
        ("Sluttnote her.", BlockKind.PARAGRAPH),
        ("Kostnadene deles likt.", BlockKind.PARAGRAPH),
        ("Etter.", BlockKind.PARAGRAPH),
    ]


def test_a_hidden_part_of_an_html_chunk_counts_in_the_word_files_notice(tmp_path: Path) -> None:
    page = ('<html><body><p>Synlig.</p><div style="display:none"><p>Skjult en.</p>'
            "<p>Skjult to.</p></div></body></html>")
    data = _with_parts(_docx_bytes(_chunk_doc()), {"word/c.html": page.encode()},
                       {"rIdChunk1": "c.html"})
    document = read_docx(_write(tmp_path, data), "avtale.docx")
    assert [b.text for b in document.blocks] == ["Før biten.", "Synlig.", "Etter biten."]
    [notice] = document.notices
    assert (notice.code, "i 2 avsnitt" in notice.message) == ("hidden-text", True)
