"""The baseline: known findings recorded, so only new ones fail a run.

Through the command line with a stand-in matcher (``fake_pipeline``), so each
test sets the verdicts it needs; and the baseline file on its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fake_pipeline import FakePipeline, install
from typer.testing import Result
from workdir import write

from samlint.baseline import (
    PREFIX,
    Baseline,
    BaselineEntry,
    BaselineError,
    apply_baseline,
    collect_findings,
    read_baseline,
    write_baseline,
)
from samlint.cli import FailOn, exit_status
from samlint.discover import AgreementRef
from samlint.results import AgreementResult, RuleResult, Severity, Status

Cli = Callable[..., Result]


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    return install(monkeypatch, FakePipeline(line=7))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "avtaler" / "storfjell" / "hovedavtale.txt", "tekst")
    write(tmp_path / "avtaler" / "storfjell" / "delavtale-1.txt", "tekst")
    write(tmp_path / "avtaler" / "lundvaer.txt", "tekst")
    return tmp_path


@pytest.fixture
def check(cli: Cli, mini_rules: Path) -> Callable[..., Result]:
    def run(*args: str | Path) -> Result:
        return cli("check", "--no-cache", "--no-default-rules", "--rules", mini_rules, *args)

    return run


def rules_of(result: Result) -> dict[str, dict[str, dict[str, object]]]:
    report = json.loads(result.stdout)
    return {a["path"]: {r["id"]: r for r in a["rules"]} for a in report["agreements"]}


WAIVE_JORDMOR = """\
waivers:
  - agreement: avtaler/storfjell
    rule: mini-jordmor
    reason: Jordmortjenester er avtalt i egen avtale (sak 2024/117).
