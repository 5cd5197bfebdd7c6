"""The baseline: known findings recorded, so only new ones fail a run.

Through the command line with a stand-in matcher (``fake_pipeline``), so each
test sets the verdicts it needs; and the baseline file on its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fake_pipeline import (
    WAIVE_JORDMOR,
    FakePipeline,
    rules_of,
    stderr_lines,
)
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


def test_write_baseline_records_findings_sorted_and_exits_0(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING, "mini-utskrivning": Status.WEAK}

    result = check_mini("avtaler/storfjell", "avtaler/lundvaer.txt",
                        "--write-baseline", "base.json")

    assert result.exit_code == 0, result.stderr
    data = json.loads((two_agreements / "base.json").read_text(encoding="utf-8"))
    assert data == {"schema": 1, "findings": [
        {"agreement": "avtaler/lundvaer.txt", "rule": "mini-jordmor", "kind": "missing"},
        {"agreement": "avtaler/lundvaer.txt", "rule": "mini-utskrivning", "kind": "intent"},
        {"agreement": "avtaler/storfjell", "rule": "mini-jordmor", "kind": "missing"},
        {"agreement": "avtaler/storfjell", "rule": "mini-utskrivning", "kind": "intent"},
    ]}
    assert stderr_lines(result) == ["samlint: base.json: grunnlinjen er skrevet med 4 funn"]
    assert [p.name for p in two_agreements.iterdir() if p.name.startswith(".base")] == []  # no temp


def test_baseline_is_byte_stable(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    check_mini("avtaler/lundvaer.txt", "avtaler/storfjell", "--write-baseline", "a.json")
    check_mini("avtaler/storfjell", "avtaler/lundvaer.txt", "--write-baseline", "b.json")

    assert (two_agreements / "a.json").read_bytes() == (two_agreements / "b.json").read_bytes()
    assert (two_agreements / "a.json").read_bytes().endswith(b"]\n}\n")


def test_waived_findings_are_not_recorded(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR)

    check_mini("avtaler/storfjell", "--write-baseline", "base.json")

    assert json.loads((two_agreements / "base.json").read_text(encoding="utf-8"))["findings"] == []


def test_baselined_findings_are_demoted_and_only_new_ones_fail(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    check_mini("avtaler/storfjell", "--write-baseline", "base.json")

    known = check_mini("--format", "json", "avtaler/storfjell", "--baseline", "base.json")
    assert known.exit_code == 0, known.stderr
    rule = rules_of(known)["avtaler/storfjell"]["mini-jordmor"]
    assert (rule["status"], rule["severity"]) == ("missing", "info")
    assert rule["message"] == PREFIX + "melding"
    assert json.loads(known.stdout)["summary"]["missing"] == 1  # totals stay true
    assert check_mini("--fail-on", "info", "avtaler/storfjell", "--baseline", "base.json"
                 ).exit_code == 0

    fake_run.statuses["mini-utskrivning"] = Status.MISSING  # a new finding
    new = check_mini("--format", "json", "avtaler/storfjell", "--baseline", "base.json")
    assert new.exit_code == 1
    assert rules_of(new)["avtaler/storfjell"]["mini-utskrivning"]["severity"] == "error"


def test_baseline_ignores_line_numbers_but_not_the_kind(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.WEAK}
    fake_run.kinds = {"mini-jordmor": "intent"}
    check_mini("avtaler/storfjell", "--write-baseline", "base.json", "--fail-on", "weak")

    fake_run.line = 93  # the text was re-flowed
    assert check_mini("--fail-on", "weak", "avtaler/storfjell", "--baseline", "base.json"
                 ).exit_code == 0
    fake_run.kinds = {"mini-jordmor": "heading"}  # the same rule, weak in another way: new
    assert check_mini("--fail-on", "weak", "avtaler/storfjell", "--baseline", "base.json"
                 ).exit_code == 1


def test_baseline_keys_are_relative_to_the_baseline_file(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    check_mini("avtaler/storfjell", "--write-baseline", "base.json")
    monkeypatch.chdir(two_agreements / "avtaler")

    result = check_mini("storfjell", "--baseline", "../base.json")

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
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline,
    content: str | None, message: str,
) -> None:
    if content is not None:
        write(two_agreements / "base.json", content)

    result = check_mini("avtaler/storfjell", "--baseline", "base.json")

    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith(message)
    assert result.stdout == ""  # refused before checking anything


def test_baseline_is_not_written_when_a_file_could_not_be_read(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    result = check_mini("avtaler/storfjell", "borte.pdf", "--write-baseline", "base.json")

    assert result.exit_code == 2
    assert not (two_agreements / "base.json").exists()
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
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    write(two_agreements / ".samlint.yaml",
          "agreements:\n  storfjell:\n    paths: [avtaler/storfjell/hovedavtale.txt, "
          "avtaler/storfjell/delavtale-1.txt]\n")

    check_mini("avtaler/storfjell/hovedavtale.txt", "--write-baseline", "base.json")

    [finding] = json.loads((two_agreements / "base.json").read_text(encoding="utf-8"))["findings"]
    assert finding["agreement"] == "storfjell"
    assert check_mini("avtaler/storfjell/delavtale-1.txt", "--baseline", "base.json").exit_code == 0
