"""What ``samlint check`` of one PDF loads: nothing for the formats the file is not,
for the other commands, or (with a warm cache) for reading and judging at all.

Start-up is most of what a pre-commit hook's check costs, and an import that
creeps back costs every run. Counted with ``python -X importtime``, which also
lists what the reading child imports after the fork; no timing is asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PDF = REPO / "examples" / "mangelfull.pdf"
DOCX = REPO / "examples" / "mangelfull.docx"

# Readers of other formats, other commands' modules, and what only they use.
NOT_FOR_A_PDF = {
    "samlint.annotate", "samlint.annotate.notes", "samlint.reporting.findings",
    "samlint.documents.bundle", "samlint.documents.docx", "samlint.documents.docx_package",
    "samlint.documents.odt", "samlint.documents.html", "samlint.documents.convert", "lxml",
    "docx", "samlint.starter", "samlint.reporting.explanation", "samlint.reporting.output",
    "samlint.diff", "samlint.baseline", "rich",
    "concurrent.futures",  # the OCR's thread pool: a PDF with a text layer needs no OCR
}
# With the verdicts cached nothing is read or judged, and the rules come from the cache.
NOT_WHEN_WARM = {
    "yaml", "samlint.documents.pdf", "samlint.documents.ocr", "pypdfium2", "rapidfuzz",
    "samlint.matching.judge", "samlint.agreement_sets", "multiprocessing",
}


def _imported(args: list[str], cwd: Path, cache: Path) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "samlint", "check", *args],
        capture_output=True, text=True, cwd=cwd, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), "SAMLINT_CACHE_DIR": str(cache)})
    assert run.returncode == 1, run.stderr[-2000:]  # the deficient example
    return {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


def test_a_pdf_check_imports_no_other_reader_or_command(tmp_path: Path) -> None:
    imported = _imported(["--no-cache", str(PDF)], tmp_path, tmp_path / "cache")
    assert "samlint.documents.pdf" in imported  # the child's imports are listed too
    assert imported & NOT_FOR_A_PDF == set()


def test_a_warm_check_reads_no_yaml_and_loads_no_reader_or_matcher(tmp_path: Path) -> None:
    _imported([str(PDF)], tmp_path, tmp_path / "cache")
    imported = _imported([str(PDF)], tmp_path, tmp_path / "cache")
    assert "samlint.engine" in imported
    assert imported & (NOT_FOR_A_PDF | NOT_WHEN_WARM) == set()


def test_a_docx_check_does_not_load_ocr(tmp_path: Path) -> None:
    imported = _imported(["--no-cache", str(DOCX)], tmp_path, tmp_path / "cache")
    assert "samlint.documents.docx" in imported
    assert imported & {"samlint.documents.ocr", "samlint.documents.pdf",
                       "samlint.documents.bundle"} == set()
