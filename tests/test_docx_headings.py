"""Headings made by direct formatting in Word read like headings made with styles.

Agreements are often typed without heading styles: bold or larger text, or a
numbered list. The PDF exported from such a file gets headings from font size,
bold and numbering (``samlint.documents.layout``), so the DOCX reader applies
the same rules, and the same agreement gets the same verdicts as a styled
DOCX, as a directly formatted DOCX and as the PDF exported from either.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from lxml import etree

from samlint.documents.docx import read_docx
from samlint.documents.model import BlockKind
from samlint.engine import RunOptions, check_paths
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "cases"
KOMPLETT = REPO / "examples" / "komplett"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(local: str) -> str:
    return f"{{{W}}}{local}"


def _pairs(path: Path) -> list[tuple[str, BlockKind, int]]:
    return [(b.text, b.kind, b.level) for b in read_docx(path, path.name).blocks]


def _append(doc: object, xml: str) -> None:
    body = doc.element.body  # type: ignore[attr-defined]
    body.sectPr.addprevious(parse_xml(xml))


def _numbered(text: str, num_id: str = "5") -> str:
    return (f"<w:p {nsdecls('w')}><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId "
            f'w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>')


# ---------------------------------------------------------------- the rules


def test_bold_and_larger_short_paragraphs_are_headings_as_in_pdfs(tmp_path: Path) -> None:
    doc = new_docx()  # body text 11 pt (the template's default)
    title = doc.add_paragraph().add_run("Samarbeidsavtale mellom Lundvær kommune og Helse "
                                        "Nordvik HF")
    title.font.size = Pt(16)
    doc.add_paragraph().add_run("3 Ansvar og oppgaver").bold = True
    doc.add_paragraph("Kommunen har ansvar for helse- og omsorgstjenester.")
    doc.add_paragraph().add_run("3.1 Varsling").bold = True
    doc.add_paragraph("Sykehuset varsler kommunen innen ett døgn.")
    doc.add_paragraph().add_run("Kontaktpunkter").bold = True
    bigger = doc.add_paragraph().add_run("Del B Pasientforløp")
    bigger.font.size = Pt(13)
    # Not headings: a sentence in bold, part-bold text, a bold list item.
    doc.add_paragraph().add_run("Dette punktet er viktig.").bold = True
    mixed = doc.add_paragraph()
    mixed.add_run("Merk").bold = True
    mixed.add_run(" dette")
    doc.add_paragraph(style="List Bullet").add_run("Kulepunkt i fet skrift").bold = True
    doc.add_paragraph("Avtalen gjelder fra signering.")
    path = tmp_path / "direkte.docx"
    doc.save(str(path))

    assert _pairs(path) == [
        ("Samarbeidsavtale mellom Lundvær kommune og Helse Nordvik HF", BlockKind.HEADING, 1),
        ("3 Ansvar og oppgaver", BlockKind.HEADING, 1),
        ("Kommunen har ansvar for helse- og omsorgstjenester.", BlockKind.PARAGRAPH, 0),
        ("3.1 Varsling", BlockKind.HEADING, 2),
        ("Sykehuset varsler kommunen innen ett døgn.", BlockKind.PARAGRAPH, 0),
        ("Kontaktpunkter", BlockKind.HEADING, 9),
        ("Del B Pasientforløp", BlockKind.HEADING, 1),
        ("Dette punktet er viktig.", BlockKind.PARAGRAPH, 0),
        ("Merk dette", BlockKind.PARAGRAPH, 0),
        ("Kulepunkt i fet skrift", BlockKind.LIST_ITEM, 0),
        ("Avtalen gjelder fra signering.", BlockKind.PARAGRAPH, 0),
    ]


def test_bold_from_a_plain_named_style_makes_a_heading(tmp_path: Path) -> None:
    doc = new_docx()
    style = doc.styles.add_style("Avsnittstittel", WD_STYLE_TYPE.PARAGRAPH)
    style.font.bold = True
    doc.add_paragraph("Utskrivning", style="Avsnittstittel")
    doc.add_paragraph("Kommunen tar imot pasienten.")
    path = tmp_path / "stil.docx"
    doc.save(str(path))
    assert _pairs(path)[0] == ("Utskrivning", BlockKind.HEADING, 9)


def test_top_level_numbered_list_paragraphs_before_body_text_are_headings(
    tmp_path: Path,
) -> None:
    doc = new_docx()  # numId 5 is the template's decimal list ("%1.")
    _append(doc, _numbered("Parter"))
    doc.add_paragraph("Avtalen er inngått mellom kommunen og helseforetaket.")
    _append(doc, _numbered("Formål"))
    doc.add_paragraph("Avtalen skal sikre gode pasientforløp.")
    # Short items of another list (its own numbering, numId 1): the last one is
    # followed by body text, but it follows an item of the same list, and no item
    # of that list is a heading, so they are a list.
    _append(doc, _numbered("Avvik", "1"))
    _append(doc, _numbered("Innleggelse", "1"))
    doc.add_paragraph("Listen over gjelder fra 2025.")
    # Items of the heading list with no body text under the first one, and none
    # after the last: printed '3. Samarbeidsorgan', '4. Underskrifter', '5. Vedlegg',
    # headings like their siblings (as the PDF reader reads them).
    _append(doc, _numbered("Samarbeidsorgan"))
    _append(doc, _numbered("Underskrifter"))
    doc.add_paragraph("Fjellvik, 1. mars 2026")
    _append(doc, _numbered("Vedlegg"))
    path = tmp_path / "nummerert.docx"
    doc.save(str(path))

    assert _pairs(path) == [
        ("1. Parter", BlockKind.HEADING, 1),
        ("Avtalen er inngått mellom kommunen og helseforetaket.", BlockKind.PARAGRAPH, 0),
        ("2. Formål", BlockKind.HEADING, 1),
        ("Avtalen skal sikre gode pasientforløp.", BlockKind.PARAGRAPH, 0),
        ("Avvik", BlockKind.LIST_ITEM, 0),
        ("Innleggelse", BlockKind.LIST_ITEM, 0),
        ("Listen over gjelder fra 2025.", BlockKind.PARAGRAPH, 0),
        ("3. Samarbeidsorgan", BlockKind.HEADING, 1),
        ("4. Underskrifter", BlockKind.HEADING, 1),
        ("Fjellvik, 1. mars 2026", BlockKind.PARAGRAPH, 0),
        ("5. Vedlegg", BlockKind.HEADING, 1),
    ]


def test_in_a_heading_list_a_sentence_and_what_follows_it_or_a_sublist_stay_list_items(
    tmp_path: Path,
) -> None:
    """The empty-section rule is bounded: an item that is a sentence is no heading, an
    item right after it is still in a list, and so is one with a sublist under it."""
    doc = new_docx()
    _append(doc, _numbered("Formål"))
    doc.add_paragraph("Avtalen skal sikre gode pasientforløp.")
    _append(doc, _numbered("Kommunen varsler sykehuset ved innleggelse."))
    _append(doc, _numbered("Samarbeidsorgan"))
    _append(doc, _numbered("Oppfølging").replace('w:val="0"', 'w:val="1"'))
    path = tmp_path / "nummerert.docx"
    doc.save(str(path))
    assert _pairs(path) == [
        ("1. Formål", BlockKind.HEADING, 1),
        ("Avtalen skal sikre gode pasientforløp.", BlockKind.PARAGRAPH, 0),
        ("Kommunen varsler sykehuset ved innleggelse.", BlockKind.LIST_ITEM, 0),
        ("Samarbeidsorgan", BlockKind.LIST_ITEM, 0),
        ("Oppfølging", BlockKind.LIST_ITEM, 0),
    ]


# ------------------------------------------------- same agreement, same verdicts

# How a writer without styles sets what the styles did: the title large and
# bold, main headings bold and a little larger, subheadings bold.
_DIRECT = {"Title": (True, 32), "Heading1": (True, 28), "Heading2": (True, None)}


def _direct_formatting(data: bytes) -> bytes:
    """The same DOCX with every heading style replaced by direct formatting."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "word/document.xml":
                content = _restyle(content)
            dst.writestr(info, content)
    return out.getvalue()


