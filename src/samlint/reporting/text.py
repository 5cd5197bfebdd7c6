"""The report a person reads in a terminal or a CI log.

Verdicts are shown in bokmål for the people who act on them, with the English
status word beside it so the text lines up with the JSON and the docs. Text
from the agreements (excerpts, headings, file names) is always passed to rich
as plain ``Text``, never as markup, so a "[1]" in an agreement is printed as is.
"""

from __future__ import annotations

import sys
import textwrap
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from samlint.reporting import Summary, summarize
from samlint.results import AgreementResult, Evidence, RuleResult, Status

PIPE_WIDTH = 120
EXCERPT_LIMIT = 100
LOCATION_LIMIT = 22

STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.COVERED: ("dekket", "green"),
    Status.WEAK: ("svak", "yellow"),
    Status.MISSING: ("mangler", "red"),
    Status.WAIVED: ("unntatt", "blue"),
}

WEAK_KIND_LABELS = {
    "heading": "bare overskrift eller liste",
    "intent": "bare en intensjonserklæring",
    "restated-law": "gjentar bare lovteksten",
    "dangling-reference": "viser til dokument som ikke er med",
    "partial": "bare delvis oppfylt",
}


def make_console(file: TextIO | None = None) -> Console:
    """A console that colours only a real terminal.

    Colour is decided from the stream alone (not FORCE_COLOR), so a report
    redirected to a file or a CI log never contains escape codes. Off a
    terminal the width is fixed and wide, since a CI log has no window width
    and 80 columns would wrap every row of the table.
    """
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
    with console.capture() as capture:
        for result in results:
            _render_agreement(result, console)
        console.print(Text(summary_line(summarize(results)), style="bold"))
    lines = (line.rstrip() for line in capture.get().splitlines())
    console.file.write("\n".join(lines) + "\n")


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
    label, colour = STATUS_LABELS[rule.status]
    text = Text(f"{label} ({rule.status.value})", style=colour)
    if rule.status is Status.WEAK and rule.weak_kind:
        text.append(f" – {WEAK_KIND_LABELS.get(rule.weak_kind, rule.weak_kind)}")
    return text


def location(evidence: Evidence, agreement_path: str) -> str:
    """Where to look, e.g. "delavtale-05.pdf s. 3 l. 12".

    Long file names get the page and line on a line of their own, so a narrow
    column never splits "l." from its number.
    """
    file = _short_file(evidence.file, agreement_path)
    position = f"l. {evidence.line}"
    if evidence.page is not None:
        position = f"s. {evidence.page} {position}"
    separator = " " if len(file) + len(position) < LOCATION_LIMIT else "\n"
    return f"{file}{separator}{position}"


def _render_agreement(result: AgreementResult, console: Console) -> None:
    count = len(result.files)
    header = Text(result.path, style="bold")
    header.append(f" ({count} {'fil' if count == 1 else 'filer'})", style="dim")
    console.print(header)
    if result.rules:
        console.print(_rules_table(result))
        console.print()
        _render_findings(result, console)
    else:
        console.print(Text("ingen filer kunne leses – ingen vurdering", style="red"))
    for error in result.errors:
        console.print(Text(f"feil: {error.file}: {error.message}", style="red"))
    console.print()


def _rules_table(result: AgreementResult) -> Table:
    """One line per requirement: what, the verdict, where, and a short excerpt.

    One line each keeps fourteen requirements on one screen; the reasons for
    weak and missing verdicts follow the table, where they have room.
    """
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Krav", ratio=4, no_wrap=True, overflow="ellipsis")
    table.add_column("Vurdering", width=17, no_wrap=True)
    table.add_column("Hvor", ratio=5, no_wrap=True, overflow="ellipsis")
    table.add_column("Utdrag", ratio=4, no_wrap=True, overflow="ellipsis")
    for rule in result.rules:
        label, colour = STATUS_LABELS[rule.status]
        requirement = Text(_short_id(rule.rule_id), style="bold")
        requirement.append(f" {rule.title}")
        table.add_row(
            requirement,
            Text(f"{label} ({rule.status.value})", style=colour),
            _where_cell(rule, result.path),
            Text(_truncate(rule.evidence[0].excerpt), style="dim") if rule.evidence else Text(""),
        )
    return table


def _render_findings(result: AgreementResult, console: Console) -> None:
    """Why each weak or missing verdict was given, and what to do about it."""
    for rule in result.rules:
        if rule.status not in (Status.WEAK, Status.MISSING):
            continue
        _, colour = STATUS_LABELS[rule.status]
        line = Text("  ")
        line.append(rule.rule_id, style=f"bold {colour}")
        line.append(" ")
        line.append_text(status_text(rule))
        console.print(line)
        _print_indented(console, rule.message, "")
        for evidence in rule.evidence[:2]:
            where = location(evidence, result.path).replace("\n", " ")
            if evidence.heading:
                where += f" · {evidence.heading}"
            _print_indented(console, f"{where}: «{_truncate(evidence.excerpt)}»", "dim")


def _print_indented(console: Console, text: str, style: str) -> None:
    """Wrap with a hanging indent and no trailing blanks (CI logs keep them)."""
    width = max(40, (console.width or PIPE_WIDTH) - 4)
    wrapped = textwrap.fill(text, width=width, initial_indent="    ", subsequent_indent="    ",
                            break_on_hyphens=False)
    console.print(Text(wrapped, style=style), soft_wrap=True)


def _short_id(rule_id: str) -> str:
    """'hol-6-2-nr5' → 'nr5' in the table; the full id is in the findings and JSON."""
    return rule_id.rsplit("-", 1)[-1] if rule_id.count("-") >= 3 else rule_id


def _where_cell(rule: RuleResult, agreement_path: str) -> Text:
    if not rule.evidence:
        return Text("–", style="dim")
    first = rule.evidence[0]
    text = Text(location(first, agreement_path).replace("\n", " "))
    if first.heading:
        text.append(f" · {first.heading}", style="italic")
    return text


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
