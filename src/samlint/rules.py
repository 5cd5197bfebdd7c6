"""Load and validate rule files.

A rule file is data: the statute, the guidance and the words that show a
requirement is being dealt with. The built-in pack and a user's own file go
through exactly this loader, so a user's rule works like a built-in one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from samlint.matching.language import FIELDS, Language, get, merged
from samlint.rule_cache import LazyLanguage
from samlint.rule_elements import RuleElement, parse_elements
from samlint.rule_messages import KINDS, MESSAGE_KEYS, MessageError, kind_messages, messages

RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SEVERITIES = ("error", "warning", "info")
LANGUAGE_FILE = "language.yaml"  # beside the packs, but not a pack


class RuleFileError(Exception):
    """A rule file that cannot be used; the message names file, rule and field."""


@dataclass(frozen=True, slots=True)
class RulePart:
    """One element that must be present for a rule with parts (all are required)."""

    id: str
    title: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DateCheck:
    """A rule about the agreement's dates rather than its text.

    ``labels`` are words that mark a date as the agreement's own ("vedtatt",
    "revidert"); the latest such date must be within ``review_months`` of the
    day of the check. An ``amendment`` in force from ``in_force`` adds
    ``note`` to the listed rules when the agreement predates it and they are
    not covered.
    """

    labels: tuple[str, ...]
    review_months: int = 12
    in_force: date | None = None
    amended_rules: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """One requirement and the knowledge needed to judge it.

    ``headings``: terms that, in a heading, mark a section as being about the
    requirement. ``terms``: terms that show it is dealt with in body text.
    ``exclude``: phrases that mention a term in passing and must not count.
    ``parts``: elements that must all be clarified (e.g. responsibility,
    organisation, financing); one or some present gives weak.
    ``scope``: for rules with parts, terms that mark the things the parts must
    be clarified for (such as joint measures).
    ``min_sentences``: substantive sentences that make a section covered (a
    process duty such as yearly review is met by one). ``restating_is_weak``:
    false where repeating the statute is itself what the agreement must say
    ("kan sies opp med ett års frist").
    ``applies_to`` and ``topics``: a recommendation rule — the topics the text
    about another rule should also mention. ``dates``: a rule about the
    agreement's dates (see DateCheck).
    """

    id: str
    title: str
    source: str
    law: str
    guidance: str
    should_describe: tuple[str, ...]
    headings: tuple[str, ...]
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    parts: tuple[RulePart, ...] = ()
    scope: tuple[str, ...] = ()
    min_terms: int = 2
    min_sentences: int = 2
    restating_is_weak: bool = True
    nested_counts: bool = True  # a heading naming it under another point's heading counts
    severity_missing: str = "error"
    severity_weak: str = "warning"
    pack: str = ""
    file: str = ""
    applies_to: str = ""
    topics: tuple[RulePart, ...] = ()
    dates: DateCheck | None = None
    kind: str = "topic"
    elements: tuple[RuleElement, ...] = ()  # distinct things the point names (rule_elements)
    messages: tuple[tuple[str, str], ...] = ()
    language: Language | None = field(default=None, compare=False)

    def message(self, key: str, **values: object) -> str:
        """The rule's message template ``key`` ("missing", "weak.intent", ...), filled in.

        Every template the rule's kind uses is there: the loader fills the
        rule's own from its pack's and the language data's defaults.
        """
        return dict(self.messages)[key].format(title=self.title, source=self.source or self.id,
                                               **values)


@dataclass(frozen=True, slots=True)
class RulePack:
    id: str
    title: str
    file: str
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    language: dict[str, Any] = field(default_factory=dict)  # the pack's extension


_BUILTIN_LANGUAGE: list[Language] = []
_BUILTIN_DATA: list[dict[str, Any]] = []


def builtin_language_data() -> dict[str, Any]:
    """The language data shipped with samlint (``rules/language.yaml``), as read.

    Read once per process (the loader, the roles of a set and the rule cache
    all ask for it); callers must not change it.
    """
    if not _BUILTIN_DATA:
        path = builtin_rules_dir() / LANGUAGE_FILE
        data = read_yaml(path)
        if not isinstance(data, dict):
            raise RuleFileError(f"{path}: språkdata må være en YAML-mapping")
        from samlint.roles import check_machine_roles  # the spec's role names

        check_machine_roles(data.get("agreement_sets") or {}, str(path))
        _BUILTIN_DATA.append(data)
    return _BUILTIN_DATA[0]


def use_builtin_language_data(data: dict[str, Any]) -> None:
    """Take the built-in language data as already read (from the rule cache, ``rule_cache``)."""
    if not _BUILTIN_DATA:
        _BUILTIN_DATA.append(data)


def builtin_language() -> Language:
    """The built-in language data, compiled when first used (``LazyLanguage``)."""
    if not _BUILTIN_LANGUAGE:
        _BUILTIN_LANGUAGE.append(LazyLanguage(merged(builtin_language_data(), {})))
    return _BUILTIN_LANGUAGE[0]


def builtin_rules_dir() -> Path:
    """Where the shipped packs are: inside the wheel, or the checkout's rules/.

    An editable install does not copy rules/ into the package, so fall back to
    the repository root, which is the same files. Found beside this module,
    which is what ``importlib.resources.files`` gives for a package on disk,
    without importing that (with tempfile, 6-10 ms of every run).
    """
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_rule_files() -> list[Path]:
    """The packs shipped with samlint, in name order (the language data is no pack)."""
    return sorted(p for p in builtin_rules_dir().glob("*.yaml") if p.name != LANGUAGE_FILE)


def resolve_rule_file(name: Path) -> Path:
    """A rule file by path, or a built-in pack by name ("veileder", "kapittel-6")."""
    if name.exists() or name.suffix or len(name.parts) > 1:
        return name
    builtin = builtin_rules_dir() / f"{name.name}.yaml"
    return builtin if builtin.is_file() else name


def default_rule_files() -> list[Path]:
    """The packs active when the user names none: the § 6-2 pack."""
    return [p for p in builtin_rule_files() if p.name == "hol-6-2.yaml"]


def with_nynorsk(rule: Rule, language: Language) -> Rule:
    """The rule with the nynorsk spellings of its terms added (``Language.with_variants``)."""
    spell = language.with_variants
    return replace(
        rule, headings=spell(rule.headings), terms=spell(rule.terms),
        parts=tuple(replace(part, terms=spell(part.terms)) for part in rule.parts),
        elements=tuple(replace(element, terms=spell(element.terms))
                       for element in rule.elements))


def load_rule_files(paths: list[Path]) -> list[Rule]:
    """Load several packs; rule ids must be unique across them.

    The packs' ``language:`` sections extend the built-in language data, in
    the order given, and every rule of the run judges with the result.
    Parsed from YAML here; a run with a cache takes them from it
    (``rule_cache``), as JSON.
    """
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    base = merged(builtin_language_data(), {})
    language_data = base
    packs = [load_rule_file(path) for path in paths]
    for pack in packs:
        if pack.language:
            language_data = merged(language_data, pack.language)
    language = (builtin_language() if language_data == base
                else _compiled(language_data, paths))
    for path, pack in zip(paths, packs, strict=True):
        for rule in pack.rules:
            if rule.id in seen:
                raise RuleFileError(
                    f"{path}: regel {rule.id}: id-en finnes allerede i {seen[rule.id]}"
                )
            seen[rule.id] = str(path)
            rules.append(with_nynorsk(replace(rule, language=language), language))
    for rule in rules:
        # A recommendation needs its parent rule; an amendment note is simply
        # skipped when the rules it would annotate are not loaded.
        for target in [rule.applies_to] if rule.applies_to else []:
            if target not in seen:
                raise RuleFileError(
                    f"{rule.file}: regel {rule.id}: viser til regelen '{target}', "
                    "som ikke er lastet"
                )
    return rules


def _compiled(data: dict[str, Any], paths: list[Path]) -> Language:
    try:
        return Language(data)
    except re.error as exc:
        names = ", ".join(str(p) for p in paths)
        raise RuleFileError(f"{names}: ugyldig mønster i 'language' ({exc})") from None


def load_rule_file(path: Path) -> RulePack:
    """One pack, read from its YAML: built-in packs and a user's own alike."""
    return parse_rule_pack(read_yaml(path), str(path))


