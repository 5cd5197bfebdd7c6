"""The report a person reads in a terminal or a CI log.

One block per requirement: the verdict in bokmål in a left column, then the
rule id and title, why it is weak or missing and what to do, and where the
text is. Everything is wrapped to the width, never cut: a case officer on an
80-column terminal must see the whole file name, the page, the line and the
heading, or the report sends them looking. Only excerpts are shortened (with
"…"), since the place says where to read the rest. (A table did cut them:
at 80 columns every cell lost its end.)

The lines are laid out here, once, as plain text; on a terminal rich only
paints them (the verdict in its colour), so the report is the same text on
a terminal, in a pipe, a file or a CI log, and off a terminal rich is not
even imported. Text from the agreements is never read as rich markup, so a
"[1]" in an agreement is printed as is.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TYPE_CHECKING, TextIO

from samlint.reporting import (
    Summary,
    file_count,
    no_verdicts,
    relative_file,
    summarize,
    unjudged_text,
)
from samlint.reporting.agreement_title import agreement_title
from samlint.reporting.labels import STATUS_LABELS, WEAK_KIND_LABELS, weak_kind_word
from samlint.results import AgreementResult, Evidence, Notice, RuleResult, Status

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["STATUS_LABELS", "WEAK_KIND_LABELS", "location", "make_console", "report_lines",
           "summary_line", "write_text_report"]

PIPE_WIDTH = 120
MIN_WIDTH = 40
VERDICT_WIDTH = 9  # "mangler" and "unntatt" and two blanks
EXCERPT_LIMIT = 100

# A line is a list of (text, style) pieces; style "" is unpainted.
Line = list[tuple[str, str]]


def write_text_report(results: list[AgreementResult], stream: TextIO | None = None,
                      width: int | None = None) -> None:
    """Print the report: painted by rich on a terminal, plain text anywhere else."""
    stream = stream if stream is not None else sys.stdout
    if _isatty(stream):
        console = make_console(stream)
        render_text(results, console, width)
        return
    lines = report_lines(results, width or report_width(None))
    stream.write("".join("".join(piece for piece, _ in line) + "\n" for line in lines))


def render_text(results: list[AgreementResult], console: Console,
                width: int | None = None) -> None:
    """The report through rich: the same lines, painted."""
    from rich.text import Text

    for line in report_lines(results, width or console.width or PIPE_WIDTH):
        text = Text()
        for piece, style in line:
            text.append(piece, style=style or None)
        console.print(text, soft_wrap=True)


def report_width(console: Console | None) -> int:
    """The terminal's width; off a terminal ``COLUMNS`` when set, else 120.

    A CI log has no window width, and 80 columns there would wrap every
    block for nothing; a user who wants another width sets COLUMNS.
    """
    if console is not None and console.is_terminal:
        return max(MIN_WIDTH, console.width)
    try:
        return max(MIN_WIDTH, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return PIPE_WIDTH


def make_console(file: TextIO | None = None) -> Console:
    """A console that colours only a real terminal.

    Colour is decided from the stream alone (not FORCE_COLOR), so a report
    redirected to a file or a CI log never contains escape codes.
    """
    from rich.console import Console

    stream = file if file is not None else sys.stdout
    terminal = _isatty(stream)
    return Console(file=stream, force_terminal=terminal,
                   width=None if terminal else report_width(None),
                   highlight=False, emoji=False)


def report_lines(results: list[AgreementResult], width: int) -> list[Line]:
    """Every agreement's requirements, file errors and notices, then the totals."""
    width = max(MIN_WIDTH, width)
    lines: list[Line] = []
    for result in results:
        header: Line = [(result.path, "bold")]
        if result.files:
            header.append((_file_count(result), "dim"))
        lines.append(header)
        if title := agreement_title(result):  # parties and roles (reporting.agreement_title)
            lines.append([(title, "")])
        if result.rules:
            for rule in result.rules:
                lines.extend(_rule_block(rule, result.path, width))
        else:
            lines.append([(no_verdicts(result), "red")])
        for error in result.errors:
            lines.extend(_wrapped(f"feil: {error.file}: {error.message}", width, "", "red"))
        for notice in result.notices:
            lines.extend(_wrapped(notice_line(notice), width, "", "yellow"))
        lines.append([])
    lines.append([(summary_line(summarize(results)), "bold")])
    return lines


