"""The PDF reader: pages, per-page line numbers, headings, furniture, unreadable PDFs.

A report cites "s. 2 l. 14", so page and line must be where a reader of the
printed PDF finds the text; running headers and "Side X av Y" must never be
mistaken for content. The fixtures under tests/fixtures/ were generated once
by tests/fixtures/make_fixtures.py (see its docstring); the tests only read them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from samlint.documents import BlockKind, Document, DocumentError, read_document

sys.path.insert(0, str(Path(__file__).parent))
import pdfcraft

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

PAGE_FOOTER = re.compile(r"^Side (\d+) av (\d+)$")
ORDDELING_HEADER = "Ternøy kommune og Helse Midtfjord HF – Samarbeidsavtale"


def read(path: Path) -> Document:
    return read_document(path, path.name)


def raw_page_lines(path: Path) -> list[list[str]]:
    """PDFium's own text per page, split into lines, as the reader sees it before layout."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            pages.append(textpage.get_text_range().split("\r\n"))
            textpage.close()
        return pages
    finally:
        pdf.close()


def read_error(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read(path)
    return caught.value


# ------------------------------------------------------------------ examples

EXAMPLE_HEADINGS = {
    "komplett/hovedavtale.pdf": [
        # (text, page, level)
        ("Samarbeidsavtale mellom Storfjell kommune og Helse Nordvik HF", 1, 1),
        ("1. Parter", 1, 1),
        ("4. Grunnleggende prinsipper for samarbeidet", 1, 1),
        ("5.1 Partnerskapsmøtet", 2, 2),
        ("5.5 Fastlegene og praksiskonsulentordningen", 3, 2),
        ("9. Håndtering av uenighet", 3, 1),
        ("12. Underskrifter", 4, 1),
    ],
    "mangelfull.pdf": [
        ("Samarbeidsavtale mellom Lundvær kommune og Helse Nordvik HF", 1, 1),
        ("1. Parter", 1, 1),
        ("4. Pasienter med behov for koordinerte tjenester", 1, 1),
        ("5. Innleggelse i sykehus", 2, 1),
        ("9. Jordmortjenester", 2, 1),
        ("11. Forebygging", 3, 1),
        ("15. Varighet, revisjon og oppsigelse", 3, 1),
    ],
}


@pytest.fixture(params=sorted(EXAMPLE_HEADINGS))
def example(request: pytest.FixtureRequest) -> tuple[str, Path, Document]:
    path = EXAMPLES / request.param
    return request.param, path, read(path)


def test_example_page_count_matches_its_footer(example: tuple[str, Path, Document]) -> None:
    """'Side 1 av N' in the PDF itself says how many pages there are."""
    _, path, document = example
    footers = [m for text in document.furniture if (m := PAGE_FOOTER.match(text))]
    assert footers, document.furniture
    totals = {int(m.group(2)) for m in footers}
    assert totals == {document.page_count}
    assert [int(m.group(1)) for m in footers] == list(range(1, document.page_count + 1))
    assert document.page_count == len(raw_page_lines(path))


def test_example_pages_are_one_based(example: tuple[str, Path, Document]) -> None:
    _, _, document = example
    pages = [block.page for block in document.blocks]
    assert pages[0] == 1
    assert set(pages) == set(range(1, document.page_count + 1))
    assert pages == sorted(pages)  # reading order


def test_example_line_is_one_based_within_its_page(example: tuple[str, Path, Document]) -> None:
    """Line N of page P is PDFium's N-th line of that page, counted from 1."""
    _, path, document = example
    raw = raw_page_lines(path)
    for block in document.blocks:
        assert block.page is not None
        assert 1 <= block.line <= len(raw[block.page - 1])
        printed = raw[block.page - 1][block.line - 1].replace("\ufffe", "").strip()
        assert printed
        # A table row joins the cells PDFium printed with spaces by " | ".
        text = block.text.replace(" | ", " ") if block.kind is BlockKind.TABLE_ROW else block.text
        assert text.startswith(printed), (block, printed)
    # Line numbers restart on every page: the first block of page 2 is near its top.
    first_on_page_2 = next(b for b in document.blocks if b.page == 2)
    assert first_on_page_2.line <= 3


def test_example_running_header_and_footer_only_in_furniture(
    example: tuple[str, Path, Document],
) -> None:
    _, path, document = example
    raw = raw_page_lines(path)
    header = raw[0][0].strip()
    assert "Samarbeidsavtale" in header  # guard: line 1 of page 1 is the running header
    assert document.furniture.count(header) == document.page_count
    for block in document.blocks:
        assert header not in block.text
        assert not re.search(r"Side \d+ av \d+", block.text), block


def test_example_headings_detected(example: tuple[str, Path, Document]) -> None:
    """The section titles printed in the PDF come out as headings, on the right page and level."""
    name, _, document = example
    found = {(b.text, b.page, b.level) for b in document.blocks if b.kind is BlockKind.HEADING}
    for expected in EXAMPLE_HEADINGS[name]:
        assert expected in found


def test_example_body_text_is_not_taken_for_a_heading(
    example: tuple[str, Path, Document],
) -> None:
    """No heading ends like a sentence: a paragraph mistaken for a heading would show here."""
    _, _, document = example
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            assert not block.text.endswith((".", ",", ";")), block
            assert len(block.text) < 110, block


# ------------------------------------------------------------------ orddeling.pdf


@pytest.fixture(scope="module")
def orddeling() -> Document:
    return read(FIXTURES / "orddeling.pdf")


def test_orddeling_furniture(orddeling: Document) -> None:
    assert orddeling.page_count == 2
    assert orddeling.furniture == [
        ORDDELING_HEADER, "Side 1 av 2", ORDDELING_HEADER, "Side 2 av 2"
    ]
    body = " ".join(block.text for block in orddeling.blocks)
    assert "Ternøy" not in body
    assert "Side 1" not in body and "Side 2" not in body


def test_orddeling_large_bold_headings(orddeling: Document) -> None:
    """Unnumbered titles are found by their 14 pt bold font against 10.5 pt body text."""
    found = [(b.text, b.page, b.line) for b in orddeling.blocks if b.kind is BlockKind.HEADING]
    assert found == [
        ("Samarbeid om utskrivning", 1, 2),
        ("Kontaktpunkter og møter", 2, 2),
    ]


def test_orddeling_hyphenated_word_is_joined(orddeling: Document) -> None:
    body = " ".join(block.text for block in orddeling.blocks)
    assert "styrke samhandlingen om pasienter" in body
    assert "sam-" not in body
    assert "\ufffe" not in body


def test_orddeling_elided_compound_at_line_end_stays(orddeling: Document) -> None:
    """'helse- og' at the end of a line, 'omsorgstjenester' on the next."""
    paragraph = next(b for b in orddeling.blocks if b.text.startswith("Avtalen gjelder"))
    assert paragraph.text == (
        "Avtalen gjelder alle enheter hos partene som yter helse- og "
        "omsorgstjenester til voksne pasienter i opptaksområdet."
    )
    assert paragraph.page == 1


def test_orddeling_blocks_are_body_paragraphs_on_both_pages(orddeling: Document) -> None:
    kinds = [(b.page, b.kind) for b in orddeling.blocks]
    assert (1, BlockKind.PARAGRAPH) in kinds
    assert (2, BlockKind.PARAGRAPH) in kinds
    assert all(b.line >= 2 for b in orddeling.blocks)  # line 1 is the running header


# ------------------------------------------------------------------ unreadable PDFs


def test_encrypted_pdf() -> None:
    error = read_error(FIXTURES / "kryptert.pdf")
    assert error.code == "encrypted"
    assert "passord" in error.message.lower()


def test_pdf_without_text_layer() -> None:
    error = read_error(FIXTURES / "uten_tekstlag.pdf")
    assert error.code == "no-text-layer"
    assert "OCR" in error.message


def test_fixture_without_text_layer_is_a_valid_pdf() -> None:
    """Guard: the no-text fixture must open fine, so the error above is about text, not damage."""
    pdf = pdfium.PdfDocument(str(FIXTURES / "uten_tekstlag.pdf"))
    try:
        assert len(pdf) == 2
    finally:
        pdf.close()


def test_truncated_pdf_is_corrupt() -> None:
    skadet = (FIXTURES / "skadet.pdf").read_bytes()
    whole = (FIXTURES / "orddeling.pdf").read_bytes()
    assert whole.startswith(skadet) and len(skadet) == int(len(whole) * 0.4)  # fixture guard
    assert read_error(FIXTURES / "skadet.pdf").code == "corrupt"


def test_non_pdf_renamed_to_pdf_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "avtale.pdf"
    path.write_text("Samarbeidsavtale\n\n1 Formål\n\nDette er ren tekst.\n", encoding="utf-8")
    error = read_error(path)
    assert error.code == "corrupt"
    assert "PDF" in error.message


def test_docx_renamed_to_pdf_is_named_as_a_word_document(tmp_path: Path) -> None:
    """Was «corrupt»; the user is told to rename it instead (``documents.sniff``)."""
    path = tmp_path / "avtale.pdf"
    path.write_bytes((EXAMPLES / "mangelfull.docx").read_bytes())
    error = read_error(path)
    assert error.code == "wrong-type"
    assert error.message == ("filen heter .pdf, men er et Word-dokument (DOCX); gi filen "
                             "endelsen .docx og kjør på nytt")


def test_corpus_scan_without_text_layer() -> None:
    """With OCR off there is nothing to judge (with OCR it is read: tests/test_ocr.py)."""
    from samlint.documents import ocr

    path = CORPUS / "bad" / "skannet_uten_tekstlag.pdf"
    if not path.is_file():
        pytest.skip(f"shared corpus not available at {path}")
    with ocr.settings(enabled=False, jobs=1):
        error = read_error(path)
    assert error.code == "no-text-layer"
    assert "OCR" in error.message


def test_pdf_elided_compound_split_after_hyphen_stays() -> None:
    """PDFium joins 'helse-' + 'og' itself; the reader must undo that so the
    elided compound keeps its hyphen ('helse- og'), as for any other line end."""
    body = " ".join(b.text for b in read(FIXTURES / "orddeling.pdf").blocks)
    assert "kommunale helse- og omsorgstjenester som berøres" in body
    assert "helseog" not in body


def test_pdf_line_is_printed_line_after_hyphenation() -> None:
    """Evidence must point at the printed line, also after a hyphenated word."""
    block = next(b for b in read(FIXTURES / "orddeling.pdf").blocks
                 if b.text.startswith("Avtalen gjelder"))
    assert (block.page, block.line) == (1, 7)


# ------------------------------------------------------------------ reading order
# Pages whose stored order is not the order they are read in (tests/pdfcraft.py
# writes them). pdftotext, which orders text by position, is the reference
# where it is installed.

_ROTATED_LINES = [
    "4 Innleggelse i sykehus",
    "Kommunen sender henvisning elektronisk.",
    "Sykehuset bekrefter mottak samme dag.",
    "5 Utskrivning",
    "Helseforetaket varsler kommunen.",
]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _pdftotext_lines(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: no reference reading")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("rotate", [90, 270])
def test_turned_landscape_page_is_read_as_shown(tmp_path: Path, rotate: int) -> None:
    """Stored bottom line first, shown upright: read top down as displayed, heading first."""
    path = _write(tmp_path, "liggende.pdf", pdfcraft.rotated(_ROTATED_LINES, rotate))
    document = read(path)
    assert [(b.kind, b.text, b.line) for b in document.blocks] == [
        (BlockKind.HEADING, "4 Innleggelse i sykehus", 1),
        (BlockKind.PARAGRAPH, "Kommunen sender henvisning elektronisk. "
                              "Sykehuset bekrefter mottak samme dag.", 2),
        (BlockKind.HEADING, "5 Utskrivning", 4),
        (BlockKind.PARAGRAPH, "Helseforetaket varsler kommunen.", 5),
    ]


def test_turned_page_reads_like_pdftotext(tmp_path: Path) -> None:
    path = _write(tmp_path, "liggende.pdf", pdfcraft.rotated(_ROTATED_LINES, 90))
    assert _pdftotext_lines(path) == _ROTATED_LINES


_LEFT = [
    ("1 Innleggelse i sykehus",
     "Fastlegen eller legevaktlegen vurderer behovet for innleggelse og sender elektronisk "
     "henvisning med oppdatert legemiddelliste. Ved akutt innleggelse ringer legen vakthavende "
     "lege i akuttmottaket, og hjemmetjenesten sender innleggelsesrapport samme døgn."),
    ("2 Kommunalt døgnopphold",
     "Kommunen har fire senger for døgnopphold for øyeblikkelig hjelp ved helsehuset. "
     "Tilbudet gjelder pasienter med avklart diagnose, og oppholdet varer normalt inntil "
     "tre døgn."),
]
# Three § 6-2 points, all in the right column.
_RIGHT = [
    ("3 Utskrivningsklare pasienter",
     "Helseforetaket varsler kommunen innen 24 timer etter innleggelse om pasienter som "
     "trolig trenger kommunale tjenester. Når pasienten er utskrivningsklar, sendes melding "
     "samme dag, og epikrise og legemiddelliste følger pasienten."),
    ("4 Jordmortjenester",
     "Helseforetaket har ansvar for fødselsomsorgen. Kommunen har ansvar for "
     "svangerskapsomsorg ved helsestasjonen og for barselomsorg etter hjemreise, og "
     "jordmødrene samarbeider om oppfølging av kvinner som trenger tett oppfølging."),
    ("5 Beredskap og akuttmedisinsk kjede",
     "Partene samordner beredskapsplanene og gjennomfører en felles øvelse hvert år. "
     "Legevakt, AMK og ambulansetjenesten har felles rutiner for varsling og trener sammen "
     "på akuttmedisinske prosedyrer."),
]
_TITLE = ["Samarbeidsavtale mellom Lundvær kommune og Helse Nordvik HF"]


def _column(sections: list[tuple[str, str]]) -> list[str]:
    lines: list[str] = []
    for title, body in sections:
        lines += [title, *textwrap.wrap(body, 40)]
    return lines


def _verdicts(path: Path) -> dict[str, tuple[str, str | None]]:
    from datetime import date

    from samlint.engine import RunOptions, check_paths
    from samlint.rules import default_rule_files, load_rule_files

    rules = load_rule_files(default_rule_files())
    [result] = check_paths([path], rules, options=RunOptions(as_of=date(2026, 12, 1)))
    assert not result.errors, result.errors
    return {r.rule_id: (r.status.value, r.weak_kind) for r in result.rules}


def test_two_columns_stored_row_by_row_are_read_column_by_column(tmp_path: Path) -> None:
    """Each stored line holds a line of both columns: split at the gutter, the left
    column is read whole, then the right – the same blocks and verdicts as one column."""
    one = _write(tmp_path, "en_spalte.pdf", pdfcraft.simple(
        [_TITLE + _column(_LEFT) + _column(_RIGHT)]))
    two = _write(tmp_path, "to_spalter.pdf", pdfcraft.columns(
        _column(_LEFT), _column(_RIGHT), top=_TITLE))
    assert [(b.kind, b.text) for b in read(two).blocks] == [
        (b.kind, b.text) for b in read(one).blocks]
    headings = [b.text for b in read(two).blocks if b.kind is BlockKind.HEADING]
    assert headings[-3:] == [title for title, _ in _RIGHT]
    verdicts = _verdicts(one)
    assert {verdicts[f"hol-6-2-nr{n}"][0] for n in (5, 8, 11)} == {"covered"}  # guard
    assert _verdicts(two) == verdicts


def test_two_columns_read_in_pdftotexts_order(tmp_path: Path) -> None:
    two = _write(tmp_path, "to_spalter.pdf", pdfcraft.columns(
        _column(_LEFT), _column(_RIGHT), top=_TITLE))
    ours = " ".join(b.text for b in read(two).blocks).split()
    assert ours == " ".join(_pdftotext_lines(two)).split()


def test_two_columns_stored_column_by_column_stay_as_they_are(tmp_path: Path) -> None:
    path = _write(tmp_path, "to_spalter.pdf", pdfcraft.columns(
        _column(_LEFT), _column(_RIGHT), top=_TITLE, row_by_row=False))
    headings = [b.text for b in read(path).blocks if b.kind is BlockKind.HEADING]
    assert headings == [title for title, _ in _LEFT + _RIGHT]


def test_table_rows_keep_their_cells_and_the_bold_header_is_no_heading(tmp_path: Path) -> None:
    """A two-column table is not two columns of text: rows stay rows, in order."""
    path = _write(tmp_path, "tabell.pdf", pdfcraft.table(
        ["Partene fordeler oppgavene slik:"], ["Oppgave", "Ansvar"],
        [["Innleggelse", "Fastlegen"], ["Utskrivning", "Sykehuset"],
         ["Oppfølging", "Hjemmetjenesten"], ["Avvik", "Begge parter"]],
        ["Fordelingen gjelder fra 2025."]))
    assert [(b.kind, b.text) for b in read(path).blocks] == [
        (BlockKind.PARAGRAPH, "Partene fordeler oppgavene slik:"),
        (BlockKind.TABLE_ROW, "Oppgave | Ansvar"),
        (BlockKind.TABLE_ROW, "Innleggelse | Fastlegen"),
        (BlockKind.TABLE_ROW, "Utskrivning | Sykehuset"),
        (BlockKind.TABLE_ROW, "Oppfølging | Hjemmetjenesten"),
        (BlockKind.TABLE_ROW, "Avvik | Begge parter"),
        (BlockKind.PARAGRAPH, "Fordelingen gjelder fra 2025."),
    ]


def test_form_field_values_are_read_on_their_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "skjema.pdf", pdfcraft.form(
        [("Kommune:", "Lundvær kommune"), ("Helseforetak:", "Helse Nordvik HF")],
        ["Partene møtes to ganger i året om pasientforløpene."]))
    text = [b.text for b in read(path).blocks]
    joined = " ".join(text)
    assert "Kommune: Lundvær kommune" in joined
    assert "Helseforetak: Helse Nordvik HF" in joined
    assert joined.endswith("Partene møtes to ganger i året om pasientforløpene.")


def test_a_form_fields_value_on_a_row_of_its_own_is_cited_on_its_own_line(
        tmp_path: Path) -> None:
    """Evidence from a field below a printed line named that line (the heading above the
    field, trial skjema.pdf) while quoting the field: the page is numbered in reading
    order once a field's value is a line of its own."""
    path = _write(tmp_path, "skjema.pdf", pdfcraft.form(
        [("5. Jordmortjenester", ""), ("Kommune:", "Lundvær kommune.")],
        ["Jordmor følger fødende med lang reisevei til fødeavdelingen."]))
    assert [(b.kind, b.line, b.text) for b in read(path).blocks] == [
        (BlockKind.HEADING, 1, "5. Jordmortjenester"),
        (BlockKind.PARAGRAPH, 2, "Kommune: Lundvær kommune."),
        (BlockKind.PARAGRAPH, 3, "Jordmor følger fødende med lang reisevei til fødeavdelingen."),
    ]


def test_a_pdf_whose_only_text_is_in_form_fields_is_no_scan(tmp_path: Path) -> None:
    """Read, without OCR and without 'no text layer'."""
    from samlint.documents import ocr

    path = _write(tmp_path, "bare_skjema.pdf", pdfcraft.form(
        [], ["Samarbeidsavtale", "Partene møtes to ganger i året om pasientforløpene."]))
    with ocr.settings(enabled=False, jobs=1):
        document = read(path)
    assert " ".join(b.text for b in document.blocks) == (
        "Samarbeidsavtale Partene møtes to ganger i året om pasientforløpene.")
    assert [(b.page, b.line) for b in document.blocks] == [(1, 1)]  # cited where it is
    assert not document.notices


def _zip_bytes(*names: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(("head", "what", "advice"), [
    (b"\xff\xd8\xff\xe0", "et JPEG-bilde", "skann avtalen til PDF, eller lim bildet inn i et "
                                          "Word-dokument – samlint leser ikke bilder alene"),
    (b"GIF89a", "et GIF-bilde", "skann avtalen til PDF, eller lim bildet inn i et Word-dokument "
                                "– samlint leser ikke bilder alene"),
    (b"MZ\x90\x00", "et Windows-program (EXE eller DLL), ikke et dokument",
     "sjekk at det er riktig fil, og hent avtalen på nytt"),
    (_zip_bytes("[Content_Types].xml", "word/document.xml"), "et Word-dokument (DOCX)",
     "gi filen endelsen .docx og kjør på nytt"),
    (_zip_bytes("[Content_Types].xml", "xl/workbook.xml"), "et Excel-regneark (XLSX)",
     "åpne den og lagre avtalen som PDF eller DOCX"),
    (_zip_bytes("mimetype", "content.xml"), "et OpenDocument-dokument (ODT)",
     "gi filen endelsen .odt og kjør på nytt"),
    (_zip_bytes("delavtale-1.docx"), "en zip-fil", "gi filen endelsen .zip og kjør på nytt"),
])
def test_a_file_that_is_another_known_type_is_named_as_it(tmp_path: Path, head: bytes,
                                                          what: str, advice: str) -> None:
    """Not «skadet eller ikke en gyldig PDF; hent en ny kopi»: that sends the user astray."""
    path = tmp_path / "avtale.pdf"
    path.write_bytes(head + bytes(64))

    with pytest.raises(DocumentError) as raised:
        read_document(path, "avtale.pdf")

    assert (raised.value.code, raised.value.message) == (
        "wrong-type", f"filen heter .pdf, men er {what}; {advice}")


def test_a_damaged_pdf_is_still_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "avtale.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(64))

    with pytest.raises(DocumentError) as raised:
        read_document(path, "avtale.pdf")

    assert (raised.value.code, raised.value.message) == (
        "corrupt", "PDF-en er skadet eller ikke en gyldig PDF; hent en ny kopi av filen")


# --- Line numbers count the rows printed on the page (documents/pdf_rows.py) ---------

def _block(document: Document, opening: str) -> tuple[int | None, int]:
    block = next(b for b in document.blocks if opening in b.text[:len(opening) + 3])
    return block.page, block.line


def test_a_table_stored_cell_by_cell_does_not_push_the_lines_below_it_down() -> None:
    """LibreOffice stores a table cell by cell; counted in PDFium's order, the paragraph
    under the table on page 4 was line 73 of a page printing 45 lines."""
    path = next((FIXTURES / "komplett_libreoffice").glob("delavtale-6-*.pdf"))
    document = read_document(path, path.name)
    assert _block(document, "For mindre samarbeidsaktiviteter") == (4, 32)
    assert _block(document, "Hver part er arbeidsgiver") == (4, 35)


@pytest.mark.skipif(not (CORPUS / "cases" / "01_vestbreen_fullstendig.pdf").exists(),
                    reason="shared corpus not available")
def test_a_running_header_drawn_after_the_body_still_counts_as_the_first_line() -> None:
    """The header is printed at the top, so a reader counts it, wherever the file draws
    it: here after the body, which made every reference one line short."""
    path = CORPUS / "cases" / "01_vestbreen_fullstendig.pdf"
    document = read_document(path, path.name)
    assert _block(document, "Henvisning til innleggelse") == (2, 31)
    assert _block(document, "Når en oppgave flyttes") == (2, 2)


def test_the_header_drawn_first_is_line_1_as_before() -> None:
    path = REPO / "examples" / "mangelfull.pdf"
    document = read_document(path, path.name)
    assert _block(document, "3. Oppgave- og ansvarsfordeling") == (1, 13)
    assert _block(document, "Hver part har et selvstendig ansvar") == (1, 14)


def test_rows_are_ranked_by_baseline_not_by_drawing_order() -> None:
    from samlint.documents.pdf_rows import counted_rows, visual_rows

    # Body drawn first, header (top of the page) last; two cells on one baseline; a
    # baseline a point lower (a cell in a smaller font) on the same row; a blank line.
    assert visual_rows([100.0, 112.0, 112.0, 113.0, None, 124.0, 40.0]) == [2, 3, 3, 3, 3, 4, 1]
    assert visual_rows([]) == []
    assert counted_rows(["", "Tittel", "", "Tekst"]) == [1, 1, 1, 2]