def read_yaml(path: Path) -> Any:
    """The plain data of a YAML rule file; every failure is a RuleFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(f"{path}: regelfilen finnes ikke") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{path}: regelfilen kan ikke leses ({exc})") from None
    import yaml

    try:
        # libyaml's loader, where installed, parses a pack ten times faster;
        # it builds the same plain data as the pure loader.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (linje {mark.line + 1})" if mark is not None else ""
        raise RuleFileError(f"{path}: ugyldig YAML{where}") from None
    except (ValueError, OverflowError):  # a date such as 2022-13-01 fails while it is built
        raise RuleFileError(f"{path}: ugyldig dato i YAML; skriv datoer som ÅÅÅÅ-MM-DD "
                            "med en dag som finnes") from None


TOP_LEVEL = ("schema", "pack", "messages", "language", "rules")



def parse_rule_pack(data: Any, file: str) -> RulePack:
    if not isinstance(data, dict):
        raise RuleFileError(f"{file}: regelfilen må være en YAML-mapping med 'rules'")
    unknown = sorted(set(data) - set(TOP_LEVEL), key=str)
    if unknown:
        raise RuleFileError(f"{file}: ukjent felt '{unknown[0]}' (kjente felt: "
                            + ", ".join(TOP_LEVEL) + ")")
    if data.get("schema", 1) != 1:
        raise RuleFileError(f"{file}: feltet 'schema' må være 1 (denne versjonen av formatet)")
    language = data.get("language") or {}
    if not isinstance(language, dict) or any(
            get(language, name) is None for name in _given_fields(language)):
        raise RuleFileError(f"{file}: feltet 'language' må være en mapping med felt fra "
                            "språkdataene (se docs/rule-format.md)")
    defaults = builtin_language_data().get("messages") or {}
    try:
        pack_messages = kind_messages(data.get("messages"), f"{file}: messages")
    except MessageError as exc:
        raise RuleFileError(str(exc)) from None
    pack_info = data.get("pack") or {}
    if not isinstance(pack_info, dict):
        raise RuleFileError(f"{file}: feltet 'pack' må være en mapping")
    for key in sorted(set(pack_info) - {"id", "title", "source"}, key=str):
        raise RuleFileError(f"{file}: ukjent felt 'pack.{key}' (kjente felt: id, title, source)")
    pack_id = str(pack_info.get("id") or Path(file).stem)
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleFileError(f"{file}: feltet 'rules' må være en ikke-tom liste")
    rules = []
    ids: set[str] = set()
    for index, raw in enumerate(raw_rules, 1):
        rule = _parse_rule(raw, file, index, pack_id, defaults, pack_messages)
        if rule.id in ids:
            raise RuleFileError(f"{file}: regel {rule.id}: id-en er brukt to ganger")
        ids.add(rule.id)
        rules.append(rule)
    return RulePack(pack_id, str(pack_info.get("title") or pack_id), file, tuple(rules),
                    language)


def _given_fields(language: dict[str, Any], prefix: str = "") -> list[str]:
    """The dotted names of a ``language:`` section's values; unknown ones raise."""
    names = []
    for key, value in language.items():
        name = f"{prefix}{key}"
        if name in FIELDS:
            names.append(name)
        elif isinstance(value, dict) and any(f.startswith(name + ".") for f in FIELDS):
            names.extend(_given_fields(value, name + "."))
        else:
            raise RuleFileError(f"ukjent felt 'language.{name}' i regelfilen")
    return names


