"""The command line: exit statuses, error lines, and what reaches stdout."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from samlint import __version__
from samlint.cli import FailOn, exit_status
from samlint.documents import Document
from samlint.reporting.labels import STATUS_LABELS
from samlint.results import AgreementResult, FileError, RuleResult, Status
from samlint.rules import Rule, load_rule_files

Cli = Callable[..., Result]
ANSI = re.compile(r"\x1b\[")

BUILTIN_IDS = [f"hol-6-2-nr{n}" for n in range(1, 14)] + ["hol-6-2-ledd2"]

AGREEMENT_TEXT = """\
Samarbeidsavtale mellom Eksempel kommune og Helse Eksempel HF

1. Utskrivningsklare pasienter

Sykehuset varsler kommunen senest innen tre dager etter innleggelse om forventet
utskrivning. Kommunen skal gi tilbakemelding samme dag om den kan ta imot pasienten.
Når pasienten er utskrivningsklar og kommunen ikke kan ta imot, betaler kommunen
for overliggedøgn fra og med dagen etter melding om utskrivningsklar pasient.

2. Jordmortjenester

Partene skal samarbeide om jordmortjenester.
"""


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


class FakePipeline:
    """Stands in for the readers and the matcher, which are tested elsewhere."""

    def __init__(self) -> None:
        self.status = Status.COVERED

    def read_document(self, path: Path, display: str) -> Document:
        # Runs in the reader's child process (samlint.runner): record nothing here.
        return Document(path=path, display=display, blocks=[])

    def check_agreement(self, documents: list[Document], rules: list[Rule],
                        *_args: object) -> list[RuleResult]:
        # Judged in a child process too: what it saw travels back in the message.
        judged = ", ".join(document.display for document in documents)
        return [RuleResult(rule.id, rule.title, self.status, None, f"ok: {judged}", [])
                for rule in rules]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    pipeline = FakePipeline()
    monkeypatch.setattr("samlint.documents.read_document", pipeline.read_document)
    monkeypatch.setattr("samlint.engine.check_agreement", pipeline.check_agreement)
    return pipeline


# --version, rules, explain ---------------------------------------------------


def test_version_via_python_m(run_module: Callable[..., object]) -> None:
    proc = run_module("--version")

    assert proc.returncode == 0
    assert proc.stdout.strip() == f"samlint {__version__}"


def test_rules_lists_the_14_builtin_rules(cli: Cli, builtin_pack: Path) -> None:
    result = cli("rules")

    assert result.exit_code == 0, result.stderr
    listed = re.findall(r"hol-6-2-(?:nr\d+|ledd2)\b", result.stdout)
    assert sorted(set(listed)) == sorted(BUILTIN_IDS)


def test_rules_adds_extra_rule_files(cli: Cli, mini_rules: Path) -> None:
    result = cli("rules", "--no-default-rules", "--rules", mini_rules)

    assert result.exit_code == 0, result.stderr
    assert "mini-utskrivning" in result.stdout
    assert "Jordmortjenester" in result.stdout
    assert "6-2 første ledd nr. 8" in result.stdout


def test_naming_the_builtin_pack_again_loads_it_once(cli: Cli, builtin_pack: Path) -> None:
    result = cli("rules", "--rules", builtin_pack)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("hol-6-2-nr5 ") == 1


def test_explain_builtin_rule_shows_law_text(cli: Cli, builtin_pack: Path) -> None:
    [rule] = [r for r in load_rule_files([builtin_pack]) if r.id == "hol-6-2-nr5"]

    result = cli("explain", "hol-6-2-nr5")

    assert result.exit_code == 0, result.stderr
    assert "Lovtekst" in result.stdout
    flat = " ".join(result.stdout.split())
    assert " ".join(rule.law.split())[:60] in flat


def test_explain_shows_every_section(cli: Cli, mini_rules: Path) -> None:
    result = cli("explain", "mini-utskrivning", "--no-default-rules", "--rules", mini_rules)

    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for expected in (
        "Utskrivningsklare pasienter",
        "hol. § 6-2 første ledd nr. 5",
        "Lovtekst",
        "tilknytning til utskrivningsklare pasienter [lovtekst]",
        "Veiledning",
        "når kommunen varsles",
        "Avtalen bør beskrive",
        "betaling for overliggedøgn",
        "utskrivningsklar, varsling, overliggedøgn",
        "se delavtale",
    ):
        assert expected in out


def test_explain_unknown_id_suggests_closest(cli: Cli, mini_rules: Path) -> None:
    result = cli("explain", "mini-utskriving", "--no-default-rules", "--rules", mini_rules)

    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert "mini-utskriving" in line
    assert "mini-utskrivning" in line.split("–", 1)[1]


def test_explain_short_id_suggests_builtin(cli: Cli, builtin_pack: Path) -> None:
    result = cli("explain", "nr5")

    assert result.exit_code == 2
    assert "hol-6-2-nr5" in result.stderr


# check: problems -------------------------------------------------------------


def test_check_missing_path_is_one_line_without_traceback(
    run_module: Callable[..., object], mini_rules: Path, tmp_path: Path
) -> None:
    proc = run_module(
        "check",
        "--no-default-rules",
        "--rules",
        mini_rules,
        "ingen/slik-avtale.pdf",
        cwd=tmp_path,
    )

    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    [line] = [line for line in proc.stderr.splitlines() if line.strip()]
    assert line.startswith("samlint: ingen/slik-avtale.pdf: ")
    assert "finnes ikke" in line
    assert not ANSI.search(proc.stdout)  # FORCE_COLOR is set, but stdout is a pipe
    assert "1 avtale: 0 dekket, 0 svake, 0 mangler, 1 fil kunne ikke leses" in proc.stdout


@pytest.mark.parametrize(
    ("name", "content", "cause"),
    [("x.xyz", "Samarbeidsavtale", "støttes ikke"), ("tom.txt", "", "tom")],
)
def test_check_unreadable_file_exits_2(
    cli: Cli, mini_rules: Path, in_tmp: Path, name: str, content: str, cause: str
) -> None:
    (in_tmp / name).write_text(content, encoding="utf-8")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, name)

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith(f"samlint: {name}: ")
    assert cause in line


def test_agreement_with_no_readable_file_has_no_verdicts(
    cli: Cli, mini_rules: Path, in_tmp: Path
) -> None:
    (in_tmp / "x.xyz").write_text("Samarbeidsavtale", encoding="utf-8")

    result = cli("check", "--format", "json", "--no-default-rules", "--rules", mini_rules, "x.xyz")

    assert result.exit_code == 2
    [agreement] = json.loads(result.stdout)["agreements"]
    assert agreement["rules"] == []  # not "missing": samlint never saw the content
    assert [e["code"] for e in agreement["errors"]] == ["unsupported"]


def test_bad_rule_file_names_file_and_rule(cli: Cli, in_tmp: Path) -> None:
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")
    (in_tmp / "egne.yaml").write_text(
        "rules:\n  - id: egen-regel\n    title: Uten match\n", encoding="utf-8"
    )

    result = cli("check", "--no-default-rules", "--rules", "egne.yaml", "avtale.txt")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith("samlint: feil i regelfil: ")
    assert "egne.yaml" in line
    assert "egen-regel" in line
    assert "match" in line
    assert "Traceback" not in result.output


def test_no_rules_at_all_is_a_usage_error(cli: Cli, in_tmp: Path, fake: FakePipeline) -> None:
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--no-default-rules", "avtale.txt")

    assert result.exit_code == 2
    assert "--rules" in result.stderr


def test_unknown_format_is_a_usage_error(cli: Cli, mini_rules: Path) -> None:
    result = cli("check", "--format", "xml", "--no-default-rules", "--rules", mini_rules, ".")

    assert result.exit_code == 2


def test_unexpected_reader_crash_is_one_line_and_exit_2(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(path: Path, display: str, **_options: object) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr("samlint.documents.read_document", crash)
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert "avtale.txt" in line
    assert "RuntimeError: boom" in line
    assert "--debug" in line
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_debug_lets_the_traceback_through(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(path: Path, display: str, **_options: object) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr("samlint.documents.read_document", crash)
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--debug", "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    assert isinstance(result.exception, RuntimeError)


def test_unexpected_matcher_crash_is_one_line_and_exit_2(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(documents: list[Document], rules: list[Rule], *_args: object) -> list[RuleResult]:
        raise KeyError("seksjon")

    monkeypatch.setattr("samlint.engine.check_agreement", crash)
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith("samlint: uventet feil: KeyError")
    assert "--debug" in line


# check: results --------------------------------------------------------------


def test_mixed_run_reports_good_agreement_and_exits_2(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    (in_tmp / "god.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli(
        "check",
        "--format",
        "json",
        "--no-default-rules",
        "--rules",
        mini_rules,
        "god.txt",
        "borte.pdf",
    )

    assert result.exit_code == 2
    report = json.loads(result.stdout)
    good, gone = report["agreements"]
    assert good["path"] == "god.txt"
    assert [r["id"] for r in good["rules"]] == ["mini-utskrivning", "mini-jordmor"]
    assert good["errors"] == []
    assert gone["path"] == "borte.pdf"
    assert gone["errors"][0]["code"] == "not-found"
    assert report["summary"]["errors"] == 1
    assert stderr_lines(result) == [f"samlint: borte.pdf: {gone['errors'][0]['message']}"]


def test_folder_is_one_agreement_set(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    folder = in_tmp / "kommune"
    folder.mkdir()
    for name in ("delavtale-2.md", "hovedavtale.txt", "~$hovedavtale.docx", "README"):
        (folder / name).write_text("tekst", encoding="utf-8")

    result = cli(
        "check", "--format", "json", "--no-default-rules", "--rules", mini_rules, "kommune"
    )

    assert result.exit_code == 0, result.stderr
    [agreement] = json.loads(result.stdout)["agreements"]
    assert agreement["files"] == ["kommune/delavtale-2.md", "kommune/hovedavtale.txt"]
    assert {rule["message"] for rule in agreement["rules"]} == {
        "ok: kommune/delavtale-2.md, kommune/hovedavtale.txt"}


def test_check_writes_nothing_next_to_inputs(
    cli: Cli, mini_rules: Path, in_tmp: Path, fake: FakePipeline
) -> None:
    folder = in_tmp / "kommune"
    folder.mkdir()
    (folder / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())

    cli("check", "--no-default-rules", "--rules", mini_rules, "kommune")
    cli("check", "--format", "json", "--no-default-rules", "--rules", mini_rules, "kommune")

    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.parametrize(
    ("status", "args", "code"),
    [
        (Status.COVERED, [], 0),
        (Status.WEAK, [], 0),
        (Status.MISSING, [], 1),
        (Status.WEAK, ["--fail-on", "weak"], 1),
        (Status.MISSING, ["--exit-zero"], 0),
    ],
)
def test_exit_status_follows_fail_on(
    cli: Cli,
    mini_rules: Path,
    in_tmp: Path,
    fake: FakePipeline,
    status: Status,
    args: list[str],
    code: int,
) -> None:
    fake.status = status
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", *args, "--no-default-rules", "--rules", mini_rules, "avtale.txt")

    assert result.exit_code == code, result.stderr
    assert f"\n{STATUS_LABELS[status][0].ljust(9)}mini-" in result.stdout


def test_exit_zero_keeps_2_for_unreadable_files() -> None:
    results = [AgreementResult("x.pdf", ["x.pdf"], [], [FileError("x.pdf", "corrupt", "ødelagt")])]

    assert exit_status(results, FailOn.MISSING, exit_zero=True) == 2


def test_real_check_json_has_one_entry_per_builtin_rule(
    cli: Cli, builtin_pack: Path, in_tmp: Path
) -> None:
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--format", "json", "avtale.txt")

    assert result.exit_code == 1, result.stderr  # most points are missing
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1
    [agreement] = report["agreements"]
    assert agreement["files"] == ["avtale.txt"]
    assert [r["id"] for r in agreement["rules"]] == [r.id for r in load_rule_files([builtin_pack])]
    statuses = {r["id"]: r["status"] for r in agreement["rules"]}
    # Point 5 (utskrivningsklare pasienter) is dealt with concretely, jordmor
    # (point 8) only named; nothing else is in the text.
    assert (statuses.pop("hol-6-2-nr5"), statuses.pop("hol-6-2-nr8")) == ("covered", "weak")
    assert set(statuses.values()) == {"missing"}


def test_real_mixed_run_still_reports_good_agreement(
    cli: Cli, builtin_pack: Path, in_tmp: Path
) -> None:
    (in_tmp / "avtale.txt").write_text(AGREEMENT_TEXT, encoding="utf-8")

    result = cli("check", "--format", "json", "avtale.txt", "mangler.docx")

    assert result.exit_code == 2
    good, gone = json.loads(result.stdout)["agreements"]
    assert len(good["rules"]) == 14
    assert gone["errors"][0]["file"] == "mangler.docx"
    assert "mangler.docx" in result.stderr
