"""One self-contained HTML file: a coverage matrix, then every verdict in detail.

Made for the people who own the agreements, who open it from an e-mail or a
CI artifact, often offline, and print it for a meeting. So: everything inline
(a content security policy forbids anything else), no script, readable at
laptop width and on paper. Verdicts never depend on colour alone: every cell
and badge also carries a symbol and a word, and colours are kept when printing.

Every piece of text that comes from an agreement or a rule file is passed
through ``html.escape`` (``_e``); nothing else is interpolated into markup.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from html import escape

from samlint import __version__
from samlint.documents.own_output import GENERATOR
from samlint.reporting import (
    file_count,
    no_verdicts,
    relative_file,
    summarize,
    unjudged_text,
)
from samlint.reporting.agreement_title import agreement_title
from samlint.reporting.findings import (
    level,
    position,
    short_id,
    status_label,
    weak_kind_label,
    xml_safe,
)
from samlint.reporting.labels import STATUS_LABELS, severity_word
from samlint.reporting.text import summary_line
from samlint.results import AgreementResult, Evidence, FileError, RuleResult, Status
from samlint.rules import Rule

SYMBOLS = {
    Status.COVERED: "✓",
    Status.WEAK: "!",
    Status.MISSING: "✗",
    Status.WAIVED: "–",
}
NOT_ASSESSED = ("·", "ikke vurdert")

# The light palette, also forced when printing (paper is white whatever the
# screen's colour scheme). Text on each verdict colour has a contrast ratio of
# at least 4.5:1 (WCAG AA).
LIGHT = """
  color-scheme: light;
  --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --panel: #f6f8fa; --line: #d0d7de;
  --covered-bg: #dafbe1; --covered-fg: #116329; --covered-bd: #4ac26b;
  --weak-bg: #fff1c2; --weak-fg: #7a4a00; --weak-bd: #d4a72c;
  --missing-bg: #ffe0de; --missing-fg: #a40e26; --missing-bd: #e5534b;
  --waived-bg: #eaeef2; --waived-fg: #424a53; --waived-bd: #8c959f;
  --none-bg: #ffffff; --none-fg: #57606a; --none-bd: #d0d7de;
"""

CSS = """
:root {@LIGHT@}
* { box-sizing: border-box; }
html { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
       "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--fg);
       background: var(--bg); }
body { margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 84rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 0; }
code { font: .9em ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas,
       monospace; }
a { color: inherit; }
.muted, .meta { color: var(--muted); }
.summary { font-size: 1.1rem; margin: .25rem 0 1rem; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0 0 1rem;
          list-style: none; }
.totals li { padding: .2rem .6rem; border-radius: 1rem; border: 1px solid var(--line); }
.legend { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; padding: 0; margin: .5rem 0 1rem;
          list-style: none; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.sym { display: inline-block; min-width: 1.6em; padding: 0 .3em; border-radius: .3em;
       border: 1px solid; text-align: center; font-weight: 700; }
.v-covered { background: var(--covered-bg); color: var(--covered-fg);
             border-color: var(--covered-bd); }
.v-weak { background: var(--weak-bg); color: var(--weak-fg); border-color: var(--weak-bd); }
.v-missing { background: var(--missing-bg); color: var(--missing-fg);
             border-color: var(--missing-bd); }
.v-waived { background: var(--waived-bg); color: var(--waived-fg);
            border-color: var(--waived-bd); }
.v-none { background: var(--none-bg); color: var(--none-fg); border-color: var(--none-bd); }
caption { caption-side: bottom; text-align: left; padding: .4rem; font-size: .8rem; }
.matrix-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: .4rem; }
table.matrix { border-collapse: collapse; width: 100%; font-size: .85rem; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: .3rem .25rem; }
.matrix thead th { background: var(--panel); text-align: center; white-space: nowrap; }
.matrix thead abbr { text-decoration: none; cursor: help; }
.matrix tbody th { text-align: left; font-weight: 600; min-width: 12rem; max-width: 22rem;
                   overflow-wrap: anywhere; background: var(--panel); }
