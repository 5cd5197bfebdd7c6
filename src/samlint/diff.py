"""What a revision of an agreement changed, requirement by requirement.

Reviewers see a new version of an agreement every year and need to know what
got better, what got worse, and which text appeared or disappeared. Both
versions are checked with the same rules; this module compares the results.
Evidence is compared by its text, not by file or line, so text that only
moved, or a version saved under a new file name, is not reported as changed.
The comparison's reports (text, JSON, Markdown) are in ``reporting.diff_report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samlint.results import AgreementResult, Evidence, RuleResult, Status

RANK = {Status.MISSING: 0, Status.WEAK: 1, Status.COVERED: 2, Status.WAIVED: 2}
DIRECTIONS = ("better", "worse", "changed", "same")


@dataclass(slots=True)
class RuleChange:
    """One requirement, before and after."""

    rule_id: str
    title: str
    before: RuleResult | None
    after: RuleResult | None
    appeared: list[Evidence] = field(default_factory=list)
    disappeared: list[Evidence] = field(default_factory=list)

    @property
    def direction(self) -> str:
        """'better', 'worse', 'same' (verdict), or 'changed' (same verdict, other evidence)."""
        before = RANK[self.before.status] if self.before else 0
        after = RANK[self.after.status] if self.after else 0
        if after > before:
            return "better"
        if after < before:
            return "worse"
        return "changed" if self.appeared or self.disappeared else "same"


@dataclass(slots=True)
class AgreementDiff:
    """Two versions' results and every requirement's change, in the new version's order."""

    old: AgreementResult
    new: AgreementResult
    changes: list[RuleChange]

    @property
    def worse(self) -> bool:
        return any(change.direction == "worse" for change in self.changes)

    def counts(self) -> dict[str, int]:
        """How many requirements went each direction; every report prints these totals."""
        counts = dict.fromkeys(DIRECTIONS, 0)
        for change in self.changes:
            counts[change.direction] += 1
        return counts


def compare(old: AgreementResult, new: AgreementResult) -> AgreementDiff:
    """Pair the two versions' verdicts by rule id, and their evidence by its text."""
    before = {rule.rule_id: rule for rule in old.rules}
    after = {rule.rule_id: rule for rule in new.rules}
    order = [rule.rule_id for rule in new.rules] + [
        rule.rule_id for rule in old.rules if rule.rule_id not in after]
    changes = []
    for rule_id in order:
        was, now = before.get(rule_id), after.get(rule_id)
        old_keys = {_key(e): e for e in (was.evidence if was else [])}
        new_keys = {_key(e): e for e in (now.evidence if now else [])}
        changes.append(RuleChange(
            rule_id, (now or was).title,  # type: ignore[union-attr]
            was, now,
            appeared=[e for k, e in new_keys.items() if k not in old_keys],
            disappeared=[e for k, e in old_keys.items() if k not in new_keys],
        ))
    return AgreementDiff(old, new, changes)


def _key(evidence: Evidence) -> str:
    """Evidence identity: the text, not the line it moved to nor the file's name
    (a new version is often a file with a new name)."""
    return " ".join(evidence.excerpt.split())
