"""What a check produces: verdicts with their evidence.

These types are the hand-over from matching to reporting; every output format
is rendered from them alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    COVERED = "covered"
    WEAK = "weak"
    MISSING = "missing"
    WAIVED = "waived"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a verdict came from. ``page`` is 1-based for PDFs, else None.

    ``ocr``: the text was recognised by samlint from a page image, so a
    reviewer knows a word in the excerpt may be misread.
    """

    file: str
    line: int
    excerpt: str
    page: int | None = None
    heading: str | None = None
    ocr: bool = False


@dataclass(slots=True)
class RuleResult:
    """The verdict for one rule on one agreement.

    ``weak_kind`` is one of heading, intent, restated-law, dangling-reference,
    ledd2-partial, recommended-topics, stale, as named in spec/verdicts.md
    (``matching.grading.WeakKind``); None unless weak, or waived from weak. It
    is what a reviewer acts on, so reports show it.

    ``baselined`` marks a weak or missing verdict recorded in the baseline
    (``--baseline``): it keeps its status, so totals stay true, but is shown
    with severity info and the message prefix "(i grunnlinjen)", and it never
    fails a run, so only new findings do.
    """

    rule_id: str
    title: str
    status: Status
    severity: Severity | None
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    weak_kind: str | None = None
    waiver: str | None = None  # the recorded reason, when status is waived
    baselined: bool = False


@dataclass(frozen=True, slots=True)
class FileError:
    """A file of an agreement that could not be read.

    ``judging``: not a file but the agreement that was not judged, after every
    file was read: its judging stopped (over the time limit or the memory cap),
    or its files name parties that cannot be told apart into agreements;
    ``file`` is then the agreement. Reports count and word it apart: the files
    were fine.
    """

    file: str
    code: str
    message: str
    judging: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """Part of a file that was not read, though the rest of it was.

    Nothing is left out silently: a page without a text layer when OCR is
    off or not installed, an embedded object, an encrypted part. Unlike a
    ``FileError`` the file's other text was judged, so a notice alone does
    not fail a run; every report shows it, so no one believes that part was
    checked. ``pages`` are 1-based, empty when the notice is not about pages.
    """

    file: str
    code: str
    message: str
    pages: tuple[int, ...] = ()

    def where(self) -> str:
        """The file and its pages as reports show them: ``avtale.pdf s. 3, 5``."""
        pages = ", ".join(str(page) for page in self.pages)
        return f"{self.file} s. {pages}" if pages else self.file


@dataclass(frozen=True, slots=True)
class PartyInfo:
    """A party of an agreement as its text names it; ``kind`` is kommune,
    helseforetak or nasjonal (see ``samlint.roles``)."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class FileRole:
    """What one file (or zip member) of an agreement is: ``role`` such as
    hovedavtale or delavtale (None when the text does not say), ``number`` its
    number (delavtale 5), ``numbers`` all of them (tenesteavtalar 1–4)."""

    file: str
    role: str | None
    number: int | None = None
    numbers: tuple[int, ...] = ()


@dataclass(slots=True)
class AgreementResult:
    """All verdicts for one agreement (a file or an agreement set).

    ``parties`` and ``documents`` say whose agreement was judged and what each
    of its files is, so a report never leaves the reader guessing.
    """

    path: str
    files: list[str]
    rules: list[RuleResult]
    errors: list[FileError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    parties: list[PartyInfo] = field(default_factory=list)
    documents: list[FileRole] = field(default_factory=list)
