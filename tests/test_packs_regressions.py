"""Regressions found while testing the rule packs and diff.

Each test failed before its fix: pack names in the config, a pack loaded
without § 6-2, OCR-damaged dates, deadlines mistaken for the agreement's
date, renamed files in diff, explain for topic and date rules, duplicate
evidence, topics named in subsection headings, list items about other points.
"""

from __future__ import annotations

import json
from pathlib import Path

import own_agreement
from test_packs_cli import TITLE, run_samlint, verdicts


def dated_agreement(dateline: str, *, tail_sentence: str = "", drop: tuple[str, ...] = ()) -> str:
    sections = [s for s in own_agreement.SECTIONS if s[0] not in drop]
    if tail_sentence:
        last = sections[-1]
        sections[-1] = (last[0], last[1], f"{last[2]} {tail_sentence}")
    return own_agreement.text(sections, title=f"{TITLE}\n\n{dateline}")


def test_config_rules_accept_pack_names(tmp_path: Path) -> None:
    """`.samlint.yaml` `rules: [veileder, kapittel-6]` should work like `--rules veileder`."""
    (tmp_path / "avtale.txt").write_text(own_agreement.text(), encoding="utf-8")
    (tmp_path / ".samlint.yaml").write_text("rules: [veileder, kapittel-6]\n", encoding="utf-8")
    run = run_samlint("check", "avtale.txt", "--format", "json", cwd=tmp_path, cache=tmp_path)
    # actual: exit 2, "samlint: feil i regelfil: <tmp>/veileder: regelfilen finnes ikke"
    assert run.returncode == 0, run.stderr
    rules = verdicts(run)["avtale.txt"]
    assert "veileder-nr3" in rules and "kap6-oppsigelse" in rules


def test_kapittel_6_pack_loads_without_the_default_pack(tmp_path: Path) -> None:
    """`--no-default-rules --rules kapittel-6` should check the chapter 6 rules alone."""
    (tmp_path / "avtale.txt").write_text(own_agreement.text(), encoding="utf-8")
    run = run_samlint("check", "avtale.txt", "--no-default-rules", "--rules", "kapittel-6",
                      "--format", "json", cwd=tmp_path, cache=tmp_path)
    # actual: exit 2, "feil i regelfil: .../kapittel-6.yaml: regel kap6-datoer: viser til
    # regelen 'hol-6-2-nr12', som ikke er lastet"
    assert run.returncode == 0, run.stderr


def test_ocr_damaged_month_names_and_digits_are_dates(tmp_path: Path) -> None:
    """OCR reads m as rn, l as 1, 0 as O; the date is still the agreement's date."""
    lines = {"rn.txt": "Vedtatt av kommunestyret 12. rnars 2021.",
             "des.txt": "Vedtatt av kommunestyret 3. desernber 2020.",
             "jul.txt": "Vedtatt av kommunestyret 12. ju1i 2021.",
             "year.txt": "Vedtatt av kommunestyret 12.03.2O21."}
    for name, line in lines.items():
        (tmp_path / name).write_text(dated_agreement(line), encoding="utf-8")
    run = run_samlint("check", *lines, "--rules", "kapittel-6", "--as-of", "2023-06-01",
                      "--format", "json", cwd=tmp_path, cache=tmp_path)
    found = verdicts(run)
    # actual: kap6-datoer "missing" ("Fant ingen dato …") for all four
    assert {name: found[name]["kap6-datoer"]["status"] for name in lines} == dict.fromkeys(
        lines, "weak")


def test_deadline_near_the_end_is_not_the_agreements_date(tmp_path: Path) -> None:
    """An unlabelled deadline in the last 12 blocks (not a signature) must not win over
    the labelled adoption date."""
    text = dated_agreement("Vedtatt av kommunestyret 12. mars 2021.",
                           tail_sentence="Teamet skal være evaluert innen 1. januar 2026.",
                           drop=("hol-6-2-nr12", "hol-6-2-nr13"))
    (tmp_path / "avtale.txt").write_text(text, encoding="utf-8")
    run = run_samlint("check", "avtale.txt", "--rules", "kapittel-6", "--as-of", "2023-06-01",
                      "--format", "json", cwd=tmp_path, cache=tmp_path)
    rules = verdicts(run)["avtale.txt"]
    # actual: covered, "Siste dato i avtalen er 01.01.2026." and no amendment note on nr12
    assert rules["kap6-datoer"]["status"] == "weak"
    assert "12.03.2021" in rules["kap6-datoer"]["message"]
    assert "1. august 2022" in rules["hol-6-2-nr12"]["message"]


