"""Rules kept in the cache (``rule_cache``): what comes back is exactly what the YAML
gives, an edited pack or a damaged entry is parsed again, and the language patterns
are compiled only when something judges with them."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from samlint import rule_cache
from samlint.cache import Cache
from samlint.matching import prepare_rules
from samlint.matching.language import Language
from samlint.rule_cache import LazyLanguage, cached_rules
from samlint.rules import (
    builtin_language,
    builtin_language_data,
    builtin_rule_files,
    default_rule_files,
    load_rule_files,
)

PACK = """\
schema: 1
pack: {id: egne, title: Egne krav}
language:
  filler_words: tja
  documents:
    numbered: [protokoll]
rules:
  - id: egne-tolk
    title: Tolketjenester
    source: egen retningslinje
    match:
      headings: [tolketjenester]
      terms: [tolk, tenester]
      min_terms: 1
    severity: {weak: info}
"""


def _no_parsing(*_args: object) -> None:
    raise AssertionError("a warm cache must not parse the rule files again")


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.json"))


@pytest.mark.parametrize("files", [default_rule_files(), builtin_rule_files()],
                         ids=["default", "all packs"])
def test_rules_from_the_cache_are_the_rules_parsed(tmp_path: Path, files: list[Path],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = load_rule_files(files)
    first = cached_rules(files, Cache(tmp_path))
    assert len(_entries(tmp_path)) == 1
    monkeypatch.setattr("samlint.rules.load_rule_files", _no_parsing)
    second = cached_rules(files, Cache(tmp_path))
    assert first == parsed and second == parsed
    assert [r.language for r in second] == [r.language for r in parsed]
    assert all(r.language is builtin_language() for r in second)  # one Language, as parsed
    assert [r.dates for r in second] == [r.dates for r in parsed]


def test_a_pack_extending_the_language_comes_back_with_its_language(tmp_path: Path) -> None:
    pack = tmp_path / "egne.yaml"
    pack.write_text(PACK, encoding="utf-8")
    parsed = load_rule_files([*default_rule_files(), pack])
    cached_rules([*default_rule_files(), pack], Cache(tmp_path / "cache"))
    back = cached_rules([*default_rule_files(), pack], Cache(tmp_path / "cache"))
    assert back == parsed
    language = back[0].language
    assert isinstance(language, LazyLanguage) and language == parsed[0].language
    assert "tja" in language.filler and language.numbered_document.search("protokoll 3")


def test_an_edited_pack_misses_the_cache(tmp_path: Path) -> None:
    pack = tmp_path / "egne.yaml"
    pack.write_text(PACK, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    assert [r.title for r in cached_rules([pack], cache)] == ["Tolketjenester"]
    pack.write_text(PACK.replace("title: Tolketjenester", "title: Tolk"), encoding="utf-8")
    assert [r.title for r in cached_rules([pack], cache)] == ["Tolk"]


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    files = default_rule_files()
    cached_rules(files, Cache(tmp_path))
    [entry] = _entries(tmp_path)
    for damage in ('{"schema": 1, "value": {"rules": [{"id": 1}]}}', "{half"):
        entry.write_text(damage, encoding="utf-8")
        assert cached_rules(files, Cache(tmp_path)) == load_rule_files(files)
    assert cached_rules(files, Cache(tmp_path)) == load_rule_files(files)


def test_a_pack_that_cannot_be_read_is_the_loader_s_error(tmp_path: Path) -> None:
    from samlint.rules import RuleFileError

    with pytest.raises(RuleFileError, match="finnes ikke"):
        cached_rules([tmp_path / "borte.yaml"], Cache(tmp_path / "cache"))
    assert not (tmp_path / "cache").exists()


def test_rules_that_would_not_come_back_the_same_are_not_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry is written only when it reads back equal to what the YAML gave."""
    monkeypatch.setattr(rule_cache, "_round_trips", lambda _entry, _rules: False)
    assert cached_rules(default_rule_files(), Cache(tmp_path)) == load_rule_files(
        default_rule_files())
    assert _entries(tmp_path) == []


def test_the_language_is_compiled_when_first_used() -> None:
    language = LazyLanguage(dict(builtin_language().data))
    assert "filler" not in vars(language)
    assert language == builtin_language()  # compared by its data, compiled or not
    assert "partene" in language.filler
    assert "filler" in vars(language) and language.statute_citation.pattern
    with pytest.raises(AttributeError):
        _ = language.no_such_thing
    back = pickle.loads(pickle.dumps(LazyLanguage(language.data)))
    assert type(back) is Language and back == language and back.filler == language.filler


def test_preparing_the_rules_compiles_each_language_once() -> None:
    rules = load_rule_files(default_rule_files())
    prepare_rules(rules)
    assert "filler" in vars(rules[0].language)
    assert builtin_language_data() is builtin_language_data()  # read once per process
