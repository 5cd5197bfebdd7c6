"""The CI-facing report formats, from hand-made results and end to end.

Hand-made results cover every status, weak kinds, a waiver, unreadable files
and agreement text full of characters that break naive formatters (``|``,
``<``, ``%``, ``,``, ``:``, newlines, form feeds). The end-to-end tests run
``python -m samlint`` on the bundled examples, as a CI job would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import REPO, SRC, make_rule

from samlint.cli import app
from samlint.reporting.findings import FINGERPRINT_KEY, fingerprint, primary_file
from samlint.reporting.formats import RENDERERS, render_report
from samlint.reporting.github import escape_data, escape_property, render_github
from samlint.reporting.gitlab import build_gitlab
from samlint.reporting.junit import render_junit
from samlint.reporting.markdown import COMMENT_LIMIT, render_markdown
from samlint.reporting.output import OutputError, write_report
from samlint.reporting.sarif import artifact_uri, build_sarif
from samlint.results import AgreementResult, Evidence, FileError, Severity, Status
from samlint.rules import Rule

SCHEMA = REPO.parent / "shared" / "spec" / "sarif-schema-2.1.0.json"
EXAMPLES = ["examples/komplett", "examples/mangelfull.pdf"]
FORMATS = ["text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html"]
TRICKY = "Se «vedlegg 2» | 100 % <b>fet</b>, a:b\nny linje\x0c og *stjerne* [lenke](x) &amp;"

# ::command key=value,key=value::message  — values and message escaped, one line.
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice)( [a-zA-Z]+=[^,:\r\n]*(,[a-zA-Z]+=[^,:\r\n]*)*)?::[^\r\n]*$"
)


def meta(rule_id: str, *, severity_missing: str = "error") -> Rule:
    """Rule metadata as a rule file would give it."""
    return Rule(
        id=rule_id,
        title=f"Tittel for {rule_id}",
        source=f"hol. § 6-2 ({rule_id})",
        law=f"lovtekst for {rule_id}",
        guidance="Avtalen bør si hvem som gjør hva.",
        should_describe=("hvem som varsler", "når det skjer"),
        headings=("x",),
        terms=("y",),
        severity_missing=severity_missing,
    )


RULES = [meta("hol-6-2-nr5"), meta("hol-6-2-nr8"), meta("hol-6-2-nr9"), meta("hol-6-2-nr10")]


def full_run() -> list[AgreementResult]:
    """A multi-agreement run with covered, weak, missing, waived, info and file errors."""
    folder = "avtaler/kommune x"
    covered = Evidence(f"{folder}/delavtale-05.docx", 14, "Kommunen varsles straks.",
                       heading="Utskrivningsklare pasienter")
    weak = Evidence(f"{folder}/hovedavtale.pdf", 33, TRICKY, page=2, heading="8. Jord|mor")
    waived = make_rule("hol-6-2-nr10", Status.WAIVED)
    waived.waiver = "Dekkes av regional avtale, jf. vedtak 12/2024 | styret"
    info = make_rule("hol-6-2-nr9", Status.MISSING, message="Mangler, men bare til info.")
    info.severity = Severity.INFO
    first = AgreementResult(
        path=folder,
        files=[f"{folder}/delavtale-05.docx", f"{folder}/hovedavtale.pdf",
               f"{folder}/skadet.pdf"],
        rules=[
            make_rule("hol-6-2-nr5", Status.COVERED, evidence=[covered]),
            make_rule("hol-6-2-nr8", Status.WEAK, evidence=[weak, covered], weak_kind="intent",
                      message=TRICKY),
            info,
            waived,
        ],
        errors=[FileError(f"{folder}/skadet.pdf", "damaged", "PDF-en er skadet: a, b: c")],
    )
    second = AgreementResult(
        path="avtale.pdf",
        files=["avtale.pdf"],
        rules=[
            make_rule("hol-6-2-nr5", Status.COVERED,
                      evidence=[Evidence("avtale.pdf", 12, "Jordmor " * 40, page=3)]),
            make_rule("hol-6-2-nr8", Status.WEAK, weak_kind="partial",
                      evidence=[Evidence("avtale.pdf", 0, "linje null", page=1)]),
            make_rule("hol-6-2-nr9", Status.MISSING),
            make_rule("hol-6-2-nr10", Status.MISSING),
        ],
    )
    unreadable = AgreementResult("borte.pdf", [], [], [FileError("borte.pdf", "not-found",
                                                                 "finnes ikke")])
    return [first, second, unreadable]


def sarif_validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not beside the repository: {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def assert_valid_sarif(log: dict[str, Any]) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


# SARIF ---------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema() -> None:
    log = build_sarif(full_run(), RULES)

    assert_valid_sarif(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1


def test_sarif_driver_describes_every_rule() -> None:
    driver = build_sarif(full_run(), RULES)["runs"][0]["tool"]["driver"]

    assert driver["name"] == "samlint"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    nr5 = driver["rules"][0]
    assert nr5["id"] == "hol-6-2-nr5"
    assert nr5["shortDescription"]["text"] == "Tittel for hol-6-2-nr5"
    assert nr5["fullDescription"]["text"] == "lovtekst for hol-6-2-nr5"
    assert "hvem som varsler" in nr5["help"]["text"]
    assert "- hvem som varsler" in nr5["help"]["markdown"]
    assert nr5["properties"]["source"] == "hol. § 6-2 (hol-6-2-nr5)"


def test_sarif_results_are_findings_with_levels_locations_and_indexes() -> None:
    run = build_sarif(full_run(), RULES)["runs"][0]
    results = run["results"]
    rules = run["tool"]["driver"]["rules"]

    # Covered verdicts are not findings; weak, missing and waived are.
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("hol-6-2-nr8", "warning"),
        ("hol-6-2-nr9", "note"),  # missing, but the rule file says info
        ("hol-6-2-nr10", "note"),  # waived: no severity of its own
        ("hol-6-2-nr8", "warning"),
        ("hol-6-2-nr9", "error"),
        ("hol-6-2-nr10", "error"),
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert result["message"]["text"]
    weak = results[0]
    assert "intensjonserklæring" in weak["message"]["text"]
    assert weak["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == TRICKY
    assert weak["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "avtaler/kommune%20x/hovedavtale.pdf", "uriBaseId": "%SRCROOT%"}
    assert weak["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 14


def test_sarif_missing_without_evidence_points_at_the_main_agreement_line_1() -> None:
    results = build_sarif(full_run(), RULES)["runs"][0]["results"]

    info = results[1]["locations"][0]["physicalLocation"]
    assert info["artifactLocation"]["uri"] == "avtaler/kommune%20x/hovedavtale.pdf"
    assert info["region"] == {"startLine": 1}
    single = results[4]["locations"][0]["physicalLocation"]
    assert single["artifactLocation"]["uri"] == "avtale.pdf"


def test_sarif_waived_result_is_suppressed_with_its_reason() -> None:
    results = build_sarif(full_run(), RULES)["runs"][0]["results"]

    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 1
    assert waived[0]["suppressions"] == [{
        "kind": "external",
        "justification": "Dekkes av regional avtale, jf. vedtak 12/2024 | styret",
    }]


def test_sarif_file_errors_are_tool_notifications() -> None:
    invocation = build_sarif(full_run(), RULES)["runs"][0]["invocations"][0]

    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["damaged", "not-found"]
    assert all(n["level"] == "error" for n in notes)
    clean = build_sarif(full_run()[1:2], RULES)["runs"][0]["invocations"][0]
    assert clean == {"executionSuccessful": True}


def test_sarif_baseline_state_is_on_every_result_or_none() -> None:
    plain = build_sarif(full_run(), RULES)["runs"][0]["results"]
    run = full_run()
    run[1].rules[2].baselined = True  # avtale.pdf nr9 missing, recorded in the baseline
    run[1].rules[2].severity = Severity.INFO
    log = build_sarif(run, RULES)
    results = log["runs"][0]["results"]

    assert_valid_sarif(log)
    assert all("baselineState" not in r for r in plain)
    assert [r["baselineState"] for r in results] == ["new", "new", "new", "new", "unchanged",
                                                     "new"]
    assert results[4]["level"] == "note"


def test_sarif_rule_missing_from_metadata_still_gets_a_valid_index() -> None:
    log = build_sarif(full_run(), RULES[:1])

    assert_valid_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["hol-6-2-nr5", "hol-6-2-nr8", "hol-6-2-nr9", "hol-6-2-nr10"]


def test_sarif_of_nothing_is_valid() -> None:
    log = build_sarif([], [])

    assert_valid_sarif(log)
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("avtaler/Åsmark kommune/avtale.pdf",
         {"uri": "avtaler/%C3%85smark%20kommune/avtale.pdf", "uriBaseId": "%SRCROOT%"}),
        ("/srv/avtaler/a b.pdf", {"uri": "file:///srv/avtaler/a%20b.pdf"}),
        ("dir/#1?.txt", {"uri": "dir/%231%3F.txt", "uriBaseId": "%SRCROOT%"}),
    ],
)
def test_sarif_uris_are_percent_encoded(path: str, uri: dict[str, str]) -> None:
    assert artifact_uri(path) == uri


def test_fingerprints_ignore_line_numbers_but_not_the_verdict() -> None:
    before = build_sarif(full_run(), RULES)["runs"][0]["results"]
    moved = full_run()
    for result in moved:
        for rule in result.rules:
            rule.evidence = [Evidence(e.file, e.line + 7, e.excerpt + " ny tekst", e.page,
                                      e.heading) for e in rule.evidence]
    after = build_sarif(moved, RULES)["runs"][0]["results"]

    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in before]
    assert prints == [r["partialFingerprints"][FINGERPRINT_KEY] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert len(set(prints)) == len(prints)
    weak = make_rule("hol-6-2-nr8", Status.WEAK, weak_kind="intent")
    other_kind = make_rule("hol-6-2-nr8", Status.WEAK, weak_kind="heading")
    missing = make_rule("hol-6-2-nr8", Status.MISSING)
    assert len({fingerprint("a", weak), fingerprint("a", other_kind), fingerprint("a", missing),
                fingerprint("b", weak)}) == 4


def test_primary_file_prefers_the_main_agreement_and_skips_unreadable_files() -> None:
    folder = AgreementResult("k", ["k/delavtale-1.docx", "k/hovedavtale.pdf"], [])
    assert primary_file(folder) == "k/hovedavtale.pdf"
    broken = AgreementResult("k", ["k/a.pdf", "k/b.docx"], [], [FileError("k/a.pdf", "x", "y")])
    assert primary_file(broken) == "k/b.docx"
    assert primary_file(AgreementResult("k", [], [])) == "k"


# JUnit ---------------------------------------------------------------------


def test_junit_parses_and_counts_match() -> None:
    root = ET.fromstring(render_junit(full_run()).encode("utf-8"))

    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == (
        "10", "5", "2", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["avtaler/kommune x", "avtale.pdf", "borte.pdf"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
        assert int(suite.get("skipped")) == sum(c.find("skipped") is not None for c in cases)
        assert all(c.get("classname") == suite.get("name") for c in cases)


def test_junit_cases_carry_verdict_reason_and_evidence() -> None:
    suite = ET.fromstring(render_junit(full_run()).encode("utf-8")).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}

    assert "hol-6-2-nr5 – Tittel for hol-6-2-nr5" in cases
    assert len(cases["hol-6-2-nr5 – Tittel for hol-6-2-nr5"]) == 0  # covered passes
    weak = cases["hol-6-2-nr8 – Tittel for hol-6-2-nr8"].find("failure")
    assert weak.get("type") == "weak"
    assert "intensjonserklæring" in weak.get("message")
    assert "hovedavtale.pdf s. 2 l. 33" in weak.text
    assert "<b>fet</b>" in weak.text  # escaped in the XML, text again once parsed
    assert "\x0c" not in weak.text  # XML cannot carry it; dropped
    missing = cases["hol-6-2-nr9 – Tittel for hol-6-2-nr9"].find("failure")
    assert missing.get("type") == "missing"
    skipped = cases["hol-6-2-nr10 – Tittel for hol-6-2-nr10"].find("skipped")
    assert skipped.get("message").startswith("Dekkes av regional avtale")
    error = next(c for c in suite.findall("testcase") if c.find("error") is not None)
    assert error.find("error").get("type") == "damaged"
    assert "skadet.pdf" in error.get("name")


def test_junit_baselined_findings_are_skipped_not_failed() -> None:
    run = full_run()
    run[1].rules[2].baselined = True
    suite = ET.fromstring(render_junit(run).encode("utf-8")).findall("testsuite")[1]

    assert (suite.get("failures"), suite.get("skipped")) == ("2", "1")
    case = suite.findall("testcase")[2]
    assert case.find("failure") is None
    assert case.find("skipped") is not None


# GitHub --------------------------------------------------------------------


def test_github_lines_follow_the_workflow_command_grammar() -> None:
    output = render_github(full_run())
    lines = output.splitlines()

    assert output.endswith("\n")
    assert lines
    for line in lines:
        assert GITHUB_LINE.match(line), line
    commands = [line.split(" ", 1)[0] for line in lines]
    # weak, info-missing, weak, missing, missing; waived is left out; then 2 file errors
    assert commands == ["::warning", "::notice", "::error", "::warning", "::error", "::error",
                        "::error"]


def unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def test_github_properties_and_message_round_trip() -> None:
    first = render_github(full_run()).splitlines()[0]
    head, message = first[2:].split("::", 1)
    props = dict(item.split("=", 1) for item in head.split(" ", 1)[1].split(","))

    assert unescape(props["file"]) == "avtaler/kommune x/hovedavtale.pdf"
    assert props["line"] == "33"
    assert unescape(props["title"]) == "hol-6-2-nr8 svak: Tittel for hol-6-2-nr8"
    assert "100 %25" in message
    assert "\n" not in message
    assert "ny linje" in unescape(message)
    assert escape_data("50%\r\n") == "50%25%0D%0A"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_missing_without_evidence_gets_line_1() -> None:
    lines = render_github(full_run()).splitlines()

    assert "file=avtale.pdf,line=1," in lines[4]
    assert "line=1," in lines[3]  # evidence on line 0 is lifted to 1


def test_github_prints_nothing_when_there_are_no_findings() -> None:
    covered = AgreementResult("a.pdf", ["a.pdf"], [make_rule("r-1", Status.COVERED)])

    assert render_github([covered]) == ""


# GitLab --------------------------------------------------------------------


def test_gitlab_issues_have_the_required_keys() -> None:
    issues = build_gitlab(full_run())

    assert len(issues) == 7  # five findings (waived left out) and two file errors
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"]
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    assert [i["severity"] for i in issues[:5]] == ["minor", "info", "minor", "major", "major"]
    assert issues[-1]["check_name"] == "samlint/file-error"


def test_gitlab_fingerprints_match_sarif() -> None:
    sarif = build_sarif(full_run(), RULES)["runs"][0]["results"]
    unsuppressed = [r["partialFingerprints"][FINGERPRINT_KEY] for r in sarif
                    if "suppressions" not in r]

    assert [i["fingerprint"] for i in build_gitlab(full_run())[:5]] == unsuppressed


# Markdown ------------------------------------------------------------------


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def cells(row: str) -> int:
    """Cells of a table row, counting only unescaped pipes."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_markdown_has_a_table_per_assessed_agreement_with_covered_folded() -> None:
    output = render_markdown(full_run())

    assert output.startswith("<!-- samlint-report -->\n## samlint: 3 avtaler:")
    assert output.count("| Krav | Vurdering | Hvor | Merknad |") == 4  # two open, two folded
    assert output.count("<details>") == 2
    assert "### borte.pdf\n" in output  # no "(0 filer)" for a path that does not exist
    assert "Ingen filer kunne leses" in output
    first = output.split("### ")[1]
    assert first.index("hol-6-2-nr8") < first.index("<details>") < first.index("hol-6-2-nr5")


