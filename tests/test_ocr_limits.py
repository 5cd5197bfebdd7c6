"""OCR under the runner's time limit, and its temporary files (issue 15, what was left).

A scanned agreement of 60 pages takes minutes to recognise, far more than the
per-file limit (``--timeout``, 120 s) that stops a hostile file; it must be
read, and a read that is stopped all the same must say that OCR was the
cause and what to do. A read killed in the middle of OCR must leave no page
image behind. Tesseract is a fake here (a script on PATH), so the tests need
neither the real recogniser nor a real 60-page scan, and run the same
everywhere.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from samlint import engine, runner
from samlint.documents import ocr, read_document
from samlint.engine import RunOptions, check_paths
from samlint.rules import load_rule_files

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "mangelfull.pdf"
# What the fake recogniser "reads" on each page, in turn: distinct text per page,
# or the layout would take lines repeated on every page for page furniture.
PAGES = [
    "1 Formål\n\nKommunen og helseforetaket samarbeider om pasientforløp.",
    "2 Innleggelse\n\nFastlegen henviser pasienten etter en samlet vurdering.",
    "3 Utskriving\n\nSykehuset varsler kommunen før pasienten reiser hjem.",
    "4 Beredskap\n\nPartene øver sammen på planene hvert annet år.",
    "5 Avvik\n\nUønskede hendelser meldes til den andre parten uten opphold.",
]


def _scan(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` image-only pages (a small picture of the example's first page)."""
    source = pdfium.PdfDocument(EXAMPLE)
    bitmap = source[0].render(scale=0.2, grayscale=True)
    out = pdfium.PdfDocument.new()
    for _ in range(pages):
        page = out.new_page(595, 842)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(595, 842))
        page.insert_obj(image)
        page.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def fake_tesseract(tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Put a fake ``tesseract`` first on PATH: ``make(seconds)`` takes that long per page."""
    folder = tmp_path / "bin"
    folder.mkdir()

    for number, text in enumerate(PAGES, 1):
        (folder / f"side{number}.txt").write_text(text + "\n", encoding="utf-8")

    def make(seconds: float) -> None:
        script = folder / "tesseract"
        script.write_text(
            "#!/bin/sh\n"
            'if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; '
            "echo nor; exit 0; fi\n"
            f"cd '{folder}'\n"
            "n=$(( $(cat teller 2>/dev/null || echo 0) + 1 )); echo $n > teller\n"
            f"sleep {seconds}\n"
            'cat "side$n.txt"\n', encoding="utf-8")
        script.chmod(0o755)

    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(ocr, "_UNAVAILABLE", [])  # probe again, and find the fake
    return make


def slow(limit: int) -> str:
    """What a page over the time limit says, with the user's ``--timeout``."""
    seconds = "1 sekund" if limit == 1 else f"{limit} sekunder"
    return (f"tekstgjenkjenningen (OCR) av én skannet side tok mer enn grensen på {seconds} "
            "(--timeout) og ble stoppet; gi mer tid per side med --timeout (for eksempel "
            "--timeout 60), kjør med færre samtidige jobber (--jobs 1), eller hopp over OCR "
            "med --no-ocr (de skannede sidene nevnes da)")


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder every temporary file of this test goes to (seen by children)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_a_scan_whose_pages_together_take_longer_than_the_limit_is_read(
        tmp_path: Path, fake_tesseract: Callable[[float], None], scratch: Path) -> None:
    """Five pages of 0.9 s each under a 3-second limit: the limit holds per page."""
    fake_tesseract(0.9)
    scan = _scan(tmp_path / "skannet.pdf", 5)

    with ocr.settings(enabled=True, jobs=1):
        document = runner.call(read_document, (scan, "skannet.pdf"), seconds=3.0)

    assert document.notices == []
    assert sorted({block.page for block in document.blocks}) == [1, 2, 3, 4, 5]
    assert all(block.ocr for block in document.blocks)
    assert list(scratch.iterdir()) == []


def test_tesseract_is_stopped_within_the_runner_limit_and_the_page_named(
        tmp_path: Path, fake_tesseract: Callable[[float], None], scratch: Path) -> None:
    """A page slower than the limit becomes a notice, and the other pages are still read."""
    assert runner.call(ocr.page_seconds, seconds=10.0) == pytest.approx(8.0)
    assert ocr.page_seconds() == ocr.PAGE_SECONDS  # no runner: the page limit alone
    fake_tesseract(30)
    scan = _scan(tmp_path / "skannet.pdf", 1)
    digital = pdfium.PdfDocument(EXAMPLE)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(digital, [0])
    mixed.import_pages(pdfium.PdfDocument(scan), [0])
    buffer = io.BytesIO()
    mixed.save(buffer)
    path = tmp_path / "blandet.pdf"
    path.write_bytes(buffer.getvalue())

    with ocr.settings(enabled=True, jobs=1):
        document = runner.call(read_document, (path, "blandet.pdf"), seconds=2.0)

    [notice] = document.notices
    assert (notice.code, notice.pages) == ("ocr-failed", (2,))
    assert notice.message == "siden er ikke lest: " + slow(2)  # the user's 2, not the 1,6
    assert any(block.page == 1 for block in document.blocks)


def test_a_read_killed_during_ocr_says_so_and_what_to_do(
        tmp_path: Path, fake_tesseract: Callable[[float], None], scratch: Path,
        monkeypatch: pytest.MonkeyPatch, mini_rules: Path) -> None:
    """Stopped by the runner (here: Tesseract let run past it), the error names OCR and
    the three ways out; the page image it was reading is gone with the child."""
    monkeypatch.setattr(ocr, "page_seconds", lambda: 60.0)  # seen by the forked child
    fake_tesseract(30)
    scan = _scan(tmp_path / "skannet.pdf", 2)

    [result] = check_paths([scan], load_rule_files([mini_rules]),
                           options=RunOptions(timeout=1.0, jobs=1))

    [error] = result.errors
    assert error.code == "timeout" and not error.judging
    assert error.message == slow(1)  # the notice's wording
    for way_out in ("--timeout", "--no-ocr", "--jobs"):
        assert way_out in error.message
    assert list(scratch.iterdir()) == []  # neither the page image nor the runner's folder


def test_a_killed_read_leaves_nothing_in_the_temporary_folder(
        tmp_path: Path, fake_tesseract: Callable[[float], None], scratch: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The child is killed while Tesseract holds the page image: the runner's private
    folder, and the image in it, are removed by the parent."""
    monkeypatch.setattr(ocr, "page_seconds", lambda: 60.0)
    fake_tesseract(30)
    scan = _scan(tmp_path / "skannet.pdf", 1)

    with pytest.raises(runner.ChildTimeout) as caught, ocr.settings(enabled=True, jobs=1):
        runner.call(read_document, (scan, "skannet.pdf"), seconds=1.0)

    assert caught.value.doing == ocr.OCR_STEP
    assert list(scratch.iterdir()) == []


def test_a_child_gets_a_private_temporary_folder_that_is_removed_after_it(
        scratch: Path) -> None:
    def where() -> tuple[str, str, int]:
        folder = tempfile.gettempdir()
        Path(folder, "left-behind").write_text("x", encoding="utf-8")
        return folder, os.environ["TMPDIR"], stat.S_IMODE(os.stat(folder).st_mode)

    folder, environment, mode = runner.call(where, seconds=30.0)

    assert Path(folder).parent == scratch and environment == folder  # programs use it too
    assert mode == 0o700
    assert list(scratch.iterdir()) == []
    assert tempfile.gettempdir() == str(scratch)  # the parent's own setting is untouched


def test_the_reading_error_for_a_timeout_outside_ocr_is_unchanged() -> None:
    error = engine._reading_error("a.pdf", runner.ChildTimeout(2.0, 0, ""))
    assert error.message.startswith("lesingen tok mer enn 2 sekunder")
    assert "OCR" not in error.message


def test_a_hang_after_ocr_is_not_blamed_on_ocr(
        tmp_path: Path, fake_tesseract: Callable[[float], None], scratch: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from samlint.documents import pdf

    def slow_layout(pages: object) -> object:
        time.sleep(30)
        return pages

    monkeypatch.setattr(pdf, "strip_furniture", slow_layout)  # seen by the forked child
    fake_tesseract(0)
    scan = _scan(tmp_path / "skannet.pdf", 1)

    with pytest.raises(runner.ChildTimeout) as caught, ocr.settings(enabled=True, jobs=1):
        runner.call(read_document, (scan, "skannet.pdf"), seconds=1.5)

    assert caught.value.doing == ""


def test_folders_left_by_a_killed_samlint_are_removed_by_the_next_run(
        scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGKILL of samlint itself (a cancelled CI job) runs no clean-up; the next run does."""
    import subprocess
    import sys

    from samlint import scratch as folders

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    left = scratch / f"{folders.PREFIX}{gone}-abc123"
    left.mkdir()
    (left / "side-1.pgm").write_bytes(b"P5")
    running = scratch / f"{folders.PREFIX}{os.getpid()}-def456"  # a run still going
    running.mkdir()
    other = scratch / "samlint-run-ikke-et-tall"
    other.mkdir()
    monkeypatch.setattr(folders, "_SWEPT", [])

    assert runner.call(os.getpid, seconds=30.0) > 0

    assert sorted(path.name for path in scratch.iterdir()) == sorted([running.name, other.name])


def test_a_scan_over_the_time_limit_is_one_error_in_the_users_numbers(
        tmp_path: Path, fake_tesseract: Callable[[float], None]) -> None:
    """End to end: exit 2, the message names --timeout 2 (not the 1,6 s Tesseract got) and
    the ways out, and the other file of the run is still judged."""
    import json
    import subprocess
    import sys

    fake_tesseract(30)
    scan = _scan(tmp_path / "skannet.pdf", 1)
    run = subprocess.run([sys.executable, "-m", "samlint", "check", "--no-cache", "--timeout", "2",
                          "--format", "json", str(scan), str(EXAMPLE)], capture_output=True,
                         text=True, timeout=120, cwd=tmp_path)

    assert run.returncode == 2, run.stderr
    message = "PDF-en har ikke noe tekstlag, og siden er ikke lest: " + slow(2)
    assert run.stderr.splitlines() == [f"samlint: skannet.pdf: {message}"]
    scanned, other = json.loads(run.stdout)["agreements"]
    assert [(e["code"], e["message"]) for e in scanned["errors"]] == [("no-text-layer", message)]
    assert other["rules"] and not other["errors"]
