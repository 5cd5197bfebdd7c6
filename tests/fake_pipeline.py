"""A stand-in for the readers and the matcher, for tests of what settings do to a run.

Configuration, waivers and the baseline act on verdicts after matching; their
tests set each rule's verdict directly instead of writing agreement text that
makes the real matcher reach it. The stand-in is installed where the run looks
the two stages up, in this one place, so a change of the run's structure is
one edit here rather than one per test module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
        self.checked: list[list[str]] = []

    def read_document(self, path: Path, display: str, *, workers: int = 1) -> Document:
        return Document(path=path, display=display, blocks=[])

    def check_agreement(self, documents: list[Document], rules: list[Rule],
                        *_args: object) -> list[RuleResult]:
        self.checked.append([d.display for d in documents])
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
