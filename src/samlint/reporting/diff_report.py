"""The reports of ``samlint diff``: text, JSON and Markdown of an ``AgreementDiff``.

The comparison itself is ``samlint.diff``; like the check's formats, these
only turn its result into text, so every format shows the same changes and
the same totals.
"""

from __future__ import annotations

import json
from typing import Any

from samlint import __version__
from samlint.diff import AgreementDiff
from samlint.reporting.text import truncate
from samlint.results import Evidence, RuleResult, Status

LABELS = {Status.COVERED: "dekket", Status.WEAK: "svak", Status.MISSING: "mangler",
          Status.WAIVED: "unntatt", None: "–"}


def render_json(diff: AgreementDiff) -> str:
    """The whole comparison for tools: both verdicts, the change, the text that came and went."""
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
        "summary": diff.counts(),
        "errors": [{"file": e.file, "code": e.code, "message": e.message}
                   for e in [*diff.old.errors, *diff.new.errors]],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_markdown(diff: AgreementDiff) -> str:
    """A table of the requirements that changed, for a pull-request comment."""
    counts = diff.counts()
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
        texts = [f"+ «{_cell(truncate(e.excerpt, 120))}»" for e in change.appeared[:2]]
        texts += [f"− «{_cell(truncate(e.excerpt, 120))}»" for e in change.disappeared[:2]]
        lines.append(
            f"| {change.rule_id} {_cell(change.title)} | {_label(change.before)} | "
            f"{_label(change.after)} | {DIRECTION_WORDS[change.direction]} | "
            f"{'<br>'.join(texts)} |")
    return "\n".join(lines) + "\n"


def render_text(diff: AgreementDiff) -> str:
    """Plain lines; the CLI prints them through rich for colour on a terminal."""
    counts = diff.counts()
    out = [f"{diff.old.path} → {diff.new.path}"]
    for change in diff.changes:
        out.append(f"  {change.rule_id:<16} {_label(change.before):<8} → "
                   f"{_label(change.after):<8} {DIRECTION_WORDS[change.direction]}")
        out += [f"      + {_where(e)}: «{truncate(e.excerpt)}»" for e in change.appeared[:2]]
        out += [f"      − {_where(e)}: «{truncate(e.excerpt)}»" for e in change.disappeared[:2]]
    out.append(f"{counts['worse']} verre, {counts['better']} bedre, {counts['changed']} med "
               f"endret tekst, {counts['same']} uendret")
    return "\n".join(out) + "\n"


DIRECTION_WORDS = {"better": "bedre", "worse": "verre", "same": "uendret",
                   "changed": "endret tekst"}


def _label(result: RuleResult | None) -> str:
    return LABELS[result.status if result else None]


def _where(evidence: Evidence) -> str:
    page = f" s. {evidence.page}" if evidence.page is not None else ""
    return f"{evidence.file.rsplit('/', 1)[-1]}{page} l. {evidence.line}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
