"""The report a person reads in a terminal or a CI log.

Verdicts are shown in bokmål for the people who act on them, with the English
status word beside it so the text lines up with the JSON and the docs. Text
from the agreements (excerpts, headings, file names) is always passed to rich
as plain ``Text``, never as markup, so a "[1]" in an agreement is printed as is.

On a terminal rich draws the report, in colour. Anywhere else (a pipe, a
file, a CI log, a hook's output) ``plain_report`` writes the same bytes
without rich: importing rich and laying out one table took 0.04-0.05 s,
a tenth of a cold check of a long agreement and a fifth of a warm one.
Where it cannot promise rich's bytes, rich draws it there too.
"""

from __future__ import annotations

import math
import re
import sys
import textwrap
from typing import TYPE_CHECKING, TextIO

from samlint.reporting import Summary, summarize
from samlint.reporting.agreement_title import agreement_title
from samlint.results import AgreementResult, Evidence, Notice, RuleResult, Status

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

PIPE_WIDTH = 120
FINDING_INDENT = 4
EXCERPT_LIMIT = 100
LOCATION_LIMIT = 22

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.COVERED: ("dekket", "green"),
    Status.WEAK: ("svak", "yellow"),
    Status.MISSING: ("mangler", "red"),
    Status.WAIVED: ("unntatt", "blue"),
}

# Keyed by the weak kinds of verdicts.md (samlint.matching.grading.WeakKind).
WEAK_KIND_LABELS = {
    "heading": "bare overskrift eller liste",
    "intent": "bare en intensjonserklæring",
    "restated-law": "gjentar bare lovteksten",
    "dangling-reference": "viser til dokument som ikke er med",
    "ledd2-partial": "bare delvis oppfylt",
    "recommended-topics": "anbefalte temaer er ikke nevnt",
    "stale": "årlig gjennomgang ser ut til å være forsinket",
}


# The verdict table's columns: header, share of the free width, fixed width.
COLUMNS: tuple[tuple[str, int | None, int | None], ...] = (
    ("Krav", 4, None), ("Vurdering", None, 17), ("Hvor", 5, None), ("Utdrag", 4, None),
)


def write_text_report(results: list[AgreementResult], stream: TextIO | None = None) -> None:
    """Print the report: drawn by rich on a terminal, as plain text anywhere else."""
    stream = stream if stream is not None else sys.stdout
    if not _isatty(stream):
        plain = plain_report(results)
        if plain is not None:
            stream.write(plain)
            return
    render_text(results, make_console(stream))


def make_console(file: TextIO | None = None) -> Console:
    """A console that colours only a real terminal.

    Colour is decided from the stream alone (not FORCE_COLOR), so a report
    redirected to a file or a CI log never contains escape codes. Off a
    terminal the width is fixed and wide, since a CI log has no window width
    and 80 columns would wrap every row of the table.
    """
    from rich.console import Console

    stream = file if file is not None else sys.stdout
    terminal = _isatty(stream)
    return Console(
        file=stream,
        force_terminal=terminal,
        width=None if terminal else PIPE_WIDTH,
        highlight=False,
        emoji=False,
    )


def render_text(results: list[AgreementResult], console: Console) -> None:
    """Print every agreement's verdicts and file errors, then the totals.

    Rendered into a buffer first so that the padding rich adds to table rows
    can be stripped: trailing blanks are noise in a CI log or a diff.
    """
    from rich.text import Text

    with console.capture() as capture:
        for result in results:
            _render_agreement(result, console)
        console.print(Text(summary_line(summarize(results)), style="bold"))
    console.file.write(_without_trailing_blanks(capture.get()))


