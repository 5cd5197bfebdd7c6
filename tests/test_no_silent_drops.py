"""Zero silent drops: every word of a file's text is read, or the file says it was not.

Issue 15's target: for every fixture, every piece of agreement text is either
used in the verdicts or named in a notice or error. Checked word by word
against an extraction samlint does not make itself: the words written into a
hand-made fixture (a LibreOffice document with a frame anchored to the page,
a text box, a shape with text, notes, lists, a table, a form field and a
section, saved by LibreOffice as DOCX, ODT, DOC, HTML and PDF; a Word file
with text boxes, an embedded web page, notes, form fields and content
controls), LibreOffice's plain-text export of every example and corpus Word
file, ``pdftotext`` for every PDF, the text of every web page and text file.

Every word there must be among the words of the document's blocks or its page
furniture (headers, footers, running titles: kept apart, not lost), or the
document has a notice naming the page it is on. What is left out on purpose
is left out of the extraction too, each for a stated reason: list numbers
Word and LibreOffice generate (numbering, not text; a numbered heading keeps
its number), note marks, and in web pages navigation, scripts and styles. Tests skip,
saying so, only where LibreOffice or pdftotext is missing (``.ci/run``
installs both).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO
from docx.oxml import parse_xml
from lxml import etree
from test_docx_completeness import (
    HTML,
    MODERN_BOX,
    _append,
    _chunk_doc,
    _docx_bytes,
    _form_field,
    _notes,
    _p,
    _r,
    _with_parts,
)

from samlint.documents import Document, convert, read_document

EXAMPLES = REPO / "examples"
CORPUS = REPO.parent / "shared" / "corpus" / "cases"
OFFICE = convert.office_program()
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    OFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) or pdftotext (poppler-utils) is not installed; .ci/run "
    "installs both")
WORD = re.compile(r"[^\W_]+")
# A list number LibreOffice prints at the start of a line: "4.", "b)", "iv." or a bullet.
LIST_LABEL = re.compile(r"^[ \t]*(?:(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]|[•◦▪–-])[ \t]+",
                        re.MULTILINE)
# pdftotext keeps a word hyphenated at a line end in two pieces; the reader joins it
# ("sam-handling") or keeps the hyphen ("helse- og"): either way is read.
LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_]+)")

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
<draw:frame text:anchor-type="page" text:anchor-page-number="1" svg:x="12cm" svg:y="2cm"
 svg:width="6cm" svg:height="3cm"><draw:text-box><text:p>Rammetekst forankret til siden om
 kontaktpunkter.</text:p></draw:text-box></draw:frame>
<text:h text:outline-level="1">1 Formål og virkeområde</text:h>
<text:p>Kommunen og helseforetaket samarbeider om pasientforløp.<text:note
 text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>
 Fotnote om forskriften for betaling.</text:p></text:note-body></text:note> Partene møtes
 årlig.</text:p>
<text:p>Ankeravsnitt med ramme.<draw:frame text:anchor-type="paragraph" svg:width="6cm"
 svg:height="2cm"><draw:text-box><text:p>Tekstboks om varsling av legevakten.</text:p>
 </draw:text-box></draw:frame></text:p>
<text:p>Figur med tekst:<draw:custom-shape text:anchor-type="paragraph" svg:width="4cm"
 svg:height="2cm"><text:p>Figurtekst om ambulansetjenesten.</text:p><draw:enhanced-geometry
 draw:type="rectangle"/></draw:custom-shape></text:p>
<text:h text:outline-level="1">2 Oppgaver</text:h>
<text:list><text:list-item><text:p>Første punkt om innleggelse.</text:p><text:list>
 <text:list-item><text:p>Underpunkt om epikrise.</text:p></text:list-item></text:list>
 </text:list-item><text:list-item><text:p>Andre punkt om utskrivning.</text:p></text:list-item>
</text:list>
<text:numbered-paragraph text:level="1"><text:p>Nummerert avsnitt om
 jordmortjenesten.</text:p></text:numbered-paragraph>
<table:table table:name="Ansvar"><table:table-column table:number-columns-repeated="2"/>
<table:table-header-rows><table:table-row><table:table-cell><text:p>Oppgave</text:p>
 </table:table-cell><table:table-cell><text:p>Ansvar</text:p></table:table-cell>
 </table:table-row></table:table-header-rows>
<table:table-row><table:table-cell><text:p>Hospitering</text:p></table:table-cell>
 <table:table-cell><text:p>Helseforetaket</text:p></table:table-cell></table:table-row>
</table:table>
<text:p>Kontaktperson: <text:text-input text:description="navn">Kari
 Nordmann</text:text-input>.<text:note text:note-class="endnote"><text:note-citation>i
 </text:note-citation><text:note-body><text:p>Sluttnote om beredskapsplanen.</text:p>
 </text:note-body></text:note></text:p>
<text:section text:name="Del"><text:p>Avsnitt i en seksjon om forebygging.</text:p>
</text:section>
</office:text></office:body></office:document>
"""

