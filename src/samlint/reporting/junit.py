"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, CircleCI).

Each agreement is a test suite and each requirement a test case, so a CI test
tab lists "which agreement fails which point" with the same counts as the
text summary: missing and weak verdicts are failures (``type`` says which),
waived ones are skipped with their reason, and an unreadable file is an error
test case of its agreement. The XML is built with ElementTree, which escapes;
control characters that XML cannot carry at all are dropped first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from samlint.reporting.findings import (
    FINDING_STATUSES,
    finding_message,
    position,
    status_label,
    xml_safe,
)
from samlint.results import AgreementResult, FileError, RuleResult, Status


def render_junit(results: list[AgreementResult]) -> str:
    """The JUnit XML document, with an XML declaration, as text."""
    root = ET.Element("testsuites", _attrs(name="samlint", **_counts(results)))
    for result in results:
        _suite(root, result)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suite(root: ET.Element, result: AgreementResult) -> None:
    suite = ET.SubElement(root, "testsuite", _attrs(name=result.path, **_counts([result])))
    properties = ET.SubElement(suite, "properties")
    for file in result.files:
        ET.SubElement(properties, "property", _attrs(name="file", value=file))
    for notice in result.notices:  # part of a file not read: said, though it fails nothing
        ET.SubElement(properties, "property",
                      _attrs(name="ikke-lest", value=f"{notice.where()}: {notice.message}"))
    for rule in result.rules:
        _case(suite, result, rule)
    for error in result.errors:
        _error_case(suite, result, error)


def _case(suite: ET.Element, result: AgreementResult, rule: RuleResult) -> None:
    name = f"{rule.rule_id} – {rule.title}" if rule.title else rule.rule_id
    case = ET.SubElement(suite, "testcase", _attrs(classname=result.path, name=name))
    if rule.baselined:
        # Recorded in the baseline: known and accepted for now, and it never
        # fails a run, so it must not turn a CI test tab red either.
        ET.SubElement(case, "skipped", _attrs(message=finding_message(rule)))
    elif rule.status in FINDING_STATUSES:
        failure = ET.SubElement(
            case,
            "failure",
            _attrs(type=rule.status.value, message=finding_message(rule)),
        )
        failure.text = xml_safe(_details(rule))
    elif rule.status is Status.WAIVED:
        ET.SubElement(case, "skipped", _attrs(message=rule.waiver or "unntatt i konfigurasjonen"))


def _error_case(suite: ET.Element, result: AgreementResult, error: FileError) -> None:
    case = ET.SubElement(
        suite, "testcase", _attrs(classname=result.path, name=f"lese {error.file}")
    )
    element = ET.SubElement(case, "error", _attrs(type=error.code, message=error.message))
    element.text = xml_safe(f"{error.file}: {error.message}")


def _details(rule: RuleResult) -> str:
    """The failure body: verdict, reason, and every piece of evidence with its place."""
    lines = [status_label(rule.status), rule.message]
    for evidence in rule.evidence:
        lines.append(f"{evidence.file} {position(evidence)}: «{evidence.excerpt}»")
    return "\n".join(line for line in lines if line)


def _counts(results: list[AgreementResult]) -> dict[str, str]:
    """Counts as JUnit readers expect them: ``tests`` includes every other kind."""
    verdicts = [rule for result in results for rule in result.rules]
    errors = sum(len(result.errors) for result in results)
    skipped = sum(rule.status is Status.WAIVED or rule.baselined for rule in verdicts)
    failures = sum(rule.status in FINDING_STATUSES and not rule.baselined for rule in verdicts)
    return {
        "tests": str(len(verdicts) + errors),
        "failures": str(failures),
        "errors": str(errors),
        "skipped": str(skipped),
    }


def _attrs(**values: str) -> dict[str, str]:
    return {key: xml_safe(value) for key, value in values.items()}