"""


def test_write_baseline_records_findings_sorted_and_exits_0(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING, "mini-utskrivning": Status.WEAK}

    result = check("avtaler/storfjell", "avtaler/lundvaer.txt", "--write-baseline", "base.json")

    assert result.exit_code == 0, result.stderr
    data = json.loads((in_tmp / "base.json").read_text(encoding="utf-8"))
    assert data == {"schema": 1, "findings": [
        {"agreement": "avtaler/lundvaer.txt", "rule": "mini-jordmor", "kind": "missing"},
        {"agreement": "avtaler/lundvaer.txt", "rule": "mini-utskrivning", "kind": "intent"},
        {"agreement": "avtaler/storfjell", "rule": "mini-jordmor", "kind": "missing"},
        {"agreement": "avtaler/storfjell", "rule": "mini-utskrivning", "kind": "intent"},
    ]}
    assert stderr_lines(result) == ["samlint: base.json: grunnlinjen er skrevet med 4 funn"]
    assert [p.name for p in in_tmp.iterdir() if p.name.startswith(".base")] == []  # no temp


def test_baseline_is_byte_stable(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    check("avtaler/lundvaer.txt", "avtaler/storfjell", "--write-baseline", "a.json")
    check("avtaler/storfjell", "avtaler/lundvaer.txt", "--write-baseline", "b.json")

    assert (in_tmp / "a.json").read_bytes() == (in_tmp / "b.json").read_bytes()
    assert (in_tmp / "a.json").read_bytes().endswith(b"]\n}\n")


def test_waived_findings_are_not_recorded(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR)

    check("avtaler/storfjell", "--write-baseline", "base.json")

    assert json.loads((in_tmp / "base.json").read_text(encoding="utf-8"))["findings"] == []


def test_baselined_findings_are_demoted_and_only_new_ones_fail(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    check("avtaler/storfjell", "--write-baseline", "base.json")

    known = check("--format", "json", "avtaler/storfjell", "--baseline", "base.json")
    assert known.exit_code == 0, known.stderr
    rule = rules_of(known)["avtaler/storfjell"]["mini-jordmor"]
    assert (rule["status"], rule["severity"]) == ("missing", "info")
    assert rule["message"] == PREFIX + "melding"
    assert json.loads(known.stdout)["summary"]["missing"] == 1  # totals stay true
    assert check("--fail-on", "info", "avtaler/storfjell", "--baseline", "base.json"
                 ).exit_code == 0

    fake.statuses["mini-utskrivning"] = Status.MISSING  # a new finding
    new = check("--format", "json", "avtaler/storfjell", "--baseline", "base.json")
    assert new.exit_code == 1
    assert rules_of(new)["avtaler/storfjell"]["mini-utskrivning"]["severity"] == "error"


def test_baseline_ignores_line_numbers_but_not_the_kind(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.WEAK}
    fake.kinds = {"mini-jordmor": "intent"}
    check("avtaler/storfjell", "--write-baseline", "base.json", "--fail-on", "weak")

    fake.line = 93  # the text was re-flowed
    assert check("--fail-on", "weak", "avtaler/storfjell", "--baseline", "base.json"
                 ).exit_code == 0
    fake.kinds = {"mini-jordmor": "heading"}  # the same rule, weak in another way: new
    assert check("--fail-on", "weak", "avtaler/storfjell", "--baseline", "base.json"
                 ).exit_code == 1


def test_baseline_keys_are_relative_to_the_baseline_file(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    check("avtaler/storfjell", "--write-baseline", "base.json")
    monkeypatch.chdir(in_tmp / "avtaler")

    result = check("storfjell", "--baseline", "../base.json")

    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "samlint: base.json: grunnlinjen finnes ikke – lag den med "
               "--write-baseline base.json"),
        ('{"schema": 1, "findings": [', "samlint: base.json: grunnlinjen er ikke gyldig JSON"),
        ('{"schema": 2, "findings": []}', "samlint: base.json: ikke en samlint-grunnlinje"),
        ('{"schema": 1, "findings": [{"agreement": "a", "rule": "r"}]}',
         "samlint: base.json: ikke en samlint-grunnlinje (findings[0].kind mangler)"),
        ("[]", "samlint: base.json: ikke en samlint-grunnlinje (mangler findings)"),
    ],
)
def test_missing_or_corrupt_baseline_is_one_line_exit_2(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline,
    content: str | None, message: str,
) -> None:
    if content is not None:
        write(in_tmp / "base.json", content)

    result = check("avtaler/storfjell", "--baseline", "base.json")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith(message)
    assert result.stdout == ""  # refused before checking anything


def test_baseline_is_not_written_when_a_file_could_not_be_read(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    result = check("avtaler/storfjell", "borte.pdf", "--write-baseline", "base.json")

    assert result.exit_code == 2
    assert not (in_tmp / "base.json").exists()
    assert "grunnlinjen ble ikke skrevet" in result.stderr


def test_write_baseline_is_atomic_and_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(tmp_path / "base.json", "gammel\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("samlint.baseline.os.replace", broken_replace)
    with pytest.raises(BaselineError, match="kan ikke skrives"):
        write_baseline(target, [BaselineEntry("a", "r", "missing")])

    assert target.read_text(encoding="utf-8") == "gammel\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.json"]


def test_round_trip_and_demotion_in_isolation(tmp_path: Path) -> None:
    rule = RuleResult("r", "R", Status.WEAK, Severity.WARNING, "svak tekst", [], "intent")
    results = [AgreementResult("avtaler/a", ["avtaler/a/x.txt"], [rule])]
    refs = {"avtaler/a": AgreementRef("avtaler/a", (tmp_path / "avtaler" / "a").as_posix())}
    findings = collect_findings(results, refs, tmp_path)
    write_baseline(tmp_path / "b.json", findings)

    baseline = read_baseline(tmp_path / "b.json")

    assert baseline == Baseline(frozenset({BaselineEntry("avtaler/a", "r", "intent")}), tmp_path)
    assert apply_baseline(results, baseline, refs) == 1
    assert (rule.baselined, rule.severity, rule.message) == (
        True, Severity.INFO, "(i grunnlinjen) svak tekst")
    assert exit_status(results, FailOn.INFO, exit_zero=False) == 0
    assert apply_baseline(results, baseline, refs) == 0  # never demoted (or prefixed) twice


def test_named_set_is_keyed_by_its_name(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    write(in_tmp / ".samlint.yaml",
          "agreements:\n  storfjell:\n    paths: [avtaler/storfjell/hovedavtale.txt, "
          "avtaler/storfjell/delavtale-1.txt]\n")

    check("avtaler/storfjell/hovedavtale.txt", "--write-baseline", "base.json")

    [finding] = json.loads((in_tmp / "base.json").read_text(encoding="utf-8"))["findings"]
    assert finding["agreement"] == "storfjell"
    assert check("avtaler/storfjell/delavtale-1.txt", "--baseline", "base.json").exit_code == 0
