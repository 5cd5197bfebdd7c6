"""Waivers (a rule that does not apply, with a reason) and the baseline (known findings)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
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
from samlint.config import Config, Waiver, parse_config
from samlint.discover import AgreementRef
from samlint.documents import Document
from samlint.results import AgreementResult, Evidence, RuleResult, Severity, Status
from samlint.rules import Rule
from samlint.waivers import apply_waivers

Cli = Callable[..., Result]


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


class FakePipeline:
    """Readers and matcher stand-ins with a status, weak kind and evidence line per rule."""

    def __init__(self) -> None:
        self.statuses: dict[str, Status] = {}
        self.kinds: dict[str, str] = {}
        self.line = 7

    def read_document(self, path: Path, display: str, *, workers: int = 1) -> Document:
        return Document(path=path, display=display, blocks=[])

    def check_agreement(self, documents: list[Document], rules: list[Rule],
                        *_args: object) -> list[RuleResult]:
        results = []
        for rule in rules:
            status = self.statuses.get(rule.id, Status.COVERED)
            severity = {Status.MISSING: Severity.ERROR, Status.WEAK: Severity.WARNING}.get(status)
            evidence = [Evidence(documents[0].display, self.line, "utdrag")]
            kind = self.kinds.get(rule.id, "intent") if status is Status.WEAK else None
            results.append(RuleResult(rule.id, rule.title, status, severity, "melding",
                                      evidence, kind))
        return results


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    pipeline = FakePipeline()
    monkeypatch.setattr("samlint.documents.read_document", pipeline.read_document)
    monkeypatch.setattr("samlint.engine.check_agreement", pipeline.check_agreement)
    return pipeline


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


# Waivers -------------------------------------------------------------------------


def test_waived_rule_keeps_evidence_gets_reason_and_does_not_fail(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    assert check("avtaler/storfjell").exit_code == 1
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR)

    result = check("--format", "json", "avtaler/storfjell")

    assert result.exit_code == 0, result.stderr
    rule = rules_of(result)["avtaler/storfjell"]["mini-jordmor"]
    assert rule["status"] == "waived"
    assert rule["severity"] is None
    assert rule["waiver"] == "Jordmortjenester er avtalt i egen avtale (sak 2024/117)."
    assert rule["evidence"][0]["line"] == 7
    assert json.loads(result.stdout)["summary"]["waived"] == 1
    assert stderr_lines(result) == []


def test_waived_rule_never_fails_even_with_fail_on_info(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    fake.statuses = {"mini-jordmor": Status.WEAK}
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR)

    assert check("--fail-on", "info", "avtaler/storfjell").exit_code == 0
    assert check("--fail-on", "info", "avtaler/lundvaer.txt").exit_code == 1  # not waived there


@pytest.mark.parametrize(
    "agreement",
    ["storfjell", "avtaler/storfjell", "avtaler/*", "avtaler", "avtaler/storfjell/"],
)
def test_waiver_names_a_set_by_name_path_glob_or_parent_folder(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline, agreement: str
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    write(in_tmp / ".samlint.yaml",
          "agreements:\n  storfjell: {paths: [avtaler/storfjell]}\n"
          f"waivers:\n  - {{agreement: '{agreement}', rule: 'mini-*', reason: avtalt}}\n")

    result = check("--format", "json", "avtaler/storfjell/delavtale-1.txt")

    assert result.exit_code == 0, result.stderr
    assert rules_of(result)["avtaler/storfjell"]["mini-jordmor"]["status"] == "waived"


def test_waiver_paths_are_relative_to_the_config_file(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR)
    monkeypatch.chdir(in_tmp / "avtaler")

    result = check("--format", "json", "storfjell")

    assert result.exit_code == 0, result.stderr
    assert rules_of(result)["storfjell"]["mini-jordmor"]["status"] == "waived"


def test_unused_waiver_is_a_one_line_warning(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR)  # mini-jordmor is covered

    result = check("avtaler/storfjell")

    assert result.exit_code == 0
    assert stderr_lines(result) == [
        "samlint: .samlint.yaml: waivers[0]: unntaket brukes ikke "
        "(mini-jordmor er dekket i avtaler/storfjell)"
    ]


def test_strict_waivers_makes_an_unused_waiver_exit_1(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR)

    assert check("--strict-waivers", "avtaler/storfjell").exit_code == 1
    assert check("--strict-waivers", "--fail-on", "weak", "avtaler/storfjell").exit_code == 1
    assert check("--strict-waivers", "--exit-zero", "avtaler/storfjell").exit_code == 0
    fake.statuses = {"mini-jordmor": Status.MISSING}
    assert check("--strict-waivers", "avtaler/storfjell").exit_code == 0  # now it is used


@pytest.mark.parametrize(
    ("waivers", "why"),
    [
        ("  - {agreement: avtaler/borte, rule: mini-jordmor, reason: x}\n",
         "ingen avtale passer til «avtaler/borte»"),
        ("  - {agreement: avtaler/storfjell, rule: mini-jordmor, reason: x}\n"
         "  - {agreement: 'avtaler/*', rule: 'mini-*', reason: y}\n",
         None),  # the second one is reported, see below
    ],
)
def test_why_a_waiver_is_unused(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline, waivers: str, why: str | None
) -> None:
    fake.statuses = {"mini-jordmor": Status.MISSING}
    write(in_tmp / ".samlint.yaml", "waivers:\n" + waivers)

    result = check("avtaler/storfjell")

    assert result.exit_code == (1 if why else 0)  # the warning leaves the exit status alone
    expected = why or "waivers[0] unntar allerede det samme"
    index = 0 if why else 1
    assert stderr_lines(result) == [
        f"samlint: .samlint.yaml: waivers[{index}]: unntaket brukes ikke ({expected})"
    ]


def test_waiver_for_an_agreement_not_checked_in_this_run_is_not_judged(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    """A pre-commit run on one set must not call the other sets' waivers unused."""
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR)

    result = check("--strict-waivers", "avtaler/lundvaer.txt")

    assert result.exit_code == 0
    assert stderr_lines(result) == []