.matrix td { text-align: center; min-width: 3.4rem; }
.matrix td a { display: block; text-decoration: none; }
.matrix td .sym { border: 0; background: none; font-size: 1.05rem; }
.matrix td .word { display: block; font-size: .72rem; line-height: 1.1; }
.matrix td.unread { text-align: left; }
.agreement { margin-top: 2.5rem; border-top: 3px solid var(--line); }
.files { margin: .25rem 0 .75rem; padding-left: 1.2rem; color: var(--muted);
         font-size: .85rem; columns: 2 24rem; }
.errors { border: 1px solid var(--missing-bd); background: var(--missing-bg);
          color: var(--missing-fg); border-radius: .4rem; padding: .5rem .9rem;
          margin: .75rem 0; }
.errors ul { margin: .25rem 0 0; padding-left: 1.2rem; }
ol.rules { list-style: none; padding: 0; margin: 0; }
li.rule { border: 1px solid var(--line); border-left-width: .4rem; border-radius: .4rem;
          padding: .6rem .9rem; margin: .6rem 0; }
li.rule-covered { border-left-color: var(--covered-bd); }
li.rule-weak { border-left-color: var(--weak-bd); }
li.rule-missing { border-left-color: var(--missing-bd); }
li.rule-waived { border-left-color: var(--waived-bd); }
li.rule h3 { display: flex; flex-wrap: wrap; gap: .25rem .6rem; align-items: baseline; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: .3rem; border: 1px solid;
         font-size: .85rem; font-weight: 600; white-space: nowrap; }
.kind { font-weight: 600; margin: .35rem 0 0; }
.message { margin: .35rem 0; }
.waiver { margin: .35rem 0; padding: .3rem .6rem; background: var(--waived-bg);
          border-radius: .3rem; }
ul.evidence { list-style: none; padding: 0; margin: .4rem 0 0; }
ul.evidence li { margin: .4rem 0; }
.where { font-size: .82rem; color: var(--muted); overflow-wrap: anywhere; }
blockquote { margin: .15rem 0 0; padding: .25rem .75rem; border-left: 3px solid var(--line);
             background: var(--panel); white-space: pre-wrap; overflow-wrap: anywhere; }
