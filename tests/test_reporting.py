"""JSON contract and text report, from hand-made results."""

from __future__ import annotations

import io
import json
import random
import re

import pytest

from samlint import __version__
from samlint.reporting import Summary, summarize
from samlint.reporting import text as text_report
from samlint.reporting.findings import weak_kind_label
from samlint.reporting.json_report import build_report, render_json
from samlint.reporting.text import (
    location,
    make_console,
    plain_report,
    render_text,
    summary_line,
    write_text_report,
)
from samlint.results import AgreementResult, Evidence, FileError, RuleResult, Status

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
    # The contract's fields in the contract's order; "waiver" only on a waived verdict.
    assert list(covered) == ["id", "title", "status", "severity", "weak_kind", "message",
                             "evidence"]
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
    expected = {"agreements": 2, "covered": 2, "weak": 1, "missing": 2, "waived": 1, "errors": 1,
                "unjudged": 0}

    assert build_report(sample_results)["summary"] == expected
    assert summarize(sample_results) == Summary(**expected)


def test_summary_of_nothing_is_all_zero() -> None:
    assert build_report([])["summary"] == dict.fromkeys(
        ["agreements", "covered", "weak", "missing", "waived", "errors", "unjudged"], 0
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


# Plain text off a terminal ---------------------------------------------------

# What the random reports are written in: the one-column characters the plain
# renderer takes, blanks in runs, brackets rich could take for markup, and
# sometimes a character only rich can measure (wide, combining, a tab).
ONE_COLUMN_SAMPLE = "abcæøåÆØÅéüß §«»–—…·[]/()-.:,'\"0123456789" + "\u00a0" + "     "
ONLY_RICH = ["漢", "a\u0301", "\t", "\u00ad", "\x0c", "🙂"]


def _random_text(rng: random.Random, longest: int) -> str:
    text = "".join(rng.choice(ONE_COLUMN_SAMPLE) for _ in range(rng.randint(0, longest)))
    if rng.random() < 0.01:
        cut = rng.randint(0, len(text))
        text = text[:cut] + rng.choice(ONLY_RICH) + text[cut:]
    return text


def _random_results(rng: random.Random) -> list[AgreementResult]:
    results = []
    for _ in range(rng.randint(1, 3)):
        path = _random_text(rng, 30) or "avtale.pdf"
        rules = []
        for number in range(rng.randint(0, 5)):
            evidence = [
                Evidence(
                    file=rng.choice([path, f"{path}/del-{number}.docx", "x" * rng.randint(1, 40)]),
                    line=rng.randint(1, 9999),
                    excerpt=_random_text(rng, 260),
                    page=rng.choice([None, rng.randint(1, 999)]),
                    heading=rng.choice(["", _random_text(rng, 60)]),
                )
                for _ in range(rng.randint(0, 3))
            ]
            status = rng.choice(list(Status))
            rules.append(RuleResult(
                rule_id=rng.choice(["hol-6-2-nr1", "mini-x", f"a-b-c-{_random_text(rng, 8)}"]),
                title=_random_text(rng, 70),
                status=status,
                severity=None,
                message=_random_text(rng, 300),
                evidence=evidence,
                weak_kind=rng.choice([None, "intent", "ledd2-partial", "ukjent-slag"]),
            ))
        errors = [FileError(f"{path}/f{index}.pdf", "corrupt", _random_text(rng, 100))
                  for index in range(rng.choice([0, 0, 1, 2]))]
        results.append(AgreementResult(path, [path] * rng.randint(1, 3), rules, errors))
    return results


def test_plain_report_is_what_rich_prints_off_a_terminal() -> None:
    rng = random.Random(62)
    plain_count = 0
    for _ in range(400):
        results = _random_results(rng)
        plain = plain_report(results)
        if plain is not None:
            plain_count += 1
            assert plain == render(results)
    assert plain_count > 250  # most reports took the plain path, so it was tested


def test_plain_report_is_what_rich_prints_for_sample_results(
        sample_results: list[AgreementResult]) -> None:
    plain = plain_report(sample_results)
    assert plain is not None and plain == render(sample_results)


@pytest.mark.parametrize("odd", ONLY_RICH)
def test_plain_report_leaves_to_rich_what_only_rich_can_measure(
        sample_results: list[AgreementResult], odd: str) -> None:
    sample_results[0].rules[0].title += odd
    assert plain_report(sample_results) is None
    stream = io.StringIO()
    write_text_report(sample_results, stream)
    assert stream.getvalue() == render(sample_results)


def test_plain_report_leaves_a_line_rich_would_wrap_to_rich(
        sample_results: list[AgreementResult]) -> None:
    sample_results[0].errors[0] = FileError("a.pdf", "corrupt", "skadet " * 20)
    assert plain_report(sample_results) is None
    stream = io.StringIO()
    write_text_report(sample_results, stream)
    assert "feil: a.pdf: skadet" in stream.getvalue()
    assert stream.getvalue() == render(sample_results)


def test_every_character_the_plain_report_takes_is_one_column_in_rich() -> None:
    from rich.cells import cell_len
    from rich.text import Text

    taken = [chr(code) for code in range(0x3000)
             if text_report._ONE_COLUMN.fullmatch(chr(code))]
    assert "ø" in taken and "–" in taken and "\u00ad" not in taken and "\t" not in taken
    for character in taken:
        assert cell_len(character) == 1, hex(ord(character))
        assert Text(character).plain == character, hex(ord(character))


def test_a_terminal_still_gets_rich_colour(sample_results: list[AgreementResult]) -> None:
    terminal = FakeTerminal()
    write_text_report(sample_results, terminal)
    assert COLOUR.search(terminal.getvalue())



@pytest.mark.parametrize(("kind", "label"), [
    ("heading", "bare overskrift eller liste"),
    ("intent", "bare en intensjonserklæring"),
    ("restated-law", "gjentar bare lovteksten"),
    ("dangling-reference", "viser til dokument som ikke er med"),
    ("ledd2-partial", "bare delvis oppfylt"),  # verdicts.md's name
    ("recommended-topics", "anbefalte temaer er ikke nevnt"),
    ("stale", "årlig gjennomgang ser ut til å være forsinket"),
])
def test_the_weak_kinds_of_the_spec_read_as_norwegian(kind: str, label: str) -> None:
    rule = RuleResult("r", "Tittel", Status.WEAK, None, "melding", [], kind)

    assert weak_kind_label(rule) == label


def test_every_weak_kind_the_matcher_can_give_has_a_norwegian_label() -> None:
    """No internal key reaches a human-readable report (verdicts.md)."""
    from samlint.matching.grading import WeakKind
    from samlint.reporting.text import WEAK_KIND_LABELS

    assert {kind.value for kind in WeakKind} == set(WEAK_KIND_LABELS)


@pytest.mark.parametrize(("files", "expected"), [
    (["avtaler/a/delavtale-1.docx", "avtaler/a/Hovedavtale.pdf"], "avtaler/a/Hovedavtale.pdf"),
    (["b/tenesteavtale-2.pdf", "b/hovudavtale_2016.docx"], "b/hovudavtale_2016.docx"),
    (["c/delavtale-1.pdf", "c/delavtale-2.pdf"], "c/delavtale-1.pdf"),
])
def test_a_missing_point_points_at_the_main_agreement_by_its_name(
        files: list[str], expected: str) -> None:
    """The names are language data (rules/language.yaml, documents.main)."""
    from samlint.reporting.findings import primary_file

    result = AgreementResult(files[0].rsplit("/", 1)[0], files, [], [])
    assert primary_file(result) == expected
