"""Hostile and broken documents: every limit, and that crafted files never crash or hang.

Each limit here has a test that fails without it: either the real limit is
crossed by a small crafted file (5,001 pages in 800 kB), or the limit is
lowered for the test and a file just over it must be refused (a 50 MB text
is not something to write in every test run). The crafted PDFs are written
byte by byte (``pdfcraft``) because no PDF library will write a page tree
that contains itself.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).parent))
import pdfcraft

from samlint.documents import DocumentError, docx_package, model, read_document
from samlint.documents import docx as docx_reader
from samlint.documents import pdf as pdf_reader

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CLI_TIMEOUT = 60


def _error(path: Path, **kwargs: int) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(path, path.name, **kwargs)
    return caught.value


def _document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode()


def _paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)


def _write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def run_check(*args: str | os.PathLike[str], cwd: Path,
              debug: bool = False) -> subprocess.CompletedProcess[str]:
    """The real CLI, as CI runs it."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "samlint", "check", *map(str, args), "--no-cache"]
    if debug:
        command.append("--debug")
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env,
                          cwd=cwd, timeout=CLI_TIMEOUT)


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


# ------------------------------------------------------------------------ page count


def test_page_limit_is_five_thousand() -> None:
    assert pdf_reader.MAX_PAGES == 5000


def test_a_pdf_over_the_page_limit_is_refused_before_any_page_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sider.pdf"
    path.write_bytes(pdfcraft.many_pages(5001))
    monkeypatch.setattr(pdf_reader, "extract_pages",
                        lambda *args: pytest.fail("pages were extracted"))
    error = _error(path)
    assert error.code == "too-large"
    assert "5001 sider" in error.message and "5000" in error.message
    assert "del den opp" in error.message


def test_a_pdf_at_the_page_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    path = tmp_path / "tre.pdf"
    path.write_bytes(pdfcraft.simple([["Side en."], ["Side to."], ["Side tre."]]))
    assert read_document(path, "tre.pdf").page_count == 3
    path.write_bytes(pdfcraft.simple([["Side en."], ["Side to."], ["Side tre."], ["Fire."]]))
    assert _error(path).code == "too-large"


# ------------------------------------------------------------------------- text size


def test_text_limit_is_fifty_megabytes_of_characters() -> None:
    from samlint.documents import text as text_reader

    assert model.MAX_TEXT_CHARS == 50 * 1024 * 1024 == text_reader.MAX_TEXT_BYTES


@pytest.fixture
def small_text_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(model, "MAX_TEXT_CHARS", 2000)
    return 2000


def test_pdf_text_over_the_limit_is_too_large(tmp_path: Path, small_text_limit: int) -> None:
    path = tmp_path / "mye.pdf"
    path.write_bytes(pdfcraft.many_characters(5000))
    error = _error(path)
    assert error.code == "too-large"
    assert "MB tekst" in error.message and "del den opp" in error.message


def test_pdf_extraction_stops_at_the_limit_not_after_the_last_page(
    tmp_path: Path, small_text_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = "Partene samarbeider om tjenestene. " * 3
    path = tmp_path / "ti.pdf"
    path.write_bytes(pdfcraft.simple([[line] * 10 for _ in range(10)]))  # ~1,000 per page
    extracted: list[int] = []
    original = pdf_reader._page_lines

    def spy(textpage, page_number, pdfium_c):  # type: ignore[no-untyped-def]
        extracted.append(page_number)
        return original(textpage, page_number, pdfium_c)

    monkeypatch.setattr(pdf_reader, "_page_lines", spy)
    assert _error(path).code == "too-large"
    assert len(extracted) <= 2


def test_document_error_survives_pickling() -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(DocumentError("corrupt", "PDF-en er skadet")))
    assert (type(clone), clone.code, clone.message) == (DocumentError, "corrupt",
                                                         "PDF-en er skadet")


def test_a_document_survives_pickling_whole() -> None:
    """Documents cross a pipe from their reader, sent as columns of values."""
    import pickle

    from samlint.documents import Block, BlockKind, Document

    blocks = [Block("1 Formål", BlockKind.HEADING, 1, 1, 1),
              Block("Partene samarbeider.", BlockKind.PARAGRAPH, 2, None, 0),
              Block("• punkt", BlockKind.LIST_ITEM, 7, 3, 0)]
    document = Document(Path("a.pdf"), "a.pdf", blocks, 3, ["Side 1 av 3"])
    clone = pickle.loads(pickle.dumps(document))
    assert clone == document
    assert [type(b.kind) for b in clone.blocks] == [BlockKind] * 3
    empty = Document(Path("b.txt"), "b.txt", [])
    assert pickle.loads(pickle.dumps(empty)) == empty