.help { margin: .5rem 0 0; font-size: .88rem; }
.help summary, .more summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
.help ul { margin: .25rem 0; padding-left: 1.2rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media (prefers-color-scheme: dark) {
  :root {
    color-scheme: dark;
    --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --panel: #161b22; --line: #30363d;
    --covered-bg: #12331d; --covered-fg: #7ee2a8; --covered-bd: #2ea043;
    --weak-bg: #3a2c06; --weak-fg: #f2cc60; --weak-bd: #bb8009;
    --missing-bg: #42161a; --missing-fg: #ffa198; --missing-bd: #da3633;
    --waived-bg: #262c33; --waived-fg: #c9d1d9; --waived-bd: #6e7681;
    --none-bg: #0d1117; --none-fg: #9da7b3; --none-bd: #30363d;
  }
}
@media print {
  :root {@LIGHT@}
  html { font-size: 10.5pt; }
  body { padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .matrix-wrap { overflow: visible; border: 0; }
  table.matrix { font-size: 8pt; }
  .matrix td { min-width: 0; }
  .agreement { break-before: page; border-top: 0; margin-top: 0; }
  li.rule, .matrix tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { text-decoration: none; }
  .help summary, .more { display: none; }
}
@page { margin: 12mm; }
""".replace("@LIGHT@", LIGHT)


def made_line(rules: list[Rule], when: datetime | None = None) -> str:
    """"Laget 06.12.2026 kl. 21:15 av samlint 0.1.0 med regelpakkene hol-6-2, veileder".

    A report printed for a meeting must say when it was made, by which
    version and with which rules, or no one can tell whether it is still
    true. ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes
    the time, so a report can be made byte for byte again.
    """
    if when is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        when = (datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit()
                else datetime.now().astimezone())
    packs = list(dict.fromkeys(rule.pack for rule in rules if rule.pack))
    used = f" med {'regelpakken' if len(packs) == 1 else 'regelpakkene'} {', '.join(packs)}"
    return (f"Laget {when:%d.%m.%Y} kl. {when:%H:%M} av samlint {__version__}"
            + (used if packs else ""))


def render_html(results: list[AgreementResult], rules: list[Rule]) -> str:
    """The report as one HTML document; ``rules`` adds titles and "bør beskrive" help."""
    known = {rule.id: rule for rule in rules}
    columns = _columns(results, rules)
    summary = summarize(results)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nb">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No script, no fetches: the file works offline and leaks nothing when opened.
        "<meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f'<meta name="generator" content="{GENERATOR} {_e(__version__)}">',  # own_output
        f"<title>samlint – {_e(summary_line(summary))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>samlint: samarbeidsavtaler mot kravene</h1>",
        f'<p class="summary">{_e(summary_line(summary))}</p>',
        f'<p class="muted made">{_e(made_line(rules))}</p>',
        _totals(results),
        "</header>",
        "<main>",
        _matrix(results, columns),
        *(_agreement(n, result, known) for n, result in enumerate(results, 1)),
        "</main>",
        f'<footer>Laget av samlint {_e(__version__)}. Vurderingene er maskinelle og '
        "peker på tekst som bør leses; de erstatter ikke en juridisk vurdering.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _columns(results: list[AgreementResult], rules: list[Rule]) -> list[tuple[str, str]]:
    """(rule id, title) for every rule that has a verdict, in rule-file order."""
    titles: dict[str, str] = {}
    for result in results:
        for verdict in result.rules:
            titles.setdefault(verdict.rule_id, verdict.title)
    order = {rule.id: n for n, rule in enumerate(rules)}
    ids = sorted(titles, key=lambda rule_id: order.get(rule_id, len(order)))
    by_id = {rule.id: rule for rule in rules}
    return [(rule_id, by_id[rule_id].title if rule_id in by_id else titles[rule_id])
            for rule_id in ids]


def _totals(results: list[AgreementResult]) -> str:
    summary = summarize(results)
    items = [
        (Status.COVERED, summary.covered, "dekket"),
        (Status.WEAK, summary.weak, "svak" if summary.weak == 1 else "svake"),
        (Status.MISSING, summary.missing, "mangler"),
        (Status.WAIVED, summary.waived, "unntatt"),
    ]
    cells = [
        f'<li class="v-{status.value}"><span aria-hidden="true">{SYMBOLS[status]}</span> '
        f"{count} {word}</li>"
        for status, count, word in items
        if count or status is not Status.WAIVED
    ]
    if summary.errors:
        files = "fil" if summary.errors == 1 else "filer"
        cells.append(f'<li class="v-missing">{summary.errors} {files} kunne ikke leses</li>')
    if summary.unjudged:
        cells.append(f'<li class="v-missing">{unjudged_text(summary.unjudged)}</li>')
    return f'<ul class="totals" aria-label="Totalt">{"".join(cells)}</ul>'


def _legend() -> str:
    entries = [
        (f"v-{status.value}", SYMBOLS[status], status_label(status))
        for status in (Status.COVERED, Status.WEAK, Status.MISSING, Status.WAIVED)
    ]
    entries.append(("v-none", *NOT_ASSESSED))
    items = "".join(
        f'<li><span class="sym {css}" aria-hidden="true">{_e(symbol)}</span>{_e(label)}</li>'
        for css, symbol, label in entries
    )
    return f'<ul class="legend" aria-label="Tegnforklaring">{items}</ul>'


def _matrix(results: list[AgreementResult], columns: list[tuple[str, str]]) -> str:
    head = "".join(
        f'<th scope="col"><abbr title="{_e(rule_id)}: {_e(title)}">{_e(short_id(rule_id))}'
        "</abbr></th>"
        for rule_id, title in columns
    )
    rows = []
    for n, result in enumerate(results, 1):
        name = f'<th scope="row"><a href="#a{n}">{_e(result.path)}</a></th>'
        if not result.rules:
            cells = (f'<td class="unread v-none" colspan="{max(1, len(columns))}">'
                     f"{_e(no_verdicts(result).capitalize())}</td>")
        else:
            verdicts = {rule.rule_id: rule for rule in result.rules}
            cells = "".join(_cell(n, verdicts.get(rule_id), rule_id, title)
                            for rule_id, title in columns)
        rows.append(f"<tr>{name}{cells}</tr>")
    return (
        '<section id="matrise" aria-labelledby="matrise-tittel">'
        '<h2 id="matrise-tittel">Dekning per avtale og krav</h2>'
        f"{_legend()}"
        '<div class="matrix-wrap"><table class="matrix">'
        '<caption class="muted">'
        "Hold musepekeren over et krav for tittelen; klikk en celle for detaljene.</caption>"
        f'<thead><tr><th scope="col">Avtale</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _cell(agreement: int, rule: RuleResult | None, rule_id: str, title: str) -> str:
    if rule is None:
        symbol, word, css = NOT_ASSESSED[0], NOT_ASSESSED[1], "v-none"
        return (f'<td class="{css}" title="{_e(rule_id)} {_e(title)}: {_e(word)}">'
                f'<span class="sym" aria-hidden="true">{symbol}</span>'
                f'<span class="word">{_e(word)}</span></td>')
    word = STATUS_LABELS[rule.status][0]
    tooltip = f"{rule_id} {title}: {status_label(rule.status)}"
    kind = weak_kind_label(rule)
    if kind:
        tooltip += f" – {kind}"
    return (
        f'<td class="v-{rule.status.value}" title="{_e(tooltip)}">'
        f'<a href="#a{agreement}-{_e(rule_id)}">'
        f'<span class="sym" aria-hidden="true">{SYMBOLS[rule.status]}</span>'
        f'<span class="word">{_e(word)}</span></a></td>'
    )


def _agreement(n: int, result: AgreementResult, known: dict[str, Rule]) -> str:
    count = file_count(result)  # a path that does not exist has no files to count
    files = f"{count} {'fil' if count == 1 else 'filer'} · " if count else ""
    counts = summary_line(summarize([result])).split(": ", 1)[1]
    parts = [
        f'<section class="agreement" id="a{n}" aria-labelledby="a{n}-tittel">',
        f'<h2 id="a{n}-tittel">{_e(result.path)}</h2>',
        f'<p class="meta">{files}{_e(counts)}</p>',
    ]
    if title := agreement_title(result):  # parties and roles (reporting.agreement_title)
        parts.insert(2, f'<p class="parties">{_e(title)}</p>')
    if result.files and result.files != [result.path]:
        items = "".join(f"<li>{_e(relative_file(f, result.path))}</li>" for f in result.files)
        parts.append(f'<ul class="files" aria-label="Filer">{items}</ul>')
    if result.errors:
        parts.append(_errors(result.errors))
    if result.notices:
        items = "".join(f"<li><strong>{_e(n.where())}</strong>: {_e(n.message)} "
                        f'<span class="muted">({_e(n.code)})</span></li>' for n in result.notices)
        parts.append(f'<div class="errors" role="note"><strong>Ikke lest</strong><ul>{items}</ul>'
                     "</div>")
    if not result.rules:
        parts.append(f'<p class="message">{_e(no_verdicts(result).capitalize())}.</p>')
    else:
        parts.append('<ol class="rules">')
        parts.extend(_rule(n, result, rule, known.get(rule.rule_id)) for rule in result.rules)
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def _errors(errors: list[FileError]) -> str:
    items = "".join(
        f"<li><strong>{_e(error.file)}</strong>: {_e(error.message)} "
        f'<span class="muted">({_e(error.code)})</span></li>'
        for error in errors
    )
    return f'<div class="errors" role="note"><strong>Kunne ikke leses</strong><ul>{items}</ul>' \
        "</div>"


def _rule(n: int, result: AgreementResult, rule: RuleResult, meta: Rule | None) -> str:
    status = rule.status.value
    parts = [
        f'<li class="rule rule-{status}" id="a{n}-{_e(rule.rule_id)}">',
        "<h3>"
        f'<span class="badge v-{status}"><span aria-hidden="true">{SYMBOLS[rule.status]}</span> '
        f"{_e(status_label(rule.status))}</span>"
        f"<code>{_e(rule.rule_id)}</code> <span>{_e(rule.title)}</span></h3>",
    ]
    kind = weak_kind_label(rule)
    if kind:
        parts.append(f'<p class="kind">Svak fordi: {_e(kind)}</p>')
    if rule.message:
        parts.append(f'<p class="message">{_e(rule.message)}</p>')
    if rule.status is Status.WAIVED:
        reason = rule.waiver or "unntatt i konfigurasjonen"
        parts.append(f'<p class="waiver"><strong>Unntatt:</strong> {_e(reason)}</p>')
    if rule.evidence:
        # A covered verdict needs one quote to be checked; the rest would make
        # a printed report three times longer. Weak ones show all they have.
        shown = rule.evidence[:1] if rule.status is Status.COVERED else rule.evidence
        parts.append('<ul class="evidence">')
        parts.extend(_evidence(result, item) for item in shown)
        parts.append("</ul>")
        rest = rule.evidence[len(shown):]
        if rest:
            parts.append(
                f'<details class="more"><summary>{len(rest)} '
                "utdrag til</summary>"
                '<ul class="evidence">'
                + "".join(_evidence(result, item) for item in rest)
                + "</ul></details>"
            )
    if meta is not None and rule.status in (Status.WEAK, Status.MISSING):
        parts.append(_help(meta, rule))
    parts.append("</li>")
    return "\n".join(parts)


def _evidence(result: AgreementResult, item: Evidence) -> str:
    where = [f"<strong>{_e(relative_file(item.file, result.path))}</strong>"]
    if item.page is not None:
        where.append(f"side {item.page}")
    where.append(f"linje {item.line}" + (" (OCR)" if item.ocr else ""))
    if item.heading:
        where.append(f"<em>{_e(item.heading)}</em>")
    quote = f"<blockquote>{_e(item.excerpt)}</blockquote>" if item.excerpt else ""
    return (f'<li><div class="where" title="{_e(item.file)} {_e(position(item))}">'
            f"{' · '.join(where)}</div>{quote}</li>")


def _help(meta: Rule, rule: RuleResult) -> str:
    """What the agreement should describe: the actionable part of a weak or missing verdict."""
    body = []
    if meta.source:
        body.append(f'<p class="muted">Krav: {_e(meta.source)} · alvorlighet: '
                    f"{_e(severity_word(level(rule)))}</p>")
    if meta.guidance:
        body.append(f"<p>{_e(meta.guidance)}</p>")
    if meta.should_describe:
        items = "".join(f"<li>{_e(item)}</li>" for item in meta.should_describe)
        body.append(f"<p>Avtalen bør beskrive:</p><ul>{items}</ul>")
    if not body:
        return ""
    # Open by default: a closed <details> would also be closed on paper.
    summary = "<summary>Hva avtalen bør si</summary>"
    return f'<details class="help" open>{summary}{"".join(body)}</details>'


def _e(text: str) -> str:
    """Escaped for text and attribute values; stray control characters dropped."""
    return escape(xml_safe(text), quote=True)
