"""What a review copy says and where: the check's findings turned into notes.

Every writer (Word comments, PDF annotations, the HTML copy) places the same
notes, so the texts and the choice of place are made once, here. A note is
anchored on a piece of evidence (a weak finding: its first evidence), after
a section (a missing finding, where § 6-2's order would put it), or on the
title (the summary, and a missing finding when the agreement does not follow
the order). Nothing here knows a topic or a statute: the words of a finding
are the rule's own (message, title, what the guide says to describe).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Protocol, TypeVar

from samlint import __version__
from samlint.documents.model import BlockKind
from samlint.reporting.findings import level, new_kind, one_line, primary_file, status_label
from samlint.results import AgreementResult, Evidence, RuleResult, Severity, Status
from samlint.rules import Rule

AUTHOR = "samlint"
INITIALS = "SL"

TITLE_WINDOW = 5  # the title is the first heading among the first few blocks
_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember")


@dataclass(frozen=True, slots=True)
class Note:
    """One comment of a review copy.

    ``anchor``: the evidence the note sits on (None: the title). ``after``:
    for a missing finding placed in § 6-2's order, the evidence of the nearest
    preceding section; the note sits on that section's heading.
    """

    rule_id: str
    status: Status
    text: str
    anchor: Evidence | None = None
    after: Evidence | None = None

    @property
    def summary(self) -> bool:
        return not self.rule_id


@dataclass(slots=True)
class FilePlan:
    """The notes of one file's review copy, the summary first."""

    display: str
    notes: list[Note] = field(default_factory=list)


def norwegian_date(day: date) -> str:
    """«6. desember 2026», as a case officer writes a date."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def is_shown(rule: RuleResult, *, info: bool) -> bool:
    """A finding the copy comments: weak or missing, info-level ones only with ``--info``."""
    if rule.status not in (Status.WEAK, Status.MISSING):
        return False
    return info or level(rule) is not Severity.INFO


def finding_text(rule: RuleResult, known: Rule | None, *, placed_after: bool = False) -> str:
    """The comment for one finding: the verdict, its message, what the guide asks for."""
    kind = new_kind(rule)
    head = f"samlint: {rule.title} ({rule.rule_id}) – {status_label(rule.status)}"
    lines = [f"{head} – {kind}" if kind else head]
    if rule.message:
        lines.append(one_line(rule.message))
    if known is not None and known.should_describe:
        lines.append("Veilederen sier at avtalen bør beskrive:")
        lines.extend(f"– {one_line(item)}" for item in known.should_describe)
    if placed_after:
        # The pack's order (§ 6-2's for the built-in pack; a user's pack has its own).
        lines.append("(Satt ved avsnittet foran, der punktet hører hjemme etter "
                     "rekkefølgen i regelpakken.)")
    return "\n".join(lines)


def summary_text(result: AgreementResult, packs: list[str], day: date, *,
                 display: str, main: str) -> str:
    """The first comment: what was checked, when, with what, and the counts."""
    counts = {status: sum(r.status is status for r in result.rules) for status in Status}
    lines = [
        f"samlint {__version__} – kontroll {norwegian_date(day)}",
        f"Avtale: {result.path} ({len(result.files)} fil{'er' if len(result.files) != 1 else ''})",
        f"{counts[Status.COVERED]} dekket, {counts[Status.WEAK]} "
        f"{'svak' if counts[Status.WEAK] == 1 else 'svake'}, "
        f"{counts[Status.MISSING]} mangler av {len(result.rules)} krav"
        + (f", {counts[Status.WAIVED]} unntatt" if counts[Status.WAIVED] else ""),
        f"Regelpakker: {', '.join(packs) or '–'}",
    ]
    if display == main:
        lines.append("Svake punkter er kommentert der teksten står; manglende punkter ved "
                     "tittelen eller ved avsnittet der de hører hjemme.")
    else:
        lines.append(f"Svake punkter er kommentert der teksten står; manglende punkter i "
                     f"hoveddokumentet {main}.")
    lines.extend(f"Ikke lest: {error.file} – {one_line(error.message)}" for error in result.errors)
    lines.extend(f"Ikke lest: {notice.where()} – {one_line(notice.message)}"
                 for notice in result.notices)
    return "\n".join(lines)


def plan_files(result: AgreementResult, rules: list[Rule], *, info: bool, day: date,
               packs: list[str]) -> dict[str, FilePlan]:
    """The notes of every readable file of one agreement, by display path.

    A weak finding goes to the file of its first evidence; missing findings
    go to the main agreement (``primary_file``), and every copy opens with
    the summary, so whichever file a reader opens says what the check found.
    """
    by_id = {rule.id: rule for rule in rules}
    unreadable = {error.file for error in result.errors}
    main = primary_file(result)
    plans = {file: FilePlan(file, [Note("", Status.COVERED, summary_text(
        result, packs, day, display=file, main=main))])
        for file in result.files if file not in unreadable}
    for rule in result.rules:
        if not is_shown(rule, info=info):
            continue
        if rule.evidence:
            anchor = rule.evidence[0]
            if anchor.file in plans:
                plans[anchor.file].notes.append(Note(
                    rule.rule_id, rule.status, finding_text(rule, by_id.get(rule.rule_id)),
                    anchor=anchor))
                continue
        pack = by_id[rule.rule_id].pack if rule.rule_id in by_id else ""
        same = [r for r in result.rules
                if (by_id[r.rule_id].pack if r.rule_id in by_id else "") == pack]
        after = (_preceding_section(same, same.index(rule), main)
                 if _follows_order(same, main) else None)
        if main in plans:
            plans[main].notes.append(Note(
                rule.rule_id, rule.status,
                finding_text(rule, by_id.get(rule.rule_id), placed_after=after is not None),
                after=after))
    return plans


def _located(rule: RuleResult, main: str) -> Evidence | None:
    """The first evidence of a judged rule in the main file, if any."""
    if rule.status is Status.MISSING:
        return None
    return next((e for e in rule.evidence if e.file == main), None)


def _follows_order(rules: list[RuleResult], main: str) -> bool:
    """Whether the main file treats the points in the rules' order (a pack's, § 6-2's).

    Only then does "after the preceding point" say where a missing one belongs;
    an agreement in its own order gets its missing points on the title.
    """
    places = [((e.page or 0), e.line) for rule in rules if (e := _located(rule, main))]
    return len(places) >= 2 and all(a <= b for a, b in pairwise(places))


def _preceding_section(rules: list[RuleResult], index: int, main: str) -> Evidence | None:
    for rule in reversed(rules[:index]):
        evidence = _located(rule, main)
        if evidence is not None:
            return evidence
    return None


class Placeable(Protocol):
    """A block of a file as read (a DOCX reader item, a ``Block``): its text and kind."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> BlockKind: ...


