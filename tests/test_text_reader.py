"""The plain-text/Markdown reader: encodings, line ends, pages, and unreadable files.

Text files come from web pages, OCR tools and old Windows editors, so the same
agreement arrives in several encodings and with form feeds between pages. The
reader must give the same blocks whatever the bytes, and cite lines the user
can find in the file. All text here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samlint.documents import BlockKind, DocumentError, read_document
from samlint.documents.text import read_text

AGREEMENT = (
    "Samarbeidsavtale for Ternøy\n"
    "\n"
    "1 Formål\n"
    "\n"
    "Kommunen og sjukehuset avtalar rutinar for utskriving. Møte skjer årleg på Ås.\n"
    "\n"
    "2 Ansvar\n"
    "\n"
    "Pårørende får svar innen én uke – også i ferien.\n"
)
EXPECTED_TEXTS = [
    "Samarbeidsavtale for Ternøy",
    "1 Formål",
    "Kommunen og sjukehuset avtalar rutinar for utskriving. Møte skjer årleg på Ås.",
    "2 Ansvar",
    "Pårørende får svar innen én uke – også i ferien.",
]

HEADER = "Ternøy kommune – samarbeidsavtale"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def texts(path: Path) -> list[str]:
    return [block.text for block in read_document(path, path.name).blocks]


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", AGREEMENT.encode("utf-8")),
        ("utf-8 with BOM", b"\xef\xbb\xbf" + AGREEMENT.encode("utf-8")),
        ("windows-1252", AGREEMENT.encode("cp1252")),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, label: str, data: bytes) -> None:
    """æ, ø, å, é and – survive whatever encoding the file was saved in."""
    assert texts(write(tmp_path, "avtale.txt", data)) == EXPECTED_TEXTS


def test_windows_1252_really_holds_single_byte_letters() -> None:
    """Guard for the test above: cp1252 bytes are not valid UTF-8, so decoding is exercised."""
    data = AGREEMENT.encode("cp1252")
    assert b"\xf8" in data and b"\xe5" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_bom_is_not_part_of_the_first_block(tmp_path: Path) -> None:
    path = write(tmp_path, "avtale.md", b"\xef\xbb\xbf" + "# Formål\n\nAvtalen gjelder.\n".encode())
    blocks = read_document(path, path.name).blocks
    assert blocks[0].text == "Formål"
    assert blocks[0].kind is BlockKind.HEADING


def test_crlf_line_ends(tmp_path: Path) -> None:
    """CRLF gives the same blocks and line numbers as LF."""
    lf = read_document(write(tmp_path, "lf.txt", AGREEMENT.encode()), "lf.txt").blocks
    crlf_data = AGREEMENT.replace("\n", "\r\n").encode()
    crlf = read_document(write(tmp_path, "crlf.txt", crlf_data), "crlf.txt").blocks
    assert crlf == lf
    assert not any("\r" in block.text for block in crlf)
    assert [block.line for block in crlf] == [1, 3, 5, 7, 9]


def test_read_text_directly(tmp_path: Path) -> None:
    path = write(tmp_path, "avtale.txt", AGREEMENT.encode())
    document = read_text(path, "vist/navn.txt")
    assert document.display == "vist/navn.txt"
    assert document.path == path
    assert [b.text for b in document.blocks] == EXPECTED_TEXTS
    assert document.furniture == []
    assert document.page_count is None
    assert all(block.page is None for block in document.blocks)


def test_uppercase_suffix_is_supported(tmp_path: Path) -> None:
    assert texts(write(tmp_path, "AVTALE.TXT", AGREEMENT.encode())) == EXPECTED_TEXTS


# ------------------------------------------------------------------ pages


PAGES = [
    [HEADER, "", "1 Formål", "", "Avtalen skal gi pasientene trygge overganger.", "",
     "Side 1 av 3"],
    [HEADER, "", "2 Ansvar", "", "Kommunen har ansvar for oppfølging. Partene skal styrke sam-",
     "handlingen i hele forløpet.", "", "Side 2 av 3"],
    [HEADER, "", "Partene møtes jevnlig.", "", "3 Varighet", "",
     "Avtalen gjelder til den sies opp.", "", "Side 3 av 3"],
]


def paged_file(tmp_path: Path, newline: str = "\n") -> Path:
    """Three pages separated by form feeds, each with a header and a 'Side N av 3' footer."""
    text = "\f".join(newline.join(page) + newline for page in PAGES)
    return write(tmp_path, "sider.txt", text.encode("utf-8"))


def physical_line(path: Path, number: int) -> str:
    """Line ``number`` (1-based) of the file as an editor shows it, form feeds removed."""
    raw = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    return raw.split("\n")[number - 1].replace("\f", "")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_form_feed_pages_lose_their_furniture(tmp_path: Path, newline: str) -> None:
    document = read_document(paged_file(tmp_path, newline), "sider.txt")
    assert document.furniture == [
        text for n in range(1, 4) for text in (HEADER, f"Side {n} av 3")
    ]
    joined = " ".join(block.text for block in document.blocks)
    assert "Ternøy" not in joined
    assert "Side" not in joined


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_numbers_count_every_physical_line_across_form_feeds(
    tmp_path: Path, newline: str
) -> None:
    """A block's line is where an editor shows its first line, pages and furniture included."""
    path = paged_file(tmp_path, newline)
    blocks = read_document(path, path.name).blocks
    assert [(b.text.split()[0], b.line) for b in blocks] == [
        ("1", 3), ("Avtalen", 5), ("2", 10), ("Kommunen", 12), ("Partene", 18), ("3", 20),
        ("Avtalen", 22),
    ]
    for block in blocks:
        printed = physical_line(path, block.line).strip().removesuffix("-")  # 'sam-' → 'sam'
        assert printed
        assert block.text.startswith(printed)


