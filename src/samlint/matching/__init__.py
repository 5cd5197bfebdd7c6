"""From documents and rules to verdicts: normalise, find sections, judge."""

from __future__ import annotations

from datetime import date

from samlint.documents.model import Document
from samlint.results import RuleResult
from samlint.rules import Rule


def check_agreement(documents: list[Document], rules: list[Rule],
                    as_of: date | None = None, workers: int = 1) -> list[RuleResult]:
    """Judge every rule over the whole agreement set; one result per rule, in rule order.

    ``as_of`` is the day date rules measure against (default: today);
    ``workers`` the processes a long agreement may be judged in.
    """
    from samlint.matching.verdicts import judge_agreement

    return judge_agreement(documents, rules, as_of, workers)
