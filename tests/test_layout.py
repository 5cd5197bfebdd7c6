"""Layout recovery from bare lines: headings, hyphenation, blocks and page furniture.

The PDF and text readers hand these functions lines without structure, so the
verdicts (and the page/line a report cites) depend on them getting headings,
paragraphs and running headers right. All text here is invented.
"""

from __future__ import annotations

import random
import re

import pytest

from samlint.documents.layout import (
    Line,
    _edge_lines,
    body_font_size,
    furniture_key,
    heading_level_from_number,
    is_page_number,
    join_hyphenated,
    lines_to_blocks,
    looks_like_heading,
    strip_furniture,
)
from samlint.documents.model import Block, BlockKind


def lines(*texts: str, page: int | None = None, start: int = 1) -> list[Line]:
    """Consecutive plain lines (no font information), numbered from ``start``."""
    return [Line(text, number, page) for number, text in enumerate(texts, start)]


def headings(blocks: list[Block]) -> list[tuple[str, int]]:
    return [(b.text, b.level) for b in blocks if b.kind is BlockKind.HEADING]


# ------------------------------------------------------------------ headings


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("4 Innleggelse", 1),
        ("4.2 Varsling", 2),
        ("4.2.1 Varsling ved helg", 3),
        ("§ 7 Beredskap", 1),
        ("IV. Forebygging", 1),
        ("Del B – Pasientforløp", 1),
        ("B4 Kommunalt døgnopphold", 2),
        ("Delavtale 3 Jordmortjenester", 1),
    ],
)
def test_numbered_headings_are_headings_with_their_level(text: str, level: int) -> None:
    """Every numbering style agreements use marks a heading, and the number gives the depth."""
    assert looks_like_heading(text)
    assert heading_level_from_number(text) == level


@pytest.mark.parametrize(
    "text",
    [
        # a long sentence that happens to have no full stop at the end
        "Kommunen og helseforetaket lager i fellesskap skriftlige rutiner for melding og "
        "oppfølging av pasienter som skrives ut til kommunale tjenester i hjemmet",
        # a numbered list item that is a sentence, not a title
        "3. Koordinatoren vert oppnemnd av kommunen. Sjukehuset gjev råd om",
        "• Kommunen varsler fastlegen",
        "- Helseforetaket sender epikrise",
        "Kommunen har ansvaret for oppfølging,",
        "Partene holder felles møte hvert kvartal.",
        "4 innleggelse skjer etter avtale med vakthavende lege",
        "Innledning",  # short but neither numbered, capitals nor a larger/bold font
        "",
        "–––",
    ],
)
def test_body_lines_are_not_headings(text: str) -> None:
    """Sentences, bullets and lines ending in a comma are body text, numbered or not."""
    assert not looks_like_heading(text)


def test_larger_or_bold_font_makes_a_short_line_a_heading() -> None:
    """An unnumbered title is found by its font alone."""
    assert not looks_like_heading("Innledning")
    assert looks_like_heading("Innledning", larger_font=True)
    assert looks_like_heading("Innledning", bold=True)


def test_bold_does_not_make_a_sentence_a_heading() -> None:
    """A bold sentence ending in a full stop is emphasised body text."""
    assert not looks_like_heading("Kommunen har ansvaret for oppfølging.", bold=True)
    assert not looks_like_heading("Kommunen har ansvaret for oppfølging,", larger_font=True)


def test_all_capitals_is_a_heading() -> None:
    assert looks_like_heading("FELLES PLANLEGGING")
    assert not looks_like_heading("FHI")  # too few letters to be a title


def test_unnumbered_text_has_level_one() -> None:
    assert heading_level_from_number("Innledning") == 1


def test_lines_to_blocks_gives_numbered_headings_their_levels() -> None:
    """Headings and paragraphs alternate; sub-headings are one level down."""
    blocks = lines_to_blocks(lines(
        "4 Innleggelse",
        "Fastlegen ringer vakthavende lege før pasienten sendes.",
        "",
        "4.2 Varsling",
        "Sykehuset varsler kommunen samme dag.",
    ))
    assert [(b.kind, b.text, b.level, b.line) for b in blocks] == [
        (BlockKind.HEADING, "4 Innleggelse", 1, 1),
        (BlockKind.PARAGRAPH, "Fastlegen ringer vakthavende lege før pasienten sendes.", 0, 2),
        (BlockKind.HEADING, "4.2 Varsling", 2, 4),
        (BlockKind.PARAGRAPH, "Sykehuset varsler kommunen samme dag.", 0, 5),
    ]


