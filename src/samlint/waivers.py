"""Waivers: a recorded decision that a rule does not apply to an agreement.

A municipality may settle jordmortjenester in a separate agreement, or decide
with its helseforetak that a point is handled elsewhere. Such a decision
belongs in the repository with its reason (like ``# noqa: E501`` with a
comment, but in one reviewed place): the rule is then reported as ``waived``
with the reason and its evidence, and never fails a run.

A waiver that no longer waives anything is reported, like ruff's unused
``noqa``: the point has since been covered, or the waiver names an agreement
or rule that does not exist, and a stale waiver would silently hide the next
regression.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from samlint.config import Config, Waiver, rule_matches
from samlint.discover import AgreementRef, agreement_ref
from samlint.results import AgreementResult, Status

FINDINGS = (Status.WEAK, Status.MISSING)


@dataclass(frozen=True, slots=True)
class UnusedWaiver:
    """A waiver that waived nothing in this run, and why."""

    waiver: Waiver
    why: str

    def message(self, config: Config) -> str:
        """The one-line warning, e.g. ``.samlint.yaml: waivers[0]: unntaket brukes ikke (…)``."""
        return f"{config.where(f'waivers[{self.waiver.index}]')}: unntaket brukes ikke ({self.why})"


def waiver_covers(waiver: Waiver, ref: AgreementRef, config: Config) -> bool:
    """Whether the waiver's ``agreement`` names this agreement.

    It may be the declared set's name, the agreement's path or a glob
    (relative to the config file), or a folder the agreement lies in, so one
    waiver for ``avtaler/kommune-x`` also covers a file of it checked alone.
    """
    if ref.name is not None and rule_matches(ref.name.lower(), waiver.agreement.lower()):
        return True
    if ref.path is None:
        return False
    pattern = config.absolute(waiver.agreement)
    path = PurePosixPath(ref.path)
    return any(_path_matches(str(p), pattern) for p in (path, *path.parents))


def apply_waivers(results: Sequence[AgreementResult], config: Config,
                  refs: dict[str, AgreementRef], active: Sequence[str]) -> list[UnusedWaiver]:
    """Mark waived verdicts in place, and return the waivers that waived nothing.

    The first waiver (in file order) that matches a weak or missing verdict
    takes it. A waiver whose agreement was not checked in this run is not
    judged: a pre-commit hook checks only the changed agreements, and the
    waivers of the others are not unused for that. It is reported only when
    its agreement names nothing that exists.
    """
    waivers = config.waivers
    if not waivers:
        return []
    used = [False] * len(waivers)
    checked: list[list[str]] = [[] for _ in waivers]
    taken_by: list[int | None] = [None] * len(waivers)
    for result in results:
        if not result.rules:
            continue  # nothing was read, so nothing was judged
        ref = agreement_ref(result.path, refs)
        matching = [w for w in waivers if waiver_covers(w, ref, config)]
        for waiver in matching:
            checked[waiver.index].append(result.path)
        for rule in result.rules:
            candidates = [w for w in matching if rule_matches(rule.rule_id, w.rule)]
            if not candidates or rule.status not in FINDINGS:
                continue
            first, *others = candidates
            rule.status = Status.WAIVED
            rule.severity = None
            rule.waiver = first.reason
            used[first.index] = True
            for other in others:
                if taken_by[other.index] is None:
                    taken_by[other.index] = first.index
    unused: list[UnusedWaiver] = []
    for waiver in waivers:
        if used[waiver.index]:
            continue
        why = _why_unused(waiver, checked[waiver.index], taken_by[waiver.index], config, refs,
                          active)
        if why is not None:
            unused.append(UnusedWaiver(waiver, why))
    return unused


def _why_unused(waiver: Waiver, checked: list[str], taken_by: int | None, config: Config,
                refs: dict[str, AgreementRef], active: Sequence[str]) -> str | None:
    if not any(rule_matches(rule_id, waiver.rule) for rule_id in active):
        return f"regelen «{waiver.rule}» er slått av med select/ignore"
    if checked:
        if taken_by is not None:
            return f"waivers[{taken_by}] unntar allerede det samme"
        places = ", ".join(dict.fromkeys(checked))
        return f"{waiver.rule} er dekket i {places}"
    if _names_something(waiver, config, refs):
        return None  # its agreement exists but was not checked in this run
    return f"ingen avtale passer til «{waiver.agreement}»"


def _names_something(waiver: Waiver, config: Config, refs: dict[str, AgreementRef]) -> bool:
    """Whether the waiver's agreement names a declared set or an existing path."""
    names = [group.name for group in config.agreements]
    names += [ref.name for ref in refs.values() if ref.name is not None]
    if any(rule_matches(name.lower(), waiver.agreement.lower()) for name in names):
        return True
    return bool(glob.glob(config.absolute(waiver.agreement), recursive=True))


def _path_matches(path: str, pattern: str) -> bool:
    """Paths compare case-sensitively, as on the file systems CI runs on."""
    return fnmatchcase(path, pattern)
