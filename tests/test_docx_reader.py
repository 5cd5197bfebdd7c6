"""Tests for the DOCX reader.

Documents are built with python-docx where it can express the feature, and as
raw XML where it cannot (fields, content controls, revisions, hostile input),
so each test pins the exact markup Word produces.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from samlint.documents import docx as docx_reader
from samlint.documents import docx_package
from samlint.documents.docx import read_docx
from samlint.documents.model import BlockKind, Document, DocumentError

SHARED = Path(__file__).resolve().parents[2] / "shared"
TRUNCATED_SAMPLE = SHARED / "corpus" / "bad" / "delavtale_06_avkortet.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _save(doc: object, tmp_path: Path, name: str = "avtale.docx") -> Path:
    path = tmp_path / name
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


def _append_xml(doc: object, xml: str) -> None:
    """Insert raw body XML before the section properties, where Word keeps content."""
    body = doc.element.body  # type: ignore[attr-defined]
    body.sectPr.addprevious(parse_xml(xml))


def _p(inner: str, ppr: str = "") -> str:
    return f"<w:p {nsdecls('w')}>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _write_zip(path: Path, members: dict[str, bytes],
               compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _document_xml(body: str, ns: str = W_NS) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    ).encode()


def _read(path: Path) -> Document:
    return read_docx(path, path.name)


def _pairs(document: Document) -> list[tuple[str, BlockKind, int]]:
    return [(b.text, b.kind, b.level) for b in document.blocks]


def _error(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        _read(path)
    return info.value


# ------------------------------------------------------------------ structure


def test_headings_get_levels_from_style_names_outline_and_inheritance(tmp_path: Path) -> None:
    doc = new_docx()
    vedlegg = doc.styles.add_style("Vedleggsoverskrift", WD_STYLE_TYPE.PARAGRAPH)
    vedlegg.base_style = doc.styles["Heading 1"]
    # Norwegian-named custom styles without any outline level: only the name
    # (directly or through basedOn) can make them headings.
    overskrift = doc.styles.add_style("Overskrift 2", WD_STYLE_TYPE.PARAGRAPH)
    avsnitt = doc.styles.add_style("Avsnittsoverskrift", WD_STYLE_TYPE.PARAGRAPH)
    avsnitt.base_style = overskrift

    doc.add_paragraph("Samarbeidsavtale", style="Title")
    doc.add_paragraph("1 Formål", style="Heading 1")
    doc.add_paragraph("1.1 Virkeområde", style="Heading 2")
    doc.add_paragraph("Vedlegg A", style="Vedleggsoverskrift")
    doc.add_paragraph("2.1 Partene", style="Overskrift 2")
    doc.add_paragraph("2.2 Ansvar", style="Avsnittsoverskrift")
    doc.add_paragraph("Avtalen gjelder fra signering.")
    _append_xml(doc, _p(_r("3 Direkte nivå"), '<w:outlineLvl w:val="2"/>'))
    # Outline level 9 is Word's "body text": not a heading despite the style.
    _append_xml(doc, _p(_r("Brødtekst i overskriftsstil"),
                        '<w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/>'))

    assert _pairs(_read(_save(doc, tmp_path))) == [
        ("Samarbeidsavtale", BlockKind.HEADING, 1),
        ("1 Formål", BlockKind.HEADING, 1),
        ("1.1 Virkeområde", BlockKind.HEADING, 2),
        ("Vedlegg A", BlockKind.HEADING, 1),
        ("2.1 Partene", BlockKind.HEADING, 2),
        ("2.2 Ansvar", BlockKind.HEADING, 2),
        ("Avtalen gjelder fra signering.", BlockKind.PARAGRAPH, 0),
        ("3 Direkte nivå", BlockKind.HEADING, 3),
        ("Brødtekst i overskriftsstil", BlockKind.PARAGRAPH, 0),
    ]


def test_list_items_by_style_and_numbering(tmp_path: Path) -> None:
    doc = new_docx()
    listeavsnitt = doc.styles.add_style("Listeavsnitt", WD_STYLE_TYPE.PARAGRAPH)
    listeavsnitt.base_style = doc.styles["Normal"]
    doc.add_paragraph("kulepunkt", style="List Bullet")
    doc.add_paragraph("nummerert", style="List Number")
    doc.add_paragraph("listeavsnitt engelsk", style="List Paragraph")
    doc.add_paragraph("listeavsnitt norsk", style="Listeavsnitt")
    _append_xml(doc, _p(_r("direkte nummerering"),
                        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'))
    # numId 0 is how Word records "numbering removed" on a list-styled paragraph.
    _append_xml(doc, _p(_r("nummerering fjernet"),
                        '<w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr>'))
    doc.add_paragraph("vanlig avsnitt")

    assert _pairs(_read(_save(doc, tmp_path))) == [
        ("kulepunkt", BlockKind.LIST_ITEM, 0),
        ("nummerert", BlockKind.LIST_ITEM, 0),
        ("listeavsnitt engelsk", BlockKind.LIST_ITEM, 0),
        ("listeavsnitt norsk", BlockKind.LIST_ITEM, 0),
        ("direkte nummerering", BlockKind.LIST_ITEM, 0),
        ("nummerering fjernet", BlockKind.PARAGRAPH, 0),
        ("vanlig avsnitt", BlockKind.PARAGRAPH, 0),
    ]


def test_table_rows_join_cells_and_flatten_nested_tables(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph("Før tabellen")
    table = doc.add_table(rows=3, cols=3)
    for col, text in enumerate(["Oppgave", "Kommune", "Helseforetak"]):
        table.cell(0, col).text = text
    table.cell(1, 0).text = "Utskrivning"
    table.cell(1, 2).text = "Varsler"  # middle cell left empty
    cell = table.cell(2, 0)
    cell.text = "Kontakt"
    cell.add_paragraph("andre avsnitt")
    nested = cell.add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "indre A"
    nested.cell(0, 1).text = "indre B"
    doc.add_paragraph("Etter tabellen")

    document = _read(_save(doc, tmp_path))
    assert _pairs(document) == [
        ("Før tabellen", BlockKind.PARAGRAPH, 0),
        ("Oppgave | Kommune | Helseforetak", BlockKind.TABLE_ROW, 0),
        ("Utskrivning | Varsler", BlockKind.TABLE_ROW, 0),
        ("Kontakt andre avsnitt indre A indre B", BlockKind.TABLE_ROW, 0),
        ("Etter tabellen", BlockKind.PARAGRAPH, 0),
    ]


def test_headers_and_footers_go_to_furniture_not_blocks(tmp_path: Path) -> None:
    doc = new_docx()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Samarbeidsavtale Kommune – HF"
    section.footer.paragraphs[0].text = "Side 1 av 3"
    doc.add_paragraph("Brødtekst")

    document = _read(_save(doc, tmp_path))
    assert [b.text for b in document.blocks] == ["Brødtekst"]
    assert document.furniture == ["Samarbeidsavtale Kommune – HF", "Side 1 av 3"]


TOC_FIELD = (
    _p('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
       '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
       # No tab or page number here (as with the TOC \\n switch): only the field
       # itself marks this line as a TOC entry.
       '<w:hyperlink w:anchor="_Toc1">' + _r("1 Formål") + "</w:hyperlink>")
    + _p('<w:hyperlink w:anchor="_Toc2">' + _r("2 Ansvar") + "<w:r><w:tab/></w:r>"
         '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
         '<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc2 \\h </w:instrText></w:r>'
         '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("3")
         + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>')
    + _p('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
)


def test_toc_entries_from_field_sdt_style_and_tab_layout(tmp_path: Path) -> None:
    doc = new_docx()
    doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("Innhold", style="TOC Heading")
    body = doc.element.body
    for element in parse_xml(f"<w:wrap {nsdecls('w')}>{TOC_FIELD}</w:wrap>"):
        body.sectPr.addprevious(element)
    doc.add_paragraph("3 Varsling\t4", style="toc 1")
    _append_xml(doc, (
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj>"
        '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        + _p(_r("4 Avvik"), '<w:pStyle w:val="Heading1"/>')
        + "</w:sdtContent></w:sdt>"
    ))
    doc.add_paragraph("5 Samarbeid\t7")
    doc.add_paragraph("6 Tvister ........ 9")
    doc.add_paragraph("1 Formål", style="Heading 1")
    doc.add_paragraph("Partene samarbeider om pasientforløp.")

    assert _pairs(_read(_save(doc, tmp_path))) == [
        ("Innhold", BlockKind.TOC_ENTRY, 0),
        ("1 Formål", BlockKind.TOC_ENTRY, 0),
        ("2 Ansvar\t3", BlockKind.TOC_ENTRY, 0),
        ("3 Varsling\t4", BlockKind.TOC_ENTRY, 0),
        ("4 Avvik", BlockKind.TOC_ENTRY, 0),
        ("5 Samarbeid\t7", BlockKind.TOC_ENTRY, 0),
        ("6 Tvister ........ 9", BlockKind.TOC_ENTRY, 0),
        ("1 Formål", BlockKind.HEADING, 1),
        ("Partene samarbeider om pasientforløp.", BlockKind.PARAGRAPH, 0),
    ]


def test_empty_paragraphs_skipped_and_lines_sequential(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph("")
    doc.add_paragraph("Første", style="Heading 1")
    doc.add_paragraph("   ")
    doc.add_paragraph("")
    doc.add_paragraph("Andre")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "a"  # second row is entirely empty
    _append_xml(doc, _p("<w:r><w:tab/><w:br/></w:r>"))
    doc.add_paragraph("Tredje")

    document = _read(_save(doc, tmp_path, "linjer.docx"))
    assert [(b.text, b.line) for b in document.blocks] == [
        ("Første", 1), ("Andre", 2), ("a", 3), ("Tredje", 4),
    ]
    assert all(b.page is None for b in document.blocks)
    assert document.page_count is None
    assert document.path == tmp_path / "linjer.docx"
    assert document.display == "linjer.docx"


def test_run_content_revisions_and_content_controls(tmp_path: Path) -> None:
    doc = new_docx()
    _append_xml(doc, _p(
        _r("Kolonne") + "<w:r><w:tab/></w:r>" + _r("verdi")
        + "<w:r><w:br/></w:r>" + _r("ny linje") + "<w:r><w:cr/></w:r>" + _r("retur")
    ))
    _append_xml(doc, _p(_r("Helse") + "<w:r><w:noBreakHyphen/></w:r>" + _r("foretak")
                        + _r(" sam") + "<w:r><w:softHyphen/></w:r>" + _r("arbeid")))
    _append_xml(doc, _p(
        _r("Avtalen ")
        + '<w:del w:id="1" w:author="x"><w:r><w:delText>utløper</w:delText></w:r>'
          "<w:r><w:t>slettet</w:t></w:r></w:del>"
        + '<w:ins w:id="2" w:author="x">' + _r("gjelder") + "</w:ins>"
        + '<w:moveFrom w:id="3" w:author="x">' + _r(" flyttet bort") + "</w:moveFrom>"
        + _r(" videre.")
    ))
    _append_xml(doc, _p(_r("Kommune: ") + "<w:sdt><w:sdtContent>" + _r("Eksempel kommune")
                        + "</w:sdtContent></w:sdt>"))
    _append_xml(doc, f"<w:sdt {nsdecls('w')}><w:sdtContent>{_p(_r('Fra innholdskontroll'))}"
                     "</w:sdtContent></w:sdt>")

    assert [b.text for b in _read(_save(doc, tmp_path)).blocks] == [
        "Kolonne\tverdi ny linje retur",
        "Helse-foretak samarbeid",
        "Avtalen gjelder videre.",
        "Kommune: Eksempel kommune",
        "Fra innholdskontroll",
    ]


def test_strict_ooxml_namespace_is_read(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    body = "<w:p><w:r><w:t>Strengt format</w:t></w:r></w:p>"
    path = _write_zip(tmp_path / "strict.docx",
                      {"word/document.xml": _document_xml(body, ns=strict)})
    assert [b.text for b in _read(path).blocks] == ["Strengt format"]


# ---------------------------------------------------------------- broken files


def test_real_truncated_sample_is_corrupt() -> None:
    if not TRUNCATED_SAMPLE.is_file():
        pytest.skip(f"shared corpus sample missing: {TRUNCATED_SAMPLE}")
    error = _error(TRUNCATED_SAMPLE)
    assert error.code == "corrupt"
    assert "skadet" in error.message


def test_truncated_zip_is_corrupt(tmp_path: Path) -> None:
    doc = new_docx()
    doc.add_paragraph("Tekst")
    whole = _save(doc, tmp_path, "hel.docx").read_bytes()
    cut = tmp_path / "avkortet.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert _error(cut).code == "corrupt"


def test_non_zip_bytes_renamed_docx_are_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "tekst.docx"
    path.write_text("Dette er bare tekst, ikke Word.\n", encoding="utf-8")
    error = _error(path)
    assert error.code == "corrupt"
    assert "DOCX" in error.message


def test_zip_without_main_document_is_corrupt(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "tom.docx", {"[Content_Types].xml": b"<Types/>"})
    error = _error(path)
    assert error.code == "corrupt"
    assert "word/document.xml" in error.message


def test_a_blank_document_is_empty_not_all_missing(tmp_path: Path) -> None:
    """python-docx's new document, saved untouched: nothing to judge, so an error (exit 2),
    as for an empty ODT, rather than fourteen «mangler» for a file that holds no text."""
    error = _error(_save(new_docx(), tmp_path, "tom.docx"))
    assert error.code == "empty"
    assert error.message == "filen inneholder ingen tekst; sjekk at det er riktig fil"


def test_a_blank_document_saved_by_libreoffice_is_empty(tmp_path: Path) -> None:
    # LibreOffice's blank page: one paragraph holding one run without text.
    body = ('<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr></w:rPr></w:r></w:p>'
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    path = _write_zip(tmp_path / "tom.docx", {"word/document.xml": _document_xml(body)})
    assert _error(path).code == "empty"


def test_a_document_of_hidden_text_only_is_empty_and_says_why(tmp_path: Path) -> None:
    body = _p('<w:r><w:rPr><w:vanish/></w:rPr><w:t>Utkast som ikke vises</w:t></w:r>')
    path = _write_zip(tmp_path / "skjult.docx", {"word/document.xml": _document_xml(body)})
    error = _error(path)
    assert error.code == "empty"
    assert "ingen tekst samlint leser" in error.message and "skjult tekst i 1 avsnitt" in (
        error.message)


def test_a_document_with_only_a_header_is_read(tmp_path: Path) -> None:
    """Text only in the header is still text (as for ODT): read as page furniture."""
    doc = new_docx()
    doc.sections[0].header.paragraphs[0].text = "Samarbeidsavtale Fjellvik kommune"
    document = _read(_save(doc, tmp_path))
    assert (document.blocks, document.furniture) == ([], ["Samarbeidsavtale Fjellvik kommune"])


def test_malformed_xml_is_corrupt(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "xml.docx", {"word/document.xml": b"<w:document><w:body>"})
    assert _error(path).code == "corrupt"


def test_ole_compound_file_is_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "passord.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    error = _error(path)
    assert error.code == "encrypted"
    assert "passord" in error.message


# --------------------------------------------------------------- hostile files


def test_zip_bomb_is_rejected_from_directory_without_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spaces = b" " * (11 * 1024 * 1024)  # > 10 MB, deflates at roughly 1000:1
    xml = _document_xml(f"<w:p><w:r><w:t>x</w:t></w:r></w:p>{spaces.decode()}")
    path = _write_zip(tmp_path / "bombe.docx", {"word/document.xml": xml})
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
        assert info.file_size > 200 * info.compress_size  # the fixture is a real bomb

    opened: list[str] = []
    original_open = zipfile.ZipFile.open

    def spy_open(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(getattr(name, "filename", name))  # type: ignore[arg-type]
        return original_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy_open)
    error = _error(path)
    assert error.code == "too-large"
    assert opened == []  # rejected before any member was opened


def test_too_many_members_is_too_large(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    members = {"word/document.xml": _document_xml("")}
    members.update({f"word/media/bilde{i}.png": b"" for i in range(5)})
    path = _write_zip(tmp_path / "mange.docx", members)
    monkeypatch.setattr(docx_package, "MAX_MEMBERS", 5)
    error = _error(path)
    assert error.code == "too-large"
    assert error.message == ("Word-filen inneholder 6 deler, flere enn de 5 samlint pakker ut; "
                             "et vanlig dokument har noen hundre – fjern innebygde objekter og "
                             "bilder som ikke trengs, og lagre den på nytt")


def test_declared_total_size_over_limit_is_too_large(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_zip(tmp_path / "stor.docx",
                      {"word/document.xml": _document_xml("<w:p/>"),
                       "word/media/bilde.png": b"\x89PNG" + b"\x00" * 5000},
                      compression=zipfile.ZIP_STORED)
    monkeypatch.setattr(docx_package, "MAX_TOTAL_UNCOMPRESSED", 4000)
    assert _error(path).code == "too-large"


def test_member_reads_stop_at_the_budget_not_the_declared_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a lying directory gets past the checks, inflation still stops early."""
    filler = " " * (4 * 1024 * 1024)
    path = _write_zip(tmp_path / "loegn.docx", {"word/document.xml": _document_xml(filler)})
    monkeypatch.setattr(docx_reader, "check_directory", lambda zf: None)
    monkeypatch.setattr(docx_package, "MAX_TOTAL_UNCOMPRESSED", 1024 * 1024)
    monkeypatch.setattr(docx_package, "READ_CHUNK", 64 * 1024)

    inflated: list[int] = []
    original_read = zipfile.ZipExtFile.read

    def spy_read(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = original_read(self, n)
        inflated.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy_read)
    assert _error(path).code == "too-large"
    assert sum(inflated) <= 1024 * 1024 + 64 * 1024


