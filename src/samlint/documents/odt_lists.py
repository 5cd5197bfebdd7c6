"""Which list an ODT list item belongs to, and the number LibreOffice prints for it.

An ODT stores no list numbers: LibreOffice counts them when it shows the page,
from the list style (``text:list-style``: per level a number format, prefix,
suffix and start value, or a bullet) and from which lists continue which
(``text:continue-numbering``, ``text:continue-list``). The numbered-list
heading rule (``list_headings``) needs both, as the DOCX reader gets them from
``numbering.xml``, so a section typed as "1. Formål" in a numbered list is a
heading in the ODT too.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from samlint.documents.list_headings import FORMAT_LETTERS, shown_number

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NAME, _PARENT = f"{{{STYLE}}}name", f"{{{STYLE}}}parent-style-name"
_LIST_STYLE = f"{{{STYLE}}}list-style-name"
_STYLE_NAME = f"{{{TEXT}}}style-name"
_NUMBER_STYLE = f"{{{TEXT}}}list-level-style-number"


@dataclass(frozen=True)
class Level:
    """One numbered level of a list style."""

    fmt: str
    prefix: str
    suffix: str
    start: int


@dataclass
class Place:
    """Where a list item is: its list (an identity shared by continued lists), its
    depth, and the printed number of a top-level numbered item (else None)."""

    list: int
    depth: int
    label: str | None


class Lists:
    """List styles of a document, and the count of each top-level list as it is walked."""

    def __init__(self, roots: list[etree._Element]) -> None:
        self._levels: dict[str, dict[int, Level]] = {}
        self._paragraph: dict[str, tuple[str | None, str | None]] = {}
        for root in roots:
            for style in root.iter(f"{{{TEXT}}}list-style"):
                levels: dict[int, Level] = {}
                for level in style.iter(_NUMBER_STYLE):
                    fmt = FORMAT_LETTERS.get(level.get(f"{{{STYLE}}}num-format") or "")
                    if fmt:
                        levels[_int(level.get(f"{{{TEXT}}}level"), 1)] = Level(
                            fmt, level.get(f"{{{STYLE}}}num-prefix") or "",
                            level.get(f"{{{STYLE}}}num-suffix") or "",
                            _int(level.get(f"{{{TEXT}}}start-value"), 1))
                self._levels.setdefault(style.get(_NAME) or "", levels)
            for style in root.iter(f"{{{STYLE}}}style"):
                if style.get(f"{{{STYLE}}}family") == "paragraph" and style.get(_NAME):
                    self._paragraph.setdefault(style.get(_NAME) or "", (
                        style.get(_LIST_STYLE), style.get(_PARENT)))
        self._by_id: dict[str, int] = {}  # xml:id of a list -> its identity
        self._by_style: dict[str, int] = {}  # list style -> the latest list with it
        self._count: dict[int, int] = {}  # identity -> the last top-level number

    def open(self, element: etree._Element) -> tuple[int, str]:
        """A top-level ``text:list`` met: its identity (continued or new) and style."""
        style = element.get(_STYLE_NAME) or self._first_paragraph_style(element)
        continued = element.get(f"{{{TEXT}}}continue-list")
        if continued and continued in self._by_id:
            identity = self._by_id[continued]
        elif element.get(f"{{{TEXT}}}continue-numbering") == "true" and style in self._by_style:
            identity = self._by_style[style]
        else:
            identity = len(self._count) + 1
            self._count[identity] = 0
        self._by_style[style] = identity
        if element.get(XML_ID):
            self._by_id[element.get(XML_ID) or ""] = identity
        return identity, style

    def number(self, identity: int, style: str, item: etree._Element) -> str | None:
        """The printed number of a top-level item of the list, if its style numbers it."""
        level = self._levels.get(style, {}).get(1)
        if level is None:
            return None
        start = item.get(f"{{{TEXT}}}start-value")
        previous = self._count.get(identity, 0)
        value = _int(start, 1) if start else (previous + 1 if previous else level.start)
        self._count[identity] = value
        return f"{level.prefix}{shown_number(value, level.fmt)}{level.suffix}".strip()

    def _first_paragraph_style(self, element: etree._Element) -> str:
        """A list with no style of its own takes its first paragraph's (through parents)."""
        for p in element.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
            name, seen = p.get(_STYLE_NAME), set()
            while name and name not in seen:
                seen.add(name)
                own, parent = self._paragraph.get(name, (None, None))
                if own:
                    return own
                name = parent
            break
        return ""


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, min(int(value), 10_000)) if value else default
    except ValueError:
        return default
