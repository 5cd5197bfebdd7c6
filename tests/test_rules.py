"""Rule files: the built-in § 6-2 pack, validation of broken files, and a user's own rule.

Rules are data, so a broken file must be reported with its path, the rule id
and the field (the user has to find and fix it), and a user's rule must go
through exactly the same matching as a built-in one.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from samlint.documents import read_document
from samlint.matching import check_agreement
from samlint.results import RuleResult, Severity, Status
from samlint.rules import (
    Rule,
    RuleFileError,
    default_rule_files,
    load_rule_file,
    load_rule_files,
)

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
BUILTIN_IDS = [f"hol-6-2-nr{n}" for n in range(1, 14)] + ["hol-6-2-ledd2"]


# ------------------------------------------------------------ the built-in pack


@pytest.fixture(scope="module")
def builtin() -> list[Rule]:
    files = default_rule_files()
    assert [p.name for p in files] == ["hol-6-2.yaml"]
    return list(load_rule_file(files[0]).rules)


def test_builtin_pack_has_the_fourteen_ids_in_order(builtin: list[Rule]) -> None:
    """Reports list the requirements in statute order, with the ids verdicts.md defines."""
    assert [rule.id for rule in builtin] == BUILTIN_IDS


def test_builtin_rules_have_title_law_and_match_terms(builtin: list[Rule]) -> None:
    """Without law text restatements cannot be recognised; without terms nothing matches."""
    for rule in builtin:
        assert rule.title.strip(), rule.id
        assert rule.law.strip(), rule.id
        assert rule.headings and rule.terms, rule.id
        assert all(term.strip() for term in rule.headings + rule.terms), rule.id
        assert "§ 6-2" in rule.source, rule.id
        assert rule.min_terms >= 1, rule.id


def test_builtin_severities_follow_verdicts_md(builtin: list[Rule]) -> None:
    """verdicts.md: missing is an error and weak a warning by default."""
    assert {(r.severity_missing, r.severity_weak) for r in builtin} == {("error", "warning")}


def test_builtin_first_paragraph_points_have_no_parts(builtin: list[Rule]) -> None:
    """Only the second paragraph has parts that must all be present."""
    assert [rule.id for rule in builtin if rule.parts] == ["hol-6-2-ledd2"]


def test_builtin_ledd2_has_the_three_parts(builtin: list[Rule]) -> None:
    """Responsibility incl. employer, organisation and financing (verdicts.md, item 5)."""
    ledd2 = next(rule for rule in builtin if rule.id == "hol-6-2-ledd2")
    assert [part.id for part in ledd2.parts] == ["ansvar", "organisering", "finansiering"]
    for part in ledd2.parts:
        assert part.title.strip() and part.terms, part.id
    assert any("arbeidsgiver" in term for term in ledd2.parts[0].terms)
    assert ledd2.scope, "joint measures must be recognisable to check parts next to them"


def test_builtin_rules_know_their_pack_and_file(builtin: list[Rule]) -> None:
    """Error messages and 'samlint rules' name where a rule came from."""
    assert {rule.pack for rule in builtin} == {"hol-6-2"}
    assert {Path(rule.file).name for rule in builtin} == {"hol-6-2.yaml"}


# ------------------------------------------------------------ validation


VALID_RULE: dict[str, Any] = {
    "id": "lokal-regel-1",
    "title": "Lokal regel",
    "source": "lokal avtale",
    "law": "Partene skal avtale noe lokalt.",
    "match": {"headings": ["lokal sak"], "terms": ["lokal", "sak"]},
}


def valid_pack() -> dict[str, Any]:
    return {"schema": 1, "pack": {"id": "lokal", "title": "Lokal"},
            "rules": [copy.deepcopy(VALID_RULE)]}


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def test_valid_rule_file_loads(tmp_path: Path) -> None:
    """The baseline every broken variant below differs from must itself load."""
    pack = load_rule_file(write_yaml(tmp_path / "lokal.yaml", valid_pack()))
    assert pack.id == "lokal"
    assert [rule.id for rule in pack.rules] == ["lokal-regel-1"]
    rule = pack.rules[0]
    assert (rule.headings, rule.terms, rule.min_terms) == (("lokal sak",), ("lokal", "sak"), 2)
    assert (rule.severity_missing, rule.severity_weak) == ("error", "warning")


def _break_rule(**changes: object) -> dict[str, Any]:
    data = valid_pack()
    for key, value in changes.items():
        if value is _DELETE:
            del data["rules"][0][key]
        else:
            data["rules"][0][key] = value
    return data


_DELETE = object()


def _set_match(key: str, value: object) -> dict[str, Any]:
    data = valid_pack()
    data["rules"][0]["match"][key] = value
    return data


def _duplicate() -> dict[str, Any]:
    data = valid_pack()
    data["rules"].append(copy.deepcopy(VALID_RULE))
    return data


BROKEN: list[Any] = [
    # (id, data, rule id expected in the message or None, field named in the message)
    pytest.param(["en", "liste"], None, "rules", id="not-a-mapping"),
    pytest.param({"pack": {"id": "lokal"}}, None, "rules", id="no-rules"),
    pytest.param({"rules": []}, None, "rules", id="empty-rules"),
    pytest.param(_break_rule(id=_DELETE), "regel nr. 1", "id", id="rule-without-id"),
    pytest.param(_break_rule(id="Lokal Regel!"), "Lokal Regel!", "id", id="bad-id-characters"),
    pytest.param(_duplicate(), "lokal-regel-1", "id", id="duplicate-id"),
    pytest.param(_break_rule(title=_DELETE), "lokal-regel-1", "title", id="missing-title"),
    pytest.param(_break_rule(title=""), "lokal-regel-1", "title", id="empty-title"),
    pytest.param(_break_rule(match=_DELETE), "lokal-regel-1", "match", id="missing-match"),
    pytest.param(_break_rule(colour="blå"), "lokal-regel-1", "colour", id="unknown-field"),
    pytest.param(_set_match("synonyms", ["x"]), "lokal-regel-1", "match.synonyms",
                 id="unknown-match-field"),
    pytest.param(_set_match("terms", "lokal"), "lokal-regel-1", "match.terms",
                 id="terms-not-a-list"),
    pytest.param(_set_match("terms", ["lokal", 3]), "lokal-regel-1", "match.terms",
                 id="terms-not-strings"),
    pytest.param(_set_match("min_terms", 0), "lokal-regel-1", "match.min_terms",
                 id="min-terms-zero"),
    pytest.param(_set_match("min_terms", "to"), "lokal-regel-1", "match.min_terms",
                 id="min-terms-not-int"),
    pytest.param(_break_rule(severity={"missing": "fatal"}), "lokal-regel-1",
                 "severity.missing", id="bad-severity-missing"),
    pytest.param(_break_rule(severity={"weak": "kritisk"}), "lokal-regel-1",
                 "severity.weak", id="bad-severity-weak"),
    pytest.param(_break_rule(kind="parts", parts=[{"id": "a", "title": "A"}]), "lokal-regel-1",
                 "terms", id="part-without-terms"),
    pytest.param(_break_rule(parts=[{"id": "a", "title": "A", "terms": ["a"]}]),
                 "lokal-regel-1", "kind", id="parts-without-kind"),
    pytest.param(_break_rule(kind="sjekk"), "lokal-regel-1", "kind", id="unknown-kind"),
    pytest.param(_break_rule(messages={"weak": {"intent": "Hei {navn}"}}), "lokal-regel-1",
                 "{navn}", id="unknown-placeholder"),
    pytest.param(_break_rule(messages={"weak": {"stale": "For gammel"}}), "lokal-regel-1",
                 "weak.stale", id="message-of-another-kind"),
]


@pytest.mark.parametrize(("data", "rule_id", "field"), BROKEN)
def test_broken_rule_file_names_path_rule_and_field(
    tmp_path: Path, data: object, rule_id: str | None, field: str
) -> None:
    """Each defect is a RuleFileError naming the file, the rule (when it has one) and
    the field, so the user can go straight to it."""
    path = write_yaml(tmp_path / "egne-regler.yaml", data)
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    message = str(caught.value)
    assert str(path) in message
    if rule_id is not None:
        assert rule_id in message
    assert field in message


def test_invalid_yaml_syntax_names_path_and_line(tmp_path: Path) -> None:
    """A YAML syntax error is reported as such, with the line to look at."""
    path = tmp_path / "egne-regler.yaml"
    path.write_text("rules:\n  - id: a\n    title: [uavsluttet\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "YAML" in message
    assert "linje" in message


def test_missing_rule_file_names_the_path(tmp_path: Path) -> None:
    """A typo in --rules must say which file was not found, not raise OSError."""
    path = tmp_path / "finnes-ikke.yaml"
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    assert str(path) in str(caught.value)
    assert "finnes ikke" in str(caught.value)


def test_same_id_in_two_files_names_both(tmp_path: Path) -> None:
    """Ids must be unique across all loaded packs; both files are named."""
    first = write_yaml(tmp_path / "en.yaml", valid_pack())
    second = write_yaml(tmp_path / "to.yaml", valid_pack())
    with pytest.raises(RuleFileError) as caught:
        load_rule_files([first, second])
    message = str(caught.value)
    assert str(first) in message and str(second) in message
    assert "lokal-regel-1" in message


# ------------------------------------------------------------ a user's own rule


TOLK_RULES = """\
schema: 1
pack:
  id: eget
  title: Egne krav til samarbeidsavtalen