def _rule_block(rule: RuleResult, agreement_path: str, width: int) -> list[Line]:
    """One requirement: verdict, id and title; then why, what to do, and where."""
    word, colour = STATUS_LABELS[rule.status]
    indent = " " * VERDICT_WIDTH
    block = _wrapped(f"{rule.rule_id} {rule.title}", width, indent)
    block[0] = [(word.ljust(VERDICT_WIDTH), f"bold {colour}"),
                (block[0][0][0][VERDICT_WIDTH:], "bold")]
    if rule.status is Status.COVERED:
        for evidence in rule.evidence[:1]:
            block.extend(_wrapped(evidence_line(evidence, agreement_path, 0), width, indent,
                                  "dim"))
        return block
    for text in _explanation(rule):
        block.extend(_wrapped(text, width, indent))
    for evidence in rule.evidence[:2]:
        block.extend(_wrapped(evidence_line(evidence, agreement_path), width, indent, "dim"))
    return block


def _explanation(rule: RuleResult) -> list[str]:
    """Why weak (said once, not again when the message opens with it), the message,
    and for a waived verdict the recorded reason."""
    message = " ".join(rule.message.split())
    texts = []
    if rule.status is Status.WEAK and rule.weak_kind:
        kind = weak_kind_word(rule.weak_kind)
        if not message.casefold().startswith(kind.casefold()):
            message = f"{kind[0].upper()}{kind[1:]}. {message}" if message else kind
    if message:
        texts.append(message)
    if rule.status is Status.WAIVED and rule.waiver:
        texts.append(f"Begrunnelse for unntaket: {' '.join(rule.waiver.split())}")
    return texts


def _wrapped(text: str, width: int, indent: str, style: str = "") -> list[Line]:
    """``text`` wrapped to ``width`` with every line indented by ``indent``.

    Words are never broken, not even at hyphens: a file name such as
    delavtale-2-innleggelse.docx stays whole on its line (a longer word than
    the line is left longer, rather than cut).
    """
    wrapped = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent,
                            break_long_words=False, break_on_hyphens=False) or [indent]
    return [[(line, style)] for line in wrapped]


def summary_line(summary: Summary) -> str:
    """One line of totals, e.g. "2 avtaler: 20 dekket, 5 svake, 3 mangler"."""
    parts = [
        f"{summary.covered} dekket",
        f"{summary.weak} {'svak' if summary.weak == 1 else 'svake'}",
        f"{summary.missing} mangler",
    ]
    if summary.waived:
        parts.append(f"{summary.waived} unntatt")
    if summary.errors:
        files = "fil" if summary.errors == 1 else "filer"
        parts.append(f"{summary.errors} {files} kunne ikke leses")
    if summary.unjudged:
        parts.append(unjudged_text(summary.unjudged))
    agreements = "avtale" if summary.agreements == 1 else "avtaler"
    return f"{summary.agreements} {agreements}: {', '.join(parts)}"


def location(evidence: Evidence, agreement_path: str) -> str:
    """Where to look, e.g. "delavtale-05.pdf s. 3 l. 12"."""
    file = relative_file(evidence.file, agreement_path)
    position = f"l. {evidence.line}"
    if evidence.page is not None:
        position = f"s. {evidence.page} {position}"
    if evidence.ocr:  # recognised from a page image: a word may be misread
        position += " (OCR)"
    return f"{file} {position}"


def evidence_line(evidence: Evidence, agreement_path: str, limit: int = EXCERPT_LIMIT) -> str:
    """"fil.pdf s. 2 l. 33 · Overskrift: «utdrag…»": the place in full, the text shortened.

    ``limit`` 0 leaves the excerpt out: a covered requirement needs only its place.
    """
    where = location(evidence, agreement_path)
    if evidence.heading:
        where += f" · {' '.join(evidence.heading.split())}"
    excerpt = truncate(evidence.excerpt, limit) if limit else ""
    return f"{where}: «{excerpt}»" if excerpt else where


def truncate(excerpt: str, limit: int = EXCERPT_LIMIT) -> str:
    """At most ``limit`` characters on one line, cut at a word and marked with "…"."""
    flat = " ".join(excerpt.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ", limit // 2)
    return (cut[:space] if space > 0 else cut[: limit - 1]).rstrip() + "…"


def _file_count(result: AgreementResult) -> str:
    count = file_count(result)
    return f" ({count} {'fil' if count == 1 else 'filer'})"


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def notice_line(notice: Notice) -> str:
    """A part of a file that was not read: ``merknad: avtale.pdf s. 3: …``."""
    return f"merknad: {notice.where()}: {notice.message}"