def _restyle(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for pstyle in root.iter(_q("pStyle")):
        style = pstyle.get(_q("val")) or ""
        if style not in _DIRECT:
            assert not re.match(r"(Heading|Title)", style), style
            continue
        bold, size = _DIRECT[style]
        paragraph = pstyle.getparent().getparent()
        pstyle.getparent().remove(pstyle)
        for run in paragraph.iter(_q("r")):
            rpr = run.find(_q("rPr"))
            if rpr is None:
                rpr = etree.Element(_q("rPr"))
                run.insert(0, rpr)
            if bold:
                etree.SubElement(rpr, _q("b"))
            if size:
                etree.SubElement(rpr, _q("sz")).set(_q("val"), str(size))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _corpus_docx() -> list[Path]:
    inputs = [REPO / "examples" / "mangelfull.docx"]
    if CORPUS.is_dir():
        inputs += sorted(p for p in CORPUS.iterdir()
                         if p.suffix == ".docx" or (p.is_dir() and any(p.rglob("*.docx"))))
    return inputs


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    return load_rule_files(default_rule_files())


def _verdicts(path: Path, rules) -> dict[str, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    [result] = check_paths([path], rules, options=RunOptions(as_of=date(2026, 12, 1)))
    assert not result.errors, result.errors
    return {r.rule_id: (r.status.value, r.weak_kind) for r in result.rules}


def _copy_direct(source: Path, target: Path) -> Path:
    """``source`` (a file or an agreement folder) with every DOCX restyled."""
    if source.is_file():
        target.write_bytes(_direct_formatting(source.read_bytes()))
        return target
    shutil.copytree(source, target)
    for docx in target.rglob("*.docx"):
        docx.write_bytes(_direct_formatting(docx.read_bytes()))
    return target


@pytest.mark.parametrize("source", _corpus_docx(), ids=lambda p: p.name)
def test_direct_formatting_gives_the_verdicts_of_heading_styles(
    source: Path, tmp_path: Path, rules  # type: ignore[no-untyped-def]
) -> None:
    direct = _copy_direct(source, tmp_path / source.name)
    if direct.is_file():
        # The restyled file really has no heading styles left to lean on.
        assert b"Heading1" not in zipfile.ZipFile(direct).read("word/document.xml")
        styled_kinds = [(b.kind, b.level) for b in read_docx(source, "a").blocks]
        direct_kinds = [b.kind for b in read_docx(direct, "b").blocks]
        assert direct_kinds == [kind for kind, _level in styled_kinds]
    assert _verdicts(direct, rules) == _verdicts(source, rules)


# ------------------------------------------------------------ the PDF export

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _pdf_cases() -> list[object]:
    cases: list[object] = [pytest.param(REPO / "examples" / "mangelfull.docx", variant,
                                        id=f"mangelfull-{variant}")
                           for variant in ("styled", "direct")]
    if CORPUS.is_dir():
        # The PDF reader once took corpus 03's dotted TOC line '9 Forsking ... 6' for a
        # heading and ran corpus 07's one-sentence paragraphs together: both now read alike.
        cases += [pytest.param(path, "styled", id=path.stem)
                  for path in sorted(CORPUS.glob("*.docx"))]
    # The delavtaler of the complete example, each alone: their bulleted lists come out
    # of the export with Symbol's private-use bullet (U+F0B7) before each item, and
    # delavtale 6's table of joint measures runs from page 3 onto page 4.
    cases += [pytest.param(path, "styled", id=f"komplett-{path.stem.split('-')[1]}")
              for path in sorted(KOMPLETT.glob("*.docx"))]
    return cases


def _export_pdf(docx: list[Path], outdir: Path, profile: Path) -> None:
    """``docx`` saved as PDF into ``outdir`` by LibreOffice, as a case officer would."""
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx)],
        check=True, capture_output=True, timeout=180,
    )


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "the PDF export cannot be made")
@pytest.mark.parametrize(("source", "variant"), _pdf_cases())
def test_docx_and_its_pdf_export_give_the_same_verdicts(
    source: Path, variant: str, tmp_path: Path, rules  # type: ignore[no-untyped-def]
) -> None:
    docx = tmp_path / source.name
    if variant == "styled":
        shutil.copy(source, docx)
    else:
        _copy_direct(source, docx)
    # A private profile: runs may be parallel.
    _export_pdf([docx], tmp_path / "pdf", tmp_path / "profile")
    pdf = tmp_path / "pdf" / f"{source.stem}.pdf"
    assert _verdicts(pdf, rules) == _verdicts(docx, rules)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "the PDF export cannot be made")
