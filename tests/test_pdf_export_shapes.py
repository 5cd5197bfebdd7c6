"""Shapes a PDF saved from Word or LibreOffice has that its DOCX has not.

Bulleted lists come out with the bullet drawn in a symbol font, as a private-use
character (Symbol's U+F0B7, Wingdings' U+F0A7) at the start of each item's first
line; and a table is stored cell by cell, so a row whose cells all wrap shares no
line between two cells. The DOCX reader gives each list item a block of its own
without a bullet, and each table row one row: the PDF reader must give the same.
The trial that found them: examples/komplett exported by LibreOffice
(tests/test_docx_headings.py checks the real exports). All text here is invented.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from samlint.annotate.pdf_notes import _key
from samlint.documents import pdf_order
from samlint.documents.layout import Line, lines_to_blocks
from samlint.documents.model import BlockKind
from samlint.documents.pdf_order import Placed
from samlint.engine import RunOptions, check_paths
from samlint.rules import default_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
KOMPLETT = REPO / "examples" / "komplett"
EXPORTS = Path(__file__).resolve().parent / "fixtures" / "komplett_libreoffice"

# ------------------------------------------------------------ symbol-font bullets


def _page(*texts: str) -> list[Line]:
    return [Line(text, number, 1, 11.0, False, 14.7 if number > 1 else 0.0)
            for number, text in enumerate(texts, 1)]


def test_a_line_starting_with_a_symbol_font_bullet_is_a_list_item_without_it() -> None:
    blocks = lines_to_blocks(_page(
        "Kommunen skal blant annet:",
        "\uf0b7 tilby allmennlegetjenester gjennom fastlegeordningen og legevakt",
        "\uf0b7 yte helsetjenester i hjemmet, praktisk bistand og opphold i sykehjem, ",
        "også om natten",
        "\uf0a7 Utgifter dekkes av den parten som er vertskap.",
    ), body_size=11.0)
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Kommunen skal blant annet:", 1),
        (BlockKind.LIST_ITEM,
         "tilby allmennlegetjenester gjennom fastlegeordningen og legevakt", 2),
        (BlockKind.LIST_ITEM, "yte helsetjenester i hjemmet, praktisk bistand og opphold i "
                              "sykehjem, også om natten", 3),
        (BlockKind.LIST_ITEM, "Utgifter dekkes av den parten som er vertskap.", 5),
    ]


def test_a_short_bulleted_line_is_an_item_not_a_heading() -> None:
    """Without its bullet, 'Felles fagdager' looks like a title; it is a list item."""
    blocks = lines_to_blocks(_page("Partene har:", "\uf0b7 Felles fagdager",
                                   "\uf0b7 Hospitering"), body_size=11.0)
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Partene har:"),
        (BlockKind.LIST_ITEM, "Felles fagdager"), (BlockKind.LIST_ITEM, "Hospitering")]


def test_a_bullet_on_a_line_of_its_own_starts_the_item_on_the_next() -> None:
    blocks = lines_to_blocks(_page("Partene har:", "\uf0b7", "felles fagdager for jordmødre"))
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Partene har:", 1),
        (BlockKind.LIST_ITEM, "felles fagdager for jordmødre", 3)]


def test_bullets_in_table_cells_go_and_an_icon_inside_a_word_stays() -> None:
    rows = [Line("Tiltak | \uf0b7 lønn \uf0b7 reiser", 1, 1, table=True),
            Line("Kontakt: sentralbord\ue001nr 5", 2, 1)]
    assert [b.text for b in lines_to_blocks(rows)] == [
        "Tiltak | lønn reiser", "Kontakt: sentralbord\ue001nr 5"]


def test_an_annotation_finds_the_printed_line_its_bullet_was_taken_from() -> None:
    assert _key("\uf0b7 tilby allmennlegetjenester") == _key("tilby allmennlegetjenester")


# ------------------------------------------------------ tables stored cell by cell


def _cell(x: float, top: float, width: float, *texts: str) -> list[Placed]:
    return [Placed(Line(text, 0, 4, 9.0), x, top + 10.5 * n, x + width)
            for n, text in enumerate(texts)]


def _numbered(placed: list[Placed]) -> list[Placed]:
    for number, item in enumerate(placed, 1):
        item.line.number = number
    return placed


def _stacked_table() -> list[Placed]:
    """Two rows of four narrow columns, every cell wrapping, stored cell by cell (page 4
    of the exported delavtale 6), then a paragraph."""
    return _numbered([
        *_cell(95.5, 100.0, 90, "Felles stilling som ", "koordinator"),
        *_cell(203.5, 100.0, 90, "Helseforetaket er ", "arbeidsgiver."),
        *_cell(311.5, 100.0, 90, "Stillingen er plassert ", "i helseforetaket."),
        *_cell(419.5, 100.0, 90, "Kommunen ", "refunderer 50 ", "prosent av lønnen."),
        *_cell(95.5, 140.0, 90, "Ambulant team"),
        *_cell(203.5, 140.0, 90, "Kommunen er ", "arbeidsgiver."),
        *_cell(311.5, 140.0, 90, "Teamet har base ", "ved sykehuset."),
        *_cell(419.5, 140.0, 90, "Hver part lønner ", "egne ansatte."),
        *_cell(90.1, 190.0, 420, "Tabellen gjelder fra 2025."),
    ])


def test_rows_stored_cell_by_cell_with_no_shared_line_are_rows() -> None:
    """Each row cited at the printed row it starts on (the first has three)."""
    lines = pdf_order.arrange(_stacked_table(), rotated=False)
    assert [(line.text, line.number, line.table) for line in lines] == [
        ("Felles stilling som koordinator | Helseforetaket er arbeidsgiver. | Stillingen er "
         "plassert i helseforetaket. | Kommunen refunderer 50 prosent av lønnen.", 1, True),
        ("Ambulant team | Kommunen er arbeidsgiver. | Teamet har base ved sykehuset. | "
         "Hver part lønner egne ansatte.", 4, True),
        ("Tabellen gjelder fra 2025.", 6, False),
    ]


def test_two_columns_of_prose_one_after_the_other_stay_lines() -> None:
    """The left column's last sentence runs on into the right column: prose, no row."""
    placed = _numbered([
        *_cell(50.0, 100.0, 240, "Partene møtes hvert år og går", "gjennom avvikene og"),
        *_cell(310.0, 100.0, 240, "rutinene for utskrivning, og", "retter dem."),
        *_cell(50.0, 200.0, 240, "Kommunen varsler fastlegen", "om innleggelsen og"),
        *_cell(310.0, 200.0, 240, "sender epikrisen videre", "samme dag."),
    ])
    lines = pdf_order.arrange(placed, rotated=False)
    assert [line.text for line in lines] == [p.line.text for p in placed]
    assert not any(line.table for line in lines)