def test_markdown_escapes_agreement_text_in_cells() -> None:
    output = render_markdown(full_run())

    for row in table_rows(output):
        assert cells(row) == 4, row
    assert "<b>" not in output
    assert "\\<b\\>fet\\</b\\>" in output
    assert "8. Jord\\|mor" in output
    assert "\x0c" not in output
    assert "Dekkes av regional avtale, jf. vedtak 12/2024 \\| styret" in output
    assert "skadet.pdf: PDF-en er skadet" in output


def test_markdown_shrinks_to_fit_a_comment() -> None:
    many = [r for _ in range(120) for r in full_run()[:2]]

    output = render_markdown(many)

    assert len(output) <= COMMENT_LIMIT
    assert "Dekkede krav er utelatt" in output
    assert re.search(r"_\d+ av 240 avtaler er utelatt", output)
    assert output.count("### ") > 10
    for row in table_rows(output):
        assert cells(row) == 4, row
    fewer = render_markdown(many[:20])
    assert len(fewer) <= COMMENT_LIMIT
    assert "avtaler er utelatt" not in fewer


# Every format, from the registry -------------------------------------------


def test_the_registry_holds_every_documented_format() -> None:
    assert list(RENDERERS) == FORMATS


def test_the_cli_format_choices_are_the_registry() -> None:
    """Adding a format to the registry is enough for ``--format`` to offer it."""
    command = typer.main.get_command(app)
    check = command.commands["check"]  # type: ignore[attr-defined]
    [option] = [p for p in check.params if "--format" in p.opts]

    # the registry's names, then the Norwegian synonyms (tekst = text); no default:
    # without --format the extension of -o decides, else text.
    assert list(option.type.choices) == [*RENDERERS, "tekst"]
    assert option.default is None


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_renders_nothing_and_something(name: str) -> None:
    empty = render_report(name, [], RULES)
    output = render_report(name, full_run(), RULES)

    # github prints one line per annotation, so nothing to annotate is no output.
    assert empty == "" if name == "github" else empty.endswith("\n")
    assert output.endswith("\n")
    assert len(output) > len(empty)
    assert "kommune" in output and "kommune" not in empty  # the agreement's folder


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_write_report_replaces_atomically_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "r.sarif"
    target.write_text("gammel", encoding="utf-8")
    old_mask = os.umask(0o022)
    try:
        write_report(target, "ny – æøå\n")
    finally:
        os.umask(old_mask)

    assert target.read_bytes() == "ny – æøå\n".encode()
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["r.sarif"]
    with pytest.raises(OutputError, match="finnes ikke"):
        write_report(tmp_path / "nei" / "r.sarif", "x")


