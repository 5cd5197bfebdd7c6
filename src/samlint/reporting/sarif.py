"""SARIF 2.1.0, for GitHub code scanning, GitLab, Azure DevOps and SARIF viewers.

One run; the rules carry the statute, the guidance and what the agreement
should describe, so a reviewer reading an alert in a code-scanning UI sees the
same help as ``samlint explain``. Results are weak and missing verdicts
(waived ones as suppressed results); unreadable files are tool execution
notifications, since they are failures of the run, not findings about a text.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from samlint import __version__
from samlint.reporting.agreement_title import agreement_title
from samlint.reporting.findings import (
    FINGERPRINT_KEY,
    ReportedFinding,
    finding_message,
    findings,
    level,
    position,
)
from samlint.reporting.markdown import escape as _md
from samlint.results import AgreementResult, Evidence, FileError, Notice, RuleResult, Severity
from samlint.roles import machine_role
from samlint.rules import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
# samlint has no web site of its own yet; the statute it checks is the most
# useful page a SARIF viewer can link the tool name to.
INFORMATION_URI = "https://lovdata.no/lov/2011-06-24-30/%C2%A76-2"
SOURCE_ROOT = "%SRCROOT%"

SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def build_sarif(results: list[AgreementResult], rules: list[Rule]) -> dict[str, Any]:
    """The SARIF log as plain data.

    ``rules`` supplies the rule metadata; a result whose rule is not among them
    (a rule file changed between check and report) still gets a minimal rule
    entry, so every ``ruleIndex`` is valid.
    """
    descriptors, index = _descriptors(results, rules)
    notifications = [_notification(error) for result in results for error in result.errors]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    notifications += [_notice_notification(n) for result in results for n in result.notices]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "samlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "results": _results(results, index),
                "columnKind": "unicodeCodePoints",
                "properties": {"agreements": [_agreement(result) for result in results]},
            }
        ],
    }


def _agreement(result: AgreementResult) -> dict[str, Any]:
    """Whose agreement each checked path is, and its files' roles (``samlint.roles``)."""
    return {"path": result.path, "title": agreement_title(result),
            "parties": [{"name": p.name, "kind": p.kind} for p in result.parties],
            "documents": [{"file": d.file, "role": machine_role(d.role), "number": d.number}
                          for d in result.documents]}


def render_sarif(results: list[AgreementResult], rules: list[Rule]) -> str:
    """The SARIF log as JSON text (UTF-8 letters kept, not \\u-escaped)."""
    return json.dumps(build_sarif(results, rules), ensure_ascii=False, indent=2)


def artifact_uri(path: str) -> dict[str, str]:
    """An ``artifactLocation`` for a report path.

    Relative paths (the usual case: samlint reports paths relative to the
    working directory) stay relative to the source root, which is what GitHub
    code scanning needs to place an alert in the repository; absolute paths
    become file URIs. Spaces and non-ASCII letters are percent-encoded, as
    URIs must be.
    """
    if PurePosixPath(path).is_absolute():
        return {"uri": PurePosixPath(path).as_uri()}
    if PureWindowsPath(path).is_absolute():
        return {"uri": PureWindowsPath(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}


def _descriptors(
    results: list[AgreementResult], rules: list[Rule]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    descriptors = [_descriptor(rule) for rule in rules]
    index = {rule.id: n for n, rule in enumerate(rules)}
    for result in results:
        for verdict in result.rules:
            if verdict.rule_id not in index:
                index[verdict.rule_id] = len(descriptors)
                descriptors.append(_fallback_descriptor(verdict))
    return descriptors, index


def _descriptor(rule: Rule) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.law or rule.title},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": SARIF_LEVELS[Severity(rule.severity_missing)]},
        "properties": {"source": rule.source, "pack": rule.pack, "tags": ["samarbeidsavtale"]},
    }
    return descriptor


def _fallback_descriptor(verdict: RuleResult) -> dict[str, Any]:
    return {
        "id": verdict.rule_id,
        "name": verdict.rule_id,
        "shortDescription": {"text": verdict.title or verdict.rule_id},
    }


def _help_text(rule: Rule) -> str:
    lines = [f"{rule.title} ({rule.source})" if rule.source else rule.title]
    if rule.guidance:
        lines += ["", rule.guidance]
    if rule.should_describe:
        lines += ["", "Avtalen bør beskrive:"]
        lines += [f"- {item}" for item in rule.should_describe]
    return "\n".join(lines)


def _help_markdown(rule: Rule) -> str:
    lines = [f"**{_md(rule.title)}**" + (f" ({_md(rule.source)})" if rule.source else "")]
    if rule.law:
        lines += ["", f"> {_md(rule.law)}"]
    if rule.guidance:
        lines += ["", _md(rule.guidance)]
    if rule.should_describe:
        lines += ["", "Avtalen bør beskrive:", ""]
        lines += [f"- {_md(item)}" for item in rule.should_describe]
    return "\n".join(lines)


def _results(results: list[AgreementResult], index: dict[str, int]) -> list[dict[str, Any]]:
    """Every finding; with a baseline in use, each also says whether it is new.

    SARIF wants ``baselineState`` on all results of a run or on none, so it is
    set only when some finding is in the baseline (which means one was used).
    """
    found = list(findings(results))
    entries = [_result(finding, index) for finding in found]
    if any(finding.rule.baselined for finding in found):
        for finding, entry in zip(found, entries, strict=True):
            entry["baselineState"] = "unchanged" if finding.rule.baselined else "new"
    return entries


def _result(finding: ReportedFinding, index: dict[str, int]) -> dict[str, Any]:
    rule = finding.rule
    result: dict[str, Any] = {
        "ruleId": rule.rule_id,
        "ruleIndex": index[rule.rule_id],
        "level": SARIF_LEVELS[level(rule)],
        "message": {"text": finding_message(rule)},
        "locations": [_location(finding.location)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "agreement": finding.agreement.path,
            "status": rule.status.value,
            **({"weakKind": rule.weak_kind} if rule.weak_kind else {}),
        },
    }
    related = [_location(item, n) for n, item in enumerate(rule.evidence[1:], 1)]
    if related:
        result["relatedLocations"] = related
    if finding.suppressed:
        result["suppressions"] = [
            {"kind": "external", "justification": rule.waiver or "unntatt i konfigurasjonen"}
        ]
    return result


def _location(evidence: Evidence, location_id: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, evidence.line)}
    if evidence.excerpt:
        region["snippet"] = {"text": evidence.excerpt}
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact_uri(evidence.file), "region": region},
        # Lines of a PDF count within its page; the page and heading say where to look.
        "message": {"text": position(evidence)},
    }
    if evidence.page is not None:
        location["properties"] = {"page": evidence.page}
    if location_id is not None:
        location["id"] = location_id
    return location


def _notification(error: FileError) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": f"{error.file}: {error.message}"},
        "descriptor": {"id": error.code},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_uri(error.file)}}],
    }


def _notice_notification(notice: Notice) -> dict[str, Any]:
    """Part of a file not read: a warning notification (the run itself succeeded)."""
    return {
        "level": "warning",
        "message": {"text": f"{notice.where()}: {notice.message}"},
        "descriptor": {"id": notice.code},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_uri(notice.file)}}],
    }