def test_docx_text_over_the_limit_is_too_large(tmp_path: Path, small_text_limit: int) -> None:
    path = _write_zip(tmp_path / "mye.docx", {
        "word/document.xml": _document_xml(_paragraphs(*["Partene samarbeider. " * 10] * 20)),
    })
    assert _error(path).code == "too-large"


def test_docx_header_text_counts_too(tmp_path: Path, small_text_limit: int) -> None:
    header = (f'<w:hdr xmlns:w="{W_NS}">' + _paragraphs(*["Topptekst " * 50] * 10)
              + "</w:hdr>").encode()
    path = _write_zip(tmp_path / "topp.docx", {
        "word/document.xml": _document_xml(_paragraphs("Kort avtale.")),
        "word/header1.xml": header,
    })
    assert _error(path).code == "too-large"


def test_text_file_over_the_limit_is_too_large(tmp_path: Path, small_text_limit: int) -> None:
    path = tmp_path / "mye.txt"
    path.write_text("Partene samarbeider om tjenestene.\n" * 100, encoding="utf-8")
    assert _error(path).code == "too-large"


def test_text_file_byte_limit_reads_no_more_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samlint.documents import text as text_reader

    monkeypatch.setattr(text_reader, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "stor.md"
    path.write_text("a" * 5000, encoding="utf-8")
    error = _error(path)
    assert error.code == "too-large"
    assert "del den opp" in error.message


def test_text_page_limit_is_the_pdf_page_limit() -> None:
    from samlint.documents import text as text_reader

    assert text_reader.MAX_TEXT_PAGES == pdf_reader.MAX_PAGES == 5000


def test_a_text_of_form_feeds_is_refused_quickly(tmp_path: Path) -> None:
    """Found by timing hostile shapes: 3.5 million form feeds took a minute to paginate."""
    path = tmp_path / "sider.txt"
    path.write_bytes(b"Side\n\x0c" * 3_500_000)
    started = time.monotonic()
    error = _error(path)
    assert time.monotonic() - started < 5
    assert error.code == "too-large"
    assert "3500001 sider" in error.message


def test_a_text_at_the_page_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "sider.txt"
    words = ["kommunen", "sykehuset", "legevakten", "jordmora", "fastlegen", "pasienten",
             "koordinatoren", "helsestasjonen", "ambulansen", "hjemmetjenesten"]
    pages = [f"Her skriver {words[n % 10]} til {words[n // 10 % 10]} om {words[n // 100 % 10]}."
             for n in range(5000)]
    path.write_text("\f".join(pages), encoding="utf-8")
    assert read_document(path, "sider.txt").blocks  # read, not refused


def test_a_huge_line_at_a_page_edge_is_not_compared_as_a_running_header(
    tmp_path: Path,
) -> None:
    """Found by the fuzz campaign: a 2.6 MB line at the top of two pages took 32 s, because
    header detection compared it fuzzily (quadratic in length) with the other page's."""
    path = tmp_path / "lang-linje.txt"  # no common prefix or suffix to shortcut the comparison
    path.write_text("aver " * 200_000 + "\nTekst.\n\f" + "avre " * 200_000 + "\nMer tekst.\n",
                    encoding="utf-8")
    started = time.monotonic()
    document = read_document(path, path.name)
    assert time.monotonic() - started < 2
    assert any(len(block.text) > 900_000 for block in document.blocks)  # body, not furniture


def test_page_number_check_is_fast_on_a_long_line_of_spaces() -> None:
    from samlint.documents.layout import is_page_number

    started = time.monotonic()
    assert not is_page_number("1" + " " * 100_000 + "x")
    assert is_page_number("  Side 3 av 7  ")
    assert time.monotonic() - started < 0.5


# --------------------------------------------------------------------------- memory


def test_running_out_of_memory_in_the_reader_is_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samlint.documents import text as text_reader

    def exhausted(path: Path, display: str) -> None:
        raise MemoryError

    monkeypatch.setattr(text_reader, "read_text", exhausted)
    path = tmp_path / "minne.txt"
    path.write_text("Avtale.", encoding="utf-8")
    error = _error(path)
    assert error.code == "too-large"
    assert "minne" in error.message


def _read_quietly(path: Path) -> object:
    import faulthandler

    faulthandler.disable()  # pytest's dump of PDFium's deliberate abort is only noise
    return read_document(path, path.name)


def test_a_flate_bomb_pdf_is_stopped_by_the_memory_limit(tmp_path: Path) -> None:
    """400 kB that inflate to 400 MB inside PDFium: under a 128 MB cap the read must fail
    cleanly. Without the cap it "succeeds" after using 800 MB (reporting no text layer)."""
    from samlint.runner import ChildCrash, call

    path = tmp_path / "bombe.pdf"
    path.write_bytes(pdfcraft.flate_bomb(400))
    with pytest.raises((DocumentError, ChildCrash)) as caught:
        call(_read_quietly, (path,), seconds=60, memory_limit=128 * 1024**2)
    if isinstance(caught.value, DocumentError):
        assert caught.value.code in {"too-large", "corrupt"}, caught.value.message


def test_the_engine_reads_and_judges_under_the_memory_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samlint import engine, runner

    calls: list[tuple[str, int | None]] = []
    original = runner.call

    def spy(function, args, *, seconds, memory_limit=None):  # type: ignore[no-untyped-def]
        calls.append((function.__name__, memory_limit))
        return original(function, args, seconds=seconds, memory_limit=memory_limit)

    monkeypatch.setattr(runner, "call", spy)
    (tmp_path / "avtale.txt").write_text("Samarbeidsavtale.", encoding="utf-8")
    [result] = engine.check_paths([tmp_path / "avtale.txt"], [])
    assert not result.errors
    assert model.MAX_READ_MEMORY == 4 * 1024**3
    # One child reads the agreement's files and judges them, under the cap.
    assert calls == [("_read_and_judge", model.MAX_READ_MEMORY)]


# ----------------------------------------------------------- DOCX: zip bombs and XML


def test_docx_compression_ratio_limit(tmp_path: Path) -> None:
    """11 MB of spaces in one member deflates far beyond 200:1: refused from the directory."""
    body = _paragraphs("Kort avtale.") + " " * (11 * 1024 * 1024)
    path = _write_zip(tmp_path / "bombe.docx", {"word/document.xml": _document_xml(body)})
    error = _error(path)
    assert error.code == "too-large"
    assert "komprimert mer enn 200:1" in error.message
    assert "lagre den på nytt" in error.message


def test_docx_decompressed_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_package, "MAX_TOTAL_UNCOMPRESSED", 64 * 1024)
    path = _write_zip(tmp_path / "stor.docx", {
        "word/document.xml": _document_xml(_paragraphs("Kort avtale.")),
        "word/media/bilde.bin": os.urandom(100 * 1024),  # incompressible: ratio is fine
    })
    error = _error(path)
    assert error.code == "too-large"
    assert "MB utpakket" in error.message


