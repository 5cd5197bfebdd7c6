"""What each document of an agreement set is, and between whom: roles and parties.

A folder of agreements only makes sense when samlint knows which files belong
together and what each one is: a hovedavtale, delavtale 5, a vedlegg. File
names are unreliable (``scan0003.pdf``), so both are read from the text where
a reader would look: the title, the parties section ("1 Parter") and the
signature block; the file name is consulted only when the title names no role.
Discovery splits a folder by the parties found here, references resolve by the
roles found here, and every report shows both.

The engine holds no words: the role nouns, party patterns and the words that
end a title are data in ``rules/language.yaml`` (``agreement_sets``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from samlint.documents.model import BlockKind, Document
from samlint.matching.cues import cues
from samlint.matching.language import pattern_text
from samlint.matching.normalise import fold

KOMMUNE = "kommune"
HELSEFORETAK = "helseforetak"
NASJONAL = "nasjonal"
PARTY_ORDER = (KOMMUNE, HELSEFORETAK, NASJONAL)
# A title, parties paragraph or signature line is short; a longer block is
# read only this far, so a hostile text cannot make the party patterns slow.
REGION_CHARS = 1000
# The role names of the machine formats (JSON, SARIF), fixed by the spec
# (json-output.md); ``agreement_sets.machine_roles`` maps the Norwegian roles to them.
MACHINE_ROLES = ("main", "delavtale", "saeravtale", "vedlegg", "guideline", "other")
OTHER_ROLE = "other"


@dataclass(frozen=True, slots=True)
class Party:
    """One party as named in the text: ``Storfjell kommune``, ``Helse Nordvik HF``, ``KS``.

    ``kind`` is kommune, helseforetak (private and ideelle hospitals too) or
    nasjonal (the state and KS), which is what decides whether § 6-2 applies.
    """

    name: str
    kind: str

    @property
    def key(self) -> str:
        """The name folded, so the same party written twice is one party."""
        return fold(self.name)


@dataclass(frozen=True, slots=True)
class Role:
    """A document's role (``hovedavtale``, ``delavtale``, ...; None when unknown),
    its numbers (``tenesteavtalar 1–4`` has four), and where the role was read:
    ``tittel``, ``filnavn`` or ``antatt`` (an untitled agreement between parties)."""

    role: str | None
    numbers: tuple[int, ...] = ()
    source: str = ""

    @property
    def number(self) -> int | None:
        return self.numbers[0] if self.numbers else None


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything this module finds in one document."""

    role: Role
    parties: tuple[Party, ...]

    def kommuner(self) -> frozenset[str]:
        return frozenset(p.key for p in self.parties if p.kind == KOMMUNE)


