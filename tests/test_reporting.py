"""JSON contract and text report, from hand-made results."""

from __future__ import annotations

import io
import json
import re

import pytest

from samlint import __version__
from samlint.reporting import Summary, summarize
from samlint.reporting.json_report import build_report, render_json
from samlint.reporting.text import location, make_console, render_text, summary_line
from samlint.results import AgreementResult, Evidence

ANSI = re.compile(r"\x1b\[")
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|9[0-7])[;m]")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def render(results: list[AgreementResult], stream: io.StringIO | None = None) -> str:
    stream = stream if stream is not None else io.StringIO()
    render_text(results, make_console(stream))
    return stream.getvalue()


# JSON ----------------------------------------------------------------------


def test_json_top_level_follows_contract(sample_results: list[AgreementResult]) -> None:
    report = build_report(sample_results)

    assert list(report) == ["schema_version", "tool", "agreements", "summary"]
    assert report["schema_version"] == 1
    assert report["tool"] == {"name": "samlint", "version": __version__}
    first = report["agreements"][0]
    assert first["path"] == "avtaler/kommune-x"
    assert first["files"] == [
        "avtaler/kommune-x/hovedavtale.pdf",
        "avtaler/kommune-x/delavtale-05.docx",
    ]
    assert first["errors"] == [
        {
            "file": "avtaler/kommune-x/hovedavtale.pdf",
            "code": "encrypted",
            "message": "PDF-en er kryptert",
        }
    ]


def test_json_rule_entries_keep_order_and_contract_fields(
    sample_results: list[AgreementResult],
) -> None:
    rules = build_report(sample_results)["agreements"][0]["rules"]

    assert [r["id"] for r in rules] == ["hol-6-2-nr5", "hol-6-2-nr8", "hol-6-2-nr9"]
    covered, weak, missing = rules
    assert {"id", "status", "severity", "message", "evidence", "title", "weak_kind"} <= set(covered)
    assert (covered["status"], covered["severity"]) == ("covered", None)
    assert (weak["status"], weak["severity"], weak["weak_kind"]) == ("weak", "warning", "intent")
    assert (missing["status"], missing["severity"], missing["evidence"]) == ("missing", "error", [])
    assert covered["title"] == "Tittel for hol-6-2-nr5"
    assert covered["evidence"] == [
        {
            "file": "avtaler/kommune-x/delavtale-05.docx",
            "page": None,
            "line": 14,
            "heading": "Utskrivningsklare pasienter",
            "excerpt": "Kommunen varsles straks pasienten er utskrivningsklar [se vedlegg 2].",
        }
    ]


def test_json_evidence_page_is_kept_for_pdfs(sample_results: list[AgreementResult]) -> None:
    evidence = build_report(sample_results)["agreements"][1]["rules"][0]["evidence"][0]

    assert (evidence["file"], evidence["page"], evidence["line"]) == ("avtale.pdf", 3, 12)


def test_summary_counts_every_status_and_file_error(
    sample_results: list[AgreementResult],
) -> None:
    expected = {"agreements": 2, "covered": 2, "weak": 1, "missing": 2, "waived": 1, "errors": 1}

    assert build_report(sample_results)["summary"] == expected
    assert summarize(sample_results) == Summary(**expected)


def test_summary_of_nothing_is_all_zero() -> None:
    assert build_report([])["summary"] == dict.fromkeys(
        ["agreements", "covered", "weak", "missing", "waived", "errors"], 0
    )


def test_render_json_is_valid_and_keeps_norwegian_letters(
    sample_results: list[AgreementResult],
) -> None:
    sample_results[0].rules[0].message = "Dekket i delavtale om utskrivningsklare – bør følges"

    text = render_json(sample_results)

    assert json.loads(text) == build_report(sample_results)
    assert "bør følges" in text
    assert "\\u00f8" not in text


# Text ----------------------------------------------------------------------


def test_text_has_no_escape_codes_off_a_terminal(
    sample_results: list[AgreementResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")

    output = render(sample_results)

    assert not ANSI.search(output)


def test_text_is_coloured_on_a_terminal(sample_results: list[AgreementResult]) -> None:
    output = render(sample_results, FakeTerminal())

    assert COLOUR.search(output)


def test_no_color_removes_colour_on_a_terminal(
    sample_results: list[AgreementResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    output = render(sample_results, FakeTerminal())

    assert not COLOUR.search(output)


def test_text_is_wide_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")

    assert make_console(io.StringIO()).width == 120


def test_text_shows_verdicts_locations_and_errors(sample_results: list[AgreementResult]) -> None:
    output = render(sample_results)

    assert "avtaler/kommune-x (2 filer)" in output
    assert "avtale.pdf (1 fil)" in output
    for label in ("dekket (covered)", "svak (weak)", "mangler (missing)", "unntatt (waived)"):
        assert label in output
    assert "intensjon" in output  # why nr8 is weak
    assert "delavtale-05.docx" in output
    assert "l. 14" in output
    assert "avtale.pdf s. 3 l. 12" in output
    wide = io.StringIO()
    console = make_console(wide)
    console.width = 300
    render_text(sample_results, console)
    # Brackets in agreement text are text, not rich markup.
    assert "[se vedlegg 2]" in wide.getvalue()
    assert "feil: avtaler/kommune-x/hovedavtale.pdf: PDF-en er kryptert" in output


@pytest.mark.parametrize(
    ("evidence", "agreement", "expected"),
    [
        (Evidence("avtale.pdf", 12, "", page=3), "avtale.pdf", "avtale.pdf s. 3 l. 12"),
        (Evidence("a/k/del-5.docx", 4, ""), "a/k", "del-5.docx l. 4"),
        (Evidence("sub/del.md", 4, ""), ".", "sub/del.md l. 4"),
        (Evidence("a/k/delavtale-05.docx", 14, ""), "a/k", "delavtale-05.docx\nl. 14"),
    ],
)
def test_location_is_short_and_never_splits_line_number(
    evidence: Evidence, agreement: str, expected: str
) -> None:
    assert location(evidence, agreement) == expected


def test_text_truncates_long_excerpts(sample_results: list[AgreementResult]) -> None:
    output = render(sample_results)

    # 40 words of excerpt: the table row shows what fits, and says it cut.
    row = next(line for line in output.splitlines() if "Jordmor" in line)
    assert 0 < row.count("Jordmor") < 40
    assert row.rstrip().endswith("…")


def test_text_ends_with_summary_line(sample_results: list[AgreementResult]) -> None:
    output = render(sample_results)

    last = output.strip().splitlines()[-1]
    assert last == "2 avtaler: 2 dekket, 1 svak, 2 mangler, 1 unntatt, 1 fil kunne ikke leses"


def test_agreement_without_readable_files_says_so_instead_of_a_table() -> None:
    unread = AgreementResult("borte.pdf", ["borte.pdf"], [], [])

    output = render([unread])

    assert "ingen filer kunne leses" in output
    assert "Vurdering" not in output


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (Summary(1, 1, 1, 1, 0, 0), "1 avtale: 1 dekket, 1 svak, 1 mangler"),
        (
            Summary(3, 20, 5, 3, 0, 2),
            "3 avtaler: 20 dekket, 5 svake, 3 mangler, 2 filer kunne ikke leses",
        ),
        (Summary(0, 0, 0, 0, 0, 0), "0 avtaler: 0 dekket, 0 svake, 0 mangler"),
    ],
)
def test_summary_line_wording(summary: Summary, line: str) -> None:
    assert summary_line(summary) == line
