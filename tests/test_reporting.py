"""JSON contract and text report, from hand-made results."""

from __future__ import annotations

import io
import json
import random
import re

import pytest

from samlint import __version__
from samlint.reporting import Summary, summarize
from samlint.reporting.findings import weak_kind_label
from samlint.reporting.json_report import build_report, render_json
from samlint.reporting.text import (
    location,
    make_console,
    render_text,
    report_lines,
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


def test_text_is_wide_off_a_terminal_unless_columns_says(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert make_console(io.StringIO()).width == 120
    monkeypatch.setenv("COLUMNS", "80")
    assert make_console(io.StringIO()).width == 80


def test_text_shows_verdicts_locations_and_errors(sample_results: list[AgreementResult]) -> None:
    output = render(sample_results)

    assert "avtaler/kommune-x (2 filer)" in output
    assert "avtale.pdf (1 fil)" in output
    for label in ("dekket ", "svak ", "mangler ", "unntatt "):
        assert label in output
    for english in ("covered", "(weak)", "missing", "waived"):
        assert english not in output
    assert "intensjon" in output  # why nr8 is weak
    assert "delavtale-05.docx" in output
    assert "l. 14" in output
    assert "avtale.pdf s. 3 l. 12" in output
    # Brackets in agreement text are text, not rich markup (excerpts show under
    # weak and missing verdicts; a covered one needs only its place).
    sample_results[0].rules[0].status = Status.WEAK
    terminal = FakeTerminal()
    render_text(sample_results, make_console(terminal), 300)
    assert "[se vedlegg 2]" in terminal.getvalue()
    assert "feil: avtaler/kommune-x/hovedavtale.pdf: PDF-en er kryptert" in output


@pytest.mark.parametrize(
    ("evidence", "agreement", "expected"),
    [
        (Evidence("avtale.pdf", 12, "", page=3), "avtale.pdf", "avtale.pdf s. 3 l. 12"),
        (Evidence("a/k/del-5.docx", 4, ""), "a/k", "del-5.docx l. 4"),
        (Evidence("sub/del.md", 4, ""), ".", "sub/del.md l. 4"),
        (Evidence("a/k/delavtale-05.docx", 14, ""), "a/k", "delavtale-05.docx l. 14"),
    ],
)
def test_location_is_short_and_never_splits_line_number(
    evidence: Evidence, agreement: str, expected: str
) -> None:
    assert location(evidence, agreement) == expected


def test_text_truncates_long_excerpts(sample_results: list[AgreementResult]) -> None:
    sample_results[1].rules[0].status = Status.MISSING
    output = render(sample_results)

    # 40 words of excerpt: the evidence line shows a part, and says it cut.
    flat = " ".join(output.split())
    assert 0 < flat.count("Jordmor") < 40
    assert "Jordmor…»" in flat


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


# Plain text off a terminal, painted on one; wrapped, never cut -----------------

# What the random reports are written in: Norwegian letters, blanks in runs,
# brackets rich could take for markup, long words.
SAMPLE = "abcæøåÆØÅéüß §«»–—…·[]/()-.:,'\"0123456789" + "\u00a0" + "     "


def _random_text(rng: random.Random, longest: int) -> str:
    return "".join(rng.choice(SAMPLE) for _ in range(rng.randint(0, longest)))


def _random_results(rng: random.Random) -> list[AgreementResult]:
    results = []
    for _ in range(rng.randint(1, 3)):
        path = _random_text(rng, 30).strip() or "avtale.pdf"
        rules = []
        for number in range(rng.randint(0, 5)):
            evidence = [
                Evidence(
                    file=rng.choice([f"{path}/delavtale-{number}-innleggelse-og-utskrivning.docx",
                                     "x" * rng.randint(1, 40)]),
                    line=rng.randint(1, 9999),
                    excerpt=_random_text(rng, 260),
                    page=rng.choice([None, rng.randint(1, 999)]),
                    heading=rng.choice(["", _random_text(rng, 60)]),
                )
                for _ in range(rng.randint(0, 3))
            ]
            rules.append(RuleResult(
                rule_id=rng.choice(["hol-6-2-nr1", "mini-x", "kap6-vedtak-kommunestyret"]),
                title=_random_text(rng, 70),
                status=rng.choice(list(Status)),
                severity=None,
                message=_random_text(rng, 300),
                evidence=evidence,
                weak_kind=rng.choice([None, "intent", "ledd2-partial"]),
                waiver=rng.choice([None, _random_text(rng, 80)]),
            ))
        errors = [FileError(f"{path}/f{index}.pdf", "corrupt", _random_text(rng, 100))
                  for index in range(rng.choice([0, 0, 1, 2]))]
        results.append(AgreementResult(path, [path] * rng.randint(1, 3), rules, errors))
    return results


@pytest.mark.parametrize("width", [80, 120])
def test_the_report_cuts_no_place_at_80_or_120_columns(width: int) -> None:
    """Every requirement, verdict, file, page, line and heading whole; lines fit the width."""
    from samlint.reporting.labels import STATUS_LABELS

    rng = random.Random(width)
    for _ in range(150):
        results = _random_results(rng)
        lines = ["".join(piece for piece, _ in line) for line in report_lines(results, width)]
        flat = " ".join(" ".join(lines).split())
        for line in lines:
            assert len(line) <= width or " " not in line.strip(), line
        for result in results:
            for rule in result.rules:
                assert " ".join(f"{rule.rule_id} {rule.title}".split()) in flat
                assert STATUS_LABELS[rule.status][0] in flat
                shown = rule.evidence[:1] if rule.status is Status.COVERED else rule.evidence[:2]
                for evidence in shown:
                    assert " ".join(location(evidence, result.path).split()) in flat
                    if evidence.heading:
                        assert " ".join(evidence.heading.split()) in flat


def test_a_terminal_gets_the_same_text_in_colour(sample_results: list[AgreementResult]) -> None:
    terminal = FakeTerminal()
    console = make_console(terminal)
    render_text(sample_results, console, 100)
    plain = io.StringIO()
    write_text_report(sample_results, plain, 100)

    assert COLOUR.search(terminal.getvalue())
    assert re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue()) == plain.getvalue()


def test_a_waived_verdict_shows_its_reason() -> None:
    rule = RuleResult("hol-6-2-nr8", "Jordmortjenester", Status.WAIVED, None, "",
                      waiver="Avtalt i egen avtale (sak 2024/117).")
    stream = io.StringIO()
    write_text_report([AgreementResult("a.pdf", ["a.pdf"], [rule])], stream)

    assert "Begrunnelse for unntaket: Avtalt i egen avtale (sak 2024/117)." in stream.getvalue()


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


@pytest.mark.parametrize(("file", "agreement", "shown"), [
    ("avtalesett.zip!delavtaler/delavtale-1.odt", "avtalesett.zip",
     "avtalesett.zip!delavtaler/delavtale-1.odt"),
    ("avtalesett.zip!hovedavtale.docx", "avtalesett.zip", "avtalesett.zip!hovedavtale.docx"),
    ("mappe/avtalesett.zip!delavtaler/delavtale-1.odt", "mappe",
     "avtalesett.zip!delavtaler/delavtale-1.odt"),
    ("annet/avtalesett.zip!delavtaler/delavtale-1.odt", "sett",
     "avtalesett.zip!delavtaler/delavtale-1.odt"),
    ("mappe/delavtaler/delavtale-1.odt", "mappe", "delavtaler/delavtale-1.odt"),
    ("avtale.pdf", ".", "avtale.pdf"),
])
def test_a_zip_member_keeps_its_path_inside_the_zip(file: str, agreement: str,
                                                     shown: str) -> None:
    """The member's name alone may be in several of the zip's folders (the trial's defect)."""
    from samlint.reporting import relative_file
    from samlint.reporting.text import location

    assert relative_file(file, agreement) == shown
    assert location(Evidence(file, 3, "x"), agreement) == f"{shown} l. 3"


def test_a_zips_members_are_counted_in_the_heading() -> None:
    from samlint.reporting import file_count
    from samlint.results import FileRole

    result = AgreementResult("mappe", ["mappe/a.docx", "mappe/sett.zip"], [], [
        FileError("mappe/sett.zip!b.xlsx", "unsupported", "x")])
    result.documents = [FileRole("mappe/a.docx", "hovedavtale", None, ()),
                        *(FileRole(f"mappe/sett.zip!d/{n}.odt", "delavtale", n, (n,))
                          for n in (1, 2))]
    assert file_count(result) == 4  # a.docx, two members read, one member not
    assert "mappe (4 filer)" in render([result])