# End to end ----------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One cache for the module, so each example is read once across formats; the HTML
    report's clock fixed (``SOURCE_DATE_EPOCH``), so two runs a minute apart write the
    same report."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "FORCE_COLOR": "1",
           "SAMLINT_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
           "SOURCE_DATE_EPOCH": "1796000000"}
    env.pop("NO_COLOR", None)
    return env


def run_cli(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "samlint", "check", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO, timeout=180,
    )


@pytest.fixture(scope="module")
def reports(cli_env: dict[str, str]) -> dict[str, subprocess.CompletedProcess[str]]:
    return {name: run_cli(cli_env, *EXAMPLES, "--format", name) for name in FORMATS}


def test_cli_every_format_exits_1_for_the_deficient_example(
    reports: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    for name, process in reports.items():
        assert process.returncode == 1, (name, process.stderr)
        assert process.stdout, name
        assert "\x1b[" not in process.stdout, name


def test_cli_sarif_validates(reports: dict[str, subprocess.CompletedProcess[str]]) -> None:
    log = json.loads(reports["sarif"].stdout)

    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["level"] for r in results} == {"error", "warning"}
    assert len(results) == 8  # mangelfull.pdf: five weak, three missing
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["region"]["startLine"] >= 1
        assert location["artifactLocation"]["uri"] == "examples/mangelfull.pdf"


