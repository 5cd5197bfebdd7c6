"""Paragraph and character styles of a DOCX (word/styles.xml), and numbering.

Kept apart from the walk over the text because both are look-up tables built
once per package: what a style implies (heading level, TOC, list, bold, font
size) once its ``basedOn`` chain is resolved, and what a list numbering looks
like (numbered or bulleted, and the number's pattern).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from samlint.documents.docx_package import Tags, int_or_none, names_for

_HEADING_NAME = re.compile(r"(?:heading|overskrift)\s*([1-9])", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "tittel"})
_TOC_NAME = re.compile(r"(?:toc(?:\s|\d|$)|innholdsfortegnelse)", re.IGNORECASE)
_LIST_NAME = re.compile(
    r"(?:list (?:paragraph|bullet|number)|listeavsnitt|punktliste|nummerert liste)(?:\s*\d)?",
    re.IGNORECASE,
)
# Word's outline level 9 means "body text": not a heading even in a heading style.
BODY_OUTLINE_LEVEL = 9
_FALSE = frozenset({"0", "false", "off", "none"})
# What Word sets text in when no style or default names a size: 10 pt.
WORD_DEFAULT_SIZE = 20


def on_off(element: etree._Element | None, w: Tags) -> bool | None:
    """An OOXML on/off property: absent is None, ``<w:b/>`` is on, ``w:val="0"`` off."""
    if element is None:
        return None
    value = element.get(w.val)
    return value is None or value.lower() not in _FALSE


def run_props(rpr: etree._Element | None, w: Tags) -> tuple[bool | None, int | None]:
    """Bold and size (half-points) set in one ``w:rPr``; None where not set."""
    if rpr is None:
        return None, None
    size_el = rpr.find(w.sz)
    return on_off(rpr.find(w.b), w), (
        int_or_none(size_el.get(w.val)) if size_el is not None else None
    )


@dataclass(frozen=True, slots=True)
class _StyleDef:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    bold: bool | None
    size: int | None
    vanish: bool | None = None


@dataclass(frozen=True, slots=True)
class StyleInfo:
    """What a paragraph style implies once its basedOn chain is resolved.

    ``bold`` and ``size`` (half-points) are the run formatting the style gives
    its text, document defaults included: direct-formatting headings are
    judged against them. ``hidden``: the style hides its text (``w:vanish``).
    """

    heading_level: int
    toc: bool
    list_by_name: bool
    num_id: str | None
    bold: bool = False
    size: int = WORD_DEFAULT_SIZE
    hidden: bool = False


class Styles:
    """Styles from word/styles.xml, resolved lazily and cached.

    Heading detection must go by style *name* and inheritance, because style IDs
    are localised ("Overskrift1") while built-in names stay English.
    """

    def __init__(self, defs: dict[str, _StyleDef], default_id: str | None,
                 char_defs: dict[str, _StyleDef] | None = None,
                 defaults: tuple[bool | None, int | None] = (None, None),
                 hidden_default: bool = False) -> None:
        self._defs = defs
        self._char_defs = char_defs or {}
        self._default_id = default_id
        self._defaults = defaults
        self._hidden_default = hidden_default
        self._char_hidden: dict[str, bool | None] = {}
        self._by_name = {d.name.lower(): sid for sid, d in defs.items()}
        self._cache: dict[str | None, StyleInfo] = {}
        self._char_cache: dict[str, tuple[bool | None, int | None]] = {}

    @classmethod
    def empty(cls) -> Styles:
        return cls({}, None)

    @classmethod
    def parse(cls, root: etree._Element) -> Styles:
        w = names_for(root)
        defs: dict[str, _StyleDef] = {}
        char_defs: dict[str, _StyleDef] = {}
        default_id: str | None = None
        for style in root.iter(w.style):
            kind = style.get(w.type)
            sid = style.get(w.style_id)
            if kind not in ("paragraph", "character") or not sid:
                continue
            name_el = style.find(w.name)
            based_el = style.find(w.based_on)
            ppr = style.find(w.ppr)
            outline = num_id = None
            if ppr is not None:
                outline_el = ppr.find(w.outline)
                if outline_el is not None:
                    outline = int_or_none(outline_el.get(w.val))
                num_el = ppr.find(f"{w.numpr}/{w.num_id}")
                if num_el is not None:
                    num_id = num_el.get(w.val)
            rpr = style.find(w.rpr)
            bold, size = run_props(rpr, w)
            definition = _StyleDef(
                name=(name_el.get(w.val) if name_el is not None else None) or sid,
                based_on=based_el.get(w.val) if based_el is not None else None,
                outline=outline, num_id=num_id, bold=bold, size=size,
                vanish=on_off(rpr.find(w.vanish), w) if rpr is not None else None,
            )
            if kind == "character":
                char_defs[sid] = definition
                continue
            defs[sid] = definition
            if style.get(w.default) in ("1", "true", "on"):
                default_id = sid
        default_rpr = root.find(f"{w.doc_defaults}/{w.rpr_default}/{w.rpr}")
        return cls(defs, default_id, char_defs, run_props(default_rpr, w),
                   default_rpr is not None and bool(on_off(default_rpr.find(w.vanish), w)))

    def info(self, style_id: str | None) -> StyleInfo:
        if style_id not in self._cache:
            self._cache[style_id] = self._resolve(style_id)
        return self._cache[style_id]

    def char_format(self, style_id: str) -> tuple[bool | None, int | None]:
        """Bold and size a character style (``w:rStyle``) sets, through basedOn."""
        if style_id not in self._char_cache:
            bold: bool | None = None
            size: int | None = None
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current in self._char_defs and current not in seen:
                seen.add(current)
                style = self._char_defs[current]
                bold = style.bold if bold is None else bold
                size = style.size if size is None else size
                current = style.based_on
            self._char_cache[style_id] = (bold, size)
        return self._char_cache[style_id]

    def run_hidden(self, rpr: etree._Element, w: Tags, paragraph_hidden: bool) -> bool:
        """Whether a run with these properties is hidden text (``w:vanish``): as the run
        says, else as its character style (through basedOn) says, else as its paragraph's
        style does. Word does not show such text (nor print it, by default)."""
        direct = on_off(rpr.find(w.vanish), w)
        if direct is not None:
            return direct
        rstyle = rpr.find(w.rstyle)
        if rstyle is not None:
            style_id = rstyle.get(w.val) or ""
            if style_id not in self._char_hidden:
                found: bool | None = None
                seen: set[str] = set()
                current: str | None = style_id
                while (found is None and current is not None and current in self._char_defs
                       and current not in seen):
                    seen.add(current)
                    found = self._char_defs[current].vanish
                    current = self._char_defs[current].based_on
                self._char_hidden[style_id] = found
            if (found := self._char_hidden[style_id]) is not None:
                return found
        return paragraph_hidden

    def _chain(self, style_id: str | None) -> list[_StyleDef]:
        if style_id is not None and style_id not in self._defs:
            # Unknown IDs fall back like Word does; some generators write the name.
            style_id = self._by_name.get(style_id.lower(), self._default_id)
        if style_id is None:
            style_id = self._default_id
        chain: list[_StyleDef] = []
        seen: set[str] = set()
        while style_id is not None and style_id in self._defs and style_id not in seen:
            seen.add(style_id)
            style = self._defs[style_id]
            chain.append(style)
            style_id = style.based_on
        return chain

    def _resolve(self, style_id: str | None) -> StyleInfo:
        chain = self._chain(style_id)
        default_bold, default_size = self._defaults
        bold = next((s.bold for s in chain if s.bold is not None), default_bold)
        size = next((s.size for s in chain if s.size is not None), default_size)
        level = 0
        for style in chain:  # nearest style wins
            if style.outline is not None:
                level = style.outline + 1 if 0 <= style.outline < BODY_OUTLINE_LEVEL else 0
                break
            match = _HEADING_NAME.fullmatch(style.name.strip())
            if match:
                level = int(match.group(1))
                break
            if style.name.strip().lower() in _TITLE_NAMES:
                level = 1
                break
        return StyleInfo(
            heading_level=level,
            toc=any(_TOC_NAME.match(s.name.strip()) for s in chain),
            list_by_name=any(_LIST_NAME.fullmatch(s.name.strip()) for s in chain),
            num_id=next((s.num_id for s in chain if s.num_id is not None), None),
            bold=bool(bold),
            size=size or WORD_DEFAULT_SIZE,
            hidden=bool(next((s.vanish for s in chain if s.vanish is not None),
                             self._hidden_default)),
        )


@dataclass(frozen=True, slots=True)
class ListLevel:
    """How one level of a list is numbered: ``numFmt`` ('decimal', 'bullet', ...)."""

    fmt: str
    text: str
    start: int


class Numbering:
    """word/numbering.xml: which lists are numbered and how their numbers look.

    Needed because a top-level *numbered* list paragraph can be a heading
    ('1. Formål' typed as a list), while a bulleted one never is.
    """

    def __init__(self, levels: dict[tuple[str, int], ListLevel]) -> None:
        self._levels = levels

    @classmethod
    def empty(cls) -> Numbering:
        return cls({})

    @classmethod
    def parse(cls, root: etree._Element) -> Numbering:
        w = names_for(root)
        abstract: dict[str, dict[int, ListLevel]] = {}
        for element in root.iter(w.abstract_num):
            levels: dict[int, ListLevel] = {}
            for lvl in element.iter(w.lvl):
                ilvl = int_or_none(lvl.get(w.ilvl))
                if ilvl is None:
                    continue
                fmt_el, text_el, start_el = lvl.find(w.num_fmt), lvl.find(w.lvl_text), lvl.find(
                    w.start)
                levels[ilvl] = ListLevel(
                    fmt=(fmt_el.get(w.val) if fmt_el is not None else None) or "decimal",
                    text=(text_el.get(w.val) if text_el is not None else None) or "",
                    start=(int_or_none(start_el.get(w.val)) if start_el is not None else None)
                    or 1,
                )
            abstract[element.get(w.abstract_num_id) or ""] = levels
        out: dict[tuple[str, int], ListLevel] = {}
        for num in root.iter(w.num):
            num_id = num.get(w.num_id)
            ref = num.find(w.abstract_num_id)
            if num_id is None or ref is None:
                continue
            for ilvl, level in abstract.get(ref.get(w.val) or "", {}).items():
                out[(num_id, ilvl)] = level
        return cls(out)

    def level(self, num_id: str, ilvl: int) -> ListLevel | None:
        return self._levels.get((num_id, ilvl))
