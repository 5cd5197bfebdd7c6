"""OCR time per page: samlint's reading of scanned pages vs `tesseract` run directly.

The pages are the example agreement (examples/mangelfull.pdf) rendered to
150 dpi grey images and put back as image-only pages, followed by the two
page images of ../shared/corpus/bad/skannet_uten_tekstlag.pdf when the
corpus is there. In the same run, alternating round by round:

* samlint: ``read_document`` of that PDF with OCR on and one page at a time
  (``--jobs 1``): rendering, writing the image, Tesseract, layout; wall
  time per page;
* direct: ``tesseract IMAGE stdout -l nor --psm 3 --dpi 300`` on the same
  page images samlint hands Tesseract (rendered once beforehand, not timed),
  both with Tesseract's default threading and with ``OMP_THREAD_LIMIT=1``
  as samlint runs it; the faster of the two is the reference;
* for information: samlint with every core (pages side by side).

    python benchmarks/ocr_speed.py [--repeat 3]

Needs Tesseract with its Norwegian model. Exit status 1 when samlint takes
more than 1.2 times the direct run per page, 2 when OCR cannot run.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from samlint.documents import ocr, read_document
from samlint.runner import cores

TARGET = 1.2
REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "mangelfull.pdf"
CORPUS_SCAN = REPO.parent / "shared" / "corpus" / "bad" / "skannet_uten_tekstlag.pdf"


def scanned_pdf(path: Path) -> int:
    """Write the image-only test PDF to ``path``; its page count."""
    out = pdfium.PdfDocument.new()
    source = pdfium.PdfDocument(EXAMPLE)
    for index in range(len(source)):
        page = source[index]
        width, height = page.get_size()
        bitmap = page.render(scale=150 / 72, grayscale=True)
        new = out.new_page(width, height)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new.insert_obj(image)
        new.gen_content()
    if CORPUS_SCAN.is_file():
        out.import_pages(pdfium.PdfDocument(CORPUS_SCAN))
    buffer = io.BytesIO()
    out.save(buffer)
    path.write_bytes(buffer.getvalue())
    return len(out)


def page_images(pdf: Path, folder: Path) -> list[Path]:
    """The images samlint gives Tesseract, one PGM file per page."""
    document = pdfium.PdfDocument(pdf)
    images = []
    for index in range(len(document)):
        image = folder / f"side-{index + 1}.pgm"
        image.write_bytes(ocr.page_image(document, index)[0])
        images.append(image)
    return images


def direct(images: list[Path], *, one_thread: bool) -> float:
    """Seconds per page for `tesseract` on each image in turn."""
    env = {**os.environ, **({"OMP_THREAD_LIMIT": "1"} if one_thread else {})}
    start = time.perf_counter()
    for image in images:
        subprocess.run(ocr.tesseract_command(str(image)),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=True)
    return (time.perf_counter() - start) / len(images)


def samlint(pdf: Path, pages: int, jobs: int) -> float:
    """Seconds per page for samlint's reading of the PDF with OCR."""
    start = time.perf_counter()
    with ocr.settings(enabled=True, jobs=jobs):
        document = read_document(pdf, pdf.name)
    elapsed = time.perf_counter() - start
    assert not document.notices and all(block.ocr for block in document.blocks)
    return elapsed / pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    why = ocr.unavailable()
    if why is not None:
        print(f"ocr_speed: OCR cannot run here ({why})", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        pdf = folder / "skannet.pdf"
        pages = scanned_pdf(pdf)
        images = page_images(pdf, folder)
        times: dict[str, list[float]] = {"samlint": [], "direct": [], "direct_1": [],
                                         "samlint_all": []}
        for _round in range(args.repeat):
            times["direct"].append(direct(images, one_thread=False))
            times["direct_1"].append(direct(images, one_thread=True))
            times["samlint"].append(samlint(pdf, pages, 1))
            times["samlint_all"].append(samlint(pdf, pages, cores()))
    median = {name: statistics.median(values) for name, values in times.items()}
    reference = min(median["direct"], median["direct_1"])
    ratio = median["samlint"] / reference
    print(f"pages: {pages} (300 dpi grey), rounds: {args.repeat}, cores: {cores()}")
    print(f"tesseract direct, default threads:  {median['direct']:.2f} s/page")
    print(f"tesseract direct, OMP_THREAD_LIMIT=1: {median['direct_1']:.2f} s/page")
    print(f"samlint --jobs 1 (render + OCR + layout): {median['samlint']:.2f} s/page")
    print(f"samlint --jobs {cores()} (pages side by side): {median['samlint_all']:.2f} s/page")
    print(f"samlint / fastest direct: {ratio:.2f} (target <= {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
