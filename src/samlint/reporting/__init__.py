"""Output formats for check results.

Every format counts the same way, so the totals live here: a reader comparing
the text summary with the JSON summary must see the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from samlint.results import AgreementResult, Status


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals over all agreements; ``errors`` counts files that could not be read."""

    agreements: int = 0
    covered: int = 0
    weak: int = 0
    missing: int = 0
    waived: int = 0
    errors: int = 0


def summarize(results: list[AgreementResult]) -> Summary:
    """Count verdicts by status and unreadable files over every agreement."""
    statuses = [rule.status for result in results for rule in result.rules]
    return Summary(
        agreements=len(results),
        covered=statuses.count(Status.COVERED),
        weak=statuses.count(Status.WEAK),
        missing=statuses.count(Status.MISSING),
        waived=statuses.count(Status.WAIVED),
        errors=sum(len(result.errors) for result in results),
    )