def test_waiver_for_a_rule_switched_off(
    check: Callable[..., Result], in_tmp: Path, fake: FakePipeline
) -> None:
    write(in_tmp / ".samlint.yaml", WAIVE_JORDMOR + "ignore: [mini-jordmor]\n")

    result = check("avtaler/lundvaer.txt")

    assert stderr_lines(result) == [
        "samlint: .samlint.yaml: waivers[0]: unntaket brukes ikke "
        "(regelen «mini-jordmor» er slått av med select/ignore)"
    ]


def test_apply_waivers_first_waiver_in_file_order_wins(tmp_path: Path) -> None:
    config = Config(root=tmp_path, waivers=(
        Waiver(0, "a.pdf", "r1", "første"), Waiver(1, "*", "r*", "andre"),
    ))
    rules = [RuleResult("r1", "R1", Status.WEAK, Severity.WARNING, "m", [], "intent"),
             RuleResult("r2", "R2", Status.MISSING, Severity.ERROR, "m")]
    result = AgreementResult("a.pdf", ["a.pdf"], rules)
    refs = {"a.pdf": AgreementRef("a.pdf", (tmp_path / "a.pdf").as_posix())}

    unused = apply_waivers([result], config, refs, ["r1", "r2"])

    assert [(r.status, r.waiver) for r in rules] == [
        (Status.WAIVED, "første"), (Status.WAIVED, "andre")
    ]
    assert unused == []


# Baseline ------------------------------------------------------------------------


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


def test_parse_config_keeps_waiver_order_and_index() -> None:
    config = parse_config({"waivers": [
        {"agreement": "b", "rule": "R2", "reason": "  to   mellomrom "},
        {"agreement": "a", "rule": "r1", "reason": "en"},
    ]}, root=Path("/prosjekt"))

    assert config.waivers == (Waiver(0, "b", "r2", "to mellomrom"), Waiver(1, "a", "r1", "en"))