WEB_PAGE = """<!DOCTYPE html><html><head><title>Sidetittel</title>
<style>p { color: red }</style><script>var skjult = "skript";</script></head><body>
<nav><a href="/">Forside</a> Meny</nav>
<main><h1>Samarbeidsavtale om pasientforløp</h1>
<p>Kommunen varsler sykehuset.<sup><a href="#fn1">1</a></sup> Partene møtes.</p>
<dl><dt>Utskrivningsklar</dt><dd>Pasienten trenger ikke mer sykehusbehandling.</dd></dl>
<figure><figcaption>Figur: ansvarsdeling ved innleggelse</figcaption></figure>
<blockquote>Sitat fra forskriften om betaling.</blockquote>
<details><summary>Mer om hospitering</summary>Ansatte kan hospitere i to uker.</details>
<table><caption>Kontaktpunkter</caption><tr><th>Part</th><td>Telefon <b>døgnåpent</b></td></tr>
<tr><td><table><tr><td>Nestet celle om legevakt</td></tr></table></td></tr></table>
<pre>Linje en om beredskap
Linje to om øvelser</pre>
<div>Løs tekst i en div<span> og et spenn</span></div>
<ol><li>Første punkt</li><li>Andre punkt<ul><li>Underpunkt om jordmor</li></ul></li></ol>
<p id="fn1">Fotnote om tidsfristen.</p></main></body></html>
"""


def words(text: str) -> set[str]:
    """Word forms, case-folded, in normal form; soft hyphens gone."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return set(WORD.findall(text.casefold()))


def expected_words(text: str, *, numbered_lists: bool = False) -> tuple[set[str], list[tuple]]:
    """The words that must be read, and the line-end hyphenated pairs (either form will do)."""
    if numbered_lists:
        text = LIST_LABEL.sub("", text)
    pairs = [(first.casefold(), second.casefold()) for first, second
             in LINE_END_HYPHEN.findall(unicodedata.normalize("NFKC", text))]
    return words(LINE_END_HYPHEN.sub(" ", text)) - {w for pair in pairs for w in pair}, pairs


def unread(document: Document, text: str, *, numbered_lists: bool = False) -> list[str]:
    """The words of ``text`` that are neither in the document's blocks nor in its furniture."""
    read = words(" \n".join([block.text for block in document.blocks] + document.furniture))
    wanted, pairs = expected_words(text, numbered_lists=numbered_lists)
    missing = wanted - read
    missing |= {f"{a}-{b}" for a, b in pairs
                if a + b not in read and not (a in read and b in read)}
    return sorted(missing)


def office(files: list[Path], target: str, out: Path) -> list[Path]:
    """LibreOffice's conversion of ``files`` (one start for all, a profile of its own)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([OFFICE, f"-env:UserInstallation={(out / 'profil').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=900)
    suffix = target.split(":")[0]
    return [out / f"{path.stem}.{suffix}" for path in files]


def pdf_text(path: Path, skip: set[int]) -> str:
    """pdftotext's text of the PDF, without the pages a notice names."""
    # -layout: without it pdftotext joins "helse-" and "og" at a line end into one word.
    pages = subprocess.run([PDFTOTEXT, "-layout", "-enc", "UTF-8", str(path), "-"],
                           capture_output=True, check=True, timeout=120
                           ).stdout.decode("utf-8").split("\f")
    return "\n".join(page for number, page in enumerate(pages, 1) if number not in skip)


