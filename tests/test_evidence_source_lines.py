"""Evidence points at the source line, on the held-out and the genre sets too.

``test_evidence_locations`` checks the development corpus against the
reader's blocks; here the same property is checked on ``tests/blind_corpus``
and ``tests/genre_corpus``, and for text, Markdown and web pages more
strictly: the cited line of the file itself (what an editor shows) holds
the excerpt's opening words. A web page's line is its source line, not the
block's number in reading order.
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
SOURCE = {".txt", ".md", ".html", ".htm"}  # formats whose lines an editor shows as they are
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


def test_a_web_pages_block_cites_its_source_line(tmp_path: Path) -> None:
    path = tmp_path / "side.html"
    path.write_text("<html>\n<body>\n<h1>Delavtale</h1>\n\n<p>Kommunen varsler\nsykehuset.</p>\n"
                    "<table>\n<tr><td>Tema</td><td>Tiltak</td></tr>\n</table>\n<pre>linje en\n"
                    "linje to\n</pre>\n</body>\n</html>\n", encoding="utf-8")
    blocks = read_document(path, "side.html").blocks
    assert [(b.line, b.text) for b in blocks] == [
        (3, "Delavtale"), (5, "Kommunen varsler sykehuset."), (8, "Tema | Tiltak"),
        (10, "linje en"), (11, "linje to")]