class _Data:
    """The ``agreement_sets`` section of the language data, compiled once."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.roles: list[tuple[str, str]] = sorted(
            ((stem, role) for role, stems in data["roles"].items() for stem in stems),
            key=lambda pair: -len(pair[0]))  # "overordna samarbeidsavtal" before "samarbeidsavtal"
        stems = "|".join(re.escape(stem) for stem, _ in self.roles)
        self.role_word = re.compile(rf"\b(?:{stems})")
        self.generic = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in data["generic_agreement"]) + r")\b")
        self.number = re.compile(data["number"])
        self.section_heading = re.compile(data["section_heading"])
        self.title_blocks = int(data["title_blocks"])
        self.signature_blocks = int(data["signature_blocks"])
        self.parties_heading = tuple(data["parties_heading"])
        self.signature_heading = tuple(data["signature_heading"])
        self.numbered_agreement_roles = frozenset(data["numbered_agreement_roles"])
        self.attachment_roles = frozenset(data["attachment_roles"])
        self.main_role = str(data["main_role"])
        self.role_order = list(data["roles"])
        self.guide_role = str(data["guide_role"])
        self.machine_roles = {str(k): str(v) for k, v in data.get("machine_roles", {}).items()}
        # Tried only on texts that hold a literal each needs ("kommune", "HF"), read from
        # the patterns themselves (``matching.cues``): most title and signature lines
        # name no party of most kinds, and the patterns are slow to fail.
        parties = cues({kind: [pattern_text(text)] for kind, text in data["parties"].items()})
        self.kommune, self.kommuner = parties["kommune"], parties["kommuner"]
        self.helseforetak, self.sykehus = parties["helseforetak"], parties["sykehus"]
        self.nasjonal = parties["nasjonal"]
        self.not_names = frozenset(fold(word) for word in data["not_names"])
        self.aliases = {str(k): str(v) for k, v in data.get("aliases", {}).items()}


@cache
def _data() -> _Data:
    from samlint.rules import builtin_language_data

    return _Data(builtin_language_data()["agreement_sets"])


def role_family(role: str | None) -> str | None:
    """The numbering a role belongs to: ``agreement`` (delavtale, tjenesteavtale,
    særavtale share one), ``attachment`` (vedlegg), or None (not numbered)."""
    data = _data()
    if role in data.numbered_agreement_roles:
        return "agreement"
    if role in data.attachment_roles:
        return "attachment"
    return None


def role_order() -> tuple[str, ...]:
    """The roles in the order reports list them: the main agreement first."""
    return tuple(_data().role_order)


def main_role() -> str:
    return _data().main_role


def guide_role() -> str:
    """The role of text about agreements (a guide, a consultation), not an agreement."""
    return _data().guide_role


def machine_role(role: str | None) -> str:
    """A role as the JSON and SARIF reports name it (``main``, ``delavtale``, ...).

    Programs reading those formats rely on the spec's six names, whatever words
    the language data uses; a role the data gives no name, and no role, is ``other``.
    """
    return _data().machine_roles.get(role or "", OTHER_ROLE)


def check_machine_roles(data: dict[str, Any], where: str) -> None:
    """Refuse ``machine_roles`` that name an unknown role or a name outside the spec.

    Checked when the language data is read, so a typo in an edited
    ``language.yaml`` is one clear error, not JSON a CI job cannot parse.
    """
    from samlint.rules import RuleFileError

    names = data.get("machine_roles", {})
    if not isinstance(names, dict):
        raise RuleFileError(f"{where}: agreement_sets.machine_roles må være en mapping")
    for role, name in names.items():
        if role not in (data.get("roles") or {}):
            raise RuleFileError(f"{where}: agreement_sets.machine_roles nevner rollen "
                                f"«{role}», som ikke står under agreement_sets.roles")
        if name not in MACHINE_ROLES:
            raise RuleFileError(f"{where}: agreement_sets.machine_roles.{role} er «{name}», "
                                f"men må være en av {', '.join(MACHINE_ROLES)}")


# The profiles of the last documents asked about, by identity: splitting a set,
# resolving its references and describing it each ask, and reading the parties
# is most of a set's cost outside the matcher. A document is not changed once read.
_PROFILES: dict[int, tuple[Document, Profile]] = {}
REMEMBERED_PROFILES = 64


def profile(document: Document) -> Profile:
    """The role and parties of one document (worked out once per document)."""
    known = _PROFILES.get(id(document))
    if known is not None and known[0] is document:
        return known[1]
    found = _profile(document)
    if len(_PROFILES) >= REMEMBERED_PROFILES:
        _PROFILES.clear()
    _PROFILES[id(document)] = (document, found)
    return found


def _profile(document: Document) -> Profile:
    title = _title_blocks(document)
    role = _role_in(" ".join(title), "tittel")
    if role.role is None:
        role = _role_in(document.path.stem.replace("_", " ").replace("-", " "), "filnavn")
    parties = () if role.role == _data().guide_role else _parties(document, title)
    if role.role is None and parties \
            and _data().generic.search(fold(" ".join(b.text for b in document.blocks[:12]))):
        role = Role(_data().main_role, (), "antatt")
    return Profile(role, parties)


def _title_blocks(document: Document) -> list[str]:
    """The text before the first numbered section heading, at most ``title_blocks`` blocks.

    A title may be split over two blocks (a PDF's two-line heading); body text
    is never read for a role, since a hovedavtale's body names its delavtaler.
    """
    data = _data()
    title: list[str] = []
    for block in document.blocks[:data.title_blocks]:
        block = replace(block, text=block.text[:REGION_CHARS])
        if block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and title \
                and data.section_heading.match(fold(block.text)):
            break
        if block.kind == BlockKind.TOC_ENTRY:
            break
        title.append(block.text)
    return title


def _role_in(text: str, source: str) -> Role:
    """The first role noun in ``text`` and the number written right after it."""
    data = _data()
    folded = fold(text)
    match = data.role_word.search(folded)
    if match is None:
        return Role(None)
    word = match.group(0)
    role = next(name for stem, name in data.roles if stem == word)
    numbers: tuple[int, ...] = ()
    if role_family(role) is not None:
        after = data.number.match(folded[match.end():])
        if after:
            start = int(after.group("a"))
            end = int(after.group("b")) if after.group("b") else start
            numbers = tuple(range(start, max(start, end) + 1))
    return Role(role, numbers, source)


def _parties(document: Document, title: list[str]) -> tuple[Party, ...]:
    """Parties named in the title, the parties section and the signature block."""
    data = _data()
    blocks = document.blocks
    regions: list[str] = list(title)
    sections = {"parties": 2, "signature": data.signature_blocks}  # blocks after each heading
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING and sections:
            heading = _heading_words(block.text[:REGION_CHARS])
            which = ("parties" if heading.startswith(data.parties_heading) else
                     "signature" if heading.startswith(data.signature_heading) else "")
            if which in sections:  # the first of each only
                regions.extend(b.text for b in blocks[index + 1:index + 1 + sections.pop(which)])
    regions.extend(b.text for b in blocks[-data.signature_blocks:])
    found: dict[str, Party] = {}
    for text in regions:
        for party in _parties_in(text[:REGION_CHARS]):
            if party.key not in found or found[party.key].name.isupper():
                found[party.key] = party  # «Helse Storelv HF» rather than an all-caps title
    return tuple(sorted(found.values(), key=lambda p: PARTY_ORDER.index(p.kind)))


def _heading_words(text: str) -> str:
    """A heading without its number: «12. Underskrifter» is «underskrifter»."""
    return _data().section_heading.sub("", fold(text).strip() + " ", count=1).strip()


def _parties_in(text: str) -> Iterable[Party]:
    data = _data()
    for match in data.kommuner.finditer(text):
        names = match.group("names") or match.group("names2") or ""
        for name in re.split(r",\s*|\s+og\s+", names):
            if _clean(name):
                yield Party(f"{_clean(name)} kommune", KOMMUNE)
    for match in data.kommune.finditer(text):
        name = _clean(match.group("name"))
        if name:
            yield Party(f"{name} kommune", KOMMUNE)
    for pattern in (data.helseforetak, data.sykehus):
        for match in pattern.finditer(text):
            name = _clean(match.group("name"), keep_last=True)
            if name:
                yield Party(name, HELSEFORETAK)
    for match in data.nasjonal.finditer(text):
        name = " ".join(match.group("name").split())
        yield Party(data.aliases.get(name, name), NASJONAL)


def _clean(name: str, *, keep_last: bool = False) -> str:
    """A captured name without the capitalised words before it that are no name
    («For Storfjell» is Storfjell); empty when nothing of a name is left."""
    words = name.split()
    while words and fold(words[0]) in _data().not_names:
        words.pop(0)
    if keep_last and len(words) < 2:  # «HF» alone is no name
        return ""
    return " ".join(words)


def parties_of(profiles: Sequence[Profile]) -> tuple[Party, ...]:
    """The parties of a set: every party any document names, once, kommuner first."""
    found: dict[str, Party] = {}
    for item in profiles:
        for party in item.parties:
            found.setdefault(party.key, party)
    return tuple(sorted(found.values(), key=lambda p: PARTY_ORDER.index(p.kind)))


def is_kommune_helseforetak(parties: Sequence[Party]) -> bool:
    """Whether the parties are those of a § 6-2 agreement: a kommune and a helseforetak."""
    kinds = {party.kind for party in parties}
    return KOMMUNE in kinds and HELSEFORETAK in kinds
