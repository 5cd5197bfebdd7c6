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
