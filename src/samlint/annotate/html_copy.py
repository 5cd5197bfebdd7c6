"""The HTML review copy for ODT, HTML, TXT, Markdown (and old Word) agreements.

Those formats have no margin comments samlint can add without rewriting the
file, so the copy is the agreement's text as samlint read it, one block per
paragraph, with each finding marked where its evidence is and its note right
below. The page is self-contained (inline style, no scripts, nothing
fetched), so it can be mailed or archived as it is.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from samlint import __version__
from samlint.annotate.notes import FilePlan, Note, place
from samlint.documents import Block, BlockKind, read_document
from samlint.documents.own_output import GENERATOR, REVIEW_COPY
from samlint.results import Status

STYLE = """
body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       line-height: 1.45; color: #222; }
.samlint-note { font-family: system-ui, sans-serif; font-size: .9em; white-space: pre-wrap;
       border-left: 4px solid #e6a100; background: #fff7df; padding: .4em .7em;
       margin: .3em 0 1em; }
.samlint-note[data-status="missing"] { border-color: #c0392b; background: #fdecea; }
.samlint-summary { border-color: #2c6db5; background: #eaf2fb; }
mark { background: #ffe27a; }
p.item { margin: .2em 0 .2em 1.5em; }
"""


def write_html_copy(source: Path, target: Path, plan: FilePlan) -> int:
    """Write the marked-up copy of ``source`` to ``target``; the number of notes."""
    document = read_document(source, plan.display)
    target.write_text(render(plan, document.blocks), encoding="utf-8")
    return len(plan.notes)


def render(plan: FilePlan, blocks: list[Block]) -> str:
    """The review copy as one HTML page."""
    placed: dict[int, list[Note]] = {}
    positions = {id(block): n for n, block in enumerate(blocks)}
    summary = [note for note in plan.notes if note.summary]
    for note in plan.notes:
        if note.summary:
            continue
        block = place(blocks, note)
        at = positions[id(block)] if block is not None else -1
        if note.after is not None and at >= 0:
            at = _section_end(blocks, at)  # a page reads on: after the section, not its heading
        placed.setdefault(at, []).append(note)
    # Named as samlint's, so that a check of a folder holding the copy leaves it out
    # instead of reading the notes as agreement text (``documents.own_output``).
    parts = ["<!DOCTYPE html>", '<html lang="nb">', "<head>", '<meta charset="utf-8">',
             f'<meta name="generator" content="{GENERATOR} {escape(__version__)}">',
             f"<title>Gjennomgangskopi – {escape(plan.display)}</title>",
             f"<style>{STYLE}</style>", "</head>", f'<body class="{REVIEW_COPY}">',
             f"<p><em>Gjennomgangskopi av {escape(plan.display)} fra samlint.</em></p>"]
    parts.extend(_note(note) for note in summary)
    parts.extend(_note(note) for note in placed.get(-1, []))
    for n, block in enumerate(blocks):
        notes = placed.get(n, [])
        parts.append(_block(block, marked=any(note.status is not Status.MISSING
                                              and note.anchor is not None for note in notes)))
        parts.extend(_note(note) for note in notes)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _section_end(blocks: list[Block], start: int) -> int:
    """The last block of the section that starts at ``start`` (a heading; else itself)."""
    if blocks[start].kind is not BlockKind.HEADING:
        return start
    level = blocks[start].level
    end = start
    for n in range(start + 1, len(blocks)):
        if blocks[n].kind is BlockKind.HEADING and blocks[n].level <= level:
            break
        end = n
    return end


def _block(block: Block, *, marked: bool) -> str:
    text = escape(block.text)
    if marked:
        text = f"<mark>{text}</mark>"
    where = f' data-line="{block.line}"' + (f' data-page="{block.page}"' if block.page else "")
    if block.kind is BlockKind.HEADING:
        level = min(max(block.level, 1) + 1, 6)
        return f"<h{level}{where}>{text}</h{level}>"
    if block.kind is BlockKind.LIST_ITEM:
        return f'<p class="item"{where}>{text}</p>'
    return f"<p{where}>{text}</p>"


def _note(note: Note) -> str:
    if note.summary:
        return f'<aside class="samlint-note samlint-summary">{escape(note.text)}</aside>'
    return (f'<aside class="samlint-note" data-rule="{escape(note.rule_id)}" '
            f'data-status="{note.status.value}">{escape(note.text)}</aside>')