def _without_trailing_blanks(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


# --------------------------------------------------------------------------- plain

# Characters rich measures as one column and prints unchanged: Latin script
# (Norwegian, Sami and other European letters), Latin-1 punctuation and the
# typographic marks agreements use. Not the soft hyphen, which rich drops.
_ONE_COLUMN = re.compile("[ -~\u00a0-\u00ac\u00ae-\u02ff–—‘’‚“”„•…′″€]*")


def plain_report(results: list[AgreementResult]) -> str | None:
    """The report exactly as ``render_text`` prints it off a terminal, or None.

    Off a terminal rich uses no colour and lays the table out PIPE_WIDTH
    wide; for text of one-column characters that means cells cut with an
    ellipsis and padded, lines that fit printed as they are, and findings
    wrapped by ``textwrap`` as in ``_render_findings``. None when rich
    could print something else: a character it measures otherwise (wide,
    combining, control), or a line it would wrap because it is too long.
    A test compares the two on many reports.
    """
    widths = _column_widths(PIPE_WIDTH)
    lines: list[str] = []
    given: list[str] = []  # everything taken from the results, checked at the end
    whole: list[str] = []  # lines rich would wrap if they were wider than the page
    for result in results:
        whole.append(result.path + _file_count(result))
        lines.append(whole[-1])
        given.append(result.path)
        if title := agreement_title(result):  # parties and roles (reporting.agreement_title)
            whole.append(title)
            lines.append(title)
            given.append(title)
        if result.rules:
            lines.append(_row([header for header, _, _ in COLUMNS], widths))
            lines.append("─" * PIPE_WIDTH)
            for rule in result.rules:
                cells = [f"{_short_id(rule.rule_id)} {rule.title}", _status_label(rule),
                         _where(rule, result.path), _excerpt_cell(rule)]
                given.extend(cells)
                lines.append(_row(cells, widths))
            lines.append("")
            for rule in _explained(result):
                reason = _weak_reason(rule.weak_kind) if (
                    rule.status is Status.WEAK and rule.weak_kind) else ""
                whole.append(f"  {rule.rule_id} {_status_label(rule)}{reason}")
                texts = [rule.message, *(_evidence_line(e, result.path)
                                         for e in rule.evidence[:2])]
                given.extend([whole[-1], *texts])
                lines.extend([whole[-1], *(_indented(text, PIPE_WIDTH) for text in texts)])
        else:
            lines.append(NOTHING_READ)
        for error in result.errors:
            whole.append(f"feil: {error.file}: {error.message}")
            given.append(whole[-1])
            lines.append(whole[-1])
        for notice in result.notices:
            whole.append(notice_line(notice))
            given.append(whole[-1])
            lines.append(whole[-1])
        lines.append("")
    whole.append(summary_line(summarize(results)))
    lines.append(whole[-1])
    if any(len(line) > PIPE_WIDTH for line in whole) or not all(
            _ONE_COLUMN.fullmatch(text) for text in given):
        return None
    return _without_trailing_blanks("\n".join(lines))


def _column_widths(total: int) -> list[int]:
    """Each column's text width in a table ``total`` columns wide, as rich sets it.

    Each cell has a blank on either side except at the outer edges, and
    columns are separated by one more. The fixed column keeps its width;
    the ratio columns share what is left, each rounded up in turn
    (``rich._ratio.ratio_distribute``), so the widths do not depend on the
    content. Valid while the table fits, which it does at PIPE_WIDTH.
    """
    paddings = [1, *[2] * (len(COLUMNS) - 2), 1]
    fixed = sum(width + padding for (_, _, width), padding in zip(COLUMNS, paddings, strict=True)
                if width is not None)
    free = total - (len(COLUMNS) - 1) - fixed
    ratio_left = sum(ratio or 0 for _, ratio, _ in COLUMNS)
    widths = []
    for (_, ratio, width), padding in zip(COLUMNS, paddings, strict=True):
        if ratio is None:
            widths.append(width or 0)
            continue
        share = max(1 + padding, math.ceil(ratio * free / ratio_left))
        ratio_left -= ratio
        free -= share
        widths.append(share - padding)
    return widths


def _row(cells: list[str], widths: list[int]) -> str:
    """A table row: a blank after a cell, the (blank) border, a blank before the next."""
    return "   ".join(_fit(cell, width) for cell, width in zip(cells, widths, strict=True))


def _fit(text: str, width: int) -> str:
    """A no-wrap table cell as rich sets it: cut with "…" when too long, padded with blanks."""
    if len(text) > width:
        text = text[: width - 1] + "…"
    return text.ljust(width)


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
    agreements = "avtale" if summary.agreements == 1 else "avtaler"
    return f"{summary.agreements} {agreements}: {', '.join(parts)}"


def status_text(rule: RuleResult) -> Text:
    """The verdict cell: bokmål word, English status, and why it is weak."""
    from rich.text import Text

    _, colour = STATUS_LABELS[rule.status]
    text = Text(_status_label(rule), style=colour)
    if rule.status is Status.WEAK and rule.weak_kind:
        text.append(_weak_reason(rule.weak_kind))
    return text


def _status_label(rule: RuleResult) -> str:
    return f"{STATUS_LABELS[rule.status][0]} ({rule.status.value})"


def _weak_reason(kind: str) -> str:
    return f" – {WEAK_KIND_LABELS.get(kind, kind)}"


def location(evidence: Evidence, agreement_path: str) -> str:
    """Where to look, e.g. "delavtale-05.pdf s. 3 l. 12".

    Long file names get the page and line on a line of their own, so a narrow
    column never splits "l." from its number.
    """
    file = _short_file(evidence.file, agreement_path)
    position = f"l. {evidence.line}"
    if evidence.page is not None:
        position = f"s. {evidence.page} {position}"
    if evidence.ocr:  # recognised from a page image: a word may be misread
        position += " (OCR)"
    separator = " " if len(file) + len(position) < LOCATION_LIMIT else "\n"
    return f"{file}{separator}{position}"


NOTHING_READ = "ingen filer kunne leses – ingen vurdering"


def _file_count(result: AgreementResult) -> str:
    count = len(result.files)
    return f" ({count} {'fil' if count == 1 else 'filer'})"


def _render_agreement(result: AgreementResult, console: Console) -> None:
    from rich.text import Text

    header = Text(result.path, style="bold")
    header.append(_file_count(result), style="dim")
    console.print(header)
    if title := agreement_title(result):  # parties and roles (reporting.agreement_title)
        console.print(Text(title))
    if result.rules:
        console.print(_rules_table(result))
        console.print()
        _render_findings(result, console)
    else:
        console.print(Text(NOTHING_READ, style="red"))
    for error in result.errors:
        console.print(Text(f"feil: {error.file}: {error.message}", style="red"))
    for notice in result.notices:
        console.print(Text(notice_line(notice), style="yellow"))
    console.print()


def _rules_table(result: AgreementResult) -> Table:
    """One line per requirement: what, the verdict, where, and a short excerpt.

    One line each keeps fourteen requirements on one screen; the reasons for
    weak and missing verdicts follow the table, where they have room.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    for header, ratio, width in COLUMNS:
        table.add_column(header, ratio=ratio, width=width, no_wrap=True, overflow="ellipsis")
    for rule in result.rules:
        requirement = Text(_short_id(rule.rule_id), style="bold")
        requirement.append(f" {rule.title}")
        if rule.evidence:
            where = Text(_place(rule.evidence[0], result.path))
            if rule.evidence[0].heading:
                where.append(f" · {rule.evidence[0].heading}", style="italic")
        else:
            where = Text("–", style="dim")
        table.add_row(
            requirement,
            Text(_status_label(rule), style=STATUS_LABELS[rule.status][1]),
            where,
            Text(_excerpt_cell(rule), style="dim"),
        )
    return table


def _place(evidence: Evidence, agreement_path: str) -> str:
    return location(evidence, agreement_path).replace("\n", " ")


def _where(rule: RuleResult, agreement_path: str) -> str:
    """The "Hvor" cell as text: the first evidence's place and heading, or a dash."""
    if not rule.evidence:
        return "–"
    first = rule.evidence[0]
    heading = f" · {first.heading}" if first.heading else ""
    return _place(first, agreement_path) + heading


def _excerpt_cell(rule: RuleResult) -> str:
    return _truncate(rule.evidence[0].excerpt) if rule.evidence else ""


def _render_findings(result: AgreementResult, console: Console) -> None:
    """Why each weak or missing verdict was given, and what to do about it."""
    from rich.text import Text

    for rule in _explained(result):
        line = Text("  ")
        line.append(rule.rule_id, style=f"bold {STATUS_LABELS[rule.status][1]}")
        line.append(" ")
        line.append_text(status_text(rule))
        console.print(line)
        width = console.width or PIPE_WIDTH
        console.print(Text(_indented(rule.message, width)), soft_wrap=True)
        for evidence in rule.evidence[:2]:
            console.print(Text(_indented(_evidence_line(evidence, result.path), width),
                               style="dim"), soft_wrap=True)


def _explained(result: AgreementResult) -> list[RuleResult]:
    return [rule for rule in result.rules if rule.status in (Status.WEAK, Status.MISSING)]


def _evidence_line(evidence: Evidence, agreement_path: str) -> str:
    where = _place(evidence, agreement_path)
    if evidence.heading:
        where += f" · {evidence.heading}"
    return f"{where}: «{_truncate(evidence.excerpt)}»"


def _indented(text: str, width: int) -> str:
    """Wrapped with a hanging indent; printed as is (soft wrap), so no trailing blanks."""
    indent = " " * FINDING_INDENT
    return textwrap.fill(text, width=max(40, width - FINDING_INDENT), initial_indent=indent,
                         subsequent_indent=indent, break_on_hyphens=False)


def _short_id(rule_id: str) -> str:
    """'hol-6-2-nr5' → 'nr5' in the table; the full id is in the findings and JSON."""
    return rule_id.rsplit("-", 1)[-1] if rule_id.count("-") >= 3 else rule_id


def _truncate(excerpt: str) -> str:
    flat = " ".join(excerpt.split())
    if len(flat) <= EXCERPT_LIMIT:
        return flat
    cut = flat[:EXCERPT_LIMIT]
    # End on a whole word when there is one reasonably close to the limit.
    space = cut.rfind(" ", EXCERPT_LIMIT // 2)
    return (cut[:space] if space > 0 else cut[: EXCERPT_LIMIT - 1]).rstrip() + "…"


def _short_file(file: str, agreement_path: str) -> str:
    """The file relative to its agreement folder; the whole path repeats on every row."""
    if agreement_path == ".":
        return file
    prefix = agreement_path.rstrip("/") + "/"
    if file.startswith(prefix):
        return file[len(prefix) :]
    return file.rsplit("/", 1)[-1]


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def notice_line(notice: Notice) -> str:
    """A part of a file that was not read: ``merknad: avtale.pdf s. 3: …``."""
    return f"merknad: {notice.where()}: {notice.message}"