def test_heading_followed_by_lowercase_line_is_body_text() -> None:
    """A 'heading' whose next line continues in lowercase is a wrapped sentence."""
    blocks = lines_to_blocks(lines(
        "4 Innleggelse",
        "skjer etter samtale mellom fastlegen og vakthavende lege.",
    ))
    assert headings(blocks) == []
    assert [b.text for b in blocks] == [
        "4 Innleggelse skjer etter samtale mellom fastlegen og vakthavende lege."
    ]


def test_larger_font_heading_detected_and_top_level() -> None:
    """A much larger font marks a top-level heading even without a number."""
    page = [
        Line("Samarbeid om utskrivning", 1, 1, font_size=16.0),
        Line("Sykehuset varsler kommunen senest dagen etter innleggelse om pasienten.", 2, 1,
             font_size=10.5),
        Line("Kommunen gir beskjed innen kvelden om hvilket tilbud pasienten skal få videre.", 3, 1,
             font_size=10.5),
    ]
    body = body_font_size(page)
    assert body == 10.5
    blocks = lines_to_blocks(page, body_size=body)
    assert blocks[0] == Block("Samarbeid om utskrivning", BlockKind.HEADING, 1, 1, 1)
    assert [b.kind for b in blocks[1:]] == [BlockKind.PARAGRAPH]


def test_bold_body_size_heading_is_detected() -> None:
    """Bold text at body size is a run-in heading under whatever precedes it."""
    page = [
        Line("Kontaktpersoner", 1, 1, font_size=10.5, bold=True),
        Line("Hver part oppnevner en kontaktperson for avtalen.", 2, 1, font_size=10.5),
    ]
    blocks = lines_to_blocks(page, body_size=10.5)
    assert blocks[0].kind is BlockKind.HEADING
    assert blocks[0].text == "Kontaktpersoner"
    assert blocks[1].kind is BlockKind.PARAGRAPH


def test_same_text_without_font_information_is_body() -> None:
    """The font is what made the line above a heading: without it, it is a paragraph."""
    blocks = lines_to_blocks(lines(
        "Kontaktpersoner",
        "Hver part oppnevner en kontaktperson for avtalen.",
    ))
    assert headings(blocks) == []


def test_heading_wrapped_over_two_lines_in_large_font_is_one_heading() -> None:
    page = [
        Line("Samarbeidsavtale mellom Ternøy kommune og", 1, 1, font_size=16.0),
        Line("Helse Midtfjord HF", 2, 1, font_size=16.0),
        Line("Avtalen gjelder alle enheter hos partene som yter tjenester til pasienter.",
             3, 1, font_size=10.5),
    ]
    blocks = lines_to_blocks(page, body_size=10.5)
    assert headings(blocks) == [("Samarbeidsavtale mellom Ternøy kommune og Helse Midtfjord HF", 1)]


def test_underline_heading() -> None:
    """Plain-text convention: a line underlined with dashes or equals signs is a heading."""
    blocks = lines_to_blocks(lines("Formål", "------", "Avtalen skal sikre gode overganger."))
    assert blocks == [
        Block("Formål", BlockKind.HEADING, 1, None, 1),
        Block("Avtalen skal sikre gode overganger.", BlockKind.PARAGRAPH, 3, None, 0),
    ]


def test_markdown_heading_level_is_the_number_of_hashes() -> None:
    blocks = lines_to_blocks(lines("# Samarbeidsavtale", "", "## Formål", "Avtalen gjelder."))
    assert headings(blocks) == [("Samarbeidsavtale", 1), ("Formål", 2)]
    assert not any(b.text.startswith("#") for b in blocks)


# ------------------------------------------------------------------ blocks


def test_list_items_start_new_blocks() -> None:
    """Each bullet is its own block, and a wrapped bullet line stays with its item."""
    blocks = lines_to_blocks(lines(
        "Henvisningen skal inneholde:",
        "• problemstilling og funn",
        "• oppdatert legemiddelliste, også",
        "legemidler pasienten har sluttet med",
        "• navn på pårørende",
    ))
    assert [(b.kind, b.line) for b in blocks] == [
        (BlockKind.PARAGRAPH, 1),
        (BlockKind.LIST_ITEM, 2),
        (BlockKind.LIST_ITEM, 3),
        (BlockKind.LIST_ITEM, 5),
    ]
    assert blocks[2].text == (
        "• oppdatert legemiddelliste, også legemidler pasienten har sluttet med"
    )


