"""GitLab Code Quality report (a JSON array of Code Climate issues).

GitLab shows these in merge requests and compares them with the target
branch by ``fingerprint``, so the fingerprint is the line-independent one
SARIF uses: moving text around does not turn a known finding into a new one.
Waived verdicts are left out (the format has no notion of an accepted
issue); unreadable files are reported as issues of their own, because in a
merge request a silently skipped file would look like a clean one.
"""

from __future__ import annotations

import json
from typing import Any

from samlint.reporting.findings import (
    error_fingerprint,
    explained_message,
    findings,
    level,
    notice_fingerprint,
    position,
    status_label,
)
from samlint.results import AgreementResult, FileError, Notice, Severity

# GitLab's levels are info, minor, major, critical, blocker. ESLint's and
# most linters' GitLab formatters map error → major and warning → minor; a
# file that could not be read at all is worse than any one finding.
GITLAB_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
FILE_ERROR_SEVERITY = "critical"
FILE_ERROR_CHECK = "samlint/file-error"


def build_gitlab(results: list[AgreementResult]) -> list[dict[str, Any]]:
    """The Code Quality issues as plain data."""
    issues = []
    for finding in findings(results, include_waived=False):
        rule, where = finding.rule, finding.location
        description = f"{rule.rule_id} {rule.title}: {status_label(rule.status)}"
        description += f" – {explained_message(rule)}"
        if rule.evidence:
            description += f" ({position(where)})"
        issues.append(
            {
                "type": "issue",
                "description": description,
                "check_name": rule.rule_id,
                "fingerprint": finding.fingerprint,
                "severity": GITLAB_SEVERITIES[level(rule)],
                "location": {"path": where.file, "lines": {"begin": max(1, where.line)}},
            }
        )
    issues.extend(_error_issue(error) for result in results for error in result.errors)
    issues.extend(_notice_issue(notice) for result in results for notice in result.notices)
    return issues


def render_gitlab(results: list[AgreementResult]) -> str:
    """The report as JSON text; GitLab reads it as UTF-8, so letters are kept."""
    return json.dumps(build_gitlab(results), ensure_ascii=False, indent=2)


def _error_issue(error: FileError) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": ("Avtalen kunne ikke vurderes: " if error.judging
                        else "Filen kunne ikke leses: ") + error.message,
        "check_name": FILE_ERROR_CHECK,
        "fingerprint": error_fingerprint(error),
        "severity": FILE_ERROR_SEVERITY,
        "location": {"path": error.file, "lines": {"begin": 1}},
    }


def _notice_issue(notice: Notice) -> dict[str, Any]:
    """A part of a file that was not read: a minor issue, so nobody takes it as checked."""
    text = f"Deler av filen er ikke lest ({notice.where()}): {notice.message}"
    return {
        "type": "issue",
        "description": text,
        "check_name": FILE_ERROR_CHECK,
        "fingerprint": notice_fingerprint(notice),
        "severity": "minor",
        "location": {"path": notice.file, "lines": {"begin": 1}},
    }