BILLION_LAUGHS = (
    '<?xml version="1.0"?>'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)


def test_billion_laughs_is_rejected_as_corrupt(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "latter.docx",
                      {"word/document.xml": BILLION_LAUGHS.encode()})
    error = _error(path)
    assert error.code == "corrupt"
    assert "DTD" in error.message


def test_parser_alone_survives_billion_laughs(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """With the byte scan disabled, the hardened parser still refuses to amplify."""
    monkeypatch.setattr(docx_package, "_DTD_MARKERS", ())
    path = _write_zip(tmp_path / "latter.docx",
                      {"word/document.xml": BILLION_LAUGHS.encode()})
    assert _error(path).code == "corrupt"


def test_post_parse_check_rejects_a_harmless_looking_dtd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Encodings the byte scan cannot see still meet the docinfo check after parsing."""
    monkeypatch.setattr(docx_package, "_DTD_MARKERS", ())
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY navn "Kommune">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&navn;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    path = _write_zip(tmp_path / "dtd.docx", {"word/document.xml": xml.encode()})
    error = _error(path)
    assert error.code == "corrupt"
    assert "DTD" in error.message


def test_external_entity_is_rejected_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("HEMMELIG-INNHOLD", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    path = _write_zip(tmp_path / "xxe.docx", {"word/document.xml": xml.encode()})
    error = _error(path)
    assert error.code == "corrupt"
    assert "HEMMELIG" not in error.message


def test_doctype_in_utf16_part_is_rejected(tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY e "x">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    path = _write_zip(tmp_path / "utf16.docx", {"word/document.xml": xml.encode("utf-16")})
    assert _error(path).code == "corrupt"


# ---------------------------------------------------------------- hidden text


def _hidden_style_doc() -> object:
    """A document with a character style and a paragraph style that hide their text
    (Word's «Skjult»), and one paragraph style that shows it again."""
    doc = new_docx()
    hidden_char = doc.styles.add_style("Skjult tegn", WD_STYLE_TYPE.CHARACTER)
    hidden_char.element.get_or_add_rPr().append(parse_xml(f"<w:vanish {nsdecls('w')}/>"))
    hidden_para = doc.styles.add_style("Skjult avsnitt", WD_STYLE_TYPE.PARAGRAPH)
    hidden_para.element.get_or_add_rPr().append(parse_xml(f"<w:vanish {nsdecls('w')}/>"))
    return doc


def test_hidden_text_is_not_read_and_one_notice_counts_its_paragraphs(tmp_path: Path) -> None:
    """Text formatted as hidden (``w:vanish``) is not shown by Word, nor printed: read,
    it made a requirement covered that the PDF of the same file left weak."""
    doc = _hidden_style_doc()
    doc.add_paragraph("5. Jordmortjenester", style="Heading 1")
    hidden_run = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Jordmor følger fødende.</w:t></w:r>"
    _append_xml(doc, _p(hidden_run))  # hidden by the run's own formatting
    _append_xml(doc, _p(_r("Synlig start.") + hidden_run.replace("Jordmor", " Skjult")
                        + _r(" Synlig slutt.")))
    _append_xml(doc, _p('<w:r><w:rPr><w:rStyle w:val="Skjulttegn"/></w:rPr>'
                        "<w:t>Skjult ved tegnstil.</w:t></w:r>"))
    doc.add_paragraph("Skjult ved avsnittsstil.", style="Skjult avsnitt")
    _append_xml(doc, _p('<w:r><w:rPr><w:vanish w:val="0"/></w:rPr>'
                        "<w:t>Vist igjen i skjult stil.</w:t></w:r>",
                        '<w:pStyle w:val="Skjultavsnitt"/>'))
    _append_xml(doc, _p("<w:r><w:rPr><w:vanish/></w:rPr><w:t> </w:t></w:r>"
                        + _r("Bare et skjult mellomrom.")))  # nothing to say about
    document = _read(_save(doc, tmp_path))
    assert [b.text for b in document.blocks] == [
        "5. Jordmortjenester", "Synlig start. Synlig slutt.", "Vist igjen i skjult stil.",
        "Bare et skjult mellomrom."]
    [notice] = document.notices
    assert (notice.file, notice.code) == ("avtale.docx", "hidden-text")
    assert "skjult tekst i 4 avsnitt er ikke lest" in notice.message


def test_hidden_text_in_a_table_cell_and_a_hidden_field_code_are_handled(tmp_path: Path) -> None:
    """A hidden run that holds a field's marks still opens and closes the field, so the
    text after it is read as Word shows it."""
    doc = new_docx()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Oppgave"
    cell = table.cell(0, 1)._tc
    cell.remove(cell[-1])
    cell.append(parse_xml(_p("<w:r><w:rPr><w:vanish/></w:rPr><w:t>Skjult ansvar</w:t></w:r>")))
    _append_xml(doc, _p(
        '<w:r><w:rPr><w:vanish/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:instrText>TC "Skjult"</w:instrText></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
        + _r("Partene møtes hvert år.")))
    document = _read(_save(doc, tmp_path))
    assert [b.text for b in document.blocks] == ["Oppgave", "Partene møtes hvert år."]
    [notice] = document.notices
    assert "i 1 avsnitt" in notice.message


def test_a_document_without_hidden_text_has_no_notice(tmp_path: Path) -> None:
    doc = _hidden_style_doc()  # the styles exist but are not used
    doc.add_paragraph("Partene møtes hvert år.")
    assert _read(_save(doc, tmp_path)).notices == []
