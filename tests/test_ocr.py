"""OCR of PDF pages without a text layer (issue 15, item 3).

The scanned fixtures are made here from a real text PDF: its pages are
rendered to a bitmap and put back as image-only pages, so the expected text
is known. Tests that need Tesseract with its Norwegian model skip, saying
so, where it is not installed (``.ci/run`` installs it); the tests of what
happens without it simulate its absence with a PATH that lacks it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from typer.testing import Result

from samlint.cache import Cache
from samlint.documents import DocumentError, ocr, read_document
from samlint.documents.model import Block, BlockKind, Document
from samlint.reporting.text import location
from samlint.results import Evidence

REPO = Path(__file__).resolve().parents[1]
DIGITAL = REPO / "examples" / "mangelfull.pdf"
CORPUS_SCAN = REPO.parent / "shared" / "corpus" / "bad" / "skannet_uten_tekstlag.pdf"
INSTALL_COMMAND = "apt-get install tesseract-ocr tesseract-ocr-nor"

needs_tesseract = pytest.mark.skipif(
    ocr.unavailable() is not None,
    reason=f"OCR cannot run here ({ocr.unavailable()}); .ci/run installs tesseract-ocr and "
    "tesseract-ocr-nor")

# Written from the page images of skannet_uten_tekstlag.pdf (pdftoppm, looked
# at by eye) before samlint had read the file: what a reviewer would say.
# Shared with benchmarks/accuracy.py.
CORPUS_SCAN_EXPECTED = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "ocr_expected.yaml").read_text(encoding="utf-8")
)["bad_skannet_uten_tekstlag"]


# ------------------------------------------------------------------ fixtures


def _scanned_copy(source: pdfium.PdfDocument, index: int) -> pdfium.PdfDocument:
    """A one-page PDF holding only an image of page ``index`` (150 dpi, grey, like a scan)."""
    page = source[index]
    width, height = page.get_size()
    bitmap = page.render(scale=150 / 72, grayscale=True)
    out = pdfium.PdfDocument.new()
    new = out.new_page(width, height)
    image = pdfium.PdfImage.new(out)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    new.insert_obj(image)
    new.gen_content()
    return out


def _save(document: pdfium.PdfDocument, path: Path) -> Path:
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """scanned.pdf: page 2 of the example, image only; mixed.pdf: the example with
    page 2 replaced by that image; blank.pdf: the example with an empty page added."""
    folder = tmp_path_factory.mktemp("ocr")
    source = pdfium.PdfDocument(DIGITAL)
    scan = _scanned_copy(source, 1)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(source, [0])
    mixed.import_pages(scan, [0])
    mixed.import_pages(source, list(range(2, len(source))))
    blank = pdfium.PdfDocument.new()
    blank.import_pages(source)
    blank.new_page(595, 842)
    return {"scanned": _save(scan, folder / "skannet.pdf"),
            "mixed": _save(mixed, folder / "blandet.pdf"),
            "blank": _save(blank, folder / "blank_side.pdf")}


@pytest.fixture
def no_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH without Tesseract, and the answer of the last probe forgotten."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(ocr, "_UNAVAILABLE", [])


def _json(cli: Callable[..., Result], *args: str | Path) -> tuple[int, dict[str, object]]:
    result = cli("check", "--as-of", "2026-12-01", "--format", "json", *map(str, args))
    return result.exit_code, json.loads(result.stdout)


def _statuses(report: dict[str, object]) -> dict[str, str]:
    [agreement] = report["agreements"]  # type: ignore[index]
    return {rule["id"]: rule["status"] for rule in agreement["rules"]}


# ------------------------------------------------------------------ with Tesseract


@needs_tesseract
def test_a_wholly_scanned_page_is_read_and_marked_as_ocr(pdfs: dict[str, Path]) -> None:
    document = read_document(pdfs["scanned"], "skannet.pdf")
    text = " ".join(block.text for block in document.blocks)
    assert "Utskrivningsklare pasienter" in text
    assert "AMK-sentralen" in text
    assert document.notices == []
    assert document.blocks and all(block.ocr and block.page == 1 for block in document.blocks)
    headings = [b.text for b in document.blocks if b.kind is BlockKind.HEADING]
    assert "6. Utskrivningsklare pasienter" in headings


@needs_tesseract
def test_a_scanned_page_in_a_digital_pdf_gives_the_verdicts_of_the_digital_pdf(
        cli: Callable[..., Result], pdfs: dict[str, Path]) -> None:
    digital_exit, digital = _json(cli, DIGITAL)
    mixed_exit, mixed = _json(cli, pdfs["mixed"])
    assert _statuses(mixed) == _statuses(digital)
    assert mixed_exit == digital_exit
    [agreement] = mixed["agreements"]  # type: ignore[index]
    assert agreement["notices"] == []
    evidence = [e for rule in agreement["rules"] for e in rule["evidence"]]
    assert any(e["page"] == 2 for e in evidence)
    assert all(e.get("ocr") is (True if e["page"] == 2 else None) for e in evidence)


@needs_tesseract
def test_the_corpus_scan_gives_the_verdicts_read_from_its_page_images(
        cli: Callable[..., Result]) -> None:
    if not CORPUS_SCAN.is_file():
        pytest.skip(f"shared corpus not available at {CORPUS_SCAN}")
    exit_code, report = _json(cli, CORPUS_SCAN)
    assert _statuses(report) == CORPUS_SCAN_EXPECTED
    assert exit_code == 1
    [agreement] = report["agreements"]  # type: ignore[index]
    evidence = [e for rule in agreement["rules"] for e in rule["evidence"]]
    assert evidence and all(e["ocr"] is True for e in evidence)
    assert agreement["errors"] == [] and agreement["notices"] == []


@needs_tesseract
def test_the_text_report_marks_ocr_evidence(cli: Callable[..., Result],
                                            pdfs: dict[str, Path]) -> None:
    result = cli("check", "--as-of", "2026-12-01", str(pdfs["scanned"]))
    assert "(OCR)" in result.stdout


@needs_tesseract
def test_a_page_past_its_time_limit_is_named_not_dropped(
        pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 0.001)
    document = read_document(pdfs["mixed"], "blandet.pdf")
    [notice] = document.notices
    assert (notice.code, notice.pages) == ("ocr-failed", (2,))
    assert "sekunder" in notice.message
    assert not any(block.page == 2 for block in document.blocks)


@needs_tesseract
def test_a_wholly_scanned_pdf_past_its_time_limit_is_one_error_saying_so(
        pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "PAGE_SECONDS", 0.001)
    with pytest.raises(DocumentError) as caught:
        read_document(pdfs["scanned"], "skannet.pdf")
    assert caught.value.code == "no-text-layer"
    assert "stoppet" in caught.value.message and "sekunder" in caught.value.message


@needs_tesseract
def test_pages_are_read_the_same_across_jobs(pdfs: dict[str, Path]) -> None:
    with ocr.settings(enabled=True, jobs=1):
        one = read_document(pdfs["mixed"], "blandet.pdf")
    with ocr.settings(enabled=True, jobs=4):
        four = read_document(pdfs["mixed"], "blandet.pdf")
    assert one.blocks == four.blocks


# ------------------------------------------------------------------ without OCR


def test_no_ocr_names_the_scanned_page_in_a_notice(
        cli: Callable[..., Result], pdfs: dict[str, Path]) -> None:
    with ocr.settings(enabled=False, jobs=1):
        document = read_document(pdfs["mixed"], "blandet.pdf")
    [notice] = document.notices
    assert (notice.code, notice.pages) == ("no-text-layer", (2,))
    assert "--no-ocr" in notice.message
    assert not any(block.ocr for block in document.blocks)
    exit_code, report = _json(cli, "--no-ocr", pdfs["mixed"])
    assert exit_code == 1
    [agreement] = report["agreements"]  # type: ignore[index]
    assert [(n["code"], n["pages"]) for n in agreement["notices"]] == [("no-text-layer", [2])]


def test_no_ocr_on_a_wholly_scanned_pdf_is_exit_2_with_one_line(
        cli: Callable[..., Result], pdfs: dict[str, Path]) -> None:
    result = cli("check", "--no-ocr", str(pdfs["scanned"]))
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if "skannet.pdf" in line]
    assert "tekstlag" in line and "--no-ocr" in line


NO_OCR_ERROR = ("PDF-en har ikke noe tekstlag (skannet bilde), og tekstgjenkjenning (OCR) er "
                "slått av, så {unread}; kjør uten --no-ocr")


def test_no_ocr_on_a_wholly_scanned_pdf_says_how_many_pages_were_not_read(
        pdfs: dict[str, Path], tmp_path: Path) -> None:
    """An error, not a notice, when no page has text (nothing to judge); it counts the pages
    left unread, as the notice of a PDF with text elsewhere names them."""
    two = pdfium.PdfDocument.new()
    two.import_pages(pdfium.PdfDocument(pdfs["scanned"]), [0, 0])
    two.new_page(595, 842)  # a blank back side: nothing to read, not counted
    cases = [(pdfs["scanned"], "den ene skannede siden er ikke lest"),
             (_save(two, tmp_path / "skannet2.pdf"), "ingen av de 2 skannede sidene er lest")]
    for path, unread in cases:
        with ocr.settings(enabled=False, jobs=1), pytest.raises(DocumentError) as caught:
            read_document(path, path.name)
        assert (caught.value.code, caught.value.message) == (
            "no-text-layer", NO_OCR_ERROR.format(unread=unread))


@pytest.mark.parametrize("enabled", [True, False])
def test_a_pdf_of_blank_pages_is_empty_not_a_scan(tmp_path: Path, enabled: bool) -> None:
    """No page draws anything, so OCR never ran: the error must not say it found nothing."""
    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    blank.new_page(595, 842)
    path = _save(blank, tmp_path / "blank.pdf")
    with ocr.settings(enabled=enabled, jobs=1), pytest.raises(DocumentError) as caught:
        read_document(path, "blank.pdf")
    assert (caught.value.code, caught.value.message) == (
        "empty", "PDF-en har bare blanke sider, uten tekst; sjekk at det er riktig fil")


@pytest.mark.usefixtures("no_tesseract")
def test_without_tesseract_the_page_gets_a_notice_with_the_install_command(
        pdfs: dict[str, Path]) -> None:
    document = read_document(pdfs["mixed"], "blandet.pdf")
    [notice] = document.notices
    assert (notice.code, notice.pages) == ("no-text-layer", (2,))
    assert INSTALL_COMMAND in notice.message
    assert "brew install tesseract tesseract-lang" in notice.message and "Windows" in notice.message
    assert document.blocks  # the digital pages are read


@pytest.mark.usefixtures("no_tesseract")
def test_without_tesseract_a_wholly_scanned_pdf_is_one_error_naming_the_install_command(
        cli: Callable[..., Result], pdfs: dict[str, Path]) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(pdfs["scanned"], "skannet.pdf")
    assert caught.value.code == "no-text-layer"
    assert INSTALL_COMMAND in caught.value.message
    assert "så den ene skannede siden er ikke lest; be om avtalen" in caught.value.message
    assert "ocrmypdf" not in caught.value.message
    result = cli("check", str(pdfs["scanned"]))
    assert result.exit_code == 2
    assert INSTALL_COMMAND in result.stderr


def test_without_the_norwegian_model_ocr_is_unavailable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages (1):'\necho eng\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(ocr, "_UNAVAILABLE", [])
    assert ocr.unavailable() == "Tesseract mangler norsk språkpakke"


def test_a_blank_page_is_neither_read_nor_noticed(pdfs: dict[str, Path]) -> None:
    with ocr.settings(enabled=False, jobs=1):
        document = read_document(pdfs["blank"], "blank_side.pdf")
    assert document.notices == []
    assert document.blocks == read_document(DIGITAL, "blank_side.pdf").blocks


# ------------------------------------------------------------------ the flag on its way


def test_the_ocr_flag_survives_the_pipe_and_the_cache(tmp_path: Path) -> None:
    import pickle

    blocks = [Block("Avtale", BlockKind.HEADING, 1, 1, 1),
              Block("Skannet tekst.", BlockKind.PARAGRAPH, 1, 2, 0, ocr=True)]
    document = Document(tmp_path / "a.pdf", "a.pdf", blocks, page_count=2)
    assert pickle.loads(pickle.dumps(document)).blocks == blocks
    cache = Cache(tmp_path / "cache")
    key = cache.document_key("0" * 64, ".pdf")
    cache.store_document(key, document)
    loaded = cache.load_document(key, tmp_path / "a.pdf", "a.pdf")
    assert loaded is not None and loaded.blocks == blocks


def test_the_cache_keeps_readings_with_and_without_ocr_apart(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    assert cache.document_key("0" * 64, ".pdf") != cache.document_key("0" * 64, ".pdf",
                                                                      ocr=False)


@pytest.mark.parametrize("name", ["html", "markdown", "sarif", "junit", "github"])
def test_every_format_that_shows_evidence_marks_ocr(
        name: str, rule_result: Callable[..., object]) -> None:
    from samlint.reporting.formats import render_report
    from samlint.results import AgreementResult, Status

    def report(ocr_flag: bool) -> str:
        evidence = [Evidence("a.pdf", 3, "Kommunen varsles.", page=2, ocr=ocr_flag)]
        verdict = rule_result("hol-6-2-nr5", Status.WEAK, evidence=evidence, weak_kind="intent")
        return render_report(name, [AgreementResult("a.pdf", ["a.pdf"], [verdict])], [])

    assert "(OCR)" in report(True)
    assert "(OCR)" not in report(False)


def test_json_has_the_ocr_key_only_on_ocr_evidence(rule_result: Callable[..., object]) -> None:
    from samlint.reporting.json_report import _evidence

    plain = Evidence("a.pdf", 3, "tekst", page=1)
    assert "ocr" not in _evidence(plain)
    assert _evidence(Evidence("a.pdf", 3, "tekst", page=1, ocr=True))["ocr"] is True
    assert location(Evidence("a.pdf", 3, "tekst", page=1, ocr=True), ".") == (
        "a.pdf s. 1 l. 3 (OCR)")


def test_a_huge_page_is_rendered_within_the_pixel_cap() -> None:
    """A 200-inch page at 300 dpi would be a 3.6 GB image; it is rendered smaller."""
    document = pdfium.PdfDocument.new()
    document.new_page(14400, 14400)
    image, dpi = ocr.page_image(document, 0)
    assert len(image) <= ocr.MAX_PIXELS * 1.01  # pixel rounding
    assert dpi < ocr.DPI
    a4 = pdfium.PdfDocument.new()
    a4.new_page(595, 842)
    assert ocr.page_image(a4, 0)[1] == ocr.DPI
