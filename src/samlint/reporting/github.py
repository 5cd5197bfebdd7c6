"""GitHub Actions workflow commands: annotations on the files of a pull request.

One ``::error``/``::warning``/``::notice`` line per weak or missing verdict
and per unreadable file, nothing else, so every line of the output is a
command the runner understands. Waived verdicts are left out: an annotation
cannot be marked as accepted, and showing it would undo the waiver.

Escaping follows the runner (actions/toolkit ``command.ts``): in the message
``%``, CR and LF; in properties also ``:`` and ``,``, which would otherwise
end the property list or the command.
"""

from __future__ import annotations

from samlint.reporting.findings import (
    explained_message,
    findings,
    level,
    position,
    status_label,
    truncate,
)
from samlint.results import AgreementResult, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
EXCERPT_LIMIT = 200


def render_github(results: list[AgreementResult]) -> str:
    """Workflow command lines, one per finding and file error, ending in a newline.

    Grouped by agreement (its findings, then its unreadable files), in the
    order of the other reports.
    """
    lines: list[str] = []
    for result in results:
        for finding in findings([result], include_waived=False):
            rule, where = finding.rule, finding.location
            title = f"{rule.rule_id} {status_label(rule.status)}: {rule.title}"
            message = [explained_message(rule)]
            if rule.evidence:
                excerpt = truncate(where.excerpt, EXCERPT_LIMIT)
                message.append(f"{position(where)}: «{excerpt}»")
            lines.append(
                command(COMMANDS[level(rule)], "\n".join(message),
                        file=where.file, line=str(where.line), title=title)
            )
        for error in result.errors:
            lines.append(
                command("error", error.message, file=error.file,
                        title="samlint: avtalen kunne ikke vurderes" if error.judging
                        else "samlint: filen kunne ikke leses")
            )
        for notice in result.notices:
            lines.append(
                command("warning", f"{notice.where()}: {notice.message}", file=notice.file,
                        title="samlint: deler av filen er ikke lest")
            )
    return "".join(f"{line}\n" for line in lines)


def command(name: str, message: str, **properties: str) -> str:
    """``::name key=value,…::message`` with both parts escaped for the runner."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
