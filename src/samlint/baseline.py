"""The baseline: today's findings, recorded so that only new ones fail a run.

A municipality adopting samlint in CI has forty known gaps it cannot fix this
week; without a baseline the job is red until all are fixed, and red jobs are
ignored. ``--write-baseline FILE`` records the findings; ``--baseline FILE``
then fails only on findings not in it.

A finding is keyed by the agreement's path (relative to the baseline file's
folder, so the file works from any working directory and on any machine), the
rule id and its kind (``missing`` or the weak kind). Never by line numbers or
text: re-flowing a paragraph must not turn a known gap into a new one. A
finding that changes kind (from ``missing`` to ``weak``/``intent``) is new,
since the reviewer has not seen it in that form.

Findings in the baseline stay in every report with their status, so the
totals stay true, but are demoted: severity ``info``, the message prefix
``(i grunnlinjen)``, and ``RuleResult.baselined`` set, which the exit status
never counts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samlint.discover import AgreementRef, agreement_ref, display_path
from samlint.results import AgreementResult, RuleResult, Severity, Status

SCHEMA = 1
PREFIX = "(i grunnlinjen) "
FINDINGS = (Status.WEAK, Status.MISSING)
REWRITE_HINT = "lag den på nytt med --write-baseline"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file."""


@dataclass(frozen=True, slots=True, order=True)
class BaselineEntry:
    """One finding as the baseline records it: which agreement, which rule, what kind.

    Only the identity that survives edits to the text; nothing of where the
    finding was or what it said.
    """

    agreement: str
    rule: str
    kind: str


@dataclass(frozen=True, slots=True)
class Baseline:
    """The recorded findings and the folder their agreement paths are relative to."""

    findings: frozenset[BaselineEntry]
    base: Path


def finding_kind(rule: RuleResult) -> str:
    """``missing``, or for a weak verdict its weak kind (``weak`` if it has none)."""
    if rule.status is Status.MISSING:
        return "missing"
    return rule.weak_kind or "weak"


def agreement_key(ref: AgreementRef, base: Path) -> str:
    """The agreement as the baseline names it: its path relative to ``base``, or its set name."""
    if ref.path is None:
        return ref.name or ref.display
    try:
        return Path(os.path.relpath(ref.path, base)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return ref.path


def collect_findings(results: Iterable[AgreementResult], refs: dict[str, AgreementRef],
                     base: Path) -> list[BaselineEntry]:
    """Every weak or missing verdict of the run, sorted and without duplicates.

    Waived verdicts are not findings; baselined ones still are, so rewriting a
    baseline keeps what it had.
    """
    found: set[BaselineEntry] = set()
    for result in results:
        key = agreement_key(agreement_ref(result.path, refs), base)
        found.update(BaselineEntry(key, rule.rule_id, finding_kind(rule))
                     for rule in result.rules if rule.status in FINDINGS)
    return sorted(found)


def write_baseline(path: Path, findings: Sequence[BaselineEntry]) -> None:
    """Write the baseline atomically: a reader never sees half a file.

    Sorted, indented and with a final newline, so the same findings always
    give the same bytes and a change reads well in a diff.
    """
    document = {
        "schema": SCHEMA,
        "findings": [
            {"agreement": f.agreement, "rule": f.rule, "kind": f.kind} for f in sorted(findings)
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    target = Path(os.path.abspath(path))
    import tempfile  # only writing a baseline needs it, not every check (6 ms)

    try:
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                                 suffix=".tmp")
    except OSError as exc:
        raise BaselineError(f"{display_path(path)}: kan ikke skrives ({_reason(exc)})") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise BaselineError(f"{display_path(path)}: kan ikke skrives ({_reason(exc)})") from None


def read_baseline(path: Path) -> Baseline:
    """Read and validate a baseline; any problem is one line naming the file."""
    shown = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{shown}: grunnlinjen finnes ikke – lag den med "
                            f"--write-baseline {shown}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{shown}: grunnlinjen kan ikke leses ({_reason(exc)})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{shown}: grunnlinjen er ikke gyldig JSON (linje {exc.lineno}) – "
                            f"{REWRITE_HINT}") from None
    findings = _parse(data, shown)
    return Baseline(frozenset(findings), Path(os.path.abspath(path)).parent)


def _parse(data: Any, shown: str) -> list[BaselineEntry]:
    def bad(where: str) -> BaselineError:
        return BaselineError(f"{shown}: ikke en samlint-grunnlinje ({where}) – {REWRITE_HINT}")

    if not isinstance(data, dict) or "findings" not in data:
        raise bad("mangler findings")
    if data.get("schema") != SCHEMA:
        raise bad(f"schema er {data.get('schema')!r}, ventet {SCHEMA}")
    items = data["findings"]
    if not isinstance(items, list):
        raise bad("findings er ikke en liste")
    findings = []
    for number, item in enumerate(items):
        if not isinstance(item, dict):
            raise bad(f"findings[{number}] er ikke et objekt")
        for field in ("agreement", "rule", "kind"):
            if not isinstance(item.get(field), str) or not item[field]:
                raise bad(f"findings[{number}].{field} mangler")
        findings.append(BaselineEntry(item["agreement"], item["rule"], item["kind"]))
    return findings


def apply_baseline(results: Iterable[AgreementResult], baseline: Baseline,
                   refs: dict[str, AgreementRef]) -> int:
    """Demote, in place, every finding the baseline records; return how many."""
    demoted = 0
    for result in results:
        key = agreement_key(agreement_ref(result.path, refs), baseline.base)
        for rule in result.rules:
            if rule.status not in FINDINGS or rule.baselined:
                continue
            if BaselineEntry(key, rule.rule_id, finding_kind(rule)) in baseline.findings:
                rule.baselined = True
                rule.severity = Severity.INFO
                rule.message = PREFIX + rule.message
                demoted += 1
    return demoted


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__
