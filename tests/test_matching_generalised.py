"""General mechanisms found missing by a held-out set (tests/blind_corpus).

Each test uses its own sentences, in bokmål and nynorsk: what is tested is
the mechanism (viewer chrome, lists of links, pipe tables, flattened lines,
declarations that only promise the topic), never a fixture's wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samlint.documents import read_document
from samlint.documents.model import BlockKind
from samlint.matching import check_agreement
from samlint.matching.normalise import fold, words
from samlint.matching.sentences import SentenceClass as C
from samlint.matching.sentences import classify
from samlint.rules import Rule, builtin_language, default_rule_files, load_rule_files


def kind(text: str) -> C:
    folded = fold(text)
    return classify(text, folded, tuple(words(folded)), builtin_language())


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return load_rule_files(default_rule_files())


def verdicts(tmp_path: Path, rules: list[Rule], text: str, name: str = "avtale.txt"
             ) -> dict[str, tuple[str, str | None]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    results = check_agreement([read_document(path, name)], rules)
    return {r.rule_id.removeprefix("hol-6-2-"): (r.status.value, r.weak_kind) for r in results}


@pytest.mark.parametrize("text", [
    "Størrelse: 120 % Gå til side:", "Storleik: 80 % Gå til side:",
    "Zoom: 150 px", "Begynn på side 1", "Byrj på side 2", "Neste side", "Førre side",
])
def test_viewer_controls_are_boilerplate(text: str) -> None:
    assert kind(text) == C.BOILERPLATE


@pytest.mark.parametrize("text", [
    'Last ned "Delavtale 6 Heimdal kommune og Nordlys HF" Transkript 1 Delavtale 6 om '
    "samarbeid om kunnskap mellom Heimdal kommune og Nordlys HF vedtatt 03.05.2022",
    'Last ned «Tenesteavtale 6 Heimdal kommune og Nordlys HF» Transkript 1 Tenesteavtale 6 '
    "om samarbeid om kunnskap mellom Heimdal kommune og Nordlys HF vedteken 03.05.2022",
])
def test_a_download_line_run_into_the_title_it_offers_is_chrome(text: str) -> None:
    assert kind(text) == C.BOILERPLATE


@pytest.mark.parametrize("text", [
    "Partene er enige om at kommunen skal gi et tilbud om dagrehabilitering til eldre.",
    "Partane er samde om at kommunen skal tilby dagrehabilitering til eldre.",
    "Partane er einige om at sjukehuset skal gje eit tilbod om rettleiing.",
])
def test_agreeing_to_give_the_service_is_intent_not_procedure(text: str) -> None:
    assert kind(text) == C.INTENT


@pytest.mark.parametrize("text", [
    "Partene er enige om at kommunen skal varsle sykehuset innen to timer.",
    "Partane er samde om at kommunen skal gi svar innan tre dagar.",
])
def test_a_declaration_with_a_concrete_action_or_deadline_stays_substance(text: str) -> None:
    assert kind(text) == C.SUBSTANCE


@pytest.mark.parametrize("text", [
    "2 7. Samarbeid om forebygging Partene vil arbeide videre med felles forebygging.",
    "2 7. Førebygging Partane vil arbeide vidare med felles førebygging.",
])
def test_page_and_section_numbers_in_a_row_are_no_procedural_cue(text: str) -> None:
    assert kind(text) == C.INTENT


@pytest.mark.parametrize("text", [
    "3 Delavtale 9 om IKT mellom Holt kommune og Nordlys HF vedtatt 01.02.2021",
    "Tenesteavtale 9 om IKT mellom Holt kommune og Nordlys HF godkjend 01.02.2021",
])
def test_a_title_line_with_a_date_is_a_title(text: str) -> None:
    assert kind(text) == C.HEADING


def test_a_markdown_table_is_read_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "tabell.md"
    path.write_text("# Oversikt\n\n| Tema | Kommunen | Sykehuset |\n|:---|---|---:|\n"
                    "| Svangerskap | Jordmor gjør hjemmebesøk. | |\n| Rus | – | – |\n",
                    encoding="utf-8")
    blocks = read_document(path, "tabell.md").blocks
    rows = [(b.line, b.text) for b in blocks if b.kind == BlockKind.TABLE_ROW]
    assert rows == [(3, "Tema | Kommunen | Sykehuset"),
                    (5, "Svangerskap | Jordmor gjør hjemmebesøk."), (6, "Rus | – | –")]


@pytest.mark.parametrize(("label", "body"), [
    ("Jordmortjenester", "Kommunejordmor gjør hjemmebesøk innen tre døgn etter fødselen."),
    ("Jordmortenester", "Kommunejordmora gjer heimebesøk innan tre døgn etter fødselen."),
])
def test_one_rows_substance_does_not_cover_another_rows_topic(
        tmp_path: Path, rules: list[Rule], label: str, body: str) -> None:
    text = ("# Tilleggsavtale\n\n## Oversikt\n\n| Område | Tiltak |\n|---|---|\n"
            f"| {label} | {body} |\n| Forebygging | – |\n")
    found = verdicts(tmp_path, rules, text, "tabell.md")
    assert found["nr10"] == ("weak", "heading")


def test_a_long_line_of_a_text_file_is_a_block_of_its_own(tmp_path: Path) -> None:
    page = " ".join(["Kommunen varsler sykehuset innen to timer."] * 6)
    path = tmp_path / "side.txt"
    path.write_text(f"Skriv ut\nTranskript\n{page}\nRelaterte sider\n", encoding="utf-8")
    blocks = read_document(path, "side.txt").blocks
    assert [b.line for b in blocks] == [1, 3, 4]
    assert blocks[1].text == page


@pytest.mark.parametrize(("marker", "links"), [
    ("Relaterte dokumenter", ["Delavtale 8 om jordmortjenester", "Delavtale om IKT-løsninger"]),
    ("Like dokument", ["Tenesteavtale 8 om jordmortenester", "Tenesteavtale om IKT-løysingar"]),
])
def test_a_list_of_links_is_chrome_not_a_reference_or_heading(
        tmp_path: Path, rules: list[Rule], marker: str, links: list[str]) -> None:
    text = ("Samarbeidsavtale mellom Holt kommune og Nordlys HF\n\n"
            "Partene møtes i samarbeidsutvalget fire ganger i året.\n\n"
            f"{marker}\n\n" + "\n\n".join(links) + "\n")
    found = verdicts(tmp_path, rules, text)
    assert found["nr8"] == ("missing", None)
    assert found["nr9"] == ("missing", None)


@pytest.mark.parametrize("text", [
    "Holt kommune og Nordlys HF.", "Mellom Åsgard kommune og Helse Austvik HF",
    "Parter: Lunde kommune og Sykehuset Indre Fjord HF", "Partar: Lunde kommune og Helse Vest HF.",
])
def test_a_parties_line_is_boilerplate(text: str) -> None:
    assert kind(text) == C.BOILERPLATE


@pytest.mark.parametrize("text", [
    "Ved samarbeidstiltak skal avtalen beskrive ansvar, organisering og finansiering.",
    "Ved felles tiltak skal avtala klargjere ansvar, arbeidsgjevaransvar og finansiering.",
])
def test_the_agreement_shall_clarify_is_text_about_agreements_in_either_word_order(
        text: str) -> None:
    from samlint.matching.analysis import analyse
    from samlint.matching.references import ReferenceResolver

    assert analyse(text, ReferenceResolver([]))[0].guidance


KUNNSKAP = ("Sykehuset gir kommunens sykepleiere veiledning på telefon på hverdager, og "
            "partene holder en felles fagdag for ansatte to ganger i året.")
KUNNSKAP_NN = ("Sjukehuset gjev sjukepleiarane i kommunen rettleiing på telefon på kvardagar, og "
               "partane held ein felles fagdag for tilsette to gonger i året.")


@pytest.mark.parametrize(("body", "deferral"), [
    (KUNNSKAP, "Hospitering og deltakelse i nettverk følger av den felles "
               "kompetanseretningslinjen."),
    (KUNNSKAP_NN, "Hospitering og deltaking i nettverk følgjer av den felles "
                  "kompetanseretningslinja."),
])
def test_an_element_deferred_to_a_named_guideline_is_a_dangling_reference(
        tmp_path: Path, rules: list[Rule], body: str, deferral: str) -> None:
    text = (f"Delavtale 6 om kunnskapsoverføring\n\nHolt kommune og Nordlys HF.\n\n"
            f"Kunnskapsoverføring\n\n{body}\n\nHospitering og nettverk\n\n{deferral}\n")
    assert verdicts(tmp_path, rules, text)["nr6"] == ("weak", "dangling-reference")


def test_nynorsk_spellings_are_added_to_a_packs_terms() -> None:
    spell = builtin_language().with_variants
    assert spell(("øyeblikkelig hjelp",)) == ("øyeblikkelig hjelp", "augeblikkeleg hjelp")
    assert "tilvising" in spell(("henvisning",))
    assert "arbeidsgjevaransvar" in spell(("arbeidsgiveransvar",))
    assert spell(("tjenestene",)) == ("tjenestene",)  # "tjenesten$": only at a word's end
    assert "spesialisthelsetenesta" in spell(("spesialisthelsetjenesten",))


@pytest.mark.parametrize("body", [
    "Kommunen gir hjemmesykepleie og sykehjemsplass. Helseforetaket gir spesialisert "
    "utredning og behandling. Oppgaver flyttes bare etter vedtak i samarbeidsutvalget, som "
    "hvert år går gjennom arbeidsdelingen.",
    "Kommunen gjev heimesjukepleie og sjukeheimsplass. Helseføretaket gjev spesialisert "
    "utgreiing og behandling. Oppgåver vert flytta berre etter vedtak i samarbeidsutvalet, som "
    "kvart år går gjennom arbeidsdelinga.",
])
def test_a_division_of_tasks_under_a_generic_heading_in_bokmal_and_nynorsk(
        tmp_path: Path, rules: list[Rule], body: str) -> None:
    text = f"Samarbeidsavtale mellom Holt kommune og Nordlys HF\n\n3 Tenestene\n\n{body}\n"
    assert verdicts(tmp_path, rules, text)["nr1"] == ("covered", None)


DIVISION = ("Kommunen har ansvaret for hjemmetjenester og sykehjem, og helseforetaket for "
            "spesialisert behandling. En oppgave flyttes først når samarbeidsutvalget har "
            "vedtatt det og finansieringen er avklart.")
DIVISION_NN = ("Kommunen har ansvaret for heimetenester og sjukeheim, og helseføretaket for "
               "spesialisert behandling. Ei oppgåve vert flytta først når samarbeidsutvalet "
               "har vedteke det og finansieringa er avklart.")


@pytest.mark.parametrize(("heading", "body"), [
    ("Fordeling av ansvar", DIVISION), ("Oppgåvedeling", DIVISION_NN),
    ("Deling av oppgaver", DIVISION), ("Fordeling av ansvar", DIVISION_NN),
])
def test_common_names_of_the_division_of_tasks_are_headings_of_point_1(
        tmp_path: Path, rules: list[Rule], heading: str, body: str) -> None:
    text = f"Samarbeidsavtale mellom Holt kommune og Nordlys HF\n\n2 {heading}\n\n{body}\n"
    assert verdicts(tmp_path, rules, text)["nr1"] == ("covered", None)


@pytest.mark.parametrize(("heading", "body"), [
    ("Kommunale akuttplasser", "Kommunen har tre senger for øyeblikkelig hjelp på helsehuset. "
     "Legevaktlegen legger inn pasienter når tilstanden er avklart, og sykepleier er på vakt "
     "hele døgnet."),
    ("Ø-hjelpsplassar", "Kommunen har tre senger for augeblikkeleg hjelp på helsehuset. "
     "Legevaktlegen legg inn pasientar når tilstanden er avklart, og sjukepleiar er på vakt "
     "heile døgnet."),
])
def test_acute_beds_by_their_common_names_are_point_4(
        tmp_path: Path, rules: list[Rule], heading: str, body: str) -> None:
    text = f"Samarbeidsavtale mellom Holt kommune og Nordlys HF\n\n5 {heading}\n\n{body}\n"
    assert verdicts(tmp_path, rules, text)["nr4"] == ("covered", None)


@pytest.mark.parametrize("body", [
    "Partene deler fagprosedyrer for pasienter som går mellom nivåene, og varsler hverandre "
    "om endringer i prosedyrene en måned før de tar dem i bruk. Ansatte kan hospitere hos den "
    "andre parten i inntil fem dager i året.",
    "Partane deler fagprosedyrar for pasientar som går mellom nivåa, og varslar kvarandre "
    "om endringar i prosedyrane ein månad før dei tek dei i bruk. Tilsette kan hospitere hos "
    "den andre parten i inntil fem dagar i året.",
])
def test_sharing_procedures_is_knowledge_transfer(
        tmp_path: Path, rules: list[Rule], body: str) -> None:
    text = f"Samarbeidsavtale mellom Holt kommune og Nordlys HF\n\n6 Fag og kompetanse\n\n{body}\n"
    assert verdicts(tmp_path, rules, text)["nr6"] == ("covered", None)


@pytest.mark.parametrize("text", [
    "Blir skrevet av prosjektgruppen i løpet av høsten.", "Vert skriven av styringsgruppa i haust.",
    "Skrives av samhandlingssjefen innen juni.", "Utarbeidast av fagrådet seinare.",
    "Fyll inn.", "Fyll ut her.", "Tekst her.",
])
def test_a_subjectless_drafting_note_is_a_placeholder(text: str) -> None:
    assert kind(text) == C.PLACEHOLDER


@pytest.mark.parametrize("text", [
    "Planen utarbeides av samarbeidsutvalget hvert år.",
    "Planen vert utarbeidd av samarbeidsutvalet kvart år.",
])
def test_a_plan_someone_draws_up_every_year_is_no_placeholder(text: str) -> None:
    assert kind(text) != C.PLACEHOLDER


@pytest.mark.parametrize("sentence", [
    "Når pasienten er klar for utskrivning, gjelder delavtale 5.",
    "Når pasienten er klar for utskriving, gjeld delavtale 5.",
])
def test_a_topic_left_to_an_absent_document_anywhere_is_a_dangling_reference(
        tmp_path: Path, rules: list[Rule], sentence: str) -> None:
    text = ("Samarbeidsavtale mellom Holt kommune og Nordlys HF\n\n3 Pasientforløp\n\n"
            "Innleggelse følger delavtale 3. Legevakten er beskrevet i delavtale 4. " + sentence
            + " Partene møtes to ganger i året.\n")
    assert verdicts(tmp_path, rules, text)["nr5"] == ("weak", "dangling-reference")


@pytest.mark.parametrize("sentence", [
    "Avtalen skal etter lovens § 6-2 blant annet inneholde retningslinjer for samarbeid om "
    "jordmortjenester.",
    "Avtala skal etter § 6-2 mellom anna innehalde retningsliner for samarbeid om "
    "jordmortenester.",
])
def test_what_the_agreement_shall_contain_restates_the_law_wherever_it_stands(
        tmp_path: Path, rules: list[Rule], sentence: str) -> None:
    text = ("Samarbeidsavtale mellom Holt kommune og Nordlys HF\n\n2 Bakgrunn\n\n"
            "Partene har samarbeidet siden 2012 og møtes to ganger i året. " + sentence
            + " Avtalen gjelder fra 1. mars.\n")
    assert verdicts(tmp_path, rules, text)["nr8"] == ("weak", "restated-law")


@pytest.mark.parametrize(("label", "body"), [
    ("Barn og unge med sammensatte behov", "Kommunen utpeker koordinator og kaller inn til "
     "ansvarsgruppe for barnet innen to uker."),
    ("Barn og unge med samansette behov", "Kommunen peikar ut koordinator og kallar inn til "
     "ansvarsgruppe for barnet innan to veker."),
])
def test_a_row_labelled_with_another_point_lends_nothing_to_this_one(
        tmp_path: Path, rules: list[Rule], label: str, body: str) -> None:
    text = ("# Tilleggsavtale\n\n## Oversikt\n\n| Område | Tiltak |\n|---|---|\n"
            f"| {label} | {body} |\n")
    assert verdicts(tmp_path, rules, text, "tabell.md")["nr2"] == ("missing", None)
