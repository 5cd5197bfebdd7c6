"""GitHub-flavoured Markdown, for a pull- or merge-request comment.

A reviewer opening the comment must see what needs work first: each
agreement gets a table of its weak, missing and waived requirements, and the
covered ones are folded into a ``<details>`` block below it. Everything from
an agreement (excerpts, headings, file names) is escaped, so a ``|`` cannot
break a table and a ``<`` or ``*`` in an agreement cannot become markup.

A comment has a size limit (65 536 characters on GitHub); when a large run
would exceed it, the covered rows lose their excerpts first, are then left
out, and at last whole agreements at the end are left out, each step with a
note saying so, rather than the comment being rejected.
"""

from __future__ import annotations

from samlint.documents.own_output import MARKDOWN_MARK
from samlint.reporting import file_count, no_verdicts, relative_file, summarize
from samlint.reporting.agreement_title import agreement_title
from samlint.reporting.findings import (
    new_kind,
    one_line,
    position,
    status_label,
    truncate,
)
from samlint.reporting.text import summary_line
from samlint.results import AgreementResult, RuleResult, Status

# Lets a CI bot find and update its own comment, and a check that meets the report
# among the agreements leave it out (``documents.own_output``).
MARKER = MARKDOWN_MARK
COMMENT_LIMIT = 60_000  # GitHub's is 65 536; leave room for what a bot adds
EXCERPT_LIMIT = 120
HEADER = "| Krav | Vurdering | Hvor | Merknad |\n|---|---|---|---|"
# Backslash escapes work for every ASCII punctuation character in GFM; these
# are the ones that can start markup inside a table cell or a heading.
_SPECIAL = set("\\`*_{}[]<>|~&#!")

FULL, COMPACT, FINDINGS_ONLY = "full", "compact", "findings-only"
OMITTED_COVERED = ("_Dekkede krav er utelatt fordi kommentaren ellers ble for lang; "
                   "se tekst- eller HTML-rapporten._")


def render_markdown(results: list[AgreementResult]) -> str:
    """The comment text; shrinks the covered rows only when it would be too long."""
    for detail in (FULL, COMPACT, FINDINGS_ONLY):
        text = _render(results, detail)
        if len(text) <= COMMENT_LIMIT:
            return text
    return _render_cut(results)


def escape(text: str) -> str:
    """Text from an agreement as literal Markdown on one line (table cells are one line)."""
    return "".join(f"\\{char}" if char in _SPECIAL else char for char in one_line(text))


def _header(results: list[AgreementResult]) -> list[str]:
    return [MARKER, f"## samlint: {escape(summary_line(summarize(results)))}", ""]


def _render(results: list[AgreementResult], detail: str) -> str:
    lines = _header(results)
    for result in results:
        lines.extend(_agreement(result, detail))
    if detail == FINDINGS_ONLY:
        lines += [OMITTED_COVERED, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _render_cut(results: list[AgreementResult]) -> str:
    """As many whole agreements as fit, in order, and how many were left out."""
    lines = _header(results)
    used = len("\n".join(lines)) + len(OMITTED_COVERED) + 400  # room for the notes
    shown = 0
    for result in results:
        section = "\n".join(_agreement(result, FINDINGS_ONLY)) + "\n"
        if used + len(section) > COMMENT_LIMIT:
            break
        lines.append(section)
        used += len(section)
        shown += 1
    left = len(results) - shown
    lines += [
        OMITTED_COVERED,
        "",
        f"_{left} av {len(results)} avtaler er utelatt fordi kommentaren ellers ble for lang; "
        "se tekst-, HTML- eller SARIF-rapporten for alle._",
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _agreement(result: AgreementResult, detail: str) -> list[str]:
    count = file_count(result)  # a path that does not exist has no files to count
    files = f" ({count} {'fil' if count == 1 else 'filer'})" if count else ""
    lines = [f"### {escape(result.path)}{files}", ""]
    if title := agreement_title(result):  # parties and roles (reporting.agreement_title)
        lines += [escape(title), ""]
    if not result.rules:
        lines += [f"{no_verdicts(result).capitalize()}.", ""]
    else:
        lines += [f"{escape(summary_line(summarize([result])).split(': ', 1)[1])}", ""]
        open_rows = [rule for rule in result.rules if rule.status is not Status.COVERED]
        covered = [rule for rule in result.rules if rule.status is Status.COVERED]
        if open_rows:
            lines += [HEADER, *(_row(result, rule, detail=FULL) for rule in open_rows), ""]
        else:
            lines += ["Alle krav er dekket.", ""]
        if covered and detail != FINDINGS_ONLY:
            noun = "dekket krav" if len(covered) == 1 else "dekkede krav"
            lines += [
                "<details>",
                f"<summary>{len(covered)} {noun}</summary>",
                "",  # GFM renders Markdown inside <details> only after a blank line
                HEADER,
                *(_row(result, rule, detail=detail) for rule in covered),
                "",
                "</details>",
                "",
            ]
    if result.errors:
        lines += ["**Kunne ikke leses:**", ""]
        lines += [f"- {escape(error.file)}: {escape(error.message)}" for error in result.errors]
        lines.append("")
    if result.notices:
        lines += ["**Ikke lest:**", ""]
        lines += [f"- {escape(n.where())}: {escape(n.message)}" for n in result.notices]
        lines.append("")
    return lines


def _row(result: AgreementResult, rule: RuleResult, *, detail: str) -> str:
    requirement = f"`{rule.rule_id}` {escape(rule.title)}"
    verdict = escape(status_label(rule.status))
    where = "–"
    if rule.evidence and detail == FULL:
        first = rule.evidence[0]
        where = escape(f"{relative_file(first.file, result.path)} {position(first)}")
    return f"| {requirement} | {verdict} | {where} | {_remark(rule, detail)} |"


def _remark(rule: RuleResult, detail: str) -> str:
    if rule.status is Status.COVERED:
        if detail != FULL or not rule.evidence:
            return ""
        return f"«{escape(truncate(rule.evidence[0].excerpt, EXCERPT_LIMIT))}»"
    parts = []
    kind = new_kind(rule)
    if kind:
        parts.append(f"**{escape(kind)}.**")
    if rule.status is Status.WAIVED:
        parts.append(f"**Unntatt:** {escape(rule.waiver or 'unntatt i konfigurasjonen')}")
    elif rule.message:
        parts.append(escape(rule.message))
    if rule.status is Status.WEAK and rule.evidence:
        parts.append(f"«{escape(truncate(rule.evidence[0].excerpt, EXCERPT_LIMIT))}»")
    return " ".join(parts)