def _parse_rule(raw: Any, file: str, index: int, pack_id: str, defaults: dict[str, Any],
                pack_messages: dict[str, dict[str, str]]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleFileError(f"{file}: regel nr. {index}: må være en mapping")
    rule_id = raw.get("id")
    where = f"{file}: regel {rule_id if isinstance(rule_id, str) else f'nr. {index}'}"
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise RuleFileError(f"{where}: feltet 'id' mangler eller har ugyldige tegn (a-z, 0-9, -)")
    known = {"id", "kind", "title", "source", "law", "guidance", "should_describe", "match",
             "parts", "severity", "applies_to", "topics", "dates", "messages", "elements"}
    unknown = sorted(set(raw) - known, key=str)
    if unknown:
        raise RuleFileError(f"{where}: ukjent felt '{unknown[0]}'")
    title = _text(raw, "title", where, required=True)
    kind = raw.get("kind", "topic")
    if kind not in KINDS:
        raise RuleFileError(f"{where}: feltet 'kind' må være en av {', '.join(KINDS)}")
    needed = {"topic": {"match"}, "parts": {"match", "parts"}, "dates": {"dates"},
              "recommendation": {"applies_to", "topics"}}[kind]
    kind_fields = {"match", "parts", "applies_to", "topics", "dates"}
    for name in sorted(needed - {k for k, v in raw.items() if v not in (None, [], {})}):
        raise RuleFileError(f"{where}: en regel av typen «{kind}» må ha feltet '{name}' "
                            "(ikke tomt; se docs/rule-format.md)")
    for name in sorted((set(raw) & kind_fields) - needed):
        raise RuleFileError(f"{where}: feltet '{name}' hører ikke til en regel av typen "
                            f"«{kind}» (velg typen med feltet 'kind', se docs/rule-format.md)")
    try:
        templates = {**messages(defaults.get(kind), "language.yaml: messages", kind),
                     **pack_messages.get(kind, {}),
                     **messages(raw.get("messages"), f"{where}: messages", kind)}
    except MessageError as exc:
        raise RuleFileError(str(exc)) from None
    lacking = [key for key in MESSAGE_KEYS[kind] if key not in templates]
    if lacking:
        raise RuleFileError(f"{where}: meldingen '{lacking[0]}' mangler (i regelen, pakken "
                            "eller språkdataene)")
    match = raw.get("match") or {}
    if "match" in raw:
        _parse_match(match, where)
    applies_to = ""
    topics: tuple[RulePart, ...] = ()
    if "applies_to" in raw:
        applies_to = _text(raw, "applies_to", where, required=True)
        topics = _parse_parts(raw, "topics", where, numbered=True)
        if not topics:
            raise RuleFileError(f"{where}: feltet 'topics' må være en ikke-tom liste")
    dates = _parse_dates(raw["dates"], where) if "dates" in raw else None
    severity = raw.get("severity") or {}
    if not isinstance(severity, dict):
        raise RuleFileError(f"{where}: feltet 'severity' må være en mapping (missing/weak)")
    for key in ("missing", "weak"):
        if severity.get(key, SEVERITIES[0]) not in SEVERITIES:
            raise RuleFileError(
                f"{where}: feltet 'severity.{key}' må være en av {', '.join(SEVERITIES)}"
            )
    return Rule(
        id=rule_id,
        title=title,
        source=_text(raw, "source", where),
        law=_text(raw, "law", where),
        guidance=_text(raw, "guidance", where),
        should_describe=_terms(raw, "should_describe", where, ""),
        headings=_terms(match, "headings", where, "match."),
        terms=_terms(match, "terms", where, "match."),
        exclude=_terms(match, "exclude", where, "match."),
        parts=_parse_parts(raw, "parts", where),
        scope=_terms(match, "scope", where, "match."),
        min_terms=match.get("min_terms", 2),
        min_sentences=match.get("min_sentences", 2),
        restating_is_weak=match.get("restating_is_weak", True),
        nested_counts=match.get("nested_counts", True),
        severity_missing=severity.get("missing", "error"),
        severity_weak=severity.get("weak", "warning"),
        pack=pack_id,
        file=file,
        applies_to=applies_to,
        topics=topics,
        dates=dates,
        kind=kind,
        elements=parse_elements(raw.get("elements"), where, RuleFileError),
        messages=tuple((key, templates[key]) for key in MESSAGE_KEYS[kind]),
    )


def _parse_match(match: Any, where: str) -> None:
    if not isinstance(match, dict):
        raise RuleFileError(f"{where}: feltet 'match' er ikke en mapping")
    unknown = sorted(set(match) - {"headings", "terms", "exclude", "scope", "min_terms",
                                   "min_sentences", "restating_is_weak", "nested_counts"})
    if unknown:
        raise RuleFileError(f"{where}: ukjent felt 'match.{unknown[0]}'")
    if not _terms(match, "headings", where, "match.") and not _terms(match, "terms", where,
                                                                      "match."):
        raise RuleFileError(f"{where}: 'match.headings' og 'match.terms' kan ikke begge være tomme")
    for key in ("min_terms", "min_sentences"):
        value = match.get(key, 2)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise RuleFileError(f"{where}: feltet 'match.{key}' må være et heltall ≥ 1")
    for key in ("restating_is_weak", "nested_counts"):
        if not isinstance(match.get(key, True), bool):
            raise RuleFileError(f"{where}: feltet 'match.{key}' må være true eller false")


def _parse_parts(raw: dict[str, Any], key: str, where: str, *,
                 numbered: bool = False) -> tuple[RulePart, ...]:
    """Parts (all required) or topics (recommended): a title and the terms that show it."""
    items = raw.get(key) or []
    if not isinstance(items, list):
        raise RuleFileError(f"{where}: feltet '{key}' må være en liste")
    parsed = []
    for n, item in enumerate(items, 1):
        pwhere = f"{where}: {key}[{n}]"
        if not isinstance(item, dict) or (not numbered and not isinstance(item.get("id"), str)):
            raise RuleFileError(f"{pwhere}: må være en mapping med " + (
                "'title' og 'terms'" if numbered else "'id'"))
        terms = _terms(item, "terms", pwhere, "")
        if not terms:
            raise RuleFileError(f"{pwhere}: feltet 'terms' kan ikke være tomt")
        part_id = str(n) if numbered else item["id"]
        parsed.append(RulePart(part_id, _text(item, "title", pwhere, required=True), terms))
    return tuple(parsed)


def _parse_dates(raw: Any, where: str) -> DateCheck:
    if not isinstance(raw, dict):
        raise RuleFileError(f"{where}: feltet 'dates' må være en mapping")
    unknown = sorted(set(raw) - {"labels", "review_months", "amendment"})
    if unknown:
        raise RuleFileError(f"{where}: ukjent felt 'dates.{unknown[0]}'")
    months = raw.get("review_months", 12)
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise RuleFileError(f"{where}: feltet 'dates.review_months' må være et heltall ≥ 1")
    amendment = raw.get("amendment")
    in_force = None
    amended: tuple[str, ...] = ()
    note = ""
    if amendment is not None:
        if not isinstance(amendment, dict):
            raise RuleFileError(f"{where}: feltet 'dates.amendment' må være en mapping")
        try:
            in_force = date.fromisoformat(str(amendment.get("in_force")))
        except ValueError:
            raise RuleFileError(
                f"{where}: feltet 'dates.amendment.in_force' må være en dato (ÅÅÅÅ-MM-DD)"
            ) from None
        amended = _terms(amendment, "rules", where, "dates.amendment.")
        note = _text(amendment, "message", where + ": dates.amendment", required=True)
    return DateCheck(_terms(raw, "labels", where, "dates."), months, in_force, amended, note)


def _text(raw: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            raise RuleFileError(f"{where}: feltet '{key}' mangler")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise RuleFileError(f"{where}: feltet '{key}' må være tekst")
    return value.strip()


def _terms(raw: dict[str, Any], key: str, where: str, prefix: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleFileError(f"{where}: feltet '{prefix}{key}' må være en liste med tekster")
    return tuple(v.strip() for v in value)
