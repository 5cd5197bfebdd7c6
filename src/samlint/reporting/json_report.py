"""The machine-readable report (schema version 1).

CI jobs and the accuracy benchmark parse this, so the field names and meanings
follow /work/shared/spec/json-output.md exactly; new fields may be added
(``title``, ``weak_kind``), existing ones never renamed.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from samlint import __version__
from samlint.reporting import summarize
from samlint.results import AgreementResult, Evidence, FileError, Notice, RuleResult
from samlint.roles import machine_role

SCHEMA_VERSION = 1


def build_report(results: list[AgreementResult]) -> dict[str, Any]:
    """The whole report as plain data, ready for ``json.dumps``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "samlint", "version": __version__},
        "agreements": [_agreement(result) for result in results],
        "summary": asdict(summarize(results)),
    }


def render_json(results: list[AgreementResult]) -> str:
    """The report as text; Norwegian letters are kept as they are, not escaped."""
    return json.dumps(build_report(results), ensure_ascii=False, indent=2)


def _agreement(result: AgreementResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "files": list(result.files),
        "rules": [_rule(rule) for rule in result.rules],
        "errors": [_error(error) for error in result.errors],
        "notices": [_notice(notice) for notice in result.notices],
        "parties": [{"name": party.name, "kind": party.kind} for party in result.parties],
        "documents": [{"file": d.file, "role": machine_role(d.role), "number": d.number,
                       "numbers": list(d.numbers)} for d in result.documents],
    }


def _rule(rule: RuleResult) -> dict[str, Any]:
    return {
        "id": rule.rule_id,
        "title": rule.title,
        "status": rule.status.value,
        "severity": rule.severity.value if rule.severity is not None else None,
        "weak_kind": rule.weak_kind,
        "message": rule.message,
        "evidence": [_evidence(item) for item in rule.evidence],
        **({"waiver": rule.waiver} if rule.waiver is not None else {}),
    }


def _evidence(item: Evidence) -> dict[str, Any]:
    """One evidence object; ``"ocr": true`` only for text samlint recognised itself,
    so the output for every other input stays as it was."""
    return {
        "file": item.file,
        "page": item.page,
        "line": item.line,
        "heading": item.heading,
        "excerpt": item.excerpt,
        **({"ocr": True} if item.ocr else {}),
    }


def _error(error: FileError) -> dict[str, Any]:
    """``"judging": true`` only where the agreement's judging stopped, not a file's reading."""
    return {"file": error.file, "code": error.code, "message": error.message,
            **({"judging": True} if error.judging else {})}


def _notice(notice: Notice) -> dict[str, Any]:
    return {"file": notice.file, "code": notice.code, "message": notice.message,
            "pages": list(notice.pages)}