def test_cli_junit_counts_match_json(reports: dict[str, subprocess.CompletedProcess[str]]) -> None:
    summary = json.loads(reports["json"].stdout)["summary"]
    root = ET.fromstring(reports["junit"].stdout.encode("utf-8"))

    assert [s.get("name") for s in root.findall("testsuite")] == EXAMPLES
    assert int(root.get("failures")) == summary["weak"] + summary["missing"]
    assert int(root.get("tests")) == summary["covered"] + summary["weak"] + summary["missing"]


def test_cli_github_and_gitlab(reports: dict[str, subprocess.CompletedProcess[str]]) -> None:
    lines = reports["github"].stdout.splitlines()
    issues = json.loads(reports["gitlab"].stdout)

    assert len(lines) == len(issues) == 8
    assert all(GITHUB_LINE.match(line) for line in lines)
    assert sum(line.startswith("::error ") for line in lines) == 3
    assert all(i["location"]["path"] == "examples/mangelfull.pdf" for i in issues)


def test_cli_markdown_and_html(reports: dict[str, subprocess.CompletedProcess[str]]) -> None:
    markdown = reports["markdown"].stdout
    html = reports["html"].stdout

    assert "### examples/komplett (7 filer)" in markdown
    assert "### examples/mangelfull.pdf (1 fil)" in markdown
    assert markdown.count("| Krav | Vurdering | Hvor | Merknad |") == 3
    assert html.startswith("<!DOCTYPE html>")
    assert 'class="matrix"' in html


