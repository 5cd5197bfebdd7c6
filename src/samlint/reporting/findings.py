"""What the CI-facing formats have in common: findings, locations, fingerprints.

SARIF, JUnit, GitHub, GitLab, Markdown and HTML all answer the same questions
(which verdicts are findings, where to point, how a finding is recognised on
the next run); answering them once here keeps the formats from disagreeing.

A *finding* is a rule whose status is weak or missing; a waived rule is a
suppressed finding (reported, but never failing anything); covered rules are
not findings at all. Unreadable files are reported separately by each format.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from samlint.reporting.labels import STATUS_LABELS, WEAK_KIND_LABELS
from samlint.results import (
    AgreementResult,
    Evidence,
    FileError,
    Notice,
    RuleResult,
    Severity,
    Status,
)

FINGERPRINT_KEY = "samlint/v1"
FINDING_STATUSES = (Status.WEAK, Status.MISSING)

# Characters XML 1.0 forbids (and HTML treats as parse errors). PDFs and OCR
# text do contain form feeds and stray control bytes; one of them in an excerpt
# must not make a whole JUnit report unparseable.
_INVALID_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")



@dataclass(frozen=True, slots=True)
class ReportedFinding:
    """One weak, missing or waived verdict as the CI formats report it.

    The verdict paired with the agreement it belongs to, so a format can ask
    where to point and how to fingerprint it. (What the baseline records of a
    finding is ``baseline.BaselineEntry``.)
    """

    agreement: AgreementResult
    rule: RuleResult

    @property
    def suppressed(self) -> bool:
        return self.rule.status is Status.WAIVED

    @property
    def location(self) -> Evidence:
        return primary_location(self.agreement, self.rule)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.agreement.path, self.rule)


def findings(results: list[AgreementResult], *,
             include_waived: bool = True) -> Iterator[ReportedFinding]:
    """Weak and missing verdicts (and waived ones, unless excluded), in report order."""
    wanted = (*FINDING_STATUSES, Status.WAIVED) if include_waived else FINDING_STATUSES
    for result in results:
        for rule in result.rules:
            if rule.status in wanted:
                yield ReportedFinding(result, rule)


def fingerprint(agreement_path: str, rule: RuleResult) -> str:
    """A stable identity for a finding across runs.

    Built from what the finding *is* (agreement, rule, verdict, why weak), not
    where its text happens to be: re-flowing a paragraph or adding a page moves
    line numbers, and code-scanning services would otherwise close the old
    alert and open an identical new one.
    """
    parts = [agreement_path, rule.rule_id, rule.status.value, rule.weak_kind or ""]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def error_fingerprint(error: FileError) -> str:
    """Identity of an unreadable-file problem: the file and what is wrong with it."""
    parts = ["file-error", error.file, error.code]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def notice_fingerprint(notice: Notice) -> str:
    """Identity of a part of a file not read: the file, the kind of part and its pages."""
    parts = ["notice", notice.file, notice.code, *map(str, notice.pages)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def primary_file(result: AgreementResult) -> str:
    """The file a whole-agreement finding points at.

    The main agreement when a folder has one (by name), else the first file
    that could be read, else the first file, else the agreement path itself
    (a directory, or a file that does not exist).
    """
    from samlint.rules import builtin_language  # the names are language data

    main_names = builtin_language().main_document_names
    unreadable = {error.file for error in result.errors}
    readable = [file for file in result.files if file not in unreadable]
    for file in readable:
        if any(name in PurePosixPath(file).name.lower() for name in main_names):
            return file
    if readable:
        return readable[0]
    return result.files[0] if result.files else result.path


def primary_location(result: AgreementResult, rule: RuleResult) -> Evidence:
    """The first evidence, or line 1 of the agreement's main file when there is none.

    Every format needs *some* file and a line ≥ 1 (SARIF, GitHub and GitLab
    reject or drop annotations without one); a missing requirement is about the
    whole document, so it points at its start.
    """
    if rule.evidence:
        first = rule.evidence[0]
        return first if first.line >= 1 else _with_line(first, 1)
    return Evidence(file=primary_file(result), line=1, excerpt="")


def level(rule: RuleResult) -> Severity:
    """The severity a finding is reported with.

    The rule's own severity when it has one (rule files may lower a missing
    point to a warning); otherwise what its status means by default. A waived
    verdict carries no severity, and is reported as a note.
    """
    if rule.severity is not None:
        return rule.severity
    if rule.status is Status.MISSING:
        return Severity.ERROR
    if rule.status is Status.WEAK:
        return Severity.WARNING
    return Severity.INFO


def status_label(status: Status) -> str:
    """"svak": the bokmål word a reviewer reads (machine formats carry the spec's name)."""
    return STATUS_LABELS[status][0]


def weak_kind_label(rule: RuleResult) -> str | None:
    """Why a weak verdict is weak, in words; None for other verdicts."""
    if rule.status is not Status.WEAK or not rule.weak_kind:
        return None
    return WEAK_KIND_LABELS.get(rule.weak_kind, rule.weak_kind)


def new_kind(rule: RuleResult) -> str | None:
    """The weak-kind label, unless the message already starts by saying it.

    Some messages open with the reason ("Bare delvis oppfylt: …"); repeating
    it in front ("bare delvis oppfylt: Bare delvis oppfylt: …") reads as a bug.
    """
    kind = weak_kind_label(rule)
    if kind and one_line(rule.message).casefold().startswith(kind.casefold()):
        return None
    return kind


def explained_message(rule: RuleResult) -> str:
    """The message with why a weak verdict is weak in front, said once."""
    kind = new_kind(rule)
    message = one_line(rule.message)
    return f"{kind}: {message}" if kind and message else (message or kind or "")


def finding_message(rule: RuleResult) -> str:
    """The message a CI annotation shows: verdict, why weak, what to do, waiver reason."""
    kind = new_kind(rule)
    label = f"{status_label(rule.status)} – {kind}" if kind else status_label(rule.status)
    text = f"{label}: {one_line(rule.message)}" if rule.message else label
    if rule.status is Status.WAIVED and rule.waiver:
        text += f" Unntatt: {one_line(rule.waiver)}"
    return text


def position(evidence: Evidence) -> str:
    """"s. 3 l. 12 · Heading": where in the file, as the text report says it."""
    where = f"l. {evidence.line}"
    if evidence.page is not None:
        where = f"s. {evidence.page} {where}"
    if evidence.ocr:  # recognised by samlint from a page image: a word may be misread
        where += " (OCR)"
    if evidence.heading:
        where += f" · {one_line(evidence.heading)}"
    return where


def short_id(rule_id: str) -> str:
    """'hol-6-2-nr5' → 'nr5', as in the text report; other ids are kept whole."""
    return rule_id.rsplit("-", 1)[-1] if rule_id.count("-") >= 3 else rule_id


def one_line(text: str) -> str:
    """Whitespace (including newlines from PDFs) collapsed to single spaces."""
    return " ".join(text.split())


def truncate(text: str, limit: int) -> str:
    """At most ``limit`` characters on one line, cut at a word and marked with "…"."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ", limit // 2)
    return (cut[:space] if space > 0 else cut[: limit - 1]).rstrip() + "…"


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry at all."""
    return _INVALID_XML_CHARS.sub("", text)


def _with_line(evidence: Evidence, line: int) -> Evidence:
    return Evidence(evidence.file, line, evidence.excerpt, evidence.page, evidence.heading)