def test_one_row_of_two_cells_alone_is_left_as_it_is() -> None:
    """Two blocks side by side once on a page may be two columns: not taken for a row."""
    placed = _numbered([*_cell(50.0, 100.0, 240, "Kommunen møter.", "Hver uke."),
                        *_cell(310.0, 100.0, 240, "Sykehuset svarer.", "Samme dag.")])
    assert not any(line.table for line in pdf_order.arrange(placed, rotated=False))


# ------------------------------------------ the committed exports, without LibreOffice


def _verdicts(path: Path) -> dict[str, tuple[str, str | None]]:
    [result] = check_paths([path], load_rule_files(default_rule_files()),
                           options=RunOptions(as_of=date(2026, 12, 1)))
    assert not result.errors, result.errors
    return {r.rule_id: (r.status.value, r.weak_kind) for r in result.rules}


@pytest.mark.parametrize("docx", sorted(KOMPLETT.glob("*.docx")), ids=lambda p: p.stem[:11])
def test_each_committed_export_gives_its_docx_verdicts(docx: Path) -> None:
    """tests/test_docx_headings.py exports afresh where LibreOffice is installed; these
    exports (LibreOffice 7.4) are checked everywhere."""
    assert _verdicts(EXPORTS / f"{docx.stem}.pdf") == _verdicts(docx)


def test_the_set_with_the_committed_exports_gives_the_sets_verdicts(tmp_path: Path) -> None:
    exported = tmp_path / "komplett"
    shutil.copytree(KOMPLETT, exported)
    for docx in exported.glob("*.docx"):
        docx.unlink()
        shutil.copy(EXPORTS / f"{docx.stem}.pdf", exported)
    assert _verdicts(exported) == _verdicts(KOMPLETT)
