"""Date rules (``kind: dates``): the agreement's latest date against the yearly
review, and the amendments it predates."""

from __future__ import annotations

from datetime import date

from samlint.matching.corpus import Corpus
from samlint.matching.dates import agreement_dates, months_between
from samlint.matching.evidence import cite, missing
from samlint.matching.grading import WeakKind
from samlint.results import Evidence, RuleResult, Severity, Status
from samlint.rules import Rule

EVIDENCE_ITEMS = 3
DATE_FORMAT = "%d.%m.%Y"


def judge_date_rule(corpus: Corpus, rule: Rule, results: dict[str, RuleResult],
                    as_of: date) -> RuleResult:
    """The verdict on the agreement's dates; may add the amendment's note to
    the verdicts (in ``results``) of the rules the amendment introduced."""
    check = rule.dates
    assert check is not None
    found = agreement_dates([document.blocks for document in corpus.documents], check.labels)
    if not found:
        return missing(rule, rule.message("missing"))
    # A labelled date ("vedtatt", "revidert") says when the agreement was made;
    # an unlabelled one (a signature line) counts only when there is none.
    candidates = [f for f in found if f.labelled] or found
    latest = max(candidates, key=lambda f: f.value)
    evidence: list[Evidence] = []
    for item in sorted(candidates, key=lambda f: f.value, reverse=True):
        shown = cite(corpus, item.seq)
        if shown not in evidence and len(evidence) < EVIDENCE_ITEMS:
            evidence.append(shown)
    if check.in_force is not None and latest.value < check.in_force:
        for rule_id in check.amended_rules:
            amended = results.get(rule_id)
            if amended is not None and amended.status is not Status.COVERED:
                amended.message = f"{amended.message} {check.note}".strip()
    age = months_between(latest.value, as_of)
    shown_date = latest.value.strftime(DATE_FORMAT)
    if age > check.review_months:
        kind = WeakKind.STALE
        message = rule.message(f"weak.{kind}", date=shown_date, months=age,
                               as_of=as_of.strftime(DATE_FORMAT))
        return RuleResult(rule.id, rule.title, Status.WEAK, Severity(rule.severity_weak),
                          message, evidence, weak_kind=str(kind))
    return RuleResult(rule.id, rule.title, Status.COVERED, None,
                      rule.message("covered", date=shown_date), evidence)
