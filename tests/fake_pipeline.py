"""A stand-in for the readers and the matcher, for tests of what settings do to a run.

Configuration, waivers and the baseline act on verdicts after matching; their
tests set each rule's verdict directly instead of writing agreement text that
makes the real matcher reach it. The stand-in is installed where the run looks
the two stages up, in this one place, so a change of the run's structure is
one edit here rather than one per test module.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result
from workdir import write

from samlint.documents import Document
from samlint.results import Evidence, RuleResult, Severity, Status
from samlint.rules import Rule


class FakePipeline:
    """Every rule gets the status (and weak kind) set for its id; covered by default.

    ``line`` is the line of the one piece of evidence each verdict cites, or
    None for verdicts without evidence. ``checked`` lists, per agreement
    judged, the files it was judged from.
    """

    def __init__(self, line: int | None = None) -> None:
        self.statuses: dict[str, Status] = {}
        self.kinds: dict[str, str] = {}
        self.line = line
        # The matcher runs in a child process (samlint.runner): what it judged
        # comes back through a file, not through this object.
        self._log = Path(tempfile.mkdtemp(prefix="samlint-fake-")) / "checked.jsonl"

    @property
    def checked(self) -> list[list[str]]:
        """The files of each agreement judged, in order."""
        if not self._log.exists():
            return []
        return [json.loads(line) for line in self._log.read_text(encoding="utf-8").splitlines()]

    def read_document(self, path: Path, display: str) -> Document:
        return Document(path=path, display=display, blocks=[])

    def check_agreement(self, documents: list[Document], rules: list[Rule],
                        *_args: object) -> list[RuleResult]:
        with self._log.open("a", encoding="utf-8") as log:
            log.write(json.dumps([d.display for d in documents]) + "\n")
        results = []
        for rule in rules:
            status = self.statuses.get(rule.id, Status.COVERED)
            severity = {Status.MISSING: Severity(rule.severity_missing),
                        Status.WEAK: Severity(rule.severity_weak)}.get(status)
            evidence = ([] if self.line is None
                        else [Evidence(documents[0].display, self.line, "utdrag")])
            kind = self.kinds.get(rule.id, "intent") if status is Status.WEAK else None
            results.append(RuleResult(rule.id, rule.title, status, severity, "melding",
                                      evidence, kind))
        return results


def install(monkeypatch: pytest.MonkeyPatch, pipeline: FakePipeline) -> FakePipeline:
    """Make the run read and judge through ``pipeline`` for the rest of the test."""
    monkeypatch.setattr("samlint.documents.read_document", pipeline.read_document)
    monkeypatch.setattr("samlint.engine.check_agreement", pipeline.check_agreement)
    return pipeline


# What the waiver and baseline tests share: two agreements under avtaler/,
# checked against the mini pack (conftest's ``mini_rules``) with the stand-in.

WAIVE_JORDMOR = """\
waivers:
  - agreement: avtaler/storfjell
    rule: mini-jordmor
    reason: Jordmortjenester er avtalt i egen avtale (sak 2024/117).
"""


def write_two_agreements(root: Path) -> Path:
    """A set (storfjell/, two files) and a single file (lundvaer.txt) under avtaler/."""
    write(root / "avtaler" / "storfjell" / "hovedavtale.txt", "tekst")
    write(root / "avtaler" / "storfjell" / "delavtale-1.txt", "tekst")
    write(root / "avtaler" / "lundvaer.txt", "tekst")
    return root


def mini_check(cli: Callable[..., Result], mini_rules: Path) -> Callable[..., Result]:
    """``samlint check`` with only the mini pack and no cache."""
    def run(*args: str | Path) -> Result:
        return cli("check", "--no-cache", "--no-default-rules", "--rules", mini_rules, *args)

    return run


def rules_of(result: Result) -> dict[str, dict[str, dict[str, object]]]:
    """A JSON report's verdicts: agreement path -> rule id -> the rule's entry."""
    report = json.loads(result.stdout)
    return {a["path"]: {r["id"]: r for r in a["rules"]} for a in report["agreements"]}


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]
