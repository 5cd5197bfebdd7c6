"""A discovered set, once read: split by its parties, and described for the reports.

Discovery (``samlint.discover``) works from folders alone, before any file is
read. Only the text says whose agreement a file is, so the check that a
folder holds one agreement happens here, after reading and before judging:
files whose kommuner have none in common are never judged together (one
kommune's text would cover the other's missing points). They are split by
parties when every file can be placed; otherwise the set gets one error
naming the parties and how to declare the sets, and no verdicts.

A subfolder with a main agreement of its own is likewise its own agreement.
Declared sets (``agreements`` in ``.samlint.yaml``) are the user's decision
and are never split. Every judged set is described by its parties and the role
of each file, and a set whose parties are not a kommune and a helseforetak
gets a notice: it is checked, but § 6-2 does not apply to it as such.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from samlint import roles
from samlint.config import ConfigError
from samlint.documents.model import Document
from samlint.results import (
    AgreementResult,
    FileError,
    FileRole,
    Notice,
    PartyInfo,
    RuleResult,
)

NOTICE_CODE = "not-kommune-helseforetak"
MIXED_CODE = "mixed-parties"


@dataclass(slots=True)
class Part:
    """One agreement of a read set: its name in reports and its documents."""

    display: str
    documents: list[Document] = field(default_factory=list)


@cache
def _messages() -> dict[str, Any]:
    from samlint.rules import builtin_language_data

    return dict(builtin_language_data()["agreement_sets"]["messages"])


def judge_set(display: str, files: list[str], documents: Sequence[Document],
              errors: list[FileError], judge: Callable[[list[Document]], list[RuleResult]],
              *, declared: bool, left_out: Sequence[Notice] = ()) -> list[AgreementResult]:
    """The results of a read set: one per agreement it holds (``split``), each judged
    by ``judge`` and described. The set's errors, and the notices of its files left out
    unread (``left_out``), go with its first agreement; a set that cannot be split gets
    the error and no verdicts."""
    parts, mixed = split(display, documents, declared=declared)
    if mixed is not None:
        errors.append(mixed)
        parts = [Part(display)]
    results: list[AgreementResult] = []
    for part in parts:
        shown = files if len(parts) == 1 else list(
            dict.fromkeys(d.display.split("!", 1)[0] for d in part.documents))
        notices = [*(left_out if not results else ()),
                   *(notice for document in part.documents for notice in document.notices)]
        result = AgreementResult(part.display, shown, judge(part.documents),
                                 errors if not results else [], notices)
        results.append(describe(result, part.documents))
    return results


def split(display: str, documents: Sequence[Document], *, declared: bool
          ) -> tuple[list[Part], FileError | None]:
    """The agreements in a read set: itself, its parts by parties, or an error.

    Documents that name kommuner are grouped by shared kommuner (an
    interkommunal agreement names several in every file, so it stays one).
    A document naming no kommune joins the group of the documents beside it
    (same folder or zip); if those belong to several groups, nothing is
    judged: guessing would merge two agreements again.
    """
    whole = Part(display, list(documents))
    if declared or len(documents) < 2:
        return [whole], None
    profiles = [roles.profile(document) for document in documents]
    group_of = _groups([p.kommuner() for p in profiles])
    if len(set(group_of.values())) <= 1:
        return _by_own_main(display, documents, profiles) or [whole], None
    unplaced: list[str] = []
    for index, document in enumerate(documents):
        if index in group_of:
            continue
        beside = {group_of[i] for i in group_of if _home(documents[i]) == _home(document)}
        if len(beside) == 1:
            group_of[index] = beside.pop()
        else:
            unplaced.append(document.display)
    if unplaced:
        return [], _mixed(display, profiles, group_of, unplaced)
    parts: dict[int, Part] = {}
    for index, document in enumerate(documents):
        group = group_of[index]
        if group not in parts:
            names = roles.parties_of([profiles[i] for i in group_of if group_of[i] == group])
            kommuner = ", ".join(p.name for p in names if p.kind == roles.KOMMUNE)
            parts[group] = Part(f"{display} ({kommuner})")
        parts[group].documents.append(document)
    return list(parts.values()), None


def _by_own_main(display: str, documents: Sequence[Document],
                 profiles: list[roles.Profile]) -> list[Part] | None:
    """A subfolder with a main agreement of its own is its own agreement (an older
    version kept in ``arkiv/``, another kommune's set); other subfolders
    (``delavtaler/``) belong to the set. None when no subfolder has one."""
    root = display.rstrip("/") + "/"
    folders: dict[str, list[int]] = {}
    for index, document in enumerate(documents):
        file = document.display.split("!", 1)[0]
        if not file.startswith(root):
            return None
        inside = file[len(root):].split("/")
        folders.setdefault(inside[0] if len(inside) > 1 else "", []).append(index)
    own = [folder for folder, members in folders.items() if folder and any(
        profiles[i].role.role == roles.main_role() for i in members)]
    if not own or not folders.get(""):
        return None
    parts = [Part(display, [documents[i] for i in sorted(
        i for folder, members in folders.items() if folder not in own for i in members)])]
    parts += [Part(root + folder, [documents[i] for i in folders[folder]]) for folder in own]
    return parts


def _groups(kommuner: list[frozenset[str]]) -> dict[int, int]:
    """Documents (by index) that name kommuner, grouped when they share one (transitively)."""
    group_of: dict[int, int] = {}
    for index, names in enumerate(kommuner):
        if not names:
            continue
        joined = {group_of[i] for i in group_of if kommuner[i] & names}
        target = min(joined, default=index)
        for i in list(group_of):
            if group_of[i] in joined:
                group_of[i] = target
        group_of[index] = target
    return group_of


def _home(document: Document) -> str:
    """The folder (or zip) a document sits in: a zip member is beside its bundle's members."""
    return document.display.split("!", 1)[0].rsplit("/", 1)[0] if "!" in document.display \
        else str(Path(document.display).parent)


def _mixed(display: str, profiles: list[roles.Profile], group_of: dict[int, int],
           unplaced: list[str]) -> FileError:
    messages = _messages()
    names = [", ".join(p.name for p in roles.parties_of([profiles[i] for i in group_of
                                                          if group_of[i] == group])
                       if p.kind == roles.KOMMUNE)
             for group in dict.fromkeys(group_of[i] for i in sorted(group_of))]
    unsure = messages["unsure"].format(files=", ".join(unplaced))
    # The files were read; it is the set that cannot be judged as one agreement,
    # so it counts as an agreement not judged, never as an unreadable file.
    return FileError(display, MIXED_CODE, " ".join(messages["mixed_parties"].format(
        parties=" og ".join(names), unsure=unsure).split()), judging=True)


class NotOneAgreement(ConfigError):
    """A command that compares two agreements was given a folder of several sets.

    A configuration problem in the user's terms: the remedy is to point at one
    set, or to declare the sets in ``.samlint.yaml`` (reported as one line, exit 2).
    """


def one_each(results: list[AgreementResult]) -> tuple[AgreementResult, AgreementResult]:
    """The two agreements ``samlint diff`` compares; each side must be one agreement."""
    if len(results) != 2:
        raise NotOneAgreement(" ".join(_messages()["not_one_agreement"].split()))
    return results[0], results[1]


def describe(result: AgreementResult, documents: Sequence[Document]) -> AgreementResult:
    """Add the parties, each file's role and (for a set that is not a kommune–helseforetak
    agreement) the notice saying what it appears to be."""
    profiles = [roles.profile(document) for document in documents]
    parties = roles.parties_of(profiles)
    result.parties = [PartyInfo(p.name, p.kind) for p in parties]
    result.documents = [FileRole(d.display, p.role.role, p.role.number, p.role.numbers)
                        for d, p in zip(documents, profiles, strict=True)]
    if documents and not roles.is_kommune_helseforetak(parties):
        where = documents[0].display if len(documents) == 1 else result.path
        result.notices.append(Notice(where, NOTICE_CODE, _not_applicable(profiles, parties)))
    return result


def _not_applicable(profiles: list[roles.Profile], parties: Sequence[roles.Party]) -> str:
    messages = _messages()
    names = [p.name for p in parties]
    named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1] \
        if names else ""
    if any(p.role.role == roles.guide_role() for p in profiles) and not parties:
        what = messages["guide"]
    elif parties and all(p.kind == roles.NASJONAL for p in parties):
        what = messages["national"].format(parties=named)
    else:
        found = messages["found"].format(parties=named) if parties else ""
        what = messages["unknown_parties"].format(found=found)
    return " ".join(messages["not_section_6_2"].format(what=what).split())
