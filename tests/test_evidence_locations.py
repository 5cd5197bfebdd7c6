"""Evidence points at the text it quotes.

A case officer opens the cited file at the cited page and line to read the
passage; an excerpt that is not there (or is in another file of the set)
sends them to the wrong place. For every corpus case and example, with every
built-in pack, each evidence excerpt must occur in the cited file's extracted
text at, or within a couple of lines of, the cited page and line.

That alone compares the reader with itself: a line number that counts
something the page does not show (PDFium's runs of text, a running header
drawn last) passes it. So for PDFs the cited line is also compared with the
page as printed, independently of samlint: line N of ``pdftotext -layout`` of
the cited page (lines that print something, the running header included)
must hold the excerpt's opening. LibreOffice's PDF exports of the example
DOCX files (``fixtures/komplett_libreoffice``) are among the cases: their
tables are stored cell by cell.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from samlint.documents import read_document
from samlint.documents.model import Document
from samlint.matching import check_agreement
from samlint.results import Evidence
from samlint.rules import builtin_rule_files, load_rule_files

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "cases"
LIBREOFFICE = REPO / "tests" / "fixtures" / "komplett_libreoffice"
SUFFIXES = {".pdf", ".docx", ".txt", ".md"}
NEARBY = 2  # lines either side of the cited one
HAS_PDFTOTEXT = shutil.which("pdftotext") is not None  # poppler-utils; CI installs it


def _agreements() -> list[Path]:
    cases = sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []
    examples = [REPO / "examples" / "mangelfull.pdf", REPO / "examples" / "mangelfull.docx",
                REPO / "examples" / "komplett"]
    # Each export on its own (as the trial checked them) and as one set.
    exports = [*sorted(LIBREOFFICE.glob("*.pdf")), LIBREOFFICE]
    return [*cases, *examples, *exports]


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def _normal(text: str) -> str:
    return " ".join(text.split())


_BULLET = re.compile(r"^[•●▪◦·\uf0b7\-–—*]\s*")
OPENING = 10  # characters (spaces left out) of the excerpt that must be on the cited line


def _printed_lines(path: Path, page: int, cache: dict[tuple[Path, int], list[str]]) -> list[str]:
    """The lines page ``page`` prints, as pdftotext lays it out (not samlint's reader)."""
    if (path, page) not in cache:
        done = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page),
                               str(path), "-"], capture_output=True, text=True, check=True)
        cache[path, page] = [line for line in done.stdout.splitlines() if line.strip()]
    return cache[path, page]


def _assert_on_printed_line(path: Path, item: Evidence, rule_id: str,
                            cache: dict[tuple[Path, int], list[str]]) -> None:
    """The excerpt's opening (of its first cell, for a table row) is on the cited line of
    the cited page as printed."""
    assert item.page is not None, f"{rule_id}: PDF evidence without a page"
    lines = _printed_lines(path, item.page, cache)
    assert 1 <= item.line <= len(lines), (
        f"{rule_id}: {item.file} s. {item.page} l. {item.line}, but the page prints "
        f"{len(lines)} lines")
    first_cell = _BULLET.sub("", item.excerpt.removesuffix("…").split(" | ")[0].strip())
    opening = "".join(first_cell.split())[:OPENING]
    cited = "".join(lines[item.line - 1].split())
    # A first cell that wraps goes on at the start of the next line (its other cells'
    # text beside it): then its first word is on the cited line, the rest of the opening
    # starts the next one.
    word = first_cell.split()[0]
    following = "".join(lines[item.line].split()) if item.line < len(lines) else ""
    wrapped = word in cited and following.startswith(opening[len(word):])
    found = [n for n, line in enumerate(lines, 1) if opening in "".join(line.split())]
    assert opening in cited or wrapped, (
        f"{rule_id}: «{opening}» is not on {item.file} s. {item.page} l. {item.line} "
        f"as printed (it is on line(s) {found})")


def _assert_evidence_is_where_cited(files: list[Path]) -> None:
    documents = {}
    for file in files:
        documents[file.name] = read_document(file, file.name)
    paths = {file.name: file for file in files}
    printed: dict[tuple[Path, int], list[str]] = {}
    rules = load_rule_files(builtin_rule_files())
    results = check_agreement(list(documents.values()), rules, date(2026, 12, 1))
    for result in results:
        for item in result.evidence:
            document: Document = documents[item.file]
            excerpt = _normal(item.excerpt.removesuffix("…"))
            nearby = " ".join(
                block.text for block in document.blocks
                if block.page == item.page and abs(block.line - item.line) <= NEARBY
            )
            assert excerpt in _normal(nearby), (
                f"{result.rule_id}: «{excerpt[:60]}» is not at {item.file} "
                f"page {item.page} line {item.line}")
            if paths[item.file].suffix.lower() == ".pdf" and not item.ocr and HAS_PDFTOTEXT:
                _assert_on_printed_line(paths[item.file], item, result.rule_id, printed)


@pytest.mark.parametrize("path", _agreements(), ids=lambda p: p.name)
def test_evidence_is_where_it_is_cited(path: Path) -> None:
    assert path.exists(), path
    _assert_evidence_is_where_cited(_files(path))


def test_evidence_of_a_set_without_delavtale_6_cites_the_right_file(tmp_path: Path) -> None:
    """The case that showed the defect: judged over several files, the second
    paragraph's parts came from two delavtaler and all were cited as the first's."""
    folder = tmp_path / "komplett"
    shutil.copytree(REPO / "examples" / "komplett", folder)
    for file in folder.glob("delavtale-6*"):
        file.unlink()
    _assert_evidence_is_where_cited(_files(folder))


def test_the_corpus_is_there() -> None:
    """The property above is only worth something over the whole corpus."""
    assert len(_agreements()) >= 19


def test_the_printed_line_check_can_run() -> None:
    """Without pdftotext the check against the printed page is left out: said here, not
    silently."""
    if not HAS_PDFTOTEXT:
        pytest.skip("pdftotext (poppler-utils) is not installed: PDF evidence lines are "
                    "checked against samlint's own reading only")


def test_the_libreoffice_exports_are_there() -> None:
    assert len(list(LIBREOFFICE.glob("*.pdf"))) == 5
