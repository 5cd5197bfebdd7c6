"""Evidence points at the cited line, on the held-out and the genre sets too.

``test_evidence_locations`` checks the development corpus against the
reader's blocks; here the same property is checked on ``tests/blind_corpus``
and ``tests/genre_corpus``, and for text and Markdown more strictly: the
cited line of the file itself (what an editor shows) holds the excerpt's
opening words. A web page's line is its line in the text as shown (each
heading, paragraph, list item, table row and line of preformatted text is
one), not its source line: a page exported with its whole body on one
source line cited every finding at that one line.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from samlint.documents import read_document
from samlint.matching import check_agreement
from samlint.rules import builtin_rule_files, load_rule_files

TESTS = Path(__file__).resolve().parent
SETS = [TESTS / "blind_corpus" / "cases", TESTS / "genre_corpus" / "cases"]
NEARBY = 2  # lines either side of the cited one, as in test_evidence_locations
SOURCE = {".txt", ".md"}  # formats whose lines an editor shows as they are
OPENING_WORDS = 3
_TAG = re.compile(r"<[^>]*>")


def _cases() -> list[Path]:
    return [case for root in SETS if root.is_dir() for case in sorted(root.iterdir())]


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_evidence_is_at_the_cited_place(case: Path) -> None:
    files = [case] if case.is_file() else sorted(p for p in case.rglob("*") if p.is_file())
    documents = {file.name: read_document(file, file.name) for file in files}
    paths = {file.name: file for file in files}
    rules = load_rule_files(builtin_rule_files())
    for result in check_agreement(list(documents.values()), rules, date(2026, 12, 1)):
        for item in result.evidence:
            excerpt = _normal(item.excerpt.removesuffix("…"))
            nearby = " ".join(block.text for block in documents[item.file].blocks
                              if block.page == item.page and abs(block.line - item.line) <= NEARBY)
            assert excerpt in _normal(nearby), (
                f"{result.rule_id}: «{excerpt[:60]}» is not at {item.file} line {item.line}")
            path = paths[item.file]
            if path.suffix.lower() not in SOURCE:
                continue
            source = path.read_text(encoding="utf-8", errors="replace").split("\n")
            assert 1 <= item.line <= len(source)
            cited = source[item.line - 1: item.line + 1]  # a short first line runs on
            line = _normal(html.unescape(_TAG.sub(" ", " ".join(cited))).replace("|", " "))
            opening = _normal(" ".join(excerpt.replace("|", " ").split()[:OPENING_WORDS]))
            assert line.startswith(opening) or f" {opening}" in line, (
                f"{result.rule_id}: «{opening}» is not on line {item.line} of {item.file}")


def test_both_sets_are_there() -> None:
    assert len(_cases()) >= 30


def test_a_web_pages_block_cites_its_line_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "side.html"
    path.write_text("<html>\n<body>\n<h1>Delavtale</h1>\n\n<p>Kommunen varsler\nsykehuset.</p>\n"
                    "<table>\n<tr><td>Tema</td><td>Tiltak</td></tr>\n</table>\n<pre>linje en\n"
                    "linje to\n</pre>\n</body>\n</html>\n", encoding="utf-8")
    blocks = read_document(path, "side.html").blocks
    assert [(b.line, b.text) for b in blocks] == [
        (1, "Delavtale"), (2, "Kommunen varsler sykehuset."), (3, "Tema | Tiltak"),
        (4, "linje en"), (5, "linje to")]


def test_a_web_page_on_one_source_line_cites_each_block_apart(tmp_path: Path) -> None:
    """LibreOffice's export puts the whole body on one source line: cited by source line,
    every finding was at "l. 32"."""
    body = ("<h1>Samarbeidsavtale</h1><p>Partene er Lundvær kommune og Helse Nordvik HF.</p>"
            "<h2>3. Oppgave- og ansvarsfordeling</h2><p>Kommunen har ansvaret for "
            "helse- og omsorgstjenester.</p><ul><li>Fastlegen henviser.</li>"
            "<li>Sykehuset varsler kommunen.</li></ul>")
    path = tmp_path / "eksport.html"
    path.write_text("<html>\n" * 31 + f"<body>{body}</body></html>\n", encoding="utf-8")
    blocks = read_document(path, "eksport.html").blocks
    assert [b.line for b in blocks] == list(range(1, len(blocks) + 1))
    assert len(blocks) == 6
