"""Tests for the HTML reader: a kommune's web page read as an agreement, not as a page.

Pages are written here as text, with the site furniture real pages carry
(menus, banners, cookie forms, scripts), so each test shows what is kept and
what is left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NUMBERED_SECTIONS_AFTER_THE_FIRST

from samlint.documents import model, read_document
from samlint.documents.model import BlockKind, DocumentError
from samlint.documents.text import looks_like_html

PAGE = """<!DOCTYPE html>
<html lang="nb"><head><title>Samarbeidsavtale</title><style>p { color: red }</style>
<script>var meny = "Hopp til hovedinnhold";</script></head>
<body>
<header><a href="/">Nordbrekka kommune</a> Meny Søk</header>
<nav><ul><li>Forside</li><li>Helse og omsorg</li></ul></nav>
<main>
<article>
<header><h1>Samarbeidsavtale mellom Nordbrekka kommune og Helse Kvernfjord HF</h1></header>
<h2>1. Formål</h2>
<p>Partene skal sikre <b>helhetlige</b>
   og sammenhengende tjenester.</p>
<h3>1.1 Virkeområde</h3>
<ul><li>Kommunen varsler sykehuset.</li><li><p>Sykehuset svarer</p>
  <ol><li>innen ett døgn</li></ol></li></ul>
