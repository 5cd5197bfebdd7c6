"""Shared fixtures: a tiny rule pack, hand-made results, and a CLI runner.

Most CLI tests run against a two-rule pack written here, so they test the
command line itself and do not depend on the built-in pack or the matcher,
which are developed separately.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fake_pipeline import FakePipeline, install, mini_check, write_two_agreements
from typer.testing import CliRunner, Result

from samlint.documents.model import BlockKind
from samlint.results import AgreementResult, Evidence, FileError, RuleResult, Severity, Status
from samlint.rules import default_rule_files

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"

# The blocks every reader must give for the same numbered-list document (issue 15: one
# heading rule for DOCX, ODT and HTML) after its first section: a section with a body,
# one with none, the last before only a place and date, then a list of its own numbering.
NUMBERED_SECTIONS_AFTER_THE_FIRST = [
    ("2. IKT", BlockKind.HEADING, 1),
    ("Partene skal samarbeide om IKT-løsninger.", BlockKind.PARAGRAPH, 0),
    ("3. Felles planlegging", BlockKind.HEADING, 1),
    ("4. Underskrifter", BlockKind.HEADING, 1),
    ("Fjellvik, 1. mars 2026", BlockKind.PARAGRAPH, 0),
    ("Avvik", BlockKind.LIST_ITEM, 0),
    ("Innleggelse", BlockKind.LIST_ITEM, 0),
    ("Listen over gjelder fra 2025.", BlockKind.PARAGRAPH, 0),
]

MINI_PACK = """\
pack:
  id: mini
  title: Minipakke for tester
rules:
  - id: mini-utskrivning
    title: Utskrivningsklare pasienter
    source: hol. § 6-2 første ledd nr. 5
    law: "retningslinjer for samarbeid i tilknytning til utskrivningsklare pasienter [lovtekst]"
    guidance: Avtalen bør si når kommunen varsles.
    should_describe: [varsling av kommunen, betaling for overliggedøgn]
    match:
      headings: [utskrivningsklare pasienter]
      terms: [utskrivningsklar, varsling, overliggedøgn]
      exclude: [se delavtale]
  - id: mini-jordmor
    title: Jordmortjenester
    source: hol. § 6-2 første ledd nr. 8
    law: samarbeid om jordmortjenester
    match:
      terms: [jordmor, svangerskap]
      min_terms: 1
"""


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own cache: tests must never see each other's verdicts,
    nor write into the user's real cache."""
    directory = tmp_path_factory.mktemp("samlint-cache")
    monkeypatch.setenv("SAMLINT_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def mini_rules(tmp_path: Path) -> Path:
    """A valid two-rule pack; ids ``mini-utskrivning`` and ``mini-jordmor``."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_PACK, encoding="utf-8")
    return path


@pytest.fixture
def builtin_pack() -> Path:
    """The shipped § 6-2 pack; skips while it is still being written."""
    files = default_rule_files()
    if not files:
        pytest.skip("rules/hol-6-2.yaml does not exist yet")
    return files[0]


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the typer app in-process; stdout and stderr are kept apart."""
    from samlint.cli import app

    runner = CliRunner()

    def invoke(*args: str | os.PathLike[str]) -> Result:
        return runner.invoke(app, [str(a) for a in args])

    return invoke


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own folder as the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def run_module() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m samlint`` as a real process with piped output.

    Used where the real streams matter: tracebacks, and escape codes when
    stdout is not a terminal (FORCE_COLOR is set to make sure it is ignored).
    """

    def run(*args: str | os.PathLike[str], cwd: Path | None = None):
        env = {**os.environ, "PYTHONPATH": str(SRC), "FORCE_COLOR": "1"}
        env.pop("NO_COLOR", None)
        return subprocess.run(
            [sys.executable, "-m", "samlint", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=cwd,
            timeout=120,
        )

    return run


def make_rule(
    rule_id: str,
    status: Status,
    *,
    evidence: list[Evidence] | None = None,
    weak_kind: str | None = None,
    message: str = "",
) -> RuleResult:
    """A verdict as the matcher would hand it over, with the contract's severities."""
    severity = {
        Status.MISSING: Severity.ERROR,
        Status.WEAK: Severity.WARNING,
    }.get(status)
    return RuleResult(
        rule_id=rule_id,
        title=f"Tittel for {rule_id}",
        status=status,
        severity=severity,
        message=message or f"Vurdering av {rule_id}",
        evidence=evidence or [],
        weak_kind=weak_kind,
    )


@pytest.fixture
def rule_result() -> Callable[..., RuleResult]:
    """Build a RuleResult by hand, as the matcher would."""
    return make_rule


@pytest.fixture
def sample_results() -> list[AgreementResult]:
    """Two agreements: a folder with one unreadable file, and a single PDF."""
    evidence = Evidence(
        file="avtaler/kommune-x/delavtale-05.docx",
        line=14,
        excerpt="Kommunen varsles straks pasienten er utskrivningsklar [se vedlegg 2].",
        heading="Utskrivningsklare pasienter",
    )
    folder = AgreementResult(
        path="avtaler/kommune-x",
        files=["avtaler/kommune-x/hovedavtale.pdf", "avtaler/kommune-x/delavtale-05.docx"],
        rules=[
            make_rule("hol-6-2-nr5", Status.COVERED, evidence=[evidence]),
            make_rule("hol-6-2-nr8", Status.WEAK, weak_kind="intent"),
            make_rule("hol-6-2-nr9", Status.MISSING),
        ],
        errors=[FileError("avtaler/kommune-x/hovedavtale.pdf", "encrypted", "PDF-en er kryptert")],
    )
    pdf_evidence = Evidence(file="avtale.pdf", line=12, page=3, excerpt="Jordmor " * 40)
    single = AgreementResult(
        path="avtale.pdf",
        files=["avtale.pdf"],
        rules=[
            make_rule("hol-6-2-nr5", Status.COVERED, evidence=[pdf_evidence]),
            make_rule("hol-6-2-nr8", Status.WAIVED),
            make_rule("hol-6-2-nr9", Status.MISSING),
        ],
    )
    return [folder, single]


# The waiver and baseline tests: the stand-in pipeline (tests/fake_pipeline.py),
# two agreements under avtaler/, and a check against the mini pack.

@pytest.fixture
def fake_run(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    return install(monkeypatch, FakePipeline(line=7))


@pytest.fixture
def two_agreements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_two_agreements(tmp_path)


@pytest.fixture
def check_mini(cli: Callable[..., Result], mini_rules: Path) -> Callable[..., Result]:
    return mini_check(cli, mini_rules)