def test_the_complete_example_with_its_docx_exported_to_pdf_gives_the_same_verdicts(
    tmp_path: Path, rules  # type: ignore[no-untyped-def]
) -> None:
    """The set as a whole: a point one delavtale covers and another only mentions is
    judged over all files, so a difference the files alone hide can show here."""
    exported = tmp_path / "komplett"
    shutil.copytree(KOMPLETT, exported)
    docx = sorted(exported.glob("*.docx"))
    assert len(docx) == 5
    _export_pdf(docx, exported, tmp_path / "profile")
    for path in docx:
        path.unlink()
    assert sorted(p.suffix for p in exported.iterdir()) == [".pdf"] * 7
    assert _verdicts(exported, rules) == _verdicts(KOMPLETT, rules)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "the PDF, ODT and HTML versions cannot be made")
def test_numbered_headings_with_an_empty_section_read_as_in_the_pdf_odt_and_html(
    tmp_path: Path, rules  # type: ignore[no-untyped-def]
) -> None:
    """Headings typed as 'List Number' paragraphs, one with no body and the last one
    followed by a place and date only (the trial's numliste_minimal). Read as list items,
    the two became body text of the IKT section above, which then counted as covered; the
    PDF says weak. The ODT and HTML LibreOffice saves from it hold the same numbered list
    (``text:list``, ``<ol start>``), and must give the same verdicts as .docx and .pdf:
    read as list items there, the jordmor section's body was lost (nr8 weak, not covered).
    """
    doc = new_docx()
    doc.add_paragraph("Samarbeidsavtale mellom Fjellvik kommune og Helse Vestkyst HF")
    doc.add_paragraph("Jordmortjenester", style="List Number")
    doc.add_paragraph("Kommunens jordmor har ansvar for svangerskapskontroller og hjemmebesøk "
                      "etter fødsel, og fødeavdelingen sender elektronisk melding til "
                      "helsestasjonen ved hjemreise.")
    doc.add_paragraph("Jordmødrene fra begge parter møtes to ganger i året for å gå gjennom "
                      "avvik og rutiner.")
    doc.add_paragraph("IKT", style="List Number")
    doc.add_paragraph("Partene skal samarbeide om IKT-løsninger.")
    doc.add_paragraph("Felles planlegging", style="List Number")
    doc.add_paragraph("Underskrifter", style="List Number")
    doc.add_paragraph("Fjellvik, 1. mars 2026")
    docx = tmp_path / "numliste.docx"
    doc.save(str(docx))
    assert [text for text, kind, _level in _pairs(docx) if kind == BlockKind.HEADING] == [
        "1. Jordmortjenester", "2. IKT", "3. Felles planlegging", "4. Underskrifter"]
    profile = tmp_path / "profile"
    for fmt in ("pdf", "odt", "html"):
        subprocess.run(
            [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", fmt, "--outdir", str(tmp_path / fmt), str(docx)],
            check=True, capture_output=True, timeout=180,
        )
    verdicts = _verdicts(docx, rules)
    assert verdicts["hol-6-2-nr8"][0] == "covered"
    assert verdicts["hol-6-2-nr9"] == ("weak", "intent")
    for fmt in ("pdf", "odt", "html"):
        assert _verdicts(tmp_path / fmt / f"numliste.{fmt}", rules) == verdicts, fmt


def test_larger_text_counts_against_words_own_default_when_nothing_names_a_size(
    tmp_path: Path,
) -> None:
    """A file without styles.xml (as some generators write) is still 10 pt body text."""
    body = (
        '<w:p><w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t>Samarbeidsavtale</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Partene samarbeider om pasientforløp og tjenester.</w:t></w:r></w:p>"
    )
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}'
           "</w:body></w:document>")
    path = tmp_path / "uten_stiler.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", xml)
    assert _pairs(path) == [
        ("Samarbeidsavtale", BlockKind.HEADING, 1),
        ("Partene samarbeider om pasientforløp og tjenester.", BlockKind.PARAGRAPH, 0),
    ]