P = TypeVar("P", bound=Placeable)


def place(blocks: Sequence[P], note: Note) -> P | None:
    """The block a note sits on, ``blocks`` numbered from line 1 as the reader numbered
    them: the evidence's block, the heading of the section a missing point follows,
    else the title (the summary's place too)."""
    if note.anchor is not None:
        return _evidence_block(blocks, note.anchor) or title(blocks)
    if note.after is not None:
        start = _evidence_block(blocks, note.after)
        if start is not None:
            return _heading_of(blocks, start, note.after.heading) or start
    return title(blocks)


def title(blocks: Sequence[P]) -> P | None:
    """The title: the first heading near the top, else the first block."""
    for block in blocks[:TITLE_WINDOW]:
        if block.kind is BlockKind.HEADING:
            return block
    return blocks[0] if blocks else None


def _evidence_block(blocks: Sequence[P], evidence: Evidence) -> P | None:
    """Block ``evidence.line``, checked against the excerpt; searched for if lines moved.

    PDF blocks are numbered per page, so their line is looked up with the page."""
    head = text_key(evidence.excerpt)[:60]
    pages = [getattr(block, "page", None) for block in blocks]
    for block, page in zip(blocks, pages, strict=True):
        if (getattr(block, "line", None) == evidence.line and page == evidence.page
                and text_key(block.text).startswith(head)):
            return block
    if evidence.page is None and 1 <= evidence.line <= len(blocks):
        block = blocks[evidence.line - 1]
        if text_key(block.text).startswith(head):
            return block
    return next((block for block in blocks if text_key(block.text).startswith(head)), None)


def _heading_of(blocks: Sequence[P], start: P, heading: str | None) -> P | None:
    if not heading:
        return None
    wanted = text_key(heading)
    position = next(n for n, block in enumerate(blocks) if block is start)
    for block in reversed(blocks[:position + 1]):
        if block.kind is BlockKind.HEADING and text_key(block.text) == wanted:
            return block
    return None


def text_key(text: str) -> str:
    """Text compared without spacing or the excerpt's trailing ellipsis."""
    return "".join(one_line(text).rstrip("…").split()).casefold()