def test_blank_line_ends_a_paragraph() -> None:
    blocks = lines_to_blocks(lines("Første avsnitt uten punktum", "", "Andre avsnitt."))
    assert [b.text for b in blocks] == ["Første avsnitt uten punktum", "Andre avsnitt."]


def test_block_keeps_line_and_page_of_its_first_line() -> None:
    """A paragraph running over a page break is cited where it starts."""
    first_page = [
        Line("2 Ansvar", 7, 1),
        Line("Kommunen har ansvaret for oppfølging i hjemmet og for å", 8, 1),
    ]
    second_page = [
        Line("melde fra til fastlegen når pasienten kommer hjem igjen.", 2, 2),
        Line("", 3, 2),
        Line("Helseforetaket sender epikrise samme dag.", 4, 2),
    ]
    blocks = lines_to_blocks(first_page + second_page)
    assert [(b.kind, b.line, b.page) for b in blocks] == [
        (BlockKind.HEADING, 7, 1),
        (BlockKind.PARAGRAPH, 8, 1),
        (BlockKind.PARAGRAPH, 4, 2),
    ]
    assert blocks[1].text.endswith("melde fra til fastlegen når pasienten kommer hjem igjen.")


# ------------------------------------------------------------------ hyphenation


def test_hyphenated_word_is_joined() -> None:
    joined = join_hyphenated(lines("Partene skal styrke sam-", "handlingen om pasientene."))
    assert [(line.text, line.number) for line in joined] == [
        ("Partene skal styrke samhandlingen om pasientene.", 1)
    ]


@pytest.mark.parametrize("word", ["og", "eller"])
def test_hyphen_before_og_or_eller_is_an_elided_compound(word: str) -> None:
    """'helse- og omsorgstjenester' must not become 'helseog'."""
    joined = join_hyphenated(lines("Partene yter helse-", f"{word} omsorgstjenester."))
    text = " ".join(line.text for line in joined)
    assert text == f"Partene yter helse- {word} omsorgstjenester."
    assert len(joined) == 2


def test_hyphen_before_capital_letter_stays() -> None:
    joined = join_hyphenated(lines("Sykehusene i Nord-", "Norge deltar."))
    assert [line.text for line in joined] == ["Sykehusene i Nord-", "Norge deltar."]


def test_hyphen_before_blank_line_is_not_joined() -> None:
    joined = join_hyphenated(lines("Partene skal styrke sam-", "", "handlingen."))
    assert [line.text for line in joined] == ["Partene skal styrke sam-", "", "handlingen."]


def test_blocks_from_joined_lines_read_as_one_word() -> None:
    """The reader pipeline: join first, then group into blocks."""
    blocks = lines_to_blocks(join_hyphenated(lines(
        "1 Formål",
        "Avtalen skal bidra til god sam-",
        "handling om helse- og",
        "omsorgstjenester.",
    )))
    assert blocks[1].text == "Avtalen skal bidra til god samhandling om helse- og omsorgstjenester."
    assert blocks[1].line == 2


# ------------------------------------------------------------------ furniture


@pytest.mark.parametrize(
    "text", ["Side 2 av 5", "side 3", "Side 12", "2/5", "3 av 7", "- 4 -", "12"]
)
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize(
    "text", ["4 Innleggelse", "Sidene 2 og 3 gjelder innleggelse", "Side om side med kommunen"]
)
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


HEADER = "Ternøy kommune og Helse Midtfjord HF – samarbeidsavtale"
BODIES = [
    ["1 Formål", "Avtalen skal sikre trygge overganger.", "Partene samarbeider tett."],
    ["Kommunen har ansvar for oppfølging.", "2 Ansvar", "Sykehuset har ansvar for utredning."],
    ["Partene holder felles møte hvert kvartal.", "3 Avvik", "Avvik meldes skriftlig."],
    ["Kommunen varsler fastlegen straks.", "4 Varighet", "Avtalen gjelder i fem år."],
]