<table><caption>Ansvar</caption>
<thead><tr><th>Oppgave</th><th>Ansvar</th></tr></thead>
<tbody><tr><td>Sårstell<br>hjemme</td><td>Kommunen</td></tr></tbody>
</table>
<div>Tekst rett i en div.</div>
</article>
</main>
<aside>Les også: nyheter</aside>
<form><label>Godta informasjonskapsler</label><button>OK</button></form>
<noscript>Slå på JavaScript</noscript>
<footer>Nordbrekka kommune, Rådhusveien 1</footer>
</body></html>
"""

EXPECTED = [
    ("Samarbeidsavtale mellom Nordbrekka kommune og Helse Kvernfjord HF", BlockKind.HEADING, 1),
    ("1. Formål", BlockKind.HEADING, 2),
    ("Partene skal sikre helhetlige og sammenhengende tjenester.", BlockKind.PARAGRAPH, 0),
    ("1.1 Virkeområde", BlockKind.HEADING, 3),
    ("Kommunen varsler sykehuset.", BlockKind.LIST_ITEM, 0),
    ("Sykehuset svarer", BlockKind.LIST_ITEM, 0),
    ("innen ett døgn", BlockKind.LIST_ITEM, 0),
    ("Ansvar", BlockKind.PARAGRAPH, 0),
    ("Oppgave | Ansvar", BlockKind.TABLE_ROW, 0),
    ("Sårstell hjemme | Kommunen", BlockKind.TABLE_ROW, 0),
    ("Tekst rett i en div.", BlockKind.PARAGRAPH, 0),
]


def read(path: Path) -> list[tuple[str, BlockKind, int]]:
    return [(b.text, b.kind, b.level) for b in read_document(path, path.name).blocks]


@pytest.mark.parametrize("name", ["avtale.html", "avtale.htm", "AVTALE.HTML"])
def test_page_structure_is_kept_and_site_furniture_left_out(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")

    document = read_document(path, name)

    assert [(b.text, b.kind, b.level) for b in document.blocks] == EXPECTED
    assert document.furniture == ["Nordbrekka kommune Meny Søk",
                                  "Nordbrekka kommune, Rådhusveien 1"]


@pytest.mark.parametrize("prefix", ["", "\ufeff", "\n  \r\n", "<!-- saved from url=x -->\n"])
def test_a_page_saved_as_txt_is_read_as_html(tmp_path: Path, prefix: str) -> None:
    path = tmp_path / "avtale.txt"
    path.write_text(prefix + PAGE, encoding="utf-8")

    assert looks_like_html(path)
    assert read(path) == EXPECTED


def test_plain_text_mentioning_html_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "avtale.txt"
    path.write_text("1 Formål\n\nSe <html> på nettsiden.\n", encoding="utf-8")

    assert not looks_like_html(path)
    assert read_document(path, path.name).blocks[0].text == "1 Formål"


def test_libreoffice_page_header_div_is_furniture(tmp_path: Path) -> None:
    path = tmp_path / "avtale.html"
    path.write_text('<html><body><div title="header"><p>Lundvær kommune</p></div>'
                    "<h1>1. Parter</h1><p>Tekst.</p>"
                    '<div title="footer"><p>Side 1</p></div></body></html>', encoding="utf-8")

    document = read_document(path, path.name)

    assert [b.text for b in document.blocks] == ["1. Parter", "Tekst."]
    assert document.furniture == ["Lundvær kommune", "Side 1"]


@pytest.mark.parametrize(("declared", "encoding"), [
    ('<meta charset="windows-1252">', "cp1252"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
    ("", "utf-8"),
    ("", "cp1252"),  # undeclared and not UTF-8: Windows-1252, as browsers guess
])
def test_encodings_as_declared_or_guessed(tmp_path: Path, declared: str, encoding: str) -> None:
    path = tmp_path / "avtale.html"
    path.write_bytes(f"<html><head>{declared}</head><body><p>Sjukehus – ærlig og økt"
                     "</p></body></html>".encode(encoding))

    assert read(path) == [("Sjukehus – ærlig og økt", BlockKind.PARAGRAPH, 0)]


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    path = tmp_path / "avtale.htm"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/'
                    'xhtml"><body><h2>Formål</h2></body></html>', encoding="utf-8")

    assert read(path) == [("Formål", BlockKind.HEADING, 2)]


def error(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(path, path.name)
    return caught.value


@pytest.mark.parametrize("page", [
    "<html><head><title>x</title></head><body><nav>Meny</nav><script>x()</script></body></html>",
    "   \n",
])
def test_a_page_without_agreement_text_is_empty(tmp_path: Path, page: str) -> None:
    path = tmp_path / "avtale.html"
    path.write_text(page, encoding="utf-8")
    assert error(path).code == "empty"


def test_entities_are_not_expanded_and_nothing_is_fetched(tmp_path: Path) -> None:
    path = tmp_path / "avtale.html"
    path.write_text('<!DOCTYPE html [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;">'
                    '<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    "<html><body><p>&b;&x;Tekst</p></body></html>", encoding="utf-8")

    texts = [b.text for b in read_document(path, path.name).blocks]

    assert "AAAAAAAAAA" not in " ".join(texts) and "root:" not in " ".join(texts)


def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "avtale.html"
    path.write_text("<html><body>" + "<div><span>" * 5000 + "x", encoding="utf-8")

    assert error(path).code in ("corrupt", "empty")


def test_size_is_bounded_like_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samlint.documents import html

    monkeypatch.setattr(html, "MAX_TEXT_BYTES", 100)
    path = tmp_path / "avtale.html"
    path.write_text("<html><body><p>" + "a" * 200 + "</p></body></html>", encoding="utf-8")
    assert error(path).code == "too-large"


def test_text_budget_applies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "MAX_TEXT_CHARS", 50)
    path = tmp_path / "avtale.html"
    path.write_text("<html><body>" + "<p>ti tegn..</p>" * 10 + "</body></html>",
                    encoding="utf-8")
    assert error(path).code == "too-large"


def test_reading_plain_text_does_not_load_the_html_parser(tmp_path: Path) -> None:
    """The sniffing costs a 4 KB read; lxml.html is loaded only for a page."""
    import subprocess
    import sys

    path = tmp_path / "avtale.txt"
    path.write_text("1 Formål\n\nPartene samarbeider.\n", encoding="utf-8")
    code = ("import sys\nfrom pathlib import Path\nfrom samlint.documents import read_document\n"
            f"read_document(Path({str(path)!r}), 'x')\nprint('lxml.html' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert run.stdout.strip() == "False", run.stderr


# ----------------------------------------------------------- no silent drops


def test_note_marks_are_not_glued_to_the_words_beside_them(tmp_path: Path) -> None:
    """As LibreOffice and Word write notes: the mark is a link, the note at the end."""
    path = tmp_path / "avtale.html"
    path.write_text(
        '<html><body><p>Kommunen betaler fra dag én.<a class="sdfootnoteanc" '
        'href="#sdfootnote1sym"><sup>1</sup></a> Partene møtes.</p>'
        '<p>Se punkt <a href="#p3">3</a> og kilden<sup><a href="#kilde">[2]</a></sup>.</p>'
        '<div id="sdfootnote1"><p><a class="sdfootnotesym" href="#sdfootnote1anc">1</a>Jf. '
        'forskriften.</p></div>'
        '<p><a href="#_ftnref1" name="_ftn1">[1]</a> Merknad fra Word.</p></body></html>',
        encoding="utf-8")
    assert [b.text for b in read_document(path, path.name).blocks] == [
        "Kommunen betaler fra dag én. Partene møtes.",
        "Se punkt 3 og kilden .",
        "Jf. forskriften.",
        "Merknad fra Word.",
    ]


def test_a_document_shown_in_a_frame_is_named_in_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "side.html"
    path.write_text(
        "<html><body><h1>Samarbeidsavtale</h1><p>Avtalen ligger under.</p>"
        '<iframe src="dokumenter/avtale-2024.pdf"></iframe>'
        '<iframe src="https://video.example/film"></iframe></body></html>', encoding="utf-8")
    document = read_document(path, path.name)
    [notice] = document.notices
    assert (notice.file, notice.code) == ("side.html", "embedded")
    assert "dokumenter/avtale-2024.pdf" in notice.message and "film" not in notice.message

    only = tmp_path / "ramme.html"
    only.write_text('<html><body><object data="avtale.pdf"></object></body></html>',
                    encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(only, only.name)
    assert caught.value.code == "empty" and "avtale.pdf" in caught.value.message


def test_hidden_elements_are_not_read_and_one_notice_counts_them(tmp_path: Path) -> None:
    """What the page hides a reader never sees: the ``hidden`` attribute, a hiding
    ``style``, a simple rule of the page's own style sheet. ``aria-hidden`` hides from
    screen readers only, and a rule for print or a small screen (``@media``) does not
    hide from every reader: both are read."""
    path = tmp_path / "side.html"
    path.write_text(
        "<html><head><style>/* .kommentert{display:none} */ .skjult { display : none } "
        "p#bort, span.vekk{visibility:hidden!important} .vis{color:red} "
        "@media print { .ikkeutskrift{display:none} } body{display:none}</style></head><body>"
        "<h2>5. Jordmortjenester</h2>"
        '<div class="a skjult"><p>Skjult en.</p><p>Skjult to.</p></div>'
        "<div hidden><p>Skjult tre.</p></div>"
        '<p style="color:blue; display: none">Skjult fire.</p>'
        '<p id="bort">Skjult fem.</p>'
        '<p>Synlig <span class="vekk">skjult</span>avsnitt.</p>'
        '<p class="skjult" style="display:block">Vist med egen stil.</p>'
        '<p aria-hidden="true">Vist for øyet.</p><p class="ikkeutskrift vis">Vist på skjerm.</p>'
        '<p class="kommentert">Kommentert regel.</p>'
        "</body></html>", encoding="utf-8")
    document = read_document(path, path.name)
    assert [b.text for b in document.blocks] == [
        "5. Jordmortjenester", "Synlig avsnitt.", "Vist med egen stil.", "Vist for øyet.",
        "Vist på skjerm.", "Kommentert regel."]
    [notice] = document.notices
    assert (notice.file, notice.code) == ("side.html", "hidden-text")
    assert "skjult tekst i 6 avsnitt er ikke lest" in notice.message
    plain = tmp_path / "vanlig.html"
    plain.write_text("<html><body><p>Synlig.</p><div hidden> </div></body></html>",
                     encoding="utf-8")
    assert read_document(plain, plain.name).notices == []


def test_a_hidden_table_row_cell_or_caption_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "tabell.html"
    path.write_text(
        "<html><head><style>.skjult{display:none}</style></head><body><table>"
        '<caption hidden>Skjult tittel</caption>'
        "<tr><th>Oppgave</th><th>Ansvar</th></tr>"
        '<tr style="display:none"><td>Skjult</td><td>rad</td></tr>'
        '<tr><td>Varsling</td><td class="skjult">Skjult celle</td><td>Kommunen</td></tr>'
        '<tbody class="skjult"><tr><td>Skjult</td><td>gruppe</td></tr></tbody>'
        "</table></body></html>", encoding="utf-8")
    document = read_document(path, path.name)
    assert [b.text for b in document.blocks] == ["Oppgave | Ansvar", "Varsling | Kommunen"]
    [notice] = document.notices
    assert "skjult tekst i 4 avsnitt" in notice.message


def test_numbered_list_items_are_headings_by_the_docx_rule(tmp_path: Path) -> None:
    """Sections typed as a numbered list, as LibreOffice exports Word's 'List Number':
    one <ol> per run of items, ``start`` going on. Printed '1. Formål', they are headings
    in the DOCX and the PDF export, and must be here too, with their number; a section
    with no body and the last one before only a place and date as well. The limits hold:
    a sentence, the item right after it, an item with a sublist, a bullet list and a
    list of its own numbering (starting at 1 again) stay list items."""
    path = tmp_path / "avtale.html"
    path.write_text(
        "<html><body>"
        "<ol><li><p>Formål</p></ol><p>Avtalen skal sikre gode pasientforløp.</p>"
        '<ol start="2"><li><p>IKT</p></ol><p>Partene skal samarbeide om IKT-løsninger.</p>'
        '<ol start="3"><li><p>Felles planlegging</p><li><p>Underskrifter</p></ol>'
        "<p>Fjellvik, 1. mars 2026</p>"
        "<ol><li><p>Avvik</p><li><p>Innleggelse</p></ol><p>Listen over gjelder fra 2025.</p>"
        "<ul><li>Samhandling</li></ul><p>Partene møtes jevnlig.</p>"
        '<ol start="5"><li><p>Kommunen varsler sykehuset ved innleggelse.</p>'
        "<li><p>Samarbeidsorgan</p></ol><p>Partene møtes jevnlig.</p>"
        '<ol start="7"><li><p>Oppfølging</p><ol><li>Møter</li></ol></ol>'
        "</body></html>", encoding="utf-8")
    assert read(path) == [
        ("1. Formål", BlockKind.HEADING, 1),
        ("Avtalen skal sikre gode pasientforløp.", BlockKind.PARAGRAPH, 0),
        *NUMBERED_SECTIONS_AFTER_THE_FIRST,
        ("Samhandling", BlockKind.LIST_ITEM, 0),
        ("Partene møtes jevnlig.", BlockKind.PARAGRAPH, 0),
        ("Kommunen varsler sykehuset ved innleggelse.", BlockKind.LIST_ITEM, 0),
        ("Samarbeidsorgan", BlockKind.LIST_ITEM, 0),
        ("Partene møtes jevnlig.", BlockKind.PARAGRAPH, 0),
        ("Oppfølging", BlockKind.LIST_ITEM, 0),
        ("Møter", BlockKind.LIST_ITEM, 0),
    ]


def _word_item(text: str, number: str, lst: str = "l0", level: int = 1) -> str:
    """A list paragraph as Word's 'Save as Web Page' writes it: the list and level in the
    style, the number in a span a browser is told to ignore (the browser numbers it)."""
    return (f"<p class=MsoListNumber style='margin-left:.25in;text-indent:-.25in;"
            f"mso-list:{lst} level{level} lfo1'><![if !supportLists]><span style='mso-list:"
            f"Ignore'>{number}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;"
            f"&nbsp;&nbsp; </span></span><![endif]>{text}</p>\n")


def test_word_list_paragraphs_are_headings_by_the_docx_rule(tmp_path: Path) -> None:
    """Word's HTML has no <ol>: each 'List Number' paragraph is a <p> with 'mso-list' in
    its style and its number as text. Read as paragraphs, '1.     Jordmortjenester' was
    body text of whatever came before, and the sections with no body too; they are
    headings by the DOCX rule, and other list paragraphs list items without their
    number or bullet, as in the .docx."""
    path = tmp_path / "avtale.htm"
    path.write_text(
        "<html><body><div class=WordSection1>\n"
        "<p class=MsoNormal>Samarbeidsavtale mellom Fjellvik kommune og Helse Vestkyst HF</p>\n"
        + _word_item("Jordmortjenester", "1.")
        + "<p class=MsoNormal>Kommunens jordmor har ansvar for hjemmebesøk.</p>\n"
        + _word_item("IKT", "2.")
        + "<p class=MsoNormal>Partene skal samarbeide om IKT-løsninger.</p>\n"
        + _word_item("Felles planlegging", "3.") + _word_item("Underskrifter", "4.")
        + "<p class=MsoNormal>Fjellvik, 1. mars 2026</p>\n"
        + _word_item("Avvik", "1.", "l1") + _word_item("Innleggelse", "2.", "l1")
        + "<p class=MsoNormal>Listen over gjelder fra 2025.</p>\n"
        + _word_item("Samarbeidsorgan", "5.") + _word_item("Møter", "a)", level=2)
        + "<p class=MsoNormal>Partene møtes jevnlig.</p>\n"
        + _word_item("Samhandling", "·", "l2")
        + "<p class=MsoNormal>Slutt.</p></div></body></html>", encoding="utf-8")
    assert read(path) == [
        ("Samarbeidsavtale mellom Fjellvik kommune og Helse Vestkyst HF",
         BlockKind.PARAGRAPH, 0),
        ("1. Jordmortjenester", BlockKind.HEADING, 1),
        ("Kommunens jordmor har ansvar for hjemmebesøk.", BlockKind.PARAGRAPH, 0),
        *NUMBERED_SECTIONS_AFTER_THE_FIRST,
        ("Samarbeidsorgan", BlockKind.LIST_ITEM, 0),
        ("Møter", BlockKind.LIST_ITEM, 0),
        ("Partene møtes jevnlig.", BlockKind.PARAGRAPH, 0),
        ("Samhandling", BlockKind.LIST_ITEM, 0),
        ("Slutt.", BlockKind.PARAGRAPH, 0),
    ]
