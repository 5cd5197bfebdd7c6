"""Output formats for check results.

Every format counts the same way, so the totals live here: a reader comparing
the text summary with the JSON summary must see the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from samlint.results import AgreementResult, Status

NOTHING_READ = "ingen filer kunne leses – ingen vurdering"
NOT_JUDGED = "filene er lest, men avtalen ble ikke vurdert – se feilen under"


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals over all agreements; ``errors`` counts files that could not be read,
    ``unjudged`` agreements whose judging stopped (time or memory) though their files were
    read: a different problem with a different remedy, so never counted as the other."""

    agreements: int = 0
    covered: int = 0
    weak: int = 0
    missing: int = 0
    waived: int = 0
    errors: int = 0
    unjudged: int = 0


def summarize(results: list[AgreementResult]) -> Summary:
    """Count verdicts by status, unreadable files and unjudged agreements over every agreement."""
    statuses = [rule.status for result in results for rule in result.rules]
    return Summary(
        agreements=len(results),
        covered=statuses.count(Status.COVERED),
        weak=statuses.count(Status.WEAK),
        missing=statuses.count(Status.MISSING),
        waived=statuses.count(Status.WAIVED),
        errors=sum(not error.judging for result in results for error in result.errors),
        unjudged=sum(error.judging for result in results for error in result.errors),
    )


def no_verdicts(result: AgreementResult) -> str:
    """Why an agreement without verdicts has none (lower case, no full stop): no file
    could be read, or they were read and the judging stopped."""
    return NOT_JUDGED if any(error.judging for error in result.errors) else NOTHING_READ


def unjudged_text(count: int) -> str:
    """The summary's part for agreements whose judging stopped: «1 avtale kunne ikke vurderes»."""
    return f"{count} {'avtale' if count == 1 else 'avtaler'} kunne ikke vurderes"


def relative_file(file: str, agreement_path: str) -> str:
    """A file as an agreement's rows name it: relative to its folder, which the heading names.

    A member of a zip keeps its path inside the zip (``avtalesett.zip!delavtaler/x.odt``),
    as the JSON, SARIF and HTML reports show it: the member's name alone may be in
    several folders of the zip, and the zip's name says where to look.
    """
    if agreement_path in (".", ""):
        return file
    prefix = agreement_path.rstrip("/") + "/"
    if file.startswith(prefix):
        return file[len(prefix):]
    bundle, bang, member = file.partition("!")
    return bundle.rsplit("/", 1)[-1] + bang + member


def file_count(result: AgreementResult) -> int:
    """How many files an agreement's heading counts: a zip's members, not the zip.

    A zip of six documents is six files to the reader who made it; its members
    are known by the documents read from it and the members that could not be read.
    """
    members = {d.file for d in result.documents if "!" in d.file}
    members |= {e.file for e in result.errors if "!" in e.file}
    bundles = {member.split("!", 1)[0] for member in members}
    return len([f for f in result.files if f not in bundles]) + len(members)
