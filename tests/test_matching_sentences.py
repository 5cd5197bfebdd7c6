"""Sentence classes, long lines, elements and topic attribution (issue 17).

Every class is tested in bokmål, nynorsk and with OCR noise, and every
verdict test has a covered control that differs only in substance, so a
test fails both when a weakness is missed and when substance is lost. The
agreement text is invented (Eikrem kommune / Helse Vestmo HF).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samlint.documents import read_document
from samlint.matching import check_agreement
from samlint.matching.analysis import analyse
from samlint.matching.normalise import fold, words
from samlint.matching.references import ReferenceResolver
from samlint.matching.sentences import SentenceClass, classify, is_procedural
from samlint.reporting.explanation import explanation
from samlint.rules import Rule, builtin_language, default_rule_files, load_rule_files

C = SentenceClass


def ocr(text: str) -> str:
    """OCR damage as scans show it: ø read as g or o, å as a, æ as ae, I as |."""
    out = []
    count = 0
    for char in text:
        if char == "ø":
            count += 1
            out.append("g" if count % 2 else "o")
        elif char == "å":
            out.append("a")
        elif char == "æ":
            out.append("ae")
        elif char == "I":
            out.append("|")
        else:
            out.append(char)
    return "".join(out)


def kind(text: str) -> SentenceClass:
    folded = fold(text)
    return classify(text, folded, tuple(words(folded)), builtin_language())


# (class, bokmål, nynorsk): each sentence alone, as it stands in an agreement
EXAMPLES = [
    (C.BOILERPLATE, "Side 3 av 12", "Side 4 av 9"),
    (C.BOILERPLATE, "Last ned som PDF", "Last ned avtala som PDF"),
    (C.BOILERPLATE, "Transkript av møtet", "Transkripsjon av møtet"),
    (C.BOILERPLATE, "Din nettleser støttes ikke.", "Nettlesaren din er for gammal."),
    (C.BOILERPLATE, "Kontakt oss: post@eikrem.kommune.no", "E-post: post@vestmo.no"),
    (C.BOILERPLATE, "Versjon 2.1 godkjent av direktøren", "Versjon 3 godkjend av direktøren"),
    (C.BOILERPLATE, "For Eikrem kommune", "For Helse Vestmo HF"),
    (C.BOILERPLATE, "Kommunedirektør", "Ordførar"),
    (C.BOILERPLATE, "Sted og dato", "Stad og dato"),
    (C.BOILERPLATE, "Fjellvik, 14. mai 2024      Nordvik, 21.05.2024",
     "Fjellvik, 14. mai 2024      Nordvik, 21.05.2024"),
    (C.HEADING, "Fødeavdelingen, vaktrom for jordmor (døgnåpent) ..............",
     "Fødeavdelinga, vaktrom for jordmor (ope heile døgeret) .............."),
    (C.HEADING, "D Rutine for utskrivningsklare pasienter",
     "D Rutine for utskrivingsklare pasientar"),
    (C.PLACEHOLDER, "Dette punktet er under utarbeidelse.", "Dette punktet er under arbeid."),
    (C.PLACEHOLDER, "Tekst kommer senere.", "Teksten kjem seinare."),
    (C.PLACEHOLDER, "Delavtalen vil bli utarbeidet i løpet av 2025.",
     "Delavtala skal bli utforma i løpet av 2025."),
    (C.PLACEHOLDER, "Utgår.", "Ikkje aktuelt."),
    (C.PLACEHOLDER, "Kommunen har XX senger for øyeblikkelig hjelp ved [navn på enhet].",
     "Kommunen har XX senger for augeblikkeleg hjelp ved [namn på eining]."),
    (C.PLACEHOLDER, "Samarbeidsutvalget møtes [dato] hvert år.",
     "Samarbeidsutvalet møtest [dato] kvart år."),
    (C.LAW_LIST, "Avtalen bygger på følgende lover og forskrifter:",
     "Avtala byggjer på følgjande lovverk:"),
    (C.LAW_LIST, "Lov om helsemessig og sosial beredskap (helseberedskapsloven)",
     "Lov om helsemessig og sosial beredskap (helseberedskapslova)"),
    (C.LAW_LIST, "Helse- og omsorgstjenesteloven, spesialisthelsetjenesteloven og "
     "folkehelseloven.", "Helse- og omsorgstenestelova, spesialisthelsetenestelova og "
     "folkehelselova."),
    (C.INTENT, "Partene skal samarbeide om forebygging.", "Partane skal samarbeide om "
     "førebygging."),
    (C.INTENT, "Formålet med avtalen er å sikre gode tjenester.",
     "Føremålet med avtala er å sikre gode tenester."),
    (C.INTENT, "Partene vil legge til rette for hospitering.",
     "Partane vil leggje til rette for hospitering."),
    (C.INTENT, "Dette er viktig for gravide i kommunen.", "Dette er viktig for gravide i "
     "kommunen."),
    # Encouraging others and attitudes say what the parties want, not who does what.
    (C.INTENT, "Partene vil oppmuntre ansatte til å hospitere.",
     "Partane vil oppmuntre tilsette til å hospitere."),
    (C.INTENT, "Partene skal søke å utnytte kapasiteten i nettverkene.",
     "Partane skal søkje å utnytte kapasiteten i nettverka."),
    (C.INTENT, "Partene ser det som viktig at nettverkene har deltakere fra begge nivåer.",
     "Partane ser det som viktig at nettverka har deltakarar frå begge nivå."),
    (C.INTENT, "Partene legger stor vekt på god informasjon til pasientene.",
     "Partane legg stor vekt på god informasjon til pasientane."),
    # Judgements about a topic (a precondition, a resource, growing importance) say
    # nothing about who does what.
    (C.INTENT, "Partene anerkjenner at hospitering er en forutsetning for gode forløp.",
     "Partane anerkjenner at hospitering er ein føresetnad for gode forløp."),
    (C.INTENT, "Digitale løsninger vil få økende betydning for samhandlingen.",
     "Digitale løysingar vil få aukande betydning for samhandlinga."),
    (C.INTENT, "Helsefellesskapet er den viktigste arenaen for felles planlegging.",
     "Helsefellesskapet er den viktigaste arenaen for felles planlegging."),
    (C.INTENT, "Partene vil derfor rette oppmerksomheten mot levevaner i befolkningen.",
     "Partane vil difor rette merksemda mot levevanar i befolkninga."),
    (C.INTENT, "Partene vil gjennom helsefellesskapet arbeide for gode tjenester.",
     "Partane vil gjennom helsefellesskapet arbeide for gode tenester."),
    # Content still to be written or agreed: a promise, even with a deadline and an owner.
    (C.INTENT, "Partene skal innen utgangen av året utarbeide en felles rutine for legemidler.",
     "Partane skal innan utgangen av året utarbeide ein felles rutine for legemiddel."),
    (C.INTENT, "Prosedyren skal fastsette hvem som varsler pårørende.",
     "Prosedyren skal fastsetje kven som varslar pårørande."),
    (C.INTENT, "Kommunen og sykehuset skal inngå en egen avtale om ambulerende team.",
     "Kommunen og sjukehuset skal inngå ein eigen avtale om ambulerande team."),
    (C.INTENT, "Felles vaktlister for jordmødre tas inn i avtalen ved neste revisjon.",
     "Felles vaktlister for jordmødrer vert tekne inn i avtalen ved neste revisjon."),
    (C.INTENT, "Partene er kjent med at kommunen har to jordmødre i full stilling.",
     "Partane er kjende med at kommunen har to jordmødrer i full stilling."),
    (C.INTENT, "Partene har merket seg at behovet for plasser øker med 10 prosent i året.",
     "Partane har merka seg at behovet for plassar aukar med 10 prosent i året."),
    (C.INTENT, "Partene vil komme tilbake til dette når evalueringen er klar.",
     "Partane vil kome attende til dette når evalueringa er klar."),
    (C.PLACEHOLDER, "Etter nærmere avtale.", "Etter nærare avtale."),
    # A version line is furniture; a reference that names the version it refers to is not.
    (C.BOILERPLATE, "Versjon 2.1 godkjent 12.03.2024", "Versjon 2.1 godkjend 12.03.2024"),
    (C.SUBSTANCE, "Kommunen følger delavtale 5, versjon 3.0, ved utskrivning.",
     "Kommunen følgjer delavtale 5, versjon 3.0, ved utskriving."),
    # From minutes: what a party reported, a matter noted or put off.
    (C.INTENT, "Kommunen orienterte om at den har ansatt jordmor i 40 prosent stilling.",
     "Kommunen orienterte om at han har tilsett jordmor i 40 prosent stilling."),
    (C.INTENT, "Vedtak: Tatt til orientering.", "Vedtak: Teke til orientering."),
    (C.INTENT, "Vedtak: Saken utsettes til neste møte.",
     "Vedtak: Saka vert utsett til neste møte."),
    (C.HEADING, "☑ Praksiskonsulentordning og felles fagdager",
     "✔ Praksiskonsulentordning og felles fagdagar"),
    (C.INTENT, "Avklares i egen rutine for rehabiliteringsforløp.",
     "Dette vert regulert i ein eigen avtale om rehabilitering."),
    (C.INTENT, "Partene vil komme tilbake til finansieringen når prosjektet er evaluert.",
     "Partane vil kome tilbake til finansieringa når prosjektet er evaluert."),
    (C.SUBSTANCE, "Kommunen utarbeider individuell plan innen fire uker etter vedtaket.",
     "Kommunen utarbeider individuell plan innan fire veker etter vedtaket."),
    (C.HEADING, "Delavtale 11 Omforente beredskapsplaner",
     "Tenesteavtale 11 Omforente beredskapsplanar"),
    (C.HEADING, "Innholdsfortegnelse", "Innhaldsliste"),
    (C.SUBSTANCE, "Sykehuset varsler kommunen innen 24 timer etter innleggelsen.",
     "Sjukehuset varslar kommunen innan 24 timar etter innlegginga."),
    (C.SUBSTANCE, "Kommunen utpeker koordinator og kaller inn til ansvarsgruppemøte.",
     "Kommunen utpeiker koordinator og kallar inn til ansvarsgruppemøte."),
    (C.SUBSTANCE, "Partene skal samarbeide om en felles øvelse hvert annet år.",
     "Partane skal samarbeide om ei felles øving kvart andre år."),
    (C.SUBSTANCE, "Partene vil oppmuntre ansatte til å hospitere minst to dager i året.",
     "Partane vil oppmuntre tilsette til å hospitere minst to dagar i året."),
]


@pytest.mark.parametrize(("expected", "bokmal", "nynorsk"), EXAMPLES,
                         ids=[f"{c.value}-{i}" for i, (c, _b, _n) in enumerate(EXAMPLES)])
def test_each_sentence_class_in_bokmal_nynorsk_and_with_ocr_noise(
        expected: SentenceClass, bokmal: str, nynorsk: str) -> None:
    assert kind(bokmal) == expected, bokmal
    assert kind(nynorsk) == expected, nynorsk
    assert kind(ocr(bokmal)) == expected, ocr(bokmal)
    assert kind(ocr(nynorsk)) == expected, ocr(nynorsk)


def test_a_row_of_a_plan_with_a_status_cell_is_a_planned_measure() -> None:
    resolver = ReferenceResolver([])
    plan = analyse("3.3 | Barn og unge | Etablere felles forløp innen 31.12.2025 | FSU | Pågår",
                   resolver, cells=True)
    task = analyse("3.3 | Barn og unge | Kommunen oppnevner koordinator innen to uker | FSU",
                   resolver, cells=True)
    assert {s.kind for s in plan} == {C.INTENT}
    assert C.SUBSTANCE in {s.kind for s in task}


def test_a_table_row_is_read_cell_by_cell_and_its_first_cell_is_a_label() -> None:
    row = analyse("Jordmortjenester | Kommunens jordmor gjør hjemmebesøk innen tre dager",
                  ReferenceResolver([]), cells=True)
    assert [s.kind for s in row] == [C.HEADING, C.SUBSTANCE]


# ----------------------------------------------------------------- verdicts


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return load_rule_files(default_rule_files())


TITLE = "Samarbeidsavtale mellom Eikrem kommune og Helse Vestmo HF"


def verdicts(tmp_path: Path, rules: list[Rule], text: str, name: str = "avtale.txt"
             ) -> dict[str, tuple[str, str | None, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    results = check_agreement([read_document(path, name)], rules)
    return {r.rule_id.removeprefix("hol-6-2-"): (r.status.value, r.weak_kind, r.message)
            for r in results}


def status(found: dict[str, tuple[str, str | None, str]], key: str) -> tuple[str, str | None]:
    return found[key][:2]


BEREDSKAP = ("Partene har omforente beredskapsplaner som revideres hvert år i "
             "samarbeidsutvalget. Partene gjennomfører en felles øvelse hvert annet år.")
AKUTT = ("AMK-sentralen og legevakten har felles rutiner for varsling, og ambulansetjenesten "
         "melder fra til legevakten ved hvert oppdrag i kommunen.")
AKUTT_NN = ("AMK-sentralen og legevakta har felles rutinar for varsling, og ambulansetenesta "
            "melder frå til legevakta ved kvart oppdrag i kommunen.")
BEREDSKAP_NN = ("Partane har omforente beredskapsplanar som vert reviderte kvart år i "
                "samarbeidsutvalet. Partane gjennomfører ei felles øving kvart andre år.")


@pytest.mark.parametrize("variant", ["bokmål", "nynorsk", "ocr"])
@pytest.mark.parametrize(("second", "expected"), [
    ("{akutt}", ("covered", None)),
    ("Partene skal samarbeide om den akuttmedisinske kjeden.", ("weak", "intent")),
    ("Den akuttmedisinske kjeden følger av egen plan for akuttmedisinsk kjede.",
     ("weak", "dangling-reference")),
    ("Planer for den akuttmedisinske kjeden er under utarbeidelse.", ("weak", "heading")),
])
def test_point_11_needs_substance_on_both_elements(
        tmp_path: Path, rules: list[Rule], variant: str, second: str,
        expected: tuple[str, str | None]) -> None:
    first, akutt = (BEREDSKAP_NN, AKUTT_NN) if variant == "nynorsk" else (BEREDSKAP, AKUTT)
    text = f"{TITLE}\n\n11 Beredskap og akuttmedisinsk kjede\n\n{first}\n\n" \
        f"{second.format(akutt=akutt)}\n"
    if variant == "ocr":
        text = ocr(text)
    found = verdicts(tmp_path, rules, text)
    assert status(found, "nr11") == expected
    if expected[0] == "weak":
        assert "akuttmedisinske kjeden" in found["nr11"][2]  # names the element


def test_point_11_without_the_acute_chain_says_the_element_is_not_mentioned(
        tmp_path: Path, rules: list[Rule]) -> None:
    found = verdicts(tmp_path, rules, f"{TITLE}\n\n11 Beredskap\n\n{BEREDSKAP}\n")
    assert status(found, "nr11") == ("weak", "heading")
    assert "nevner ikke «Den akuttmedisinske kjeden»" in found["nr11"][2]


NR2 = {
    "bokmål": ("Helseforetaket melder fra til kommunens koordinerende enhet når en pasient "
               "trenger individuell plan. Kommunen utpeker koordinator innen fem virkedager.",
               "Etter et rehabiliteringsopphold holder sykehuset overføringsmøte med kommunens "
               "rehabiliteringsteam.",
               "Habilitering og rehabilitering følger av egen avtale om rehabiliteringsforløp."),
    "nynorsk": ("Helseføretaket melder frå til koordinerande eining i kommunen når ein pasient "
                "treng individuell plan. Kommunen peikar ut koordinator innan fem verkedagar.",
                "Etter eit rehabiliteringsopphald held sjukehuset overføringsmøte med "
                "rehabiliteringsteamet i kommunen.",
                "Habilitering og rehabilitering følgjer av eigen avtale om "
                "rehabiliteringsforløp."),
}
NR6 = {
    "bokmål": ("Partene arrangerer to felles fagdager i året.",
               "Ansatte kan hospitere inntil fem dager i året hos den andre parten.",
               "Partene vil legge til rette for hospitering og faglige nettverk."),
    "nynorsk": ("Partane held to felles fagdagar i året.",
                "Tilsette kan hospitere inntil fem dagar i året hjå den andre parten.",
                "Partane vil leggje til rette for hospitering og faglege nettverk."),
}


@pytest.mark.parametrize("variant", ["bokmål", "nynorsk", "ocr-bokmål", "ocr-nynorsk"])
def test_point_2_needs_substance_on_coordination_and_on_rehabilitation(
        tmp_path: Path, rules: list[Rule], variant: str) -> None:
    coordination, rehabilitation, deferred = NR2[variant.removeprefix("ocr-")]
    damage = ocr if variant.startswith("ocr") else str

    def nr2(body: str) -> tuple[str, str | None]:
        text = f"{TITLE}\n\n2 Pasientar med behov for koordinerte tenester\n\n{body}\n"
        return status(verdicts(tmp_path, rules, damage(text)), "nr2")

    assert nr2(f"{coordination} {rehabilitation}") == ("covered", None)
    assert nr2(f"{coordination} {deferred}") == ("weak", "dangling-reference")
    assert nr2(coordination) == ("weak", "heading")  # rehabilitation not mentioned at all
    # Left to a routine still to be agreed, in a table cell's short form: the word
    # «rutine» is no procedure of its own.
    later = ("Rehabilitering avklares i egen rutine for rehabiliteringsforløp."
             if variant.endswith("bokmål")
             else "Rehabilitering vert avklara i ein eigen rutine for rehabiliteringsforløp.")
    assert nr2(f"{coordination} {damage(later)}")[0] == "weak"


@pytest.mark.parametrize("variant", ["bokmål", "nynorsk", "ocr-bokmål", "ocr-nynorsk"])
def test_point_6_needs_knowledge_transfer_and_networks_or_secondment(
        tmp_path: Path, rules: list[Rule], variant: str) -> None:
    knowledge, secondment, intent = NR6[variant.removeprefix("ocr-")]
    damage = ocr if variant.startswith("ocr") else str

    def nr6(body: str) -> tuple[str, str | None]:
        text = f"{TITLE}\n\n6 Kunnskapsoverføring og hospitering\n\n{body}\n"
        return status(verdicts(tmp_path, rules, damage(text)), "nr6")

    assert nr6(f"{knowledge} {secondment}") == ("covered", None)
    assert nr6(f"{knowledge} {intent}") == ("weak", "intent")


FLAT = (f"{TITLE} 1 Innleggelse Fastlegen vurderer behovet for innleggelse og ringer "
        "vakthavende lege før pasienten sendes. Henvisningen sendes elektronisk med "
        "legemiddelliste. 2 Jordmortjenester Partene skal samarbeide om jordmortjenester. "
        "Dette er viktig for gravide i kommunen. 3 Forebygging Partene vil arbeide for god "
        "forebygging. 4 Beredskap Partene skal samarbeide om beredskap.")


def test_a_page_on_one_line_is_judged_sentence_by_sentence(
        tmp_path: Path, rules: list[Rule]) -> None:
    found = verdicts(tmp_path, rules, FLAT + "\n")
    assert status(found, "nr3") == ("covered", None)
    assert status(found, "nr8") == ("weak", "intent")
    assert status(found, "nr10") == ("weak", "intent")
    assert found["nr11"][0] == "weak"


def test_intent_inside_a_paragraph_of_two_sentences_is_still_intent(
        tmp_path: Path, rules: list[Rule]) -> None:
    weak = verdicts(tmp_path, rules, f"{TITLE}\n\n10 Forebygging\n\nPartene skal samarbeide "
                    "om forebygging. Samarbeidet skal bidra til bedre folkehelse.\n")
    control = verdicts(tmp_path, rules, f"{TITLE}\n\n10 Forebygging\n\nKommunens "
                       "frisklivssentral tar imot pasienter som sykehuset henviser. "
                       "Helseforetaket holder to kurs i året om levevaner.\n")
    assert status(weak, "nr10") == ("weak", "intent")
    assert status(control, "nr10") == ("covered", None)


def test_law_lists_purpose_clauses_and_chrome_never_cover(
        tmp_path: Path, rules: list[Rule]) -> None:
    text = (f"{TITLE}\n\nLast ned som PDF\n\n2 Lovgrunnlag\n\nAvtalen bygger på følgende "
            "lover:\n\n- Lov om helsemessig og sosial beredskap (helseberedskapsloven)\n- "
            "Forskrift om kommunal betaling for utskrivningsklare pasienter\n\n3 Formål\n\n"
            "Formålet med avtalen er at partene har omforente beredskapsplaner og planer for "
            "den akuttmedisinske kjeden.\n")
    found = verdicts(tmp_path, rules, text)
    assert found["nr11"][0] == "weak"
    assert found["nr5"][0] != "covered"


def test_placeholder_under_a_heading_is_heading_only(
        tmp_path: Path, rules: list[Rule]) -> None:
    for body in ("Dette punktet er under utarbeidelse.", "Teksten kjem seinare."):
        found = verdicts(tmp_path, rules, f"{TITLE}\n\n8 Jordmortjenester\n\n{body}\n")
        assert status(found, "nr8") == ("weak", "heading"), body


def test_task_division_inside_a_topic_counts_for_the_topic_not_point_1(
        tmp_path: Path, rules: list[Rule]) -> None:
    text = (f"{TITLE}\n\n5 Utskrivningsklare pasienter\n\n5.1 Ansvarsfordeling\n\n"
            "Sykehuset varsler kommunen innen 24 timer etter innleggelse. Kommunen svarer "
            "samme dag om den kan ta imot pasienten.\n")
    found = verdicts(tmp_path, rules, text)
    assert found["nr1"][0] == "missing"
    assert status(found, "nr5") == ("covered", None)


def test_a_party_s_own_steering_group_is_no_joint_measure(
        tmp_path: Path, rules: list[Rule]) -> None:
    own = verdicts(tmp_path, rules, f"{TITLE}\n\n14 Samarbeidstiltak\n\nKommunen har en "
                   "styringsgruppe for helse og omsorg som ledes av kommunalsjefen.\n")
    joint = verdicts(tmp_path, rules, f"{TITLE}\n\n14 Samarbeidstiltak\n\nPartene driver et "
                     "felles ambulant team som ledes av en styringsgruppe med to fra hver "
                     "part.\n")
    assert own["ledd2"][0] == "missing"
    assert status(joint, "ledd2") == ("weak", "ledd2-partial")


def test_the_point_s_own_name_in_two_paragraphs_under_a_generic_heading(
        tmp_path: Path, rules: list[Rule]) -> None:
    text = (f"{TITLE}\n\n4 Generelt\n\nNår en pasient er utskrivningsklar, sender sykehuset "
            "melding til kommunen samme dag.\n\nKommunen svarer innen fire timer om den kan ta "
            "imot pasienten.\n")
    assert status(verdicts(tmp_path, rules, text), "nr5") == ("covered", None)


def test_a_list_entry_that_defers_to_an_absent_delavtale_is_dangling(
        tmp_path: Path, rules: list[Rule]) -> None:
    found = verdicts(tmp_path, rules, f"{TITLE}\n\n3 Samarbeidsområder\n\n3.2 Innleggelse i "
                     "sykehus følger av delavtale 3.\n\n3.6 Jordmortjenester: se delavtale 8.\n")
    assert status(found, "nr3") == ("weak", "dangling-reference")
    assert status(found, "nr8") == ("weak", "dangling-reference")


def test_a_law_named_in_a_law_list_is_the_topic_only_in_a_list(
        tmp_path: Path, rules: list[Rule]) -> None:
    text = (f"{TITLE}\n\n2 Lovgrunnlag\n\nAvtala byggjer på følgjande lovverk:\n\n"
            "- Lov om folkehelsearbeid (folkehelselova)\n- Lov om helsemessig og sosial "
            "beredskap (helseberedskapslova)\n")
    found = verdicts(tmp_path, rules, text)
    assert status(found, "nr10") == ("weak", "heading")
    assert status(found, "nr11") == ("weak", "heading")


def test_a_table_of_tasks_by_topic_is_judged_row_by_row_not_as_point_1(
        tmp_path: Path, rules: list[Rule]) -> None:
    html = (f"<html><body><h1>{TITLE}</h1><h2>3 Oppgaver og ansvar</h2><table>"
            "<tr><th>Område</th><th>Avtalt</th></tr>"
            "<tr><td>Jordmortjenester</td><td>Kommunens jordmor gjør hjemmebesøk innen tre "
            "dager. Fødeavdelingen varsler helsestasjonen samme dag.</td></tr>"
            "<tr><td>Forebygging</td><td>Partene vil samarbeide om forebygging.</td></tr>"
            "</table></body></html>")
    found = verdicts(tmp_path, rules, html, "avtale.html")
    assert status(found, "nr8") == ("covered", None)
    assert status(found, "nr10") == ("weak", "intent")
    assert found["nr1"][0] != "covered"


def test_explain_shows_the_elements_their_reasons_and_what_counts_as_substance(
        rules: list[Rule]) -> None:
    rule = next(r for r in rules if r.id == "hol-6-2-nr11")
    shown = explanation(rule, 200).plain
    assert "Elementer" in shown and "Den akuttmedisinske kjeden (vesentlig" in shown
    assert "Begrunnelse:" in shown
    assert "Hva som teller som innhold" in shown and "Plassholdere" in shown


def test_every_declared_element_has_a_reason_in_the_pack(rules: list[Rule]) -> None:
    declared = {r.id: r.elements for r in rules if r.elements}
    assert {"hol-6-2-nr2", "hol-6-2-nr6", "hol-6-2-nr11"} <= set(declared)
    for elements in declared.values():
        assert all(element.reason for element in elements)


@pytest.mark.parametrize("text", [
    "Avtalen kan sies opp med ett års frist.",
    "Avtala kan seiast opp med eitt års frist.",
    "Kvar part kan seie opp avtala med tre månaders varsel.",
])
def test_a_period_of_notice_is_concrete(text: str) -> None:
    """«ett års frist», «tre månaders varsel»: a length of time in the genitive is as
    concrete as «ett år» (the place-and-date line of the signatures used to lend a
    termination clause the concreteness it has itself)."""
    assert is_procedural(fold(text), builtin_language())


def test_a_heading_listing_several_topics_lends_a_neutral_subsection_to_none(
        tmp_path: Path, rules: list[Rule]) -> None:
    text = (f"{TITLE}\n\n3 Kompetanse, teknologi og forebygging\n\n3.1 Lære av hverandre\n\n"
            "Sykehuset holder fagdager for kommunens sykepleiere to ganger i året. Ansatte "
            "kan hospitere hos den andre parten i inntil fem dager per år.\n\n3.2 Forebygging"
            "\n\nPartene vil styrke det forebyggende arbeidet.\n")
    assert verdicts(tmp_path, rules, text)["nr10"][0] == "weak"


def test_a_whole_heading_term_after_letter_and_number_numbering(
        tmp_path: Path, rules: list[Rule]) -> None:
    text = (f"# {TITLE}\n\n## C3 Digitale løsninger\n\nPartene deler en løsning for "
            "timebestilling mellom fastleger og sykehuset, som driftes av sykehusets "
            "IT-avdeling. Kommunen betaler en årlig lisensandel etter folketall. En "
            "forvaltningsgruppe med to fra hver part prioriterer endringer.\n")
    assert status(verdicts(tmp_path, rules, text, "avtale.md"), "nr9") == ("covered", None)


def test_a_point_named_only_as_a_whole_heading_ends_no_run_in_running_text(
        tmp_path: Path, rules: list[Rule]) -> None:
    # «hvem som gjør hva» names point 1 as a heading of its own; in a sentence about a
    # child's plan it is no new point, and the sentences after it stay with point 13.
    text = (f"{TITLE}\n\n16 Barn og unge med sammensatte behov\n\nNår et barn får tjenester "
            "fra begge parter, oppnevner kommunen en barnekoordinator innen to uker. "
            "Koordinatoren kaller inn familien og en kontaktperson fra helseforetaket til et "
            "møte der de lager en plan for hvem som gjør hva. Planen evalueres hvert halvår. "
            "Partene starter planleggingen av overgangen til voksentjenester seks måneder før "
            "barnet fyller 18 år.\n")
    assert status(verdicts(tmp_path, rules, text), "nr13") == ("covered", None)


def test_a_topic_named_only_in_a_change_log_is_a_heading(
        tmp_path: Path, rules: list[Rule]) -> None:
    text = (f"# {TITLE}\n\n## 9 Endringslogg\n\n| Dato | Endring |\n|---|---|\n"
            "| 15.01.2023 | Nytt punkt om samarbeid om barn og unge med sammensatte behov lagt "
            "til i avtalen |\n| 10.10.2024 | Antall døgnplasser for øyeblikkelig hjelp økt fra "
            "to til fire |\n")
    found = verdicts(tmp_path, rules, text, "avtale.md")
    assert status(found, "nr13") == ("weak", "heading")
    assert found["nr4"][0] == "weak"