def paginate(headers: list[str]) -> list[list[Line]]:
    """Four pages: running header on top, body, 'Side N av 4' at the bottom."""
    pages = []
    for number, (header, body) in enumerate(zip(headers, BODIES, strict=True), 1):
        page = [Line(header, 1, number)]
        page += [Line(text, index, number) for index, text in enumerate(body, 2)]
        page.append(Line(f"Side {number} av 4", len(body) + 2, number))
        pages.append(page)
    return pages


def test_running_header_and_page_footer_are_removed() -> None:
    cleaned, furniture = strip_furniture(paginate([HEADER] * 4))
    assert [[line.text for line in page] for page in cleaned] == BODIES
    assert furniture == [
        text for n in range(1, 5) for text in (HEADER, f"Side {n} av 4")
    ]


def test_running_header_with_ocr_misspellings_is_removed() -> None:
    """OCR spells the header differently on some pages; it is still the same header."""
    headers = [
        HEADER,
        HEADER.replace("Ternøy", "Ternoy"),
        HEADER.replace("Ternøy", "Terngy").replace("–", "-"),
        HEADER,
    ]
    cleaned, furniture = strip_furniture(paginate(headers))
    assert [[line.text for line in page] for page in cleaned] == BODIES
    assert [text for text in furniture if not text.startswith("Side")] == headers


def test_body_text_at_top_of_a_page_is_kept() -> None:
    """Lines that only happen to sit at the page edge and do not repeat are body text."""
    cleaned, _ = strip_furniture(paginate([HEADER] * 4))
    tops = [page[0].text for page in cleaned]
    assert tops == [
        "1 Formål",
        "Kommunen har ansvar for oppfølging.",
        "Partene holder felles møte hvert kvartal.",
        "Kommunen varsler fastlegen straks.",
    ]


def test_line_repeated_mid_page_is_body_text() -> None:
    """Only the page edges hold furniture: a table heading repeated mid-page is content."""
    repeated = "Oppgave Kommunen Helseforetaket"
    topics = ["utskrivning", "innleggelse", "beredskap"]
    verbs = ["avtaler", "beskriver", "evaluerer", "følger opp", "melder", "planlegger",
             "drøfter", "endrer"]
    pages = []
    for number, topic in enumerate(topics, 1):
        body = [f"Partene {verb} rutinene for {topic}." for verb in verbs]
        texts = [HEADER, *body[:4], repeated, *body[4:], f"Side {number} av 3"]
        pages.append([Line(text, index, number) for index, text in enumerate(texts, 1)])
    cleaned, furniture = strip_furniture(pages)
    assert all(sum(line.text == repeated for line in page) == 1 for page in cleaned)
    assert repeated not in furniture
    assert len(furniture) == 6


def test_furniture_keeps_line_numbers_of_remaining_lines() -> None:
    """Removing the header must not renumber the body: citations point at printed lines."""
    cleaned, _ = strip_furniture(paginate([HEADER] * 4))
    assert [line.number for line in cleaned[1]] == [2, 3, 4]
    assert {line.page for line in cleaned[1]} == {2}


def test_single_page_keeps_its_header_line() -> None:
    """One page gives nothing to compare with: only a page number is furniture there."""
    page = [Line(HEADER, 1, 1), Line("Avtalen gjelder alle enheter.", 2, 1), Line("Side 1", 3, 1)]
    cleaned, furniture = strip_furniture([page])
    assert [line.text for line in cleaned[0]] == [HEADER, "Avtalen gjelder alle enheter."]
    assert furniture == ["Side 1"]


def test_no_pages() -> None:
    assert strip_furniture([]) == ([], [])


def test_short_bullet_line_does_not_swallow_the_next_paragraph() -> None:
    """A list item that ends before the margin ends there; evidence excerpts
    must start where the paragraph starts."""
    texts = ["Henvisningen skal inneholde følgende opplysninger om pasienten og behandlingen:",
             "• problemstilling og funn", "• navn på pårørende",
             "Når pasienten blir lagt inn, sender kommunen en rapport samme dag."]
    lines = [Line(t, i) for i, t in enumerate(texts, 1)]
    assert lines_to_blocks(lines)[-1].text.startswith("Når pasienten")


def test_body_font_size_sums_sizes_that_round_alike_and_breaks_ties_by_first_seen() -> None:
    """PDFs report 10.98 and 11.02 for one font size; a tie goes to the size met first."""
    lines = [Line("x" * 30, 1, 1, 11.02), Line("y" * 40, 2, 1, 12.0),
             Line("z" * 20, 3, 1, 10.98), Line("w" * 10, 4, 1, 0.0)]
    assert body_font_size(lines) == 11.0  # 30 + 20 at 11.0 beat 40 at 12.0
    assert body_font_size([Line("a" * 5, 1, 1, 9.0), Line("b" * 5, 2, 1, 8.0)]) == 9.0
    assert body_font_size([Line("a", 1, 1, 0.0)]) == 0.0


