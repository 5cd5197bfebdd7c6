"""Parts of a file that were not read are named in every output format (issue 15).

A notice is the "nothing silent" promise for content inside a readable file:
a page without a text layer, an embedded object. These tests hold the
plumbing: the reader's notices reach the result, survive the cache and the
pipe from the reading child, and every format shows them.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from samlint.cache import Cache
from samlint.documents.model import Block, BlockKind, Document
from samlint.reporting.formats import RENDERERS, render_report
from samlint.reporting.text import notice_line
from samlint.results import AgreementResult, Notice, Status

NOTICE = Notice("avtaler/storfjell/delavtale-3.pdf", "no-text-layer",
                "sidene har ikke tekstlag (skannet?) og er ikke lest", (3, 5))


def _result(rule_result: object) -> AgreementResult:
    return AgreementResult("avtaler/storfjell", ["avtaler/storfjell/delavtale-3.pdf"],
                           [rule_result], [], [NOTICE])  # type: ignore[list-item]


@pytest.mark.parametrize("name", list(RENDERERS))
def test_every_format_names_the_file_and_what_was_not_read(
        name: str, rule_result: object) -> None:
    report = render_report(name, [_result(rule_result("hol-6-2-nr1", Status.COVERED))], [])
    assert "delavtale-3.pdf" in report
    assert "tekstlag" in report, f"{name} leaves the notice out"


def test_json_gives_the_notice_with_the_fields_of_the_spec(rule_result: object) -> None:
    report = json.loads(render_report(
        "json", [_result(rule_result("hol-6-2-nr1", Status.COVERED))], []))
    [agreement] = report["agreements"]
    assert agreement["notices"] == [{
        "file": "avtaler/storfjell/delavtale-3.pdf", "code": "no-text-layer",
        "message": "sidene har ikke tekstlag (skannet?) og er ikke lest", "pages": [3, 5]}]
    assert agreement["errors"] == []


def test_the_text_line_says_file_pages_and_cause() -> None:
    assert notice_line(NOTICE) == ("merknad: avtaler/storfjell/delavtale-3.pdf s. 3, 5: "
                                   "sidene har ikke tekstlag (skannet?) og er ikke lest")
    assert notice_line(Notice("a.docx", "embedded", "et innebygd objekt er ikke lest")) == (
        "merknad: a.docx: et innebygd objekt er ikke lest")


def _document(path: Path, display: str) -> Document:
    return Document(path=path, display=display,
                    blocks=[Block("Avtale", BlockKind.HEADING, 1, 1, 1)], page_count=5,
                    notices=[Notice(display, "no-text-layer", "ikke lest", (3,))])


def test_a_document_keeps_its_notices_across_the_pipe_from_the_reader(tmp_path: Path) -> None:
    document = _document(tmp_path / "a.pdf", "a.pdf")
    assert pickle.loads(pickle.dumps(document)).notices == document.notices


def test_the_cache_keeps_notices_and_shows_them_under_the_name_of_today(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    key = cache.document_key("0" * 64, ".pdf")
    cache.store_document(key, _document(tmp_path / "a.pdf", "gammelt/a.pdf"))
    loaded = cache.load_document(key, tmp_path / "a.pdf", "nytt/a.pdf")
    assert loaded is not None
    assert loaded.notices == [Notice("nytt/a.pdf", "no-text-layer", "ikke lest", (3,))]


def test_cached_verdicts_keep_their_notices(tmp_path: Path, rule_result: object) -> None:
    cache = Cache(tmp_path / "cache")
    result = _result(rule_result("hol-6-2-nr1", Status.COVERED))
    cache.store_verdicts("k" * 64, result)
    loaded = cache.load_verdicts("k" * 64)
    assert loaded is not None and loaded.notices == [NOTICE]
