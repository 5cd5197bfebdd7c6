"""Waivers: a rule that does not apply to an agreement, with the reason why.

Through the command line with a stand-in matcher (``fake_pipeline``), so each
test sets the verdicts it needs; and ``apply_waivers`` on its own.
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

from samlint.config import Config, Waiver
from samlint.discover import AgreementRef
from samlint.results import AgreementResult, RuleResult, Severity, Status
from samlint.waivers import apply_waivers

Cli = Callable[..., Result]


def test_waived_rule_keeps_evidence_gets_reason_and_does_not_fail(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    assert check_mini("avtaler/storfjell").exit_code == 1
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR)

    result = check_mini("--format", "json", "avtaler/storfjell")

    assert result.exit_code == 0, result.stderr
    rule = rules_of(result)["avtaler/storfjell"]["mini-jordmor"]
    assert rule["status"] == "waived"
    assert rule["severity"] is None
    assert rule["waiver"] == "Jordmortjenester er avtalt i egen avtale (sak 2024/117)."
    assert rule["evidence"][0]["line"] == 7
    assert json.loads(result.stdout)["summary"]["waived"] == 1
    assert stderr_lines(result) == []


def test_waived_rule_never_fails_even_with_fail_on_info(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.WEAK}
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR)

    assert check_mini("--fail-on", "info", "avtaler/storfjell").exit_code == 0
    # not waived there:
    assert check_mini("--fail-on", "info", "avtaler/lundvaer.txt").exit_code == 1


@pytest.mark.parametrize(
    "agreement",
    ["storfjell", "avtaler/storfjell", "avtaler/*", "avtaler", "avtaler/storfjell/"],
)
def test_waiver_names_a_set_by_name_path_glob_or_parent_folder(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline, agreement: str
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    write(two_agreements / ".samlint.yaml",
          "agreements:\n  storfjell: {paths: [avtaler/storfjell]}\n"
          f"waivers:\n  - {{agreement: '{agreement}', rule: 'mini-*', reason: avtalt}}\n")

    result = check_mini("--format", "json", "avtaler/storfjell/delavtale-1.txt")

    assert result.exit_code == 0, result.stderr
    assert rules_of(result)["avtaler/storfjell"]["mini-jordmor"]["status"] == "waived"


def test_waiver_paths_are_relative_to_the_config_file(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR)
    monkeypatch.chdir(two_agreements / "avtaler")

    result = check_mini("--format", "json", "storfjell")

    assert result.exit_code == 0, result.stderr
    assert rules_of(result)["storfjell"]["mini-jordmor"]["status"] == "waived"


def test_unused_waiver_is_a_one_line_warning(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR)  # mini-jordmor is covered

    result = check_mini("avtaler/storfjell")

    assert result.exit_code == 0
    assert stderr_lines(result) == [
        "samlint: .samlint.yaml: waivers[0]: unntaket brukes ikke "
        "(mini-jordmor er dekket i avtaler/storfjell)"
    ]


def test_strict_waivers_makes_an_unused_waiver_exit_1(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR)

    assert check_mini("--strict-waivers", "avtaler/storfjell").exit_code == 1
    assert check_mini("--strict-waivers", "--fail-on", "weak", "avtaler/storfjell").exit_code == 1
    assert check_mini("--strict-waivers", "--exit-zero", "avtaler/storfjell").exit_code == 0
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    assert check_mini("--strict-waivers", "avtaler/storfjell").exit_code == 0  # now it is used


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
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline,
    waivers: str, why: str | None,
) -> None:
    fake_run.statuses = {"mini-jordmor": Status.MISSING}
    write(two_agreements / ".samlint.yaml", "waivers:\n" + waivers)

    result = check_mini("avtaler/storfjell")

    assert result.exit_code == (1 if why else 0)  # the warning leaves the exit status alone
    expected = why or "waivers[0] unntar allerede det samme"
    index = 0 if why else 1
    assert stderr_lines(result) == [
        f"samlint: .samlint.yaml: waivers[{index}]: unntaket brukes ikke ({expected})"
    ]


def test_waiver_for_an_agreement_not_checked_in_this_run_is_not_judged(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    """A pre-commit run on one set must not call the other sets' waivers unused."""
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR)

    result = check_mini("--strict-waivers", "avtaler/lundvaer.txt")

    assert result.exit_code == 0
    assert stderr_lines(result) == []


def test_waiver_for_a_rule_switched_off(
    check_mini: Callable[..., Result], two_agreements: Path, fake_run: FakePipeline
) -> None:
    write(two_agreements / ".samlint.yaml", WAIVE_JORDMOR + "ignore: [mini-jordmor]\n")

    result = check_mini("avtaler/lundvaer.txt")

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