def test_furniture_keys_fold_letters_mask_digits_and_keep_letters_only() -> None:
    """Held to the plain definition (translate, then drop all but a-z and '#')
    on random lines of letters, digits, Norwegian and other accents, spaces
    and punctuation."""
    plain_fold = str.maketrans("æøåäöé", "aoaaoe")

    def plain(text: str) -> str:
        folded = re.sub(r"\d+", "#", text.strip().lower()).translate(plain_fold)
        return re.sub(r"[^#a-z]+", "", folded)

    assert furniture_key("  Side 12 av 30 ") == "side#av#"
    assert furniture_key("Samarbeidsavtale Bærøy kommune – Helse Nord") == (
        "samarbeidsavtalebaroykommunehelsenord")
    alphabet = "abcxyzABCÆØÅæøåäöéÉüß0123456789 .,-–§/()\t\u00a0"
    chooser = random.Random(7)
    for _ in range(3000):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randrange(0, 40)))
        assert furniture_key(text) == plain(text), text


def test_furniture_keys_mask_digits_of_every_script() -> None:
    """Digits other than 0-9 are masked too, and digits apart stay two masks (the key is
    filtered a byte at a time, after the digits are masked)."""
    assert furniture_key("Side ٣ av ٧") == "side#av#"
    assert furniture_key("Side ３ av ７ – Bærøy") == "side#av#baroy"
    assert furniture_key("1™2 1 2 12") == "#####"


def test_furniture_keys_of_latin1_lines_equal_the_step_by_step_key() -> None:
    """Latin-1 lines are keyed a byte at a time (lower case, folding, digits and filtering
    in one translation), dashes and quotes beyond Latin-1 first made spaces: held to the
    plain definition for every Latin-1 character and those marks, digits among them."""
    plain_fold = str.maketrans("æøåäöé", "aoaaoe")

    def plain(text: str) -> str:
        folded = re.sub(r"\d+", "#", text.strip().lower()).translate(plain_fold)
        return re.sub(r"[^#a-z]+", "", folded)

    for code in range(256):
        for text in (chr(code), f"A{chr(code)}1 2", f"{chr(code)}–{chr(code)}3"):
            assert furniture_key(text) == plain(text), text
    chooser = random.Random(11)
    alphabet = [chr(code) for code in range(256)] + list("–—‘’‚“”„•…KÅİ٣３") + ["7"] * 30
    for _ in range(3000):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randrange(0, 30)))
        assert furniture_key(text) == plain(text), text


def test_hyphen_shortcut_knows_every_space() -> None:
    """``join_hyphenated`` strips and tests only lines ending in one of these: a hyphen,
    or any character ``str.strip`` strips."""
    from samlint.documents.layout import _HYPHEN_OR_SPACE

    spaces = {chr(code) for code in range(0x110000) if chr(code).isspace()}
    assert spaces | {"-"} == _HYPHEN_OR_SPACE
    assert all(not character.strip() for character in spaces)


def test_bullet_shortcut_lets_every_bullet_through() -> None:
    """``lines_to_blocks`` tries the bullet pattern only on lines ``_may_be_bullet`` lets
    through: that must be every line the pattern matches."""
    from samlint.documents.layout import BULLET, _may_be_bullet

    seconds = ["", " ", ".", ")", "x", "1", "(", "\t", "\u00a0", "\u3000", "e", "-"]
    for first in "•●▪◦·-–—*(0123456789abcdefghijklmnopqrstuvwxyzæøåABZÆ#. \u00a0":
        for second in seconds:
            text = (first + second + " tekst").strip()
            if BULLET.match(text):
                assert _may_be_bullet(text), text


def test_edge_lines_are_the_first_and_last_three_non_blank_lines() -> None:
    chooser = random.Random(11)
    for _ in range(2000):
        page = [Line(chooser.choice(["", "  ", "tekst", " x "]), n)
                for n in range(chooser.randrange(0, 12))]
        nonblank = [i for i, line in enumerate(page) if line.text.strip()]
        assert _edge_lines(page, 3) == sorted(set(nonblank[:3] + nonblank[-3:]))