def test_limits_are_what_the_readme_promises() -> None:
    assert docx_package.MAX_TOTAL_UNCOMPRESSED == 200 * 1024 * 1024
    assert docx_package.MAX_RATIO == 200


def _xxe_document(target: str) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "{target}">]>'
            f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Avtale&xxe;</w:t></w:r>'
            "</w:p></w:body></w:document>").encode()


HOSTNAME = Path("/etc/hostname")
needs_hostname = pytest.mark.skipif(not HOSTNAME.is_file() or not HOSTNAME.read_text().strip(),
                                    reason="needs a non-empty /etc/hostname")


@needs_hostname
def test_xxe_to_a_local_file_is_refused_and_never_leaks(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "xxe.docx",
                      {"word/document.xml": _xxe_document("file:///etc/hostname")})
    error = _error(path)
    assert error.code == "corrupt"
    assert HOSTNAME.read_text().strip() not in error.message.replace("Word", "")


@needs_hostname
def test_xxe_is_refused_after_parsing_even_if_the_byte_scan_missed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_package, "_DTD_MARKERS", ())
    path = _write_zip(tmp_path / "xxe.docx",
                      {"word/document.xml": _xxe_document("file:///etc/hostname")})
    assert _error(path).code == "corrupt"


@needs_hostname
def test_the_parser_alone_never_resolves_an_external_entity() -> None:
    """Third line of defence: with both DOCTYPE checks gone, the entity stays unexpanded."""
    root = etree.fromstring(_xxe_document("file:///etc/hostname"), docx_package.make_parser())
    [text] = root.iter(f"{{{W_NS}}}t")
    assert text.text == "Avtale"
    [entity] = list(text)
    assert isinstance(entity, etree._Entity) and entity.name == "xxe"  # left as a reference
    assert HOSTNAME.read_text().strip().encode() not in etree.tostring(root).replace(
        b"Avtale", b"")


