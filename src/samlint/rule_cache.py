"""The rules of a run, loaded cheaply: kept in the cache as JSON, their patterns compiled late.

Loading the packs costs more than the rest of a check whose verdicts are
cached: importing PyYAML, parsing and validating the packs and the language
data, adding the nynorsk spellings and compiling the language patterns took
50-70 ms of a 200 ms run. What comes out depends only on the rule files'
names and bytes and on samlint's own code and data (``code_fingerprint``),
so it is kept in the cache (``samlint.cache``) under a hash of exactly
those, beside the verdicts, and serves a user's packs as well as the
built-in one. It is JSON, as everything in the cache, so an entry can never
run code; an entry is only written when it reads back equal to what the
YAML gave, so a rule loaded from the cache cannot differ from one parsed.

The language patterns are compiled when the matcher first needs them
(``LazyLanguage``), which a cached check never does.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samlint.matching.language import Language

if TYPE_CHECKING:
    from samlint.cache import Cache
    from samlint.rules import Rule


class LazyLanguage(Language):
    """Language data that is compiled when the matcher first uses it, not when it is loaded.

    Compiling the patterns takes 20-25 ms, and a check whose verdicts come
    from the cache never judges: it needs the rules' ids, titles and messages.
    The first attribute asked for compiles everything (``Language.__init__``);
    after that they are plain attributes. Pickled, it is a ``Language``.
    """

    def __init__(self, data: dict[str, Any]) -> None:  # compiled by ``compile``
        self.data = data
        self._compiled = False

    def __getattr__(self, name: str) -> Any:  # only for attributes not set yet
        if name.startswith("__") or self.__dict__.get("_compiled", True):
            raise AttributeError(name)
        self._build()
        return getattr(self, name)

    def _build(self) -> None:
        if not self._compiled:
            self._compiled = True
            Language.__init__(self, self.data)

    def compile(self) -> None:
        """Build the language data, and compile its cues (``Language.compile``)."""
        self._build()
        Language.compile(self)


def cached_rules(paths: list[Path], cache: Cache) -> list[Rule]:
    """``rules.load_rule_files(paths)``, from the cache when the files and samlint are unchanged.

    A file that cannot be hashed is left to the loader, whose error names it.
    """
    from samlint.cache import file_digest
    from samlint.rules import load_rule_files

    try:
        key = cache.rules_key([(str(path), file_digest(path)) for path in paths])
    except OSError:
        return load_rule_files(paths)
    entry = cache.load_rules(key)
    if entry is not None:
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            return _decode(entry)
    rules = load_rule_files(paths)
    entry = _encode(rules)
    if entry is not None and _round_trips(entry, rules):
        cache.store_rules(key, entry)
    return rules


# The fields of a rule that hold records, and how they come back from JSON lists.
def _part(item: list[Any]) -> Any:
    from samlint.rules import RulePart

    part_id, title, terms = item
    return RulePart(part_id, title, tuple(terms))


def _element(item: list[Any]) -> Any:
    from samlint.rule_elements import RuleElement

    element_id, title, terms, essential, reason = item
    return RuleElement(element_id, title, tuple(terms), essential, reason)


def _dates(item: dict[str, Any] | None) -> Any:
    from samlint.rules import DateCheck

    if item is None:
        return None
    return DateCheck(tuple(item["labels"]), item["review_months"],
                     date.fromisoformat(item["in_force"]) if item["in_force"] else None,
                     tuple(item["amended_rules"]), item["note"])


def _encode(rules: list[Rule]) -> dict[str, Any] | None:
    """The rules as plain JSON data, with the language data they judge with (None: rules
    that do not share one ``Language``, which ``load_rule_files`` never gives)."""
    from samlint.rules import Rule, builtin_language, builtin_language_data

    def plain(name: str, value: Any) -> Any:
        if name in ("parts", "topics"):
            return [[p.id, p.title, list(p.terms)] for p in value]
        if name == "elements":
            return [[e.id, e.title, list(e.terms), e.essential, e.reason] for e in value]
        if name == "dates":
            return None if value is None else {
                "labels": list(value.labels), "review_months": value.review_months,
                "in_force": value.in_force.isoformat() if value.in_force else None,
                "amended_rules": list(value.amended_rules), "note": value.note}
        if name == "messages":
            return [list(pair) for pair in value]
        return list(value) if isinstance(value, tuple) else value

    languages = list({id(rule.language): rule.language for rule in rules}.values())
    if len(languages) != 1 or languages[0] is None:
        return None
    [language] = languages
    return {
        "builtin_data": builtin_language_data(),
        # None: the built-in language data, not extended by a pack
        "language": None if language is builtin_language() else language.data,
        "rules": [{f.name: plain(f.name, getattr(rule, f.name))
                   for f in fields(Rule) if f.name != "language"} for rule in rules],
    }


def _decode(entry: dict[str, Any]) -> list[Rule]:
    from samlint.rules import Rule, builtin_language, use_builtin_language_data

    builtin_data, extended = entry["builtin_data"], entry["language"]
    if not isinstance(builtin_data, dict) or not isinstance(extended, dict | None):
        raise TypeError("language data")
    special = {"parts": lambda v: tuple(map(_part, v)), "topics": lambda v: tuple(map(_part, v)),
               "elements": lambda v: tuple(map(_element, v)), "dates": _dates,
               "messages": lambda v: tuple(tuple(pair) for pair in v)}
    names = {f.name for f in fields(Rule)} - {"language"}
    values = []
    for rule in entry["rules"]:
        if rule.keys() != names:  # every field, or the entry is not this samlint's
            raise KeyError("rule fields")
        values.append({name: special[name](value) if name in special
                       else tuple(value) if isinstance(value, list) else value
                       for name, value in rule.items()})
    use_builtin_language_data(builtin_data)  # only from an entry read whole
    language = builtin_language() if extended is None else LazyLanguage(extended)
    return [Rule(**fields_of_rule, language=language) for fields_of_rule in values]


def _round_trips(entry: dict[str, Any], rules: list[Rule]) -> bool:
    """Whether the entry, written as JSON and read back, gives exactly these rules."""
    try:
        back = json.loads(json.dumps(entry, ensure_ascii=False))
    except (TypeError, ValueError):
        return False
    if back != entry:  # a value JSON does not keep (a tuple, a date, a key that is no string)
        return False
    with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
        decoded = _decode(back)
        return decoded == rules and all(a.language == b.language
                                        for a, b in zip(decoded, rules, strict=True))
    return False