def test_diff_of_two_differently_named_files_with_the_same_text_is_unchanged(
        tmp_path: Path) -> None:
    """Single-file versions are usually named by year; the name must not make all text new."""
    text = own_agreement.text()
    (tmp_path / "avtale-2023.txt").write_text(text, encoding="utf-8")
    (tmp_path / "avtale-2024.txt").write_text(text, encoding="utf-8")
    run = run_samlint("diff", "avtale-2023.txt", "avtale-2024.txt", "--format", "json",
                      cwd=tmp_path, cache=tmp_path)
    # actual: all 14 rules "changed" ("ny tekst"), every excerpt both appeared and disappeared
    assert {rule["change"] for rule in json.loads(run.stdout)["rules"]} == {"same"}


def test_diff_with_missing_old_prints_no_comparison(tmp_path: Path) -> None:
    (tmp_path / "avtale.txt").write_text(own_agreement.text(), encoding="utf-8")
    run = run_samlint("diff", "finnes-ikke.txt", "avtale.txt", cwd=tmp_path, cache=tmp_path)
    assert run.returncode == 2
    # actual: a full report "finnes-ikke.txt → avtale.txt", every rule "– → dekket bedre",
    # "0 verre, 14 bedre, …" on stdout
    assert run.stdout == ""


def test_explain_shows_what_a_topic_or_date_rule_looks_for(tmp_path: Path) -> None:
    """«explain» promises "what samlint looks for"; topic and date rules show nothing of it."""
    topics = run_samlint("explain", "veileder-nr3", cwd=tmp_path, cache=tmp_path).stdout
    assert "Hva samlint ser etter" in topics and "innleggelsesskriv" in topics
    dates = run_samlint("explain", "kap6-datoer", cwd=tmp_path, cache=tmp_path).stdout
    assert "Hva samlint ser etter" in dates and "underskrevet" in dates


def test_topic_rule_evidence_has_no_duplicates(tmp_path: Path) -> None:
    """Two topics found in one paragraph give that paragraph once, not twice."""
    (tmp_path / "avtale.txt").write_text(own_agreement.text(), encoding="utf-8")
    run = run_samlint("check", "avtale.txt", "--rules", "veileder", "--format", "json",
                      cwd=tmp_path, cache=tmp_path)
    for rule_id, rule in verdicts(run)["avtale.txt"].items():
        keys = [(e["file"], e["line"], e["excerpt"]) for e in rule["evidence"]]
        # actual: veileder-nr2, -nr3, -nr5, … list the same paragraph two or three times
        assert len(keys) == len(set(keys)), rule_id


def test_date_rule_evidence_has_no_duplicates(tmp_path: Path) -> None:
    """A signature line with two dates is one piece of evidence, not two."""
    text = own_agreement.text(title=TITLE) + "\nLindvik, 12. mars 2021    Vestbakk, 15. mars 2021\n"
    (tmp_path / "avtale.txt").write_text(text, encoding="utf-8")
    run = run_samlint("check", "avtale.txt", "--rules", "kapittel-6", "--as-of", "2021-06-01",
                      "--format", "json", cwd=tmp_path, cache=tmp_path)
    evidence = verdicts(run)["avtale.txt"]["kap6-datoer"]["evidence"]
    keys = [(e["line"], e["excerpt"]) for e in evidence]
    # actual: the signature line twice
    assert len(keys) == len(set(keys))


def test_topic_named_in_a_subsection_heading_counts(tmp_path: Path) -> None:
    """examples/komplett delavtale 2 has «3.2 Målgrupper» and «3.3 Eksklusjonskriterier»
    under its point 4 section; the guide's topic «målgrupper …» is dealt with there."""
    repo = Path("/work/main")
    run = run_samlint("check", str(repo / "examples" / "komplett"), "--rules", "veileder",
                      "--select", "veileder-nr4", "--format", "json", cwd=tmp_path,
                      cache=tmp_path)
    (rules,) = verdicts(run).values()
    message = rules["veileder-nr4"]["message"]
    # actual: "Veilederen anbefaler også at avtalen beskriver: kommunale øyeblikkelig
    # hjelp-tilbud med antall plasser; målgrupper innen somatikk, psykisk helse og rus, og
    # eventuelle begrensninger; samarbeid om kompetanse og digitale løsninger."
    assert "målgrupper innen somatikk" not in message


def test_topic_evidence_is_not_a_list_item_about_another_point(tmp_path: Path) -> None:
    """The list of delavtaler names point 11's delavtale; it is not point 4's text."""
    repo = Path("/work/main")
    run = run_samlint("check", str(repo / "examples" / "komplett"), "--rules", "veileder",
                      "--select", "veileder-nr4", "--format", "json", cwd=tmp_path,
                      cache=tmp_path)
    (rules,) = verdicts(run).values()
    excerpts = [e["excerpt"] for e in rules["veileder-nr4"]["evidence"]]
    # actual: ["• Delavtale 5: Omforente beredskapsplaner og den akuttmedisinske kjeden (nr. 11)"]
    assert not any("Delavtale 5" in excerpt for excerpt in excerpts), excerpts