@pytest.mark.parametrize("name", ["text", "sarif", "html"])
def test_cli_output_writes_the_file_and_nothing_to_stdout(
    cli_env: dict[str, str], tmp_path: Path, name: str,
    reports: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    target = tmp_path / f"rapport.{name}"
    target.write_text("gammel rapport", encoding="utf-8")

    process = run_cli(cli_env, *EXAMPLES, "--format", name, "-o", target)

    assert process.returncode == 1, process.stderr
    assert process.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert "\x1b[" not in written
    assert written == reports[name].stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left


@pytest.mark.parametrize("where", ["missing-dir", "is-dir"])
def test_cli_output_that_cannot_be_written_is_one_line_and_exit_2(
    cli_env: dict[str, str], tmp_path: Path, where: str,
) -> None:
    target = tmp_path / "finnes-ikke" / "r.sarif" if where == "missing-dir" else tmp_path

    process = run_cli(cli_env, "examples/mangelfull.pdf", "--format", "sarif",
                      "--output", target)

    assert process.returncode == 2
    assert process.stdout == ""
    assert len(process.stderr.strip().splitlines()) == 1
    assert process.stderr.startswith("samlint: ")
    assert "Traceback" not in process.stderr


def test_cli_sarif_with_waiver_and_unreadable_path_validates(
    cli_env: dict[str, str], tmp_path: Path,
) -> None:
    """A real run with every kind of result: covered, weak, missing, waived, file error."""
    shutil.copytree(REPO / "examples" / "komplett", tmp_path / "komplett")
    shutil.copy(REPO / "examples" / "mangelfull.pdf", tmp_path / "mangelfull.pdf")
    (tmp_path / ".samlint.yaml").write_text(
        "waivers:\n"
        "  - agreement: mangelfull.pdf\n"
        "    rule: hol-6-2-nr8\n"
        "    reason: \"Jordmor er avtalt i egen avtale (sak 2024/117).\"\n",
        encoding="utf-8",
    )
    report = tmp_path / "samlint.sarif"

    process = subprocess.run(
        [sys.executable, "-m", "samlint", "check", "komplett", "mangelfull.pdf", "borte.pdf",
         "--format", "sarif", "-o", report.name],
        capture_output=True, text=True, encoding="utf-8", env=cli_env, cwd=tmp_path,
        timeout=180,
    )

    assert process.returncode == 2, process.stderr  # borte.pdf does not exist
    assert process.stdout == ""
    log = json.loads(report.read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    run = log["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["hol-6-2-nr8"]
    assert suppressed[0]["suppressions"][0]["justification"].startswith("Jordmor er avtalt")
    assert len(run["results"]) == 8
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["descriptor"]["id"] for n in invocation["toolExecutionNotifications"]] == [
        "not-found"]
