"""The rule format: every built-in pack validates against rules/schema.json, a
user's own pack works exactly like a built-in one, messages are templates of
the packs, and the language data can be extended by a pack."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml

from samlint.documents.model import Block, BlockKind, Document
from samlint.matching import check_agreement
from samlint.rules import (
    RuleFileError,
    builtin_rule_files,
    builtin_rules_dir,
    load_rule_files,
)

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((builtin_rules_dir() / "schema.json").read_text(encoding="utf-8"))


def _as_json(path: Path) -> object:
    """A YAML file's data as JSON sees it (dates as ÅÅÅÅ-MM-DD)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", builtin_rule_files(), ids=lambda p: p.name)
def test_every_builtin_pack_validates_against_the_schema(path: Path) -> None:
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        _as_json(path))
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schema.json\n")


def test_the_builtin_packs_are_the_three_packs_and_not_the_language_data() -> None:
    assert [p.name for p in builtin_rule_files()] == [
        "hol-6-2.yaml", "kapittel-6.yaml", "veileder.yaml"]


def test_the_schema_refuses_what_the_loader_refuses(tmp_path: Path) -> None:
    """A rule of the wrong shape for its kind fails both the schema and the loader."""
    data = _as_json(builtin_rule_files()[0])
    assert isinstance(data, dict)
    data["rules"] = [{**data["rules"][0], "kind": "dates"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
    path = tmp_path / "feil.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RuleFileError, match="dates"):
        load_rule_files([path])


def _agreement(text: str) -> list[Document]:
    blocks = []
    for line, paragraph in enumerate(text.strip().split("\n\n"), 1):
        kind = BlockKind.HEADING if paragraph.startswith("#") else BlockKind.PARAGRAPH
        blocks.append(Block(paragraph.lstrip("# "), kind, line, None, 1 if kind else 0))
    return [Document(Path("avtale.txt"), "avtale.txt", blocks)]


AGREEMENT = """
# Samarbeidsavtale

# 3 Tolketjenester

Partene skal samarbeide om tolketjenester.

# 4 Oppsigelse

Avtalen kan sies opp med ett års varsel.
"""

USER_PACK = """\
# yaml-language-server: $schema=schema.json
schema: 1
pack: {id: egne, title: Egne krav}
messages:
  topic:
    missing: "Mangler: {title} ({source})."
rules:
  - id: egne-tolk
    title: Tolketjenester
    source: egen retningslinje
    law: samarbeid om tolketjenester
    match:
      headings: [tolketjenester]
      terms: [tolk]
      min_terms: 1
    messages:
      weak:
        intent: "Bare en setning om {title}."
  - id: egne-jordmor
    title: Jordmor
    match:
      terms: [jordmor]
"""


def test_a_user_pack_works_like_a_builtin_one(tmp_path: Path) -> None:
    """Loaded by the same loader, validated by the same schema, judged the same way,
    with its own messages at pack and rule level."""
    path = tmp_path / "egne.yaml"
    path.write_text(USER_PACK, encoding="utf-8")
    jsonschema.validate(_as_json(path), SCHEMA)
    rules = load_rule_files([path])
    assert [r.kind for r in rules] == ["topic", "topic"]
    tolk, jordmor = check_agreement(_agreement(AGREEMENT), rules, date(2026, 12, 1))
    assert (tolk.status, tolk.weak_kind) == ("weak", "intent")
    assert tolk.message == "Bare en setning om Tolketjenester."
    assert jordmor.status == "missing"
    assert jordmor.message == "Mangler: Jordmor (egne-jordmor)."


def test_a_builtin_pack_copied_elsewhere_gives_the_same_verdicts(tmp_path: Path) -> None:
    """Nothing about a built-in pack is special: copied and loaded as a user file,
    it gives identical verdicts."""
    builtin = [p for p in builtin_rule_files() if p.name == "hol-6-2.yaml"]
    copy = tmp_path / "min-kopi.yaml"
    shutil.copy(builtin[0], copy)
    documents = _agreement(AGREEMENT)
    assert (check_agreement(documents, load_rule_files(copy_list := [copy]), date(2026, 1, 1))
            == check_agreement(documents, load_rule_files(builtin), date(2026, 1, 1)))
    assert copy_list


def test_a_message_template_changed_in_the_pack_is_what_the_report_shows(
        tmp_path: Path) -> None:
    source = next(p for p in builtin_rule_files() if p.name == "hol-6-2.yaml")
    text = source.read_text(encoding="utf-8")
    assert "Teksten gjentar bare lovteksten i § 6-2" in text
    edited = tmp_path / "hol-6-2.yaml"
    edited.write_text(text.replace("messages:\n  topic:\n", "messages:\n  topic:\n"
                                   "    missing: \"Ikke funnet: {title}.\"\n", 1),
                      encoding="utf-8")
    results = check_agreement(_agreement(AGREEMENT), load_rule_files([edited]))
    assert any(r.message.startswith("Ikke funnet: ") for r in results if r.status == "missing")


def test_the_chapter_6_pack_never_says_its_text_restates_section_6_2() -> None:
    """The § 6-2 wording belongs to the § 6-2 pack's own messages only."""
    rules = load_rule_files(builtin_rule_files())
    for rule in rules:
        if rule.pack != "hol-6-2":
            assert all("6-2" not in text for _, text in rule.messages), rule.id


def test_a_pack_can_extend_the_language_data(tmp_path: Path) -> None:
    """A pack that names a document noun of its own («protokoll») makes a
    reference to a missing one dangling, as with the built-in nouns."""
    text = AGREEMENT.replace("Partene skal samarbeide om tolketjenester.",
                             "Bruk av tolk er regulert i protokoll 7, se protokoll 7.")
    plain = tmp_path / "plain.yaml"
    plain.write_text(USER_PACK, encoding="utf-8")
    extended = tmp_path / "extended.yaml"
    extended.write_text(USER_PACK.replace("rules:\n", "language:\n  documents:\n"
                                          "    numbered: [protokoll]\n"
                                          "    numbered_cues: [protokoll]\nrules:\n", 1),
                        encoding="utf-8")
    jsonschema.validate(_as_json(extended), SCHEMA)
    before = check_agreement(_agreement(text), load_rule_files([plain]))[0]
    after = check_agreement(_agreement(text), load_rule_files([extended]))[0]
    assert before.weak_kind != "dangling-reference"
    assert after.weak_kind == "dangling-reference"
    assert "protokoll 7" in after.message


@pytest.mark.parametrize(("section", "field"), [
    ("language:\n  uten_mening: [x]\n", "language"),
    ("language:\n  documents:\n    deferral: \"(\"\n", "mønster"),
    ("messages:\n  topic:\n    weak:\n      stale: \"x\"\n", "weak.stale"),
    ("messages:\n  fancy: {}\n", "messages"),
    ("ekstra: 1\n", "ekstra"),
])
def test_a_bad_pack_section_is_one_clear_error(tmp_path: Path, section: str,
                                                field: str) -> None:
    path = tmp_path / "egne.yaml"
    path.write_text(USER_PACK.replace("rules:\n", section + "rules:\n", 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=field) as raised:
        load_rule_files([path])
    assert "egne.yaml" in str(raised.value) or field == "language"


def test_rules_with_their_language_pickle_for_pool_workers() -> None:
    import pickle

    rules = load_rule_files(builtin_rule_files())
    back = pickle.loads(pickle.dumps(rules))
    assert back == rules
    assert back[0].language is back[-1].language  # one language for the run, sent once
    assert back[0].language.filler == rules[0].language.filler


def test_a_broken_pack_is_reported_whatever_the_cause(tmp_path: Path) -> None:
    pack = tmp_path / "egne.yaml"
    pack.write_text("rules: [", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"egne\.yaml: ugyldig YAML"):
        load_rule_files([pack])
    with pytest.raises(RuleFileError, match="finnes ikke"):
        load_rule_files([tmp_path / "borte.yaml"])
    pack.write_text(USER_PACK.replace("rules:\n", "amended: 2022-13-01\nrules:\n", 1),
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"egne\.yaml: ugyldig dato i YAML"):
        load_rule_files([pack])


@pytest.mark.parametrize(("old", "new", "message"), [
    ("pack: {id: egne, title: Egne krav}", "pack: {id: egne, titel: Egne krav}",
     "ukjent felt 'pack.titel'"),
    ("    match:\n      terms: [jordmor]\n", "    kind: parts\n    parts: []\n"
     "    match:\n      terms: [jordmor]\n", "må ha feltet 'parts'"),
    ("    match:\n      terms: [jordmor]\n", "    kind: dates\n    dates: {}\n"
     "    match:\n      terms: [jordmor]\n", "må ha feltet 'dates'"),
])
def test_a_rule_of_the_wrong_shape_for_its_kind_is_one_clear_error(
        tmp_path: Path, old: str, new: str, message: str) -> None:
    pack = tmp_path / "egne.yaml"
    assert old in USER_PACK
    pack.write_text(USER_PACK.replace(old, new), encoding="utf-8")
    with pytest.raises(RuleFileError, match=re.escape(message)) as raised:
        load_rule_files([pack])
    assert str(raised.value).startswith(f"{pack}:")


def test_the_examples_of_the_rule_format_document_load_and_validate(tmp_path: Path) -> None:
    """docs/rule-format.md's examples, one per rule kind, are a working pack."""
    text = (REPO / "docs" / "rule-format.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in text.split("```yaml\n")[1:]]
    pack, *items = [b for b in blocks if "id:" in b or "messages:" in b]
    rule_items = [b for b in items if b.startswith("  - id:")]
    pack_level = [b for b in items if not b.startswith("  - id:")]
    assert len(rule_items) == 3 and len(pack_level) == 1
    whole = pack + "".join(rule_items)
    whole = whole.replace("rules:\n", pack_level[0] + "rules:\n", 1)
    path = tmp_path / "eksempel.yaml"
    path.write_text(whole, encoding="utf-8")
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        _as_json(path))
    rules = load_rule_files([path])
    assert sorted(rule.kind for rule in rules) == ["dates", "parts", "recommendation", "topic"]
    documented = {line.split("`")[1] for line in text.splitlines()
                  if line.startswith("| `") and "`" in line[3:]}
    for field in ("schema", "messages", "language", "rules", "kind", "severity.weak",
                  "min_sentences", "review_months", "applies_to", "topics"):
        assert field in documented, field
