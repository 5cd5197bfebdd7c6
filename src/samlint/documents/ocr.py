"""Text recognition (OCR) for PDF pages without a text layer, with Tesseract's Norwegian model.

Many older agreements exist only as scans, and a scanned page inside an
otherwise digital PDF (a signed page, an appendix) is common. Without OCR
their points would come out missing with no hint why; with it they are read
like any other page: the recognised lines go through the same furniture,
hyphenation and block layout as PDF text, and the matcher's OCR-noise
normalisation (``matching.normalise``) applies as for scans that came with
an OCR text layer.

Tesseract is called directly as a subprocess (``tesseract IMAGE stdout -l nor``)
rather than through a wrapper such as pytesseract: the wrapper would be one
more dependency (and Pillow with it) for one command line, and we need only
the plain text, a time limit and the exit status, which ``subprocess.run``
gives. The page is rendered by PDFium (through pypdfium2, the declared
dependency that ships the library) to an 8-bit grey bitmap, written as a PGM
image (a ten-byte header on the pixels: no Pillow) to a private temporary
file, removed as soon as Tesseract is done. Not on stdin: Tesseract reads
stdin a byte at a time, which cost a third of a second per A4 page at
300 dpi (20-30 % of the page's time). Pages are recognised in a few threads,
each waiting on its own Tesseract process (``OMP_THREAD_LIMIT=1`` so they do
not oversubscribe the cores), while the next page is rendered.

Nothing here decides what a missing OCR means for a file; ``pdf.py`` asks
``read_pages`` for the pages it found empty and gets their lines and the
notices to show for pages that stayed unread.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from samlint import runner
from samlint.documents.layout import Line
from samlint.documents.model import Block, DocumentError
from samlint.results import Notice

if TYPE_CHECKING:  # tempfile and the thread pool are imported where a page is recognised:
    # every PDF's reading loads this module, and they cost 7-8 ms a check of text PDFs
    from concurrent.futures import Future

DPI = 300  # what Tesseract's models are trained for; 200 loses small print
LANGUAGE = "nor"
# A dense A4 page at 300 dpi takes 2-4 s on one core; a page that takes a
# minute is an image built to hang the recogniser. Inside the runner the limit
# holds per page (``runner.busy``), so a long scan is not stopped as a whole.
PAGE_SECONDS = 60.0
OCR_STEP = "ocr"  # what a runner timeout during OCR names (``runner.busy``)
# The largest page image rendered: A2 at 300 dpi. A PDF page can be 200 inches
# square (60,000 pixels a side at 300 dpi, 3.6 GB); larger pages are rendered
# at a lower resolution so a hostile page size cannot exhaust memory.
MAX_PIXELS = 35_000_000

# The case officer's way first (ask for a text version), then what IT installs.
INSTALL = ("be om avtalen som Word-fil eller som PDF med tekst, eller be IT installere "
           "tekstgjenkjenning: Tesseract med norsk språkpakke (Debian/Ubuntu: «apt-get install "
           "tesseract-ocr tesseract-ocr-nor»; macOS: «brew install tesseract tesseract-lang»; "
           "Windows: installer Tesseract med norsk språkpakke og legg mappen i PATH)")
# {pages}: "siden" for one page, "sidene" for more; {them}: "den" or "dem".
MSG_OFF = ("{pages} har ikke tekstlag (skannet bilde) og er ikke lest, fordi tekstgjenkjenning "
           "(OCR) er slått av; kjør uten --no-ocr for å lese {them}")
MSG_MISSING = "{pages} har ikke tekstlag (skannet bilde) og er ikke lest: {why}; " + INSTALL
MSG_FAILED = "{pages} er ikke lest: {why}"
MSG_STOPPED = "tekstgjenkjenningen (OCR) stoppet ({why})"
# A page over the time limit, as a notice (a mixed PDF), in the error of a scan with no
# text, and when the runner stops the read: one wording, with the user's --timeout.
MSG_SLOW = ("tekstgjenkjenningen (OCR) av én skannet side tok mer enn grensen på {seconds} "
            "(--timeout) og ble stoppet; gi mer tid per side med --timeout (for eksempel "
            "--timeout {more}), kjør med færre samtidige jobber (--jobs 1), eller hopp over OCR "
            "med --no-ocr (de skannede sidene nevnes da)")
MSG_SLOW_ALWAYS = ("tekstgjenkjenningen (OCR) av én skannet side tok mer enn {seconds}, som er "
                   "mest samlint gir én side, og ble stoppet; siden er uvanlig stor eller laget "
                   "for å henge tekstgjenkjenningen – skann den på nytt, eller hopp over OCR med "
                   "--no-ocr (de skannede sidene nevnes da)")
CODE = "no-text-layer"


@dataclass(slots=True)
class Settings:
    """Whether OCR runs, and on how many pages at once (``--no-ocr``, ``--jobs``)."""

    enabled: bool = True
    jobs: int = 1


_SETTINGS = Settings()


@contextmanager
def settings(*, enabled: bool, jobs: int) -> Iterator[None]:
    """Set the OCR options for the reads inside the block.

    The engine sets them around each read rather than passing them through
    every reader's signature: only the PDF reader's OCR step needs them.
    """
    global _SETTINGS
    previous = _SETTINGS
    _SETTINGS = Settings(enabled, max(1, jobs))
    try:
        yield
    finally:
        _SETTINGS = previous


def enabled() -> bool:
    """Whether OCR is switched on for the current read (``--no-ocr`` switches it off)."""
    return _SETTINGS.enabled


_UNAVAILABLE: list[str | None] = []  # memo of ``unavailable()`` for this process


def unavailable() -> str | None:
    """Why Tesseract cannot be used here (in bokmål), or None when it can.

    Asked once per process, and only when a page without text is met, so a
    run over digital PDFs never starts Tesseract.
    """
    if not _UNAVAILABLE:
        _UNAVAILABLE.append(_probe())
    return _UNAVAILABLE[0]


def _probe() -> str | None:
    program = shutil.which("tesseract")
    if program is None:
        return "Tesseract er ikke installert"
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, timeout=20,
                                check=False, env=_environment())
    except (OSError, subprocess.SubprocessError):
        return "Tesseract kan ikke startes"
    languages = listed.stdout.decode("utf-8", "replace").split()
    if LANGUAGE not in languages:
        return "Tesseract mangler norsk språkpakke"
    return None


@dataclass(slots=True)
class Outcome:
    """What OCR made of the empty pages: which were read (1-based), and notices for the rest.

    ``reason`` is set when no page could be read at all because OCR is off
    or unavailable; a wholly scanned file then becomes one error.
    """

    read: set[int] = field(default_factory=set)
    notices: list[Notice] = field(default_factory=list)
    reason: str | None = None


def read_pages(content: bytes, pages: list[list[Line]], empty: list[int],
               display: str) -> Outcome:
    """Recognise the text of ``empty`` pages (0-based indices into ``pages``), in place.

    Pages with nothing drawn on them (a blank back side) are left alone
    without a word: there is nothing to read. The others get their lines
    from Tesseract, or a notice saying why they were not read.
    """
    outcome = Outcome()
    if not empty:
        return outcome
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        drawn = [index for index in empty if _has_objects(document, index)]
        if not drawn:
            return outcome
        reason = None if enabled() else "off"
        if reason is None:
            reason = unavailable()
        if reason is not None:
            outcome.reason = reason
            message = MSG_OFF if reason == "off" else MSG_MISSING
            outcome.notices.append(Notice(display, CODE, _say(message, len(drawn), why=reason),
                                          tuple(index + 1 for index in drawn)))
            return outcome
        failed: dict[str, list[int]] = {}
        runner.busy(OCR_STEP)  # from here the run's time limit holds per recognised page
        for index, text, failure in _recognise(document, drawn):
            runner.busy(OCR_STEP)
            if failure is not None:
                failed.setdefault(failure, []).append(index + 1)
                continue
            pages[index] = text_lines(text, index + 1)
            outcome.read.add(index + 1)
        runner.busy("")  # OCR is done: a timeout from here on is the reading's, not OCR's
    finally:
        document.close()
    for why, numbers in failed.items():
        outcome.notices.append(Notice(display, "ocr-failed",
                                      _say(MSG_FAILED, len(numbers), why=why), tuple(numbers)))
    return outcome


def _say(message: str, count: int, **values: str) -> str:
    """The message with "siden"/"den" for one page, "sidene"/"dem" for more."""
    one = count == 1
    return message.format(pages="siden" if one else "sidene", them="den" if one else "dem",
                          **values)


def no_text_error(outcome: Outcome) -> DocumentError:
    """The error for a PDF with no text at all: nothing could be judged, so exit 2.

    Where OCR was off or missing it counts the scanned pages left unread (the
    notice of a PDF with text elsewhere names them); where no page draws
    anything, OCR never ran, and the file is only blank pages.
    """
    unread = sum(len(notice.pages) for notice in outcome.notices if notice.code == CODE)
    left = ("den ene skannede siden er ikke lest" if unread == 1 else
            f"ingen av de {unread} skannede sidene er lest")
    if outcome.reason == "off":
        return DocumentError(CODE, "PDF-en har ikke noe tekstlag (skannet bilde), og "
                             f"tekstgjenkjenning (OCR) er slått av, så {left}; kjør uten "
                             "--no-ocr")
    if outcome.reason is not None:
        return DocumentError(CODE, "PDF-en har ikke noe tekstlag (skannet bilde) og kan "
                             f"ikke leses uten tekstgjenkjenning (OCR): {outcome.reason}, så "
                             f"{left}; " + INSTALL)
    if not outcome.read and not outcome.notices:
        return DocumentError("empty", "PDF-en har bare blanke sider, uten tekst; sjekk at det "
                             "er riktig fil")
    failures = sorted({notice.message for notice in outcome.notices
                       if notice.code == "ocr-failed"})
    if failures:
        return DocumentError(CODE, "PDF-en har ikke noe tekstlag, og " + "; ".join(failures))
    return DocumentError(CODE, "PDF-en har ikke noe tekstlag, og tekstgjenkjenningen (OCR) "
                         "fant ingen tekst på sidene; sjekk at det er riktig fil, eller "
                         "skann den på nytt med bedre kvalitet")


def text_lines(text: str, page: int) -> list[Line]:
    """Tesseract's text as printed lines of page ``page``.

    Blank lines stay (Tesseract separates its paragraphs with them, and the
    layout ends a block there); line numbers count printed lines only, as for
    PDF text, so a blank line carries the number of the line before it.
    """
    lines: list[Line] = []
    number = 0
    for raw in text.replace("\f", "").splitlines():
        printed = raw.rstrip()
        if printed.strip():
            number += 1
        lines.append(Line(printed, max(number, 1), page))
    while lines and not lines[-1].text.strip():
        lines.pop()
    return lines


def _has_objects(document: object, index: int) -> bool:
    import pypdfium2.raw as raw

    page = document[index]  # type: ignore[index]
    try:
        return int(raw.FPDFPage_CountObjects(page.raw)) > 0
    finally:
        page.close()


def page_image(document: object, index: int) -> tuple[bytes, int]:
    """Page ``index`` in 8-bit grey as a binary PGM image, and its resolution.

    ``DPI``, or less for a page so large that its image would exceed ``MAX_PIXELS``.
    """
    page = document[index]  # type: ignore[index]
    try:
        width_pt, height_pt = page.get_size()
        area = max(1.0, width_pt * height_pt)
        scale = min(DPI / 72, (MAX_PIXELS / area) ** 0.5)
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            data = memoryview(bitmap.buffer).cast("B")
            if stride == width:
                pixels = bytes(data[: width * height])
            else:
                pixels = b"".join(bytes(data[row * stride: row * stride + width])
                                  for row in range(height))
        finally:
            bitmap.close()
    finally:
        page.close()
    return b"P5\n%d %d\n255\n" % (width, height) + pixels, max(1, round(scale * 72))


def tesseract_command(image: str, dpi: int = DPI) -> list[str]:
    """The command line that reads one image file and writes its text to stdout."""
    return ["tesseract", image, "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(dpi)]


def page_seconds() -> float:
    """How long Tesseract may take on one page: ``PAGE_SECONDS``, or less inside a runner
    child with a lower limit, so a slow page is stopped, and named in a notice, before the
    runner would kill the whole read (the rest is left for rendering the next page)."""
    limit = runner.time_limit()
    return PAGE_SECONDS if limit is None else min(PAGE_SECONDS, 0.8 * limit)


def slow_page(limit: float | None) -> str:
    """Why a page was not read when OCR ran out of time, and what to do, in the user's numbers.

    ``limit`` is the run's time limit (``--timeout``), None when there is none. Tesseract
    is stopped at 80 % of it (``page_seconds``), so the notice can still be sent, but
    the user set the limit, not the 80 %: the message names theirs. Above the fixed cap
    (``PAGE_SECONDS``) more time does not help, and the message does not offer it.
    """
    if limit is None or 0.8 * limit >= PAGE_SECONDS:
        return MSG_SLOW_ALWAYS.format(seconds=_seconds(PAGE_SECONDS))
    return MSG_SLOW.format(seconds=_seconds(limit), more=f"{max(2 * limit, 60):g}")


def _seconds(value: float) -> str:
    """«1 sekund», «0,5 sekunder»: the Norwegian number and noun."""
    return f"{value:g}".replace(".", ",") + (" sekund" if value == 1 else " sekunder")


def recognise(image: bytes, dpi: int = DPI,
              seconds: float | None = None) -> tuple[str, str | None]:
    """Tesseract's text for one image, and None; or '' and why it failed (in bokmål).

    The image goes through a temporary file readable by this user only
    (``mkstemp``), removed when Tesseract is done; inside the runner it is in the
    call's private folder, which the runner removes even when it kills the read.
    """
    import tempfile

    seconds = page_seconds() if seconds is None else seconds
    descriptor, name = tempfile.mkstemp(prefix="samlint-ocr-", suffix=".pgm")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(image)
        done = subprocess.run(tesseract_command(name, dpi), capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=seconds, check=False,
                              env=_environment())
    except subprocess.TimeoutExpired:
        return "", slow_page(runner.time_limit())
    except OSError:
        return "", MSG_STOPPED.format(why="Tesseract kunne ikke startes")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
    if done.returncode != 0:
        return "", MSG_STOPPED.format(why=f"Tesseract feilet med status {done.returncode}")
    return done.stdout.decode("utf-8", "replace"), None


def _recognise(document: object,
               indices: list[int]) -> Iterator[tuple[int, str, str | None]]:
    """(index, text, failure) per page, in page order.

    PDFium is not thread-safe, so pages are rendered here, one at a time,
    while up to ``jobs`` Tesseract processes work on the pages rendered
    before. One page is rendered ahead, so even with one job Tesseract does
    not wait for the renderer; at most ``jobs + 1`` images (9 MB each for A4
    at 300 dpi) are in memory.
    """
    from concurrent.futures import ThreadPoolExecutor

    jobs = max(1, min(_SETTINGS.jobs, len(indices)))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        pending: list[tuple[int, Future[tuple[str, str | None]]]] = []
        for index in indices:
            if len(pending) > jobs:
                yield _finished(*pending.pop(0))
            pending.append((index, pool.submit(recognise, *page_image(document, index))))
        for item in pending:
            yield _finished(*item)


def _finished(index: int,
              future: Future[tuple[str, str | None]]) -> tuple[int, str, str | None]:
    text, failure = future.result()
    return index, text, failure


def _environment() -> dict[str, str]:
    """The environment for Tesseract: one thread each, as pages run side by side."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def mark(blocks: list[Block], pages: set[int]) -> list[Block]:
    """The blocks, those that start on a recognised page marked ``ocr``."""
    if not pages:
        return blocks
    return [replace(block, ocr=True) if block.page in pages else block for block in blocks]