def page_text(data: bytes) -> str:
    """A web page's text as a browser shows it, without what is not shown or not the page's."""
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "head", "nav") or (
                tag == "a" and (element.get("href") or "").startswith("#")
                and element.getparent() is not None and element.getparent().tag == "sup"):
            return  # not shown, not the page's own, or a note's mark (not a word)
        out.append((element.text or "") if tag else "")
        for child in element:
            out.append("\n")
            walk(child)
            out.append(child.tail or "")
        out.append("\n")  # every element ends a word, as a block or a cell would

    walk(lxml.html.document_fromstring(data.decode("utf-8")))
    return "".join(out)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hand-made LibreOffice document in every format samlint reads from it."""
    root = tmp_path_factory.mktemp("trekk")
    source = root / "avtale.fodt"
    source.write_text(FODT, encoding="utf-8")
    found = {}
    for target in ("odt", "docx", "doc", "html", "pdf"):
        [found[target]] = office([source], target, root / target)
    return found


FODT_TEXT = " ".join(etree.fromstring(FODT.encode()).itertext())


@pytest.mark.parametrize("fmt", ["odt", "docx", "doc", "pdf"])
def test_every_word_of_a_document_with_frames_notes_and_fields_is_read(
        features: dict[str, Path], fmt: str) -> None:
    document = read_document(features[fmt], features[fmt].name)
    assert document.notices == []
    assert unread(document, FODT_TEXT) == []


def test_every_word_libreoffice_writes_to_a_web_page_is_read(features: dict[str, Path]) -> None:
    """Against the page itself: LibreOffice saves a shape with text as a picture."""
    page = features["html"]
    document = read_document(page, page.name)
    assert document.notices == []
    assert unread(document, page_text(page.read_bytes())) == []


def test_every_word_of_a_hand_written_web_page_is_read(tmp_path: Path) -> None:
    page = tmp_path / "avtale.html"
    page.write_text(WEB_PAGE, encoding="utf-8")
    document = read_document(page, page.name)
    assert unread(document, page_text(WEB_PAGE.encode())) == []
    assert {"sidetittel", "skript", "forside", "meny"}.isdisjoint(
        words(" ".join(block.text for block in document.blocks)))


def test_every_word_of_a_word_file_with_boxes_chunks_notes_and_fields_is_read(
        tmp_path: Path) -> None:
    doc = _chunk_doc()
    _append(doc, _p(_r("Ankeravsnitt om utskrivning.") + MODERN_BOX
                    + '<w:r><w:footnoteReference w:id="1"/></w:r>'))
    _append(doc, _p(_r("Kommune: ") + _form_field("<w:textInput/>", "Lundvær kommune")))
    _append(doc, _p(_r("Avtalepart: ") + '<w:sdt><w:sdtPr/><w:sdtContent>'
                    + _r("Helse Nordvik HF") + "</w:sdtContent></w:sdt>"))
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Tiltak"
    table.cell(0, 1)._tc.append(parse_xml(_p(_r("Sårteam")
                                             + '<w:r><w:endnoteReference w:id="1"/></w:r>')))
    data = _with_parts(_docx_bytes(doc), {
        "word/chunk1.htm": HTML.encode(),
        "word/footnotes.xml": _notes("footnote", "Jf. forskrift om kommunal betaling."),
        "word/endnotes.xml": _notes("endnote", "Kostnadene deles likt."),
    }, {"rIdChunk1": "chunk1.htm"}, '<Default Extension="htm" ContentType="text/html"/>')
    path = tmp_path / "avtale.docx"
    path.write_bytes(data)
    written = ("Før biten. Etter biten. Ankeravsnitt om utskrivning. Tekst i tekstboks. "
               "Kommune: Lundvær kommune. Avtalepart: Helse Nordvik HF. Tiltak Sårteam. "
               "Jf. forskrift om kommunal betaling. Kostnadene deles likt. "
               + page_text(HTML.encode()))

    document = read_document(path, path.name)

    assert document.notices == []
    assert unread(document, written) == []


def test_an_embedded_ole_object_in_a_word_file_is_named_in_a_notice(tmp_path: Path) -> None:
    """An embedded spreadsheet (a cost table, say) holds text samlint does not read."""
    doc = _chunk_doc()
    ole = ('<w:r><w:object xmlns:o="urn:schemas-microsoft-com:office:office">'
           '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12"/></w:object></w:r>')
    _append(doc, _p(_r("Kostnadene står i tabellen:") + ole))
    path = tmp_path / "avtale.docx"
    path.write_bytes(_docx_bytes(doc))

    document = read_document(path, path.name)

    [notice] = document.notices
    assert notice.code == "embedded" and "Excel.Sheet.12" in notice.message
    assert "Kostnadene står i tabellen:" in [block.text for block in document.blocks]


# ------------------------------------------------- the examples and the corpus


def _real_files() -> list[Path]:
    assert CORPUS.is_dir(), "../shared is missing (CI checks it out beside the repository)"
    found = [EXAMPLES / "mangelfull.docx", EXAMPLES / "mangelfull.pdf",
             *sorted((EXAMPLES / "komplett").iterdir()), *sorted(CORPUS.rglob("*.*"))]
    return [path for path in found if path.suffix in (".docx", ".pdf", ".txt", ".md")]


@pytest.fixture(scope="module")
def plain_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, str]:
    """LibreOffice's plain-text export of every example and corpus Word file."""
    word = [path for path in _real_files() if path.suffix == ".docx"]
    root = tmp_path_factory.mktemp("tekst")
    renamed = root / "docx"
    renamed.mkdir()
    for number, path in enumerate(word):
        shutil.copyfile(path, renamed / f"{number:02d}.docx")
    exported = office(sorted(renamed.iterdir()), "txt:Text (encoded):UTF8", root / "txt")
    return {path: text.read_text(encoding="utf-8-sig") for path, text in zip(word, exported,
                                                                            strict=True)}


@pytest.mark.parametrize("path", _real_files() if CORPUS.is_dir() else [],
                         ids=lambda path: path.name)
def test_every_word_of_the_examples_and_the_corpus_is_read(
        path: Path, plain_texts: dict[Path, str]) -> None:
    document = read_document(path, path.name)
    if path.suffix == ".pdf":
        skip = {page for notice in document.notices for page in notice.pages}
        missing = unread(document, pdf_text(path, skip))
    elif path.suffix == ".docx":
        missing = unread(document, plain_texts[path], numbered_lists=True)
    else:
        data = path.read_bytes()
        text = data.decode("utf-8")
        missing = unread(document, page_text(data) if "<html" in text.lower() else text)
    assert missing == []
