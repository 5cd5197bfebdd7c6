"""samlint's own reports and review copies among the agreements are left out, with a notice.

A case officer saved the report of an agreement lacking three points in the
agreement's folder (``samlint check . -o rapport.md``); the next check read the
report as a document of the agreement and found all fourteen points covered,
exit 0. These tests write every report format samlint can read back, and a
review copy, into an agreement folder and check it again: the verdicts must be
those of the agreement alone, and each such file must be named in a notice.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from samlint.documents import own_output
from samlint.documents.own_output import LEFT_OUT_CODE, LeftOut

REPO = Path(__file__).resolve().parents[1]
AGREEMENT = REPO / "examples" / "mangelfull.docx"


def _verdicts(result: Result) -> tuple[list[tuple[str, str, str | None]], list[dict[str, str]]]:
    """The rules' verdicts and the notices of the one agreement of a JSON report."""
    [agreement] = json.loads(result.stdout)["agreements"]
    return ([(r["id"], r["status"], r["weak_kind"]) for r in agreement["rules"]],
            agreement["notices"])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An agreement folder holding the example agreement that lacks three points."""
    root = tmp_path / "avtale"
    root.mkdir()
    shutil.copy(AGREEMENT, root / AGREEMENT.name)
    return root


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_a_report_saved_in_the_folder_is_left_out_and_named(
        folder: Path, suffix: str, cli: Callable[..., Result]) -> None:
    alone = cli("check", folder, "--format", "json")
    assert alone.exit_code == 1  # three points are missing
    report = folder / f"rapport{suffix}"
    assert cli("check", folder, "-o", report).exit_code == 1
    assert report.is_file()

    again = cli("check", folder, "--format", "json")
    verdicts, notices = _verdicts(again)
    assert verdicts == _verdicts(alone)[0]
    assert again.exit_code == 1, "the report lent the agreement its own words"
    assert [(n["file"].endswith(report.name), n["code"]) for n in notices] == [
        (True, LEFT_OUT_CODE)]
    assert "rapport fra samlint" in notices[0]["message"]


def test_a_text_report_from_the_terminal_is_recognised_too(
        folder: Path, cli: Callable[..., Result]) -> None:
    """``samlint check . > rapport.txt`` writes what the terminal shows: its last line is
    the totals, as in a report written with ``-o``."""
    shown = cli("check", folder)
    (folder / "rapport.txt").write_text(shown.stdout, encoding="utf-8")
    _verdicts_again, notices = _verdicts(cli("check", folder, "--format", "json"))
    assert [n["code"] for n in notices] == [LEFT_OUT_CODE]


def test_a_review_copy_saved_in_the_folder_is_left_out_and_named(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    """The HTML review copy of a text agreement carries its notes («Mangler: …») in its
    text; read as the agreement's, those would be evidence."""
    root = tmp_path / "avtale"
    root.mkdir()
    source = root / "avtale.txt"
    source.write_text(_agreement_text(), encoding="utf-8")
    alone = cli("check", root, "--format", "json")
    assert cli("annotate", source, "-o", root / "gjennomgang").exit_code in (0, 1)
    [copy] = (root / "gjennomgang").iterdir()
    shutil.move(copy, root / copy.name)  # beside the agreement, as a user may put it
    verdicts, notices = _verdicts(cli("check", root, "--format", "json"))
    assert verdicts == _verdicts(alone)[0]
    assert [n["code"] for n in notices] == [LEFT_OUT_CODE]
    assert "gjennomgangskopi" in notices[0]["message"]


def test_a_report_inside_a_bundle_is_left_out_and_named(
        folder: Path, tmp_path: Path, cli: Callable[..., Result]) -> None:
    cli("check", folder, "-o", tmp_path / "rapport.md")
    bundle = tmp_path / "avtale.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.write(folder / AGREEMENT.name, AGREEMENT.name)
        zf.write(tmp_path / "rapport.md", "rapport.md")
    verdicts, notices = _verdicts(cli("check", bundle, "--format", "json"))
    assert verdicts == _verdicts(cli("check", folder, "--format", "json"))[0]
    assert [(n["file"].endswith(f"{bundle.name}!rapport.md"), n["code"]) for n in notices] == [
        (True, LEFT_OUT_CODE)]


# ------------------------------------------------- only samlint's own files are left out


def _agreement_text() -> str:
    return ("Samarbeidsavtale mellom Storfjell kommune og Helse Nordvik HF\n\n"
            "1. Innleggelse i sykehus\n\n"
            "Kommunens lege sender elektronisk henvisning til sykehuset før innleggelse, og "
            "sykehuset bekrefter mottak samme dag.\n")


@pytest.mark.parametrize("text", [
    _agreement_text(),
    # The Markdown mark counts only as the file's first line ...
    "# Avtale\n\nSe <!-- samlint-report --> i vedlegget.\n",
    # ... and totals only as the last line, alone.
    "Tabellen viser at 1 avtale: 6 dekket, 5 svake, 3 mangler i fjor.\n\nNeste punkt.\n",
])
def test_text_that_only_mentions_the_marks_is_read(text: str) -> None:
    own_output.check_plain(text)  # raises nothing


@pytest.mark.parametrize("html", [
    b"<html><head><title>Avtale</title></head><body><p>samlint</p></body></html>",
    b'<html><head><meta name="generator" content="LibreOffice 7.4"></head><body/></html>',
    b'<html><head><meta name="generator" content="samlinter 2"></head><body/></html>',
])
def test_pages_other_tools_wrote_are_read(html: bytes) -> None:
    own_output.check_markup(html)  # raises nothing


def test_what_samlint_writes_is_recognised_in_each_form() -> None:
    with pytest.raises(LeftOut):
        own_output.check_plain("\ufeff<!-- samlint-report -->\n## samlint: …\n")
    with pytest.raises(LeftOut):
        own_output.check_plain("a.pdf (1 fil)\n…\n\n2 avtaler: 20 dekket, 1 svak, 3 mangler, "
                               "1 fil kunne ikke leses\n")
    with pytest.raises(LeftOut, match="rapport fra samlint"):
        own_output.check_markup(b'<html><head><meta name="generator" content="samlint 0.1.0">')
    with pytest.raises(LeftOut, match="gjennomgangskopi"):
        own_output.check_markup(b'<html><head><meta name="generator" content="samlint 0.1.0">'
                                b'</head><body class="samlint-review-copy">')