@needs_hostname
def test_xxe_never_reaches_the_blocks_with_both_checks_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = HOSTNAME.read_text().strip()
    monkeypatch.setattr(docx_package, "_DTD_MARKERS", ())
    original_parse = docx_package.parse_part

    def parse_without_post_check(data: bytes, part: str) -> etree._Element:
        try:
            return original_parse(data, part)
        except DocumentError:
            return etree.fromstring(data, docx_package.make_parser())

    monkeypatch.setattr(docx_reader, "parse_part", parse_without_post_check)
    path = _write_zip(tmp_path / "xxe.docx",
                      {"word/document.xml": _xxe_document("file:///etc/hostname")})
    document = read_document(path, "xxe.docx")
    assert [block.text for block in document.blocks] == ["Avtale"]
    assert all(secret not in block.text.replace("Avtale", "") for block in document.blocks)


# ------------------------------------------------------------- nested ZIP/OLE tricks


def test_docx_whose_document_part_is_itself_a_zip_is_corrupt(tmp_path: Path) -> None:
    inner = (EXAMPLES / "mangelfull.docx").read_bytes()
    path = _write_zip(tmp_path / "zip-i-zip.docx", {"word/document.xml": inner})
    assert _error(path).code == "corrupt"


def test_docx_whose_document_part_is_an_ole_file_is_corrupt(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048
    path = _write_zip(tmp_path / "ole-i-zip.docx", {"word/document.xml": ole})
    assert _error(path).code == "corrupt"


def test_ole_file_renamed_docx_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "gammel.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    error = _error(path)
    assert error.code == "encrypted"
    assert "lagre den som vanlig .docx" in error.message


def test_zip_holding_only_a_docx_is_corrupt_not_unpacked(tmp_path: Path) -> None:
    path = _write_zip(tmp_path / "pakke.docx",
                      {"avtale.docx": (EXAMPLES / "mangelfull.docx").read_bytes()})
    error = _error(path)
    assert error.code == "corrupt"
    assert "word/document.xml" in error.message


def test_nested_docx_inside_a_docx_is_ignored_never_recursed(tmp_path: Path) -> None:
    nested = io.BytesIO()
    with zipfile.ZipFile(nested, "w") as archive:
        archive.writestr("word/document.xml", _document_xml(_paragraphs("Innebygd tekst.")))
    path = _write_zip(tmp_path / "ytre.docx", {
        "word/document.xml": _document_xml(_paragraphs("Ytre avtaletekst.")),
        "word/embeddings/Microsoft_Word_Document.docx": nested.getvalue(),
    })
    document = read_document(path, "ytre.docx")
    assert [block.text for block in document.blocks] == ["Ytre avtaletekst."]


def test_docx_nested_deeper_than_libxml2_allows_is_corrupt(tmp_path: Path) -> None:
    """huge_tree is off, so libxml2's depth limit stops the parse long before Python recursion."""
    deep = "<w:sdt><w:sdtContent>" * 3000 + _paragraphs("Dypt.") + \
        "</w:sdtContent></w:sdt>" * 3000
    path = _write_zip(tmp_path / "dyp.docx", {"word/document.xml": _document_xml(deep)})
    assert _error(path).code == "corrupt"


# --------------------------------------------------------------------- crafted PDFs

CRAFTED: dict[str, Callable[[], bytes]] = {
    "sidetre-i-seg-selv.pdf": pdfcraft.self_referencing_pages,
    "sidetre-i-ring.pdf": pdfcraft.mutually_recursive_pages,
    "milliard-sider.pdf": pdfcraft.billion_count,
    "dypt-sidetre.pdf": lambda: pdfcraft.deep_page_tree(3000),
    "xref-prev-i-ring.pdf": pdfcraft.prev_loop,
    "objektstroem-i-ring.pdf": pdfcraft.object_stream_loop,
    "objektstroem-utvider-seg-selv.pdf": pdfcraft.object_stream_extends_itself,
    "objektstroem-i-seg-selv.pdf": pdfcraft.object_stream_contains_itself,
    "skjema-tegner-seg-selv.pdf": pdfcraft.recursive_form,
    "dyp-nesting.pdf": lambda: pdfcraft.deep_nesting(100_000),
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_crafted_pdf_is_read_or_refused_in_process(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(CRAFTED[name]())
    try:
        document = read_document(path, name)
    except DocumentError as exc:
        assert exc.code in {"corrupt", "too-large", "no-text-layer"}
    else:
        assert document.page_count is not None and document.page_count <= 5000


def test_billion_page_count_is_not_believed(tmp_path: Path) -> None:
    path = tmp_path / "milliard.pdf"
    path.write_bytes(pdfcraft.billion_count())
    try:
        document = read_document(path, "milliard.pdf")
    except DocumentError as exc:
        assert exc.code in {"corrupt", "too-large"}
    else:
        assert document.page_count == 1


def test_crafted_pdfs_through_the_cli_end_with_0_1_or_2(tmp_path: Path) -> None:
    """All of them in one run: on time, no traceback, one line per unreadable file."""
    for name, make in CRAFTED.items():
        (tmp_path / name).write_bytes(make())
    started = time.monotonic()
    result = run_check(*sorted(CRAFTED), "--timeout", "20", cwd=tmp_path)
    assert time.monotonic() - started < CLI_TIMEOUT
    assert "Traceback" not in result.stdout + result.stderr
    lines = error_lines(result)
    named = [line.split(": ")[1] for line in lines]
    for line, name in zip(lines, named, strict=True):
        assert line.startswith("samlint: ") and name in CRAFTED, line
        assert "uventet feil" not in line, line
    assert len(set(named)) == len(named)  # one line per unreadable file
    assert result.returncode == (2 if lines else 1), result.stderr  # else all "missing"


# ------------------------------------------------------------------ not regular files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_called_txt_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "avtale.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    error = _error(fifo)
    assert time.monotonic() - started < 2
    assert error.code == "unsupported"
    assert "vanlig fil" in error.message


def test_a_device_behind_a_txt_name_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "null.txt"
    link.symlink_to("/dev/zero")
    assert _error(link).code == "unsupported"


def test_a_symlink_loop_is_unreadable_in_plain_words(tmp_path: Path) -> None:
    loop = tmp_path / "ring.pdf"
    loop.symlink_to(loop)
    error = _error(loop)
    assert error.code == "unreadable"
    assert "ring" in error.message and "Errno" not in error.message


def test_permission_problem_is_named_as_such(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Root ignores file modes, so the denial is simulated where the reader opens the file."""
    path = tmp_path / "lukket.pdf"
    shutil.copyfile(EXAMPLES / "mangelfull.pdf", path)
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    error = _error(path)
    assert error.code == "unreadable"
    assert error.message == "du har ikke tilgang til å lese filen; sjekk filrettighetene"


# ------------------------------------------------------------------- error messages

ENGLISH_OR_TECHNICAL = ("Error", "Exception", "Errno", "Traceback", "None", "denied",
                        "No such file", "object", "NoneType", "\\x")


def _bad_files(folder: Path) -> dict[str, str]:
    """One file per kind of problem a user can hand the readers; name → expected code."""
    good_docx = (EXAMPLES / "mangelfull.docx").read_bytes()
    good_pdf = (EXAMPLES / "mangelfull.pdf").read_bytes()
    files: dict[str, tuple[bytes, str]] = {
        "kryptert.pdf": ((FIXTURES / "kryptert.pdf").read_bytes(), "encrypted"),
        "skannet.pdf": ((FIXTURES / "uten_tekstlag.pdf").read_bytes(), "no-text-layer"),
        "avkortet.pdf": (good_pdf[: len(good_pdf) // 3], "corrupt"),
        "ikke-pdf.pdf": (b"Dette er ikke en PDF.\n" * 20, "corrupt"),
        "sider.pdf": (pdfcraft.many_pages(5001), "too-large"),
        "sidetre.pdf": (pdfcraft.self_referencing_pages(), "corrupt"),
        "avkortet.docx": (good_docx[: len(good_docx) // 2], "corrupt"),
        "gammel.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "encrypted"),
        "tom.docx": (b"", "empty"),
        "binaer.txt": (b"\x00\x01\x02\x03" * 100, "corrupt"),
        "blank.md": (b"  \n\n\t\n", "empty"),
    }
    for name, (data, _code) in files.items():
        (folder / name).write_bytes(data)
    _write_zip(folder / "uten-innhold.docx", {"word/styles.xml": b"<x/>"})
    _write_zip(folder / "xxe.docx", {"word/document.xml": _xxe_document("file:///etc/hostname")})
    _write_zip(folder / "ugyldig-xml.docx", {"word/document.xml": b"<w:document><w:body>"})
    codes = {name: code for name, (_data, code) in files.items()}
    codes.update({"uten-innhold.docx": "corrupt", "xxe.docx": "corrupt",
                  "ugyldig-xml.docx": "corrupt"})
    return codes


def test_every_reader_error_is_one_plain_line_naming_the_file(tmp_path: Path) -> None:
    codes = _bad_files(tmp_path)
    result = run_check(*sorted(codes), "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    lines = error_lines(result)
    assert len(lines) == len(codes), result.stderr
    for name in codes:
        [line] = [line for line in lines if line.startswith(f"samlint: {name}: ")]
        message = line.removeprefix(f"samlint: {name}: ")
        assert len(message) > 15, line
        for word in ENGLISH_OR_TECHNICAL:
            assert word not in message, line
    import json

    report = json.loads(result.stdout)
    got = {a["path"]: [e["code"] for e in a["errors"]] for a in report["agreements"]}
    assert got == {name: [code] for name, code in codes.items()}


_BOOM = textwrap.dedent("""
    import samlint.documents.text as text_reader
    def boom(path, display):
        raise KeyError("en feil i leseren")
    text_reader.read_text = boom
    import sys
    from samlint.cli import app
    sys.argv[0] = "samlint"
    app()
""")


def _run_with_broken_reader(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", _BOOM, "check", *args, "--no-cache"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd,
                          timeout=CLI_TIMEOUT)


def test_unexpected_reader_error_is_one_line_without_debug(tmp_path: Path) -> None:
    (tmp_path / "avtale.txt").write_text("Samarbeidsavtale.", encoding="utf-8")
    result = _run_with_broken_reader("avtale.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = error_lines(result)
    assert line.startswith("samlint: avtale.txt: uventet feil under lesing: KeyError")
    assert "--debug" in line


def test_debug_shows_the_traceback_of_an_unexpected_reader_error(tmp_path: Path) -> None:
    """The error happened in the sandbox child; its traceback must still be shown."""
    (tmp_path / "avtale.txt").write_text("Samarbeidsavtale.", encoding="utf-8")
    result = _run_with_broken_reader("avtale.txt", "--debug", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "KeyError: 'en feil i leseren'" in result.stderr
    assert "in boom" in result.stderr  # the child's own frame, via RemoteTraceback


def test_a_text_of_a_million_one_word_lines_is_refused_early(tmp_path: Path) -> None:
    """Found by the fuzz campaign: 4 MB of text cut into a million blocks took half a
    minute to match (time grows with the block count, not only the text). The
    read stops as soon as the block limit is passed."""
    path = tmp_path / "linjer.txt"
    path.write_text("Kommunen.\n\n" * 1_000_000, encoding="utf-8")
    started = time.monotonic()
    error = _error(path)
    assert time.monotonic() - started < 20  # it took 30 s to judge before
    assert error.code == "too-large"
    assert "150 000 avsnitt" in error.message


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_more_blocks_than_the_limit_is_too_large_for_every_reader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.setattr(model, "MAX_BLOCKS", 5)
    paragraphs = [f"Avsnitt nummer {n} om samarbeid." for n in range(8)]
    path = tmp_path / f"avtale{suffix}"
    if suffix == ".txt":
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    else:
        import docx

        document = docx.Document()
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        document.save(str(path))
    with pytest.raises(DocumentError) as caught:
        read_document(path, path.name)
    assert caught.value.code == "too-large"
    monkeypatch.setattr(model, "MAX_BLOCKS", 8)
    assert len(read_document(path, path.name).blocks) == 8  # at the limit: read
