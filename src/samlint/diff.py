"""What a revision of an agreement changed, requirement by requirement.

Reviewers see a new version of an agreement every year and need to know what
got better, what got worse, and which text appeared or disappeared. Both
versions are checked with the same rules; this module compares the results.
Evidence is compared by its text, not by file or line, so text that only
moved, or a version saved under a new file name, is not reported as changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from samlint import __version__
from samlint.results import AgreementResult, Evidence, RuleResult, Status

RANK = {Status.MISSING: 0, Status.WEAK: 1, Status.COVERED: 2, Status.WAIVED: 2}
LABELS = {Status.COVERED: "dekket", Status.WEAK: "svak", Status.MISSING: "mangler",
          Status.WAIVED: "unntatt", None: "–"}


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
    old: AgreementResult
    new: AgreementResult
    changes: list[RuleChange]

    @property
    def worse(self) -> bool:
        return any(change.direction == "worse" for change in self.changes)


def compare(old: AgreementResult, new: AgreementResult) -> AgreementDiff:
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


# ------------------------------------------------------------------- rendering


def render_json(diff: AgreementDiff) -> str:
    def rule(result: RuleResult | None) -> dict[str, Any] | None:
        if result is None:
            return None
        return {"status": result.status.value, "weak_kind": result.weak_kind,
                "message": result.message}

    def evidence(item: Evidence) -> dict[str, Any]:
        return {"file": item.file, "page": item.page, "line": item.line,
                "heading": item.heading, "excerpt": item.excerpt}

    document = {
        "schema_version": 1,
        "tool": {"name": "samlint", "version": __version__},
        "old": {"path": diff.old.path, "files": diff.old.files},
        "new": {"path": diff.new.path, "files": diff.new.files},
        "rules": [
            {"id": c.rule_id, "title": c.title, "change": c.direction,
             "before": rule(c.before), "after": rule(c.after),
             "appeared": [evidence(e) for e in c.appeared],
             "disappeared": [evidence(e) for e in c.disappeared]}
            for c in diff.changes
        ],
        "summary": _counts(diff),
        "errors": [{"file": e.file, "code": e.code, "message": e.message}
                   for e in [*diff.old.errors, *diff.new.errors]],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_markdown(diff: AgreementDiff) -> str:
    counts = _counts(diff)
    lines = [
        f"### samlint diff: `{_cell(diff.old.path)}` → `{_cell(diff.new.path)}`",
        "",
        f"{counts['worse']} verre, {counts['better']} bedre, {counts['changed']} med endret "
        f"tekst, {counts['same']} uendret.",
        "",
        "| Krav | Før | Etter | Endring | Tekst som kom til / forsvant |",
        "|---|---|---|---|---|",
    ]
    for change in diff.changes:
        if change.direction == "same":
            continue
        texts = [f"+ «{_cell(e.excerpt[:120])}»" for e in change.appeared[:2]]
        texts += [f"− «{_cell(e.excerpt[:120])}»" for e in change.disappeared[:2]]
        lines.append(
            f"| {change.rule_id} {_cell(change.title)} | {_label(change.before)} | "
            f"{_label(change.after)} | {DIRECTIONS[change.direction]} | {'<br>'.join(texts)} |")
    return "\n".join(lines) + "\n"


def render_text(diff: AgreementDiff) -> str:
    """Plain lines; the CLI prints them through rich for colour on a terminal."""
    counts = _counts(diff)
    out = [f"{diff.old.path} → {diff.new.path}"]
    for change in diff.changes:
        out.append(f"  {change.rule_id:<16} {_label(change.before):<8} → "
                   f"{_label(change.after):<8} {DIRECTIONS[change.direction]}")
        out += [f"      + {_where(e)}: «{e.excerpt[:100]}»" for e in change.appeared[:2]]
        out += [f"      − {_where(e)}: «{e.excerpt[:100]}»" for e in change.disappeared[:2]]
    out.append(f"{counts['worse']} verre, {counts['better']} bedre, {counts['changed']} med "
               f"endret tekst, {counts['same']} uendret")
    return "\n".join(out) + "\n"


DIRECTIONS = {"better": "bedre", "worse": "verre", "same": "uendret", "changed": "ny tekst"}


def _counts(diff: AgreementDiff) -> dict[str, int]:
    counts = dict.fromkeys(("better", "worse", "changed", "same"), 0)
    for change in diff.changes:
        counts[change.direction] += 1
    return counts


def _label(result: RuleResult | None) -> str:
    return LABELS[result.status if result else None]


def _where(evidence: Evidence) -> str:
    page = f" s. {evidence.page}" if evidence.page is not None else ""
    return f"{evidence.file.rsplit('/', 1)[-1]}{page} l. {evidence.line}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