# ------------------------------------------------------------------ PDF reading aids


def test_dotted_contents_line_is_a_toc_entry_not_a_heading() -> None:
    """'9 Forsking ....... 6' starts like a numbered heading; the leaders and page say TOC."""
    blocks = lines_to_blocks(lines(
        "INNHALD",
        "8 Kunnskapsoverføring og hospitering............................5",
        "9 Forsking, utdanning, praksis og læretid.......................6",
        "10 Jordmortenester …… 7",
        "1 Partar",
    ))
    assert [(b.kind, b.text[:12]) for b in blocks] == [
        (BlockKind.HEADING, "INNHALD"),
        (BlockKind.TOC_ENTRY, "8 Kunnskapso"),
        (BlockKind.TOC_ENTRY, "9 Forsking, "),
        (BlockKind.TOC_ENTRY, "10 Jordmorte"),
        (BlockKind.HEADING, "1 Partar"),
    ]


def test_dots_in_a_sentence_make_no_toc_entry() -> None:
    [block] = lines_to_blocks(lines("Partene avtaler .... at avtalen gjelder i 3 år"))
    assert block.kind is BlockKind.PARAGRAPH


def _spaced(*rows: tuple[str, float]) -> list[Line]:
    """PDF lines of 12 pt text with the given distance from the line above."""
    return [Line(text, number, 1, 12.0, False, gap)
            for number, (text, gap) in enumerate(rows, 1)]


# Lines as wide as the page: a paragraph of five lines, then one-sentence
# paragraphs; the wider distance after a paragraph (word processors' space
# after) is what ends it.
_ROWS = [
    ("Partene vil videreutvikle samarbeidet om rehabilitering og lærings- og", 0.0),
    ("mestringstilbud i hele opptaksområdet, også for barn og unge i kommunen", 14.7),
    ("og for dem som trenger tjenester fra begge parter samtidig eller etter tur,", 14.7),
    ("slik at ingen faller mellom to stoler når ansvaret går fra den ene parten", 14.7),
    ("til den andre, og slik at pårørende vet hvem de skal kontakte underveis.", 14.7),
    ("Partene er enige om å videreutvikle samarbeidet om praksisplasser og forskning.", 24.7),
    ("Kommunen og helseforetaket skal ha et godt samarbeid om jordmortjenestene sine.", 24.7),
    ("Partene vil arbeide for trygge og effektive IKT-løsninger i samhandlingen i år.", 24.7),
]


def test_wider_spacing_after_a_sentence_ends_a_paragraph() -> None:
    blocks = lines_to_blocks(_spaced(*_ROWS))
    assert [b.text[:24] for b in blocks] == [
        "Partene vil videreutvikl", "Partene er enige om å vi", "Kommunen og helseforetak",
        "Partene vil arbeide for ",
    ]


def test_even_spacing_keeps_full_lines_in_one_paragraph() -> None:
    even = [(text, 14.7 if gap else 0.0) for text, gap in _ROWS]
    assert len(lines_to_blocks(_spaced(*even))) == 1


def test_wider_spacing_before_a_lower_case_continuation_keeps_the_paragraph() -> None:
    rows = [("Partene er enige om å videreutvikle samarbeidet om praksisplasser og", 0.0),
            ("forskning, og om felles fagdager for de ansatte i begge virksomhetene.", 24.7),
            ("Dette gjelder fra 2025.", 14.7), ("Neste avsnitt begynner her.", 14.7)]
    assert lines_to_blocks(_spaced(*rows))[0].text.startswith(
        "Partene er enige om å videreutvikle samarbeidet om praksisplasser og forskning,")


def test_table_row_lines_are_table_rows_never_headings() -> None:
    rows = [Line("Oppgave | Ansvar", 1, 1, 10.0, True, table=True),
            Line("Innleggelse | Fastlegen", 2, 1, 10.0, False, 18.0, table=True),
            Line("Tabellen gjelder fra 2025.", 3, 1, 10.0, False, 18.0)]
    assert [(b.kind, b.text) for b in lines_to_blocks(rows)] == [
        (BlockKind.TABLE_ROW, "Oppgave | Ansvar"),
        (BlockKind.TABLE_ROW, "Innleggelse | Fastlegen"),
        (BlockKind.PARAGRAPH, "Tabellen gjelder fra 2025."),
    ]