rules:
  - id: eget-tolketjeneste
    title: Tolketjeneste
    source: "Lokal retningslinje for tolk"
    law: >-
      Helsepersonell skal bruke kvalifisert tolk når språkbarrierer hindrer forsvarlig
      kommunikasjon med pasienten.
    guidance: >-
      Avtalen bør beskrive hvem som bestiller og betaler tolk ved overganger mellom nivåene.
    should_describe:
      - "hvem som bestiller tolk"
    match:
      headings: ["tolketjeneste"]
      terms: ["tolk", "kvalifisert tolk", "tolkebestilling"]
"""

TOLK_TEXTS = {
    "covered": (
        "Samarbeidsavtale mellom Fjellvik kommune og Helse Nordmo HF\n\n"
        "5 Tolketjeneste\n\n"
        "Sykehuset bestiller kvalifisert tolk når pasienten ikke snakker norsk. "
        "Tolkebestilling skjer gjennom kommunens tolkesentral minst to dager før timen. "
        "Den parten som bestiller tolken, betaler for oppdraget.\n"
    ),
    "weak": (
        "Samarbeidsavtale mellom Fjellvik kommune og Helse Nordmo HF\n\n"
        "5 Tolketjeneste\n\n"
        "Partene skal samarbeide godt om bruk av tolk for pasienter som ikke snakker norsk.\n"
    ),
    "missing": (
        "Samarbeidsavtale mellom Fjellvik kommune og Helse Nordmo HF\n\n"
        "5 Utskrivningsklare pasienter\n\n"
        "Sykehuset varsler kommunen senest to dager etter at pasienten ble lagt inn. "
        "Kommunen svarer samme dag om den kan ta imot pasienten.\n"
    ),
}
TOLK_EXPECTED = {
    "covered": ("covered", None),
    "weak": ("weak", "intent"),
    "missing": ("missing", None),
}


@pytest.fixture
def tolk_rules(tmp_path: Path) -> Path:
    path = tmp_path / "tolk.yaml"
    path.write_text(TOLK_RULES, encoding="utf-8")
    return path


def test_own_rule_file_loads_like_a_builtin(tolk_rules: Path) -> None:
    """The user's file goes through the same loader and gets the same defaults."""
    (rule,) = load_rule_files([tolk_rules])
    assert rule.id == "eget-tolketjeneste"
    assert rule.pack == "eget"
    assert rule.terms == ("tolk", "kvalifisert tolk", "tolkebestilling")
    assert (rule.min_terms, rule.severity_missing, rule.severity_weak) == (2, "error", "warning")