def test_body_text_at_the_top_of_a_page_is_kept(tmp_path: Path) -> None:
    texts_ = texts(paged_file(tmp_path))
    assert "Partene møtes jevnlig." in texts_


def test_hyphenation_across_lines_is_joined(tmp_path: Path) -> None:
    blocks = read_document(paged_file(tmp_path), "sider.txt").blocks
    paragraph = next(b for b in blocks if b.text.startswith("Kommunen har ansvar"))
    assert "samhandlingen i hele forløpet" in paragraph.text
    assert "sam-" not in paragraph.text


def test_hyphenation_across_a_page_break_skips_the_furniture(tmp_path: Path) -> None:
    """The header between 'sam-' and 'handlingen' is removed before the word is joined."""
    text = (
        f"{HEADER}\n\n1 Formål\n\nAvtalen skal styrke sam-\fSide 1 av 2\n"
        f"{HEADER}\nhandlingen mellom nivåene.\n\nSide 2 av 2\n"
    )
    blocks = read_document(write(tmp_path, "brudd.txt", text.encode()), "brudd.txt").blocks
    assert [b.text for b in blocks] == [
        "1 Formål",
        "Avtalen skal styrke samhandlingen mellom nivåene.",
    ]
    assert blocks[1].line == 5


def test_elided_compound_stays(tmp_path: Path) -> None:
    data = b"Avtalen gjelder helse-\nog omsorgstjenester i kommunen.\n"
    assert texts(write(tmp_path, "a.txt", data)) == [
        "Avtalen gjelder helse- og omsorgstjenester i kommunen."
    ]


def test_soft_hyphens_are_removed(tmp_path: Path) -> None:
    data = "Avtalen gjelder sam\u00adhandling.\n".encode()
    assert texts(write(tmp_path, "a.txt", data)) == ["Avtalen gjelder samhandling."]


# ------------------------------------------------------------------ errors


def error_code(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path, path.name)
    assert caught.value.message  # every error has words for a person
    return caught.value.code


def test_binary_data_is_corrupt(tmp_path: Path) -> None:
    path = write(tmp_path, "avtale.txt", b"PK\x03\x04\x00\x00\x14\x00binary\x00\x01\x02")
    assert error_code(path) == "corrupt"


def test_whitespace_only_is_empty(tmp_path: Path) -> None:
    assert error_code(write(tmp_path, "avtale.txt", b"  \r\n\t\n\f\n  ")) == "empty"


def test_zero_bytes_is_empty(tmp_path: Path) -> None:
    assert error_code(write(tmp_path, "avtale.md", b"")) == "empty"


@pytest.mark.parametrize("name", ["avtale.xlsx", "avtale.pages", "avtale.pptx", "avtale"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    """The suffix decides, even when the content is readable text."""
    assert error_code(write(tmp_path, name, AGREEMENT.encode())) == "unsupported"


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    assert error_code(tmp_path / "finnes-ikke.txt") == "not-found"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_bom_decodes(tmp_path: Path, encoding: str) -> None:
    """UTF-16 always contains NUL bytes; with a BOM it is text, not binary."""
    path = tmp_path / "avtale.txt"
    text = "1 Formål\n\nKommunen og sjukehuset avtalar rutinar for utskriving.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert [b.text for b in read_document(path, path.name).blocks] == [
        "1 Formål", "Kommunen og sjukehuset avtalar rutinar for utskriving."]


def test_unnumbered_title_lines_between_blank_lines_are_headings(tmp_path: Path) -> None:
    """Plain-text agreements often set headings alone on a line, without numbers."""
    path = tmp_path / "avtale.txt"
    path.write_text("Innleggelse i sykehus\n\nFastlegen henviser elektronisk. Legen ringer "
                    "mottaket ved akutte tilstander.\n\nPartene er enige om dette:\n\n"
                    "Kort setning uten punktum\nsom fortsetter her.\n", encoding="utf-8")
    blocks = read_document(path, path.name).blocks
    assert [(b.kind, b.text) for b in blocks][:2] == [
        (BlockKind.HEADING, "Innleggelse i sykehus"),
        (BlockKind.PARAGRAPH, "Fastlegen henviser elektronisk. Legen ringer mottaket ved "
                              "akutte tilstander."),
    ]
    assert all(b.kind != BlockKind.HEADING for b in blocks[2:])
