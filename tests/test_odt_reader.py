"""Tests for the ODT reader: structure from ODF markup, and hostile or wrong files refused.

Every document is written here as a zip of XML strings, the markup LibreOffice
writes, so each test pins exactly the feature it is about.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import NUMBERED_SECTIONS_AFTER_THE_FIRST

from samlint.documents import docx_package, read_document
from samlint.documents.model import BlockKind, DocumentError
from samlint.documents.odt import read_odt

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
)
MIMETYPE = "application/vnd.oasis.opendocument.text"


def content(body: str, automatic_styles: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
            f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>")


def styles(master: str = "", common: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}>'
            f"<office:styles>{common}</office:styles>"
            f"<office:master-styles>{master}</office:master-styles></office:document-styles>")


def write_odt(path: Path, body: str, *, styles_xml: str | None = None,
              automatic_styles: str = "", mimetype: str = MIMETYPE,
              extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content(body, automatic_styles))
        archive.writestr("styles.xml", styles_xml if styles_xml is not None else styles())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def read(path: Path) -> list[tuple[str, BlockKind, int]]:
    return [(b.text, b.kind, b.level) for b in read_document(path, path.name).blocks]


def test_headings_take_their_outline_level(tmp_path: Path) -> None:
    path = write_odt(tmp_path / "avtale.odt",
                     '<text:h text:outline-level="1">1 Formål</text:h>'
                     "<text:p>Partene samarbeider om pasientforløp.</text:p>"
                     '<text:h text:outline-level="2">1.1 Virkeområde</text:h>'
                     "<text:h>Uten nivå</text:h>")

    assert read(path) == [
        ("1 Formål", BlockKind.HEADING, 1),
        ("Partene samarbeider om pasientforløp.", BlockKind.PARAGRAPH, 0),
        ("1.1 Virkeområde", BlockKind.HEADING, 2),
        ("Uten nivå", BlockKind.HEADING, 1),  # ODF: no outline level means level 1
    ]


def test_paragraph_styles_make_headings_through_their_parents(tmp_path: Path) -> None:
    """LibreOffice writes a formatted paragraph as an automatic style whose parent is named."""
    common = ('<style:style style:name="Title" style:family="paragraph"/>'
              '<style:style style:name="Heading_20_2" style:display-name="Heading 2" '
              'style:family="paragraph" style:default-outline-level="2"/>')
    automatic = ('<style:style style:name="P1" style:family="paragraph" '
                 'style:parent-style-name="Heading_20_2"/>')
    path = write_odt(tmp_path / "avtale.odt",
                     '<text:p text:style-name="Title">Samarbeidsavtale</text:p>'
                     '<text:p text:style-name="P1">2.1 Ansvar</text:p>'
                     '<text:p text:style-name="Standard">Brødtekst.</text:p>',
                     styles_xml=styles(common=common), automatic_styles=automatic)

    assert read(path) == [("Samarbeidsavtale", BlockKind.HEADING, 1),
                          ("2.1 Ansvar", BlockKind.HEADING, 2),
                          ("Brødtekst.", BlockKind.PARAGRAPH, 0)]


def test_lists_tables_and_inline_markup(tmp_path: Path) -> None:
    path = write_odt(
        tmp_path / "avtale.odt",
        "<text:list><text:list-item><text:p>Kommunen <text:span>varsler</text:span>"
        "<text:s text:c=\"2\"/>sykehuset.</text:p></text:list-item>"
        "<text:list-item><text:list><text:list-item><text:p>Underpunkt</text:p>"
        "</text:list-item></text:list></text:list-item></text:list>"
        "<table:table><table:table-column/><table:table-header-rows><table:table-row>"
        "<table:table-cell><text:p>Oppgave</text:p></table:table-cell>"
        "<table:table-cell><text:p>Ansvar</text:p></table:table-cell>"
        "</table:table-row></table:table-header-rows><table:table-row>"
        "<table:table-cell><text:p>Sårstell</text:p><text:p>hjemme</text:p></table:table-cell>"
        "<table:covered-table-cell/><table:table-cell><text:p>Kommunen</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "<text:p>Linje<text:line-break/>to<text:tab/>tab</text:p>",
    )

    assert read(path) == [
        ("Kommunen varsler  sykehuset.", BlockKind.LIST_ITEM, 0),
        ("Underpunkt", BlockKind.LIST_ITEM, 0),
        ("Oppgave | Ansvar", BlockKind.TABLE_ROW, 0),  # a header row is not a heading
        ("Sårstell hjemme | Kommunen", BlockKind.TABLE_ROW, 0),
        ("Linje to\ttab", BlockKind.PARAGRAPH, 0),
    ]


# The list style LibreOffice writes for Word's "List Number": "1.", "2.", ... at the top.
NUMBERED = ('<text:list-style style:name="WWNum5"><text:list-level-style-number text:level="1"'
            ' style:num-suffix="." style:num-format="1"/><text:list-level-style-number'
            ' text:level="2" style:num-suffix="." style:num-format="1"/></text:list-style>')


def _numbered(*items: str, cont: bool = True, style: str = "WWNum5") -> str:
    """One ``text:list`` of the given items, continuing the list before it (as LibreOffice
    writes a Word list that text interrupts); an item may hold its own markup."""
    attributes = ' text:continue-numbering="true"' if cont else ""
    return (f'<text:list text:style-name="{style}"{attributes}>' + "".join(
        f"<text:list-item>{item if item.startswith('<') else f'<text:p>{item}</text:p>'}"
        "</text:list-item>" for item in items) + "</text:list>")


def test_numbered_list_items_are_headings_by_the_docx_rule(tmp_path: Path) -> None:
    """Sections typed as a numbered list (as LibreOffice saves Word's 'List Number'):
    printed '1. Formål', they are headings in the DOCX and the PDF export, and must be
    here too, with their number; a section with no body and the last one before only a
    place and date as well. The limits hold: a sentence, the item right after it, an
    item with a sublist, and a list of its own numbering stay list items."""
    path = write_odt(
        tmp_path / "avtale.odt",
        _numbered("Formål", cont=False)
        + "<text:p>Avtalen skal sikre gode pasientforløp.</text:p>"
        + _numbered("IKT")
        + "<text:p>Partene skal samarbeide om IKT-løsninger.</text:p>"
        + _numbered("Felles planlegging", "Underskrifter")
        + "<text:p>Fjellvik, 1. mars 2026</text:p>"
        + _numbered("Avvik", "Innleggelse", cont=False, style="Egen")
        + "<text:p>Listen over gjelder fra 2025.</text:p>"
        + _numbered("Kommunen varsler sykehuset ved innleggelse.", "Samarbeidsorgan")
        + "<text:p>Partene møtes jevnlig.</text:p>"
        + _numbered("<text:p>Oppfølging</text:p>" + _numbered("Møter", cont=False)),
        automatic_styles=NUMBERED + NUMBERED.replace("WWNum5", "Egen"),
    )
    assert read(path) == [
        ("1. Formål", BlockKind.HEADING, 1),
        ("Avtalen skal sikre gode pasientforløp.", BlockKind.PARAGRAPH, 0),
        *NUMBERED_SECTIONS_AFTER_THE_FIRST,
        ("Kommunen varsler sykehuset ved innleggelse.", BlockKind.LIST_ITEM, 0),
        ("Samarbeidsorgan", BlockKind.LIST_ITEM, 0),
        ("Partene møtes jevnlig.", BlockKind.PARAGRAPH, 0),
        ("Oppfølging", BlockKind.LIST_ITEM, 0),
        ("Møter", BlockKind.LIST_ITEM, 0),
    ]


def test_headers_and_footers_are_furniture(tmp_path: Path) -> None:
    master = ('<style:master-page style:name="Standard"><style:header><text:p>Lundvær kommune'
              "</text:p></style:header><style:footer><text:p>Side 1</text:p></style:footer>"
              "</style:master-page>")
    path = write_odt(tmp_path / "avtale.odt", "<text:p>Brødtekst.</text:p>",
                     styles_xml=styles(master=master))

    document = read_document(path, "avtale.odt")

    assert [b.text for b in document.blocks] == ["Brødtekst."]
    assert document.furniture == ["Lundvær kommune", "Side 1"]


def test_notes_and_text_boxes_follow_their_paragraph_and_toc_is_not_headings(
    tmp_path: Path,
) -> None:
    path = write_odt(
        tmp_path / "avtale.odt",
        "<text:table-of-content><text:index-body><text:index-title><text:p>Innhold</text:p>"
        "</text:index-title><text:p>1 Formål<text:tab/>1</text:p></text:index-body>"
        "</text:table-of-content>"
        "<text:p>Kommunen varsler<text:note><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>Innen kl. 12.</text:p></text:note-body></text:note> "
        "sykehuset.<draw:frame><draw:text-box><text:p>Tekst i boks</text:p></draw:text-box>"
        "</draw:frame></text:p>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>Slettet</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>",
    )

    assert read(path) == [
        ("Innhold", BlockKind.TOC_ENTRY, 0),
        ("1 Formål\t1", BlockKind.TOC_ENTRY, 0),
        ("Kommunen varsler sykehuset.", BlockKind.PARAGRAPH, 0),
        ("Innen kl. 12.", BlockKind.PARAGRAPH, 0),
        ("Tekst i boks", BlockKind.PARAGRAPH, 0),
    ]


def test_ott_template_is_read_too(tmp_path: Path) -> None:
    path = write_odt(tmp_path / "mal.ott", "<text:p>Mal</text:p>",
                     mimetype="application/vnd.oasis.opendocument.text-template")
    assert read(path) == [("Mal", BlockKind.PARAGRAPH, 0)]


def code_and_message(path: Path) -> tuple[str, str]:
    with pytest.raises(DocumentError) as caught:
        read_odt(path, path.name)
    return caught.value.code, caught.value.message


def test_not_a_zip_is_corrupt_in_odt_words(tmp_path: Path) -> None:
    path = tmp_path / "avtale.odt"
    path.write_text("Samarbeidsavtale", encoding="utf-8")
    code, message = code_and_message(path)
    assert code == "corrupt" and "ODT-filen" in message and "Word" not in message


def test_a_spreadsheet_renamed_to_odt_is_named_as_such(tmp_path: Path) -> None:
    path = write_odt(tmp_path / "avtale.odt", "<text:p>x</text:p>",
                     mimetype="application/vnd.oasis.opendocument.spreadsheet")
    code, message = code_and_message(path)
    assert code == "unsupported" and "regneark" in message


def test_encrypted_odt_says_password(tmp_path: Path) -> None:
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
    path = write_odt(tmp_path / "avtale.odt", "<text:p>x</text:p>",
                     extra={"META-INF/manifest.xml": manifest})
    code, message = code_and_message(path)
    assert code == "encrypted" and "passord" in message


def test_dtd_and_entities_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "avtale.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
        archive.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                         f"<office:document-content {NS}><office:body><office:text>"
                         "<text:p>&a;</text:p></office:text></office:body>"
                         "</office:document-content>")
    code, message = code_and_message(path)
    assert code == "corrupt" and "ODT-filer" in message and "Word" not in message


def test_zip_bomb_is_refused_from_the_directory(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_package, "MAX_TOTAL_UNCOMPRESSED", 1000)
    path = write_odt(tmp_path / "avtale.odt", "<text:p>" + "a" * 5000 + "</text:p>")
    code, message = code_and_message(path)
    assert code == "too-large" and "ODT-filen" in message


def test_missing_content_and_broken_xml_are_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "avtale.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
    assert code_and_message(path)[0] == "corrupt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", MIMETYPE)
        archive.writestr("content.xml", "<office:document-content")
    code, message = code_and_message(path)
    assert code == "corrupt" and "content.xml" in message


# ------------------------------------------- drawings and objects (no silent drops)


def test_a_frame_anchored_to_the_page_is_read(tmp_path: Path) -> None:
    """LibreOffice writes a page-anchored frame beside the paragraphs, not inside one."""
    path = write_odt(tmp_path / "a.odt", (
        '<draw:frame text:anchor-type="page"><draw:text-box><text:p>Kontaktpunkt i ramme'
        "</text:p></draw:text-box></draw:frame><text:p>Brødtekst.</text:p>"))
    assert [text for text, _k, _l in read(path)] == ["Kontaktpunkt i ramme", "Brødtekst."]


def test_a_frame_inside_a_text_box_is_read_once(tmp_path: Path) -> None:
    inner = "<draw:frame><draw:text-box><text:p>Indre boks</text:p></draw:text-box></draw:frame>"
    path = write_odt(tmp_path / "a.odt", (
        f"<text:p>Anker.<draw:frame><draw:text-box><text:p>Ytre boks{inner}</text:p>"
        "</draw:text-box></draw:frame></text:p>"))
    assert [text for text, _k, _l in read(path)] == ["Anker.", "Ytre boks", "Indre boks"]


def test_shape_text_grouped_shapes_and_numbered_paragraphs_are_read(tmp_path: Path) -> None:
    shape = ('<draw:custom-shape><text:p>Figurtekst om legevakt</text:p>'
             '<draw:enhanced-geometry draw:type="rectangle"/></draw:custom-shape>')
    group = f"<draw:g>{shape.replace('legevakt', 'AMK')}</draw:g>"
    path = write_odt(tmp_path / "a.odt", (
        f"<text:p>Figur:{shape}</text:p>{group}"
        '<text:numbered-paragraph text:level="1"><text:p>Nummerert avsnitt</text:p>'
        "</text:numbered-paragraph>"))
    assert read(path) == [
        ("Figur:", BlockKind.PARAGRAPH, 0),
        ("Figurtekst om legevakt", BlockKind.PARAGRAPH, 0),
        ("Figurtekst om AMK", BlockKind.PARAGRAPH, 0),
        ("Nummerert avsnitt", BlockKind.LIST_ITEM, 0),
    ]


def test_an_embedded_object_is_named_in_a_notice(tmp_path: Path) -> None:
    path = write_odt(tmp_path / "a.odt", (
        '<text:p>Se tabellen.<draw:frame><draw:object xlink:href="./Object 1" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"/></draw:frame></text:p>'))
    document = read_document(path, "a.odt")
    [notice] = document.notices
    assert (notice.file, notice.code) == ("a.odt", "embedded")
    assert "Object 1" in notice.message and "ikke lest" in notice.message
    assert read_document(write_odt(tmp_path / "b.odt", "<text:p>Tekst.</text:p>"),
                         "b.odt").notices == []


def test_hidden_text_is_not_read_and_one_notice_counts_its_paragraphs(tmp_path: Path) -> None:
    """What LibreOffice hides (a character or paragraph style with ``text:display="none"``,
    as it writes Word's hidden text; a hidden section, paragraph or ``text:hidden-text``)
    a reader does not see: not read, and named in one notice."""
    automatic = (
        '<style:style style:name="T1" style:family="text">'
        '<style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Skjult"/>')
    common = ('<style:style style:name="Skjult" style:family="paragraph">'
              '<style:text-properties text:display="none"/></style:style>')
    path = write_odt(tmp_path / "a.odt", (
        '<text:h text:outline-level="1">5. Jordmortjenester</text:h>'
        '<text:p><text:span text:style-name="T1">Jordmor følger fødende.</text:span></text:p>'
        '<text:p>Synlig start.<text:span text:style-name="T1"> Skjult.</text:span> Slutt.</text:p>'
        '<text:p text:style-name="P1">Skjult ved avsnittsstil.</text:p>'
        '<text:section text:name="S1" text:display="none"><text:p>Skjult en.</text:p>'
        "<text:p>Skjult to.</text:p></text:section>"
        '<text:p>Før<text:hidden-text text:condition="ooow:1" text:string-value=" skjult" '
        'text:is-hidden="true"> skjult</text:hidden-text> etter.</text:p>'
        '<text:p>Felt<text:hidden-text text:condition="ooow:0" text:string-value=" vist" '
        'text:is-hidden="false"> vist</text:hidden-text>.</text:p>'
        '<text:p><text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/>'
        "Skjult avsnitt.</text:p>"
        '<text:section text:name="S2"><text:p>Synlig seksjon.</text:p></text:section>'),
        automatic_styles=automatic, styles_xml=styles(common=common))
    document = read_document(path, "a.odt")
    assert [b.text for b in document.blocks] == [
        "5. Jordmortjenester", "Synlig start. Slutt.", "Før etter.", "Felt vist.",
        "Synlig seksjon."]
    [notice] = document.notices
    assert (notice.file, notice.code) == ("a.odt", "hidden-text")
    assert "skjult tekst i 7 avsnitt er ikke lest" in notice.message