def _judge_tolk(folder: Path, rules: list[Rule], text: str) -> RuleResult:
    path = folder / "avtale.txt"
    path.write_text(text, encoding="utf-8")
    results = check_agreement([read_document(path, "avtale.txt")], rules)
    return next(r for r in results if r.rule_id == "eget-tolketjeneste")


@pytest.mark.parametrize("case", sorted(TOLK_TEXTS))
def test_own_rule_gives_each_verdict_via_check_agreement(
    tmp_path: Path, tolk_rules: Path, case: str
) -> None:
    """A made-up rule is judged by the same engine: covered, weak (intent) and missing,
    also when loaded together with the built-in pack."""
    alone = load_rule_files([tolk_rules])
    together = load_rule_files([*default_rule_files(), tolk_rules])
    for rules in (alone, together):
        result = _judge_tolk(tmp_path, rules, TOLK_TEXTS[case])
        assert (result.status.value, result.weak_kind) == TOLK_EXPECTED[case]
    if case == "missing":
        assert result.severity is Severity.ERROR
        assert "Tolketjeneste" in result.message
    if case == "covered":
        assert result.severity is None and result.status is Status.COVERED
        assert result.evidence[0].heading == "5 Tolketjeneste"


def run_samlint(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed entry point as a user runs it, against this checkout's source."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "samlint", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120,
    )


@pytest.mark.parametrize("case", sorted(TOLK_TEXTS))
def test_own_rule_via_cli_json(tmp_path: Path, tolk_rules: Path, case: str) -> None:
    """`samlint check FILE --rules mine.yaml --format json` reports the user's rule after
    the 14 built-in ones, with the right status."""
    agreement = tmp_path / "avtale.txt"
    agreement.write_text(TOLK_TEXTS[case], encoding="utf-8")
    proc = run_samlint("check", agreement, "--rules", tolk_rules, "--format", "json",
                       cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # the § 6-2 pack finds most points missing
    report = json.loads(proc.stdout)
    rules = report["agreements"][0]["rules"]
    assert [rule["id"] for rule in rules] == [*BUILTIN_IDS, "eget-tolketjeneste"]
    mine = rules[-1]
    assert (mine["status"], mine["weak_kind"]) == TOLK_EXPECTED[case]
    assert mine["title"] == "Tolketjeneste"


def test_own_rule_alone_via_cli_sets_exit_status(tmp_path: Path, tolk_rules: Path) -> None:
    """With --no-default-rules only the user's rule decides the exit status."""
    covered = tmp_path / "dekket.txt"
    covered.write_text(TOLK_TEXTS["covered"], encoding="utf-8")
    missing = tmp_path / "mangler.txt"
    missing.write_text(TOLK_TEXTS["missing"], encoding="utf-8")
    ok = run_samlint("check", covered, "--rules", tolk_rules, "--no-default-rules",
                     "--format", "json", cwd=tmp_path)
    failed = run_samlint("check", missing, "--rules", tolk_rules, "--no-default-rules",
                         "--format", "json", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert failed.returncode == 1, failed.stderr
    assert [r["id"] for r in json.loads(ok.stdout)["agreements"][0]["rules"]] == [
        "eget-tolketjeneste"
    ]


def test_explain_shows_own_rule_law_and_guidance(tmp_path: Path, tolk_rules: Path) -> None:
    """`samlint explain` works for a user's rule as for a built-in one."""
    proc = run_samlint("explain", "eget-tolketjeneste", "--rules", tolk_rules, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = " ".join(proc.stdout.split())
    assert "eget-tolketjeneste" in out
    assert "Helsepersonell skal bruke kvalifisert tolk" in out
    assert "hvem som bestiller og betaler tolk" in out
    assert "tolkebestilling" in out


def test_broken_own_rule_file_via_cli_is_exit_2(tmp_path: Path) -> None:
    """A broken --rules file is a usage error (exit 2) naming the file and the field."""
    path = write_yaml(tmp_path / "egne.yaml", _break_rule(title=_DELETE))
    agreement = tmp_path / "avtale.txt"
    agreement.write_text(TOLK_TEXTS["covered"], encoding="utf-8")
    proc = run_samlint("check", agreement, "--rules", path, cwd=tmp_path)
    assert proc.returncode == 2
    assert "egne.yaml" in proc.stderr and "title" in proc.stderr
    assert "Traceback" not in proc.stderr
