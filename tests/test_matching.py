"""Verdicts from the matcher, against verdicts.md and the corpus labelling conventions.

Every weak kind is tested next to a covered control that differs only in that
the section has substance, so a test fails both when the weakness is missed
and when substance is no longer recognised. The agreement text is invented
(Fjellvik kommune / Helse Nordmo HF) and written in bokmål and nynorsk.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from samlint.documents import Document, read_document
from samlint.matching import check_agreement
from samlint.results import RuleResult, Severity, Status
from samlint.rules import Rule, default_rule_files, load_rule_files

KEYS = [f"nr{n}" for n in range(1, 14)] + ["ledd2"]
TITLE = "Samarbeidsavtale mellom Fjellvik kommune og Helse Nordmo HF"
TITLE_NN = "Samarbeidsavtale mellom Fjellvik kommune og Helse Nordmo HF"

# One covered section per requirement, bokmål: (heading, body).
BM: dict[str, tuple[str, str]] = {
    "nr1": (
        "1 Oppgave- og ansvarsfordeling",
        "Kommunen yter helse- og omsorgstjenester i hjemmet, på sykehjem og ved legevakten. "
        "Helseforetaket yter spesialisthelsetjenester, blant annet spesialisert utredning og "
        "behandling. Før oppgaver flyttes fra helseforetaket til kommunen, lager partene en "
        "skriftlig plan for overføring av oppgaver med kompetanse og økonomi. Grenseflaten "
        "mellom partene vurderes hvert år i samarbeidsutvalget.",
    ),
    "nr2": (
        "2 Individuell plan og koordinator",
        "Helseforetaket melder fra til kommunens koordinerende enhet når en pasient trenger "
        "individuell plan. Kommunen utpeker en koordinator innen fem virkedager. Habilitering "
        "og rehabilitering planlegges i en felles ansvarsgruppe der begge parter deltar. "
        "Lærings- og mestringssenteret i helseforetaket tilbyr kurs som kommunens ansatte kan "
        "delta i.",
    ),
    "nr3": (
        "3 Innleggelse i sykehus",
        "Fastlegen eller legevaktlegen vurderer behovet for sykehusinnleggelse og sender "
        "henvisning til akuttmottaket. Innleggende lege ringer vakthavende lege i "
        "mottaksavdelingen før pasienten sendes. Pasienttransport bestilles av den som henviser.",
    ),
    "nr4": (
        "4 Døgnopphold for øyeblikkelig hjelp",
        "Kommunen driver fire døgnplasser for øyeblikkelig hjelp ved Fjellvik helsehus. "
        "Tilbudet gjelder pasienter med avklart diagnose som trenger observasjon og behandling "
        "i inntil tre døgn. Inntakskriterier og kontraindikasjoner står i en felles prosedyre "
        "som legges ved denne avtalen.",
    ),
    "nr5": (
        "5 Utskrivningsklare pasienter",
        "Sykehuset varsler kommunen senest to dager etter at pasienten ble lagt inn, med "
        "opplysninger om forventet funksjonsnivå. Når pasienten er utskrivningsklar, melder "
        "sykehuset dette til kommunen samme dag. Kommunen svarer innen fire timer om den kan ta "
        "imot pasienten. Epikrise og legemiddelliste følger pasienten ved utreise.",
    ),
    "nr6": (
        "6 Kunnskapsoverføring og hospitering",
        "Partene arrangerer to felles fagdager i året for ansatte fra begge nivåer. Ansatte i "
        "kommunen kan hospitere inntil fem dager i året ved sykehusets avdelinger, og sykehusets "
        "ansatte kan hospitere i kommunen. Faglige nettverk innen geriatri og psykisk helse "
        "møtes hvert kvartal.",
    ),
    "nr7": (
        "7 Forskning, utdanning og praksis",
        "Kommunen tar imot sykepleierstudenter fra høyskolen i praksisperioder, og "
        "helseforetaket stiller med praksisveiledere. Partene deler forskningsresultater fra "
        "felles prosjekter. Helseforetaket gir lærlinger i helsefagarbeid mulighet til å ta "
        "deler av læretiden på sykehuset.",
    ),
    "nr8": (
        "8 Jordmortjenester",
        "Kommunens jordmor følger opp gravide i svangerskapet og etter fødsel i barseltiden. "
        "Fødeavdelingen gir kommunen beskjed ved tidlig hjemreise, og jordmor gjør hjemmebesøk "
        "innen tre dager. Jordmødrene i kommunen og på fødeavdelingen møtes to ganger i "
        "året for å gå gjennom oppfølgingen av risikosvangerskap.",
    ),
    "nr9": (
        "9 IKT-løsninger",
        "Partene bruker elektroniske meldinger over Norsk helsenett mellom journalsystemene. "
        "Pleie- og omsorgsmeldinger sendes mellom sykehusets og kommunens fagsystem. Partene "
        "har et felles forum for digital samhandling som møtes fire ganger i året.",
    ),
    "nr10": (
        "10 Forebygging",
        "Kommunens frisklivssentral tar imot pasienter som sykehuset henviser for hjelp med "
        "levevaner. Partene samarbeider om smittevern og deler data om befolkningens "
        "helsetilstand. Helseforetaket bidrar med fagfolk på folkehelsekurs i kommunen.",
    ),
    "nr11": (
        "11 Beredskap og akuttmedisinsk kjede",
        "Partene har en felles beredskapsplan som revideres hvert annet år etter en felles "
        "risiko- og sårbarhetsanalyse. Legevaktsentralen og AMK-sentralen øver sammen hvert år. "
        "Ambulansetjenesten og legevakten har felles rutiner for utrykning.",
    ),
    "nr12": (
        "12 Felles planlegging og utvikling av tjenestene",
        "Partene utarbeider hvert år en felles handlingsplan basert på styringsdata fra begge "
        "nivåer. Fremskrivninger av behovet for tjenester til skrøpelige eldre legges fram for "
        "samarbeidsutvalget. Samarbeidsutvalget vedtar hver høst hvilke utviklingstiltak "
        "partene prioriterer det neste året.",
    ),
    "nr13": (
        "13 Barn og unge med sammensatte vansker",
        "Barn og unge med sammensatte vansker får en barnekoordinator i kommunen. BUP og "
        "barneavdelingen deltar i ansvarsmøter med barnehage og skole. Overgangen fra "
        "barneavdeling til voksenavdeling planlegges et halvt år før pasienten har fylt 18 år.",
    ),
    "ledd2": (
        "14 Samarbeidstiltak",
        "Partene driver et felles ambulant team for eldre. Teamet er ansatt i helseforetaket, "
        "som har arbeidsgiveransvaret. Teamet er organisert under geriatrisk avdeling og "
        "rapporterer til samarbeidsutvalget. Kostnadene deles likt mellom partene.",
    ),
}

# The same agreement in nynorsk (own translation).
NN: dict[str, tuple[str, str]] = {
    "nr1": (
        "1 Oppgåve- og ansvarsfordeling",
        "Kommunen yter helse- og omsorgstenester i heimen, på sjukeheim og ved legevakta. "
        "Helseføretaket yter spesialisthelsetenester, mellom anna spesialisert utgreiing og "
        "behandling. Før oppgåver vert flytta frå helseføretaket til kommunen, lagar partane "
        "ein skriftleg plan for overføring av oppgåver med kompetanse og økonomi. Grenseflata "
        "mellom partane vert vurdert kvart år i samarbeidsutvalet.",
    ),
    "nr2": (
        "2 Individuell plan og koordinator",
        "Helseføretaket melder frå til koordinerande eining i kommunen når ein pasient treng "
        "individuell plan. Kommunen peikar ut ein koordinator innan fem verkedagar. "
        "Habilitering og rehabilitering vert planlagt i ei felles ansvarsgruppe der begge "
        "partar deltek. Lærings- og meistringssenteret i helseføretaket tilbyr kurs som dei "
        "tilsette i kommunen kan delta på.",
    ),
    "nr3": (
        "3 Innlegging i sjukehus",
        "Fastlegen eller legevaktlegen vurderer behovet for sjukehusinnlegging og sender "
        "tilvising til akuttmottaket. Innleggande lege ringjer vakthavande lege i "
        "mottaksavdelinga før pasienten vert send. Pasienttransport vert bestilt av den som "
        "tilviser.",
    ),
    "nr4": (
        "4 Døgnopphald for augeblikkeleg hjelp",
        "Kommunen driv fire døgnplassar for augeblikkeleg hjelp ved Fjellvik helsehus. Tilbodet "
        "gjeld pasientar med avklara diagnose som treng observasjon og behandling i inntil tre "
        "døgn. Inntakskriterium og kontraindikasjonar står i ein felles prosedyre som vert lagd "
        "ved denne avtalen.",
    ),
    "nr5": (
        "5 Utskrivingsklare pasientar",
        "Sjukehuset varslar kommunen seinast to dagar etter at pasienten vart lagd inn, med "
        "opplysningar om forventa funksjonsnivå. Når pasienten er utskrivingsklar, melder "
        "sjukehuset dette til kommunen same dag. Kommunen svarar innan fire timar om han kan ta "
        "imot pasienten. Epikrise og legemiddelliste følgjer pasienten ved utreise.",
    ),
    "nr6": (
        "6 Kunnskapsoverføring og hospitering",
        "Partane arrangerer to felles fagdagar i året for tilsette frå begge nivå. Tilsette i "
        "kommunen kan hospitere inntil fem dagar i året ved avdelingane på sjukehuset, og dei "
        "tilsette på sjukehuset kan hospitere i kommunen. Faglege nettverk innan geriatri og "
        "psykisk helse møtest kvart kvartal.",
    ),
    "nr7": (
        "7 Forsking, utdanning og praksis",
        "Kommunen tek imot sjukepleiarstudentar frå høgskulen i praksisperiodar, og "
        "helseføretaket stiller med praksisrettleiarar. Partane deler forskingsresultat frå "
        "felles prosjekt. Helseføretaket gjev lærlingar i helsefagarbeid høve til å ta delar av "
        "læretida på sjukehuset.",
    ),
    "nr8": (
        "8 Jordmortenester",
        "Jordmora i kommunen følgjer opp gravide i svangerskapet og etter fødsel i barseltida. "
        "Fødeavdelinga gjev kommunen melding ved tidleg heimreise, og jordmora gjer "
        "heimebesøk innan tre dagar. Jordmødrene i kommunen og på fødeavdelinga møtest to "
        "gonger i året for å gå gjennom oppfølginga av risikosvangerskap.",
    ),
    "nr9": (
        "9 IKT-løysingar",
        "Partane nyttar elektroniske meldingar over Norsk helsenett mellom journalsystema. "
        "Pleie- og omsorgsmeldingar vert sende mellom fagsystemet på sjukehuset og i kommunen. "
        "Partane har eit felles forum for digital samhandling som møtest fire gonger i året.",
    ),
    "nr10": (
        "10 Førebygging",
        "Frisklivssentralen i kommunen tek imot pasientar som sjukehuset tilviser for hjelp med "
        "levevanar. Partane samarbeider om smittevern og deler data om helsetilstanden i "
        "befolkninga. Helseføretaket bidreg med fagfolk på folkehelsekurs i kommunen.",
    ),
    "nr11": (
        "11 Beredskap og akuttmedisinsk kjede",
        "Partane har ein felles beredskapsplan som vert revidert kvart andre år etter ei felles "
        "risiko- og sårbarheitsanalyse. Legevaktsentralen og AMK-sentralen øver saman kvart år. "
        "Ambulansetenesta og legevakta har felles rutinar for utrykking.",
    ),
    "nr12": (
        "12 Felles planlegging og utvikling av tenestene",
        "Partane utarbeider kvart år ein felles handlingsplan basert på styringsdata frå begge "
        "nivå. Framskrivingar av behovet for tenester til skrøpelege eldre vert lagde fram for "
        "samarbeidsutvalet. Samarbeidsutvalet vedtek kvar haust kva utviklingstiltak "
        "partane prioriterer det neste året.",
    ),
    "nr13": (
        "13 Born og unge med samansette vanskar",
        "Born og unge med samansette vanskar får ein barnekoordinator i kommunen. BUP og "
        "barneavdelinga deltek i ansvarsmøte med barnehage og skule. Overgangen frå "
        "barneavdeling til vaksenavdeling vert planlagt eit halvt år før pasienten har fylt "
        "18 år.",
    ),
    "ledd2": (
        "14 Samarbeidstiltak",
        "Partane driv eit felles ambulant team for eldre. Teamet er tilsett i helseføretaket, "
        "som har arbeidsgjevaransvaret. Teamet er organisert under geriatrisk avdeling og "
        "rapporterer til samarbeidsutvalet. Kostnadene vert delte likt mellom partane.",
    ),
}

# A partly deficient version of the agreement (body replacements; None drops the section).
MIXED_BM: dict[str, str | None] = {
    "nr6": "Se delavtale 6.",
    "nr7": "Partene skal samarbeide om forskning, utdanning, praksis og læretid.",
    "nr9": "",
    "nr11": "Partene skal samarbeide godt om beredskap og krisehåndtering.",
    "nr12": None,
    "ledd2": "Partene driver et felles ambulant team for eldre. Kostnadene deles likt mellom "
             "partene.",
}
MIXED_NN: dict[str, str | None] = {
    "nr6": "Sjå delavtale 6.",
    "nr7": "Partane skal samarbeide om forsking, utdanning, praksis og læretid.",
    "nr9": "",
    "nr11": "Partane skal samarbeide godt om beredskap og krisehandtering.",
    "nr12": None,
    "ledd2": "Partane driv eit felles ambulant team for eldre. Kostnadene vert delte likt "
             "mellom partane.",
}
MIXED_EXPECTED = {
    "nr6": ("weak", "dangling-reference"),
    "nr7": ("weak", "restated-law"),
    "nr9": ("weak", "heading"),
    "nr11": ("weak", "intent"),
    "nr12": ("missing", None),
    "ledd2": ("weak", "ledd2-partial"),
}


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    """The built-in § 6-2 pack, loaded once (it is read-only data)."""
    return load_rule_files(default_rule_files())


def rid(key: str) -> str:
    return f"hol-6-2-{key}"


def agreement(
    sections: dict[str, tuple[str, str]],
    *,
    title: str | None = TITLE,
    keys: list[str] | None = None,
    replace: dict[str, str | None] | None = None,
) -> str:
    """Plain-text agreement from numbered sections; ``replace`` swaps bodies ('' = empty,
    None = drop the section)."""
    replace = replace or {}
    chunks = [title] if title else []
    for key in keys if keys is not None else list(sections):
        heading, body = sections[key]
        if key in replace:
            if replace[key] is None:
                continue
            body = replace[key] or ""
        chunks.append(f"{heading}\n\n{body}" if body else heading)
    return "\n\n".join(chunks) + "\n"


def read_all(folder: Path, files: dict[str, str]) -> list[Document]:
    """Write the files and read them as the CLI would, in the given order."""
    documents = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        documents.append(read_document(path, name))
    return documents


class Judge:
    """Turns {filename: text} into {rule_id: RuleResult}, each call in a fresh folder."""

    def __init__(self, root: Path, rules: list[Rule]) -> None:
        self.root = root
        self.rules = rules
        self.calls = 0

    def documents(self, files: dict[str, str]) -> list[Document]:
        self.calls += 1
        folder = self.root / f"set{self.calls}"
        folder.mkdir()
        return read_all(folder, files)

    def results(self, documents: list[Document]) -> dict[str, RuleResult]:
        return {result.rule_id: result for result in check_agreement(documents, self.rules)}

    def __call__(self, files: dict[str, str]) -> dict[str, RuleResult]:
        return self.results(self.documents(files))


@pytest.fixture
def judge(tmp_path: Path, rules: list[Rule]) -> Judge:
    return Judge(tmp_path, rules)


def summary(results: dict[str, RuleResult]) -> dict[str, tuple[str, str | None]]:
    """(status, weak kind) per rule: what must not change with language or file layout."""
    return {rule_id: (r.status.value, r.weak_kind) for rule_id, r in results.items()}


def status_of(results: dict[str, RuleResult], key: str) -> tuple[str, str | None]:
    result = results[rid(key)]
    return result.status.value, result.weak_kind


def ocr_damage(text: str) -> str:
    """What a scanner does, deterministically: every other ø read as g, e or o in turn,
    every other å as a and æ as ae, and every third long word on a long line broken
    with '-' and a newline."""
    readings = {"ø": ["g", "e", "o"], "å": ["a"], "æ": ["ae"]}
    seen = {char: 0 for char in readings}
    out = []
    for char in text:
        if char in readings:
            count = seen[char]
            seen[char] += 1
            if count % 2 == 0:
                options = readings[char]
                out.append(options[(count // 2) % len(options)])
                continue
        out.append(char)
    lines = []
    long_words = 0
    for line in "".join(out).split("\n"):
        if len(line) > 80:
            words = line.split(" ")
            for i, word in enumerate(words):
                if len(word) >= 14 and word.isalpha():
                    long_words += 1
                    if long_words % 3 == 0:
                        half = len(word) // 2
                        words[i] = f"{word[:half]}-\n{word[half:]}"
            line = " ".join(words)
        lines.append(line)
    return "\n".join(lines)


# ------------------------------------------------------------ the baseline


def test_full_bokmal_agreement_covers_every_rule(judge: Judge) -> None:
    """The controls below rely on this: every section on its own is substance."""
    results = judge({"avtale.txt": agreement(BM)})
    assert list(results) == [rid(key) for key in KEYS]
    assert {key: status_of(results, key) for key in KEYS} == {
        key: ("covered", None) for key in KEYS
    }


# ------------------------------------------------------------ heading only


def test_empty_section_is_heading_only(judge: Judge) -> None:
    """A heading with no body is weak (heading); the control with a body is covered."""
    weak = judge({"avtale.txt": agreement(BM, replace={"nr8": ""})})
    control = judge({"avtale.txt": agreement(BM)})
    assert status_of(weak, "nr8") == ("weak", "heading")
    assert weak[rid("nr8")].evidence[0].excerpt == "8 Jordmortjenester"
    assert status_of(control, "nr8") == ("covered", None)
    # Nothing else changes: an empty heading lends nothing and takes nothing.
    others = [rid(k) for k in KEYS if k != "nr8"]
    assert {k: summary(weak)[k] for k in others} == {k: summary(control)[k] for k in others}


MAIN_WITH_LIST = """\
Samarbeidsavtale mellom Fjellvik kommune og Helse Nordmo HF

1 Formål

Avtalen skal sikre at innbyggerne i Fjellvik får helhetlige tjenester. Den gjelder fra
1. 3. 2025 og revideres hvert fjerde år.

2 Delavtaler

Til denne avtalen hører disse delavtalene:

- Delavtale 3 – Innleggelse i sykehus
- Delavtale 8 – Jordmortjenester
"""


def delavtale(number: int, key: str, sections: dict[str, tuple[str, str]] = BM) -> str:
    """A sub-agreement file whose title names it and whose body is the covered section."""
    heading, body = sections[key]
    subject = heading.split(" ", 1)[1]
    return f"# Delavtale {number} – {subject}\n\n{body}\n"


def test_listed_delavtale_not_in_set_is_heading_only(judge: Judge) -> None:
    """A bare entry in the list of delavtaler, with that delavtale absent, is weak (heading);
    the same list with the delavtale in the set is covered."""
    weak = judge({
        "hovedavtale.txt": MAIN_WITH_LIST,
        "delavtale_3_innleggelse.md": delavtale(3, "nr3"),
    })
    control = judge({
        "hovedavtale.txt": MAIN_WITH_LIST,
        "delavtale_3_innleggelse.md": delavtale(3, "nr3"),
        "delavtale_8_jordmor.md": delavtale(8, "nr8"),
    })
    assert status_of(weak, "nr8") == ("weak", "heading")
    assert weak[rid("nr8")].evidence[0].file == "hovedavtale.txt"
    assert "Jordmortjenester" in weak[rid("nr8")].evidence[0].excerpt
    assert status_of(weak, "nr3") == ("covered", None)
    assert status_of(control, "nr8") == ("covered", None)
    assert control[rid("nr8")].evidence[0].file == "delavtale_8_jordmor.md"


# ------------------------------------------------------------ declaration of intent


INTENT = {
    "nr8": "Partene skal samarbeide godt om jordmortjenester til beste for de gravide.",
    "nr11": "Partene skal samarbeide godt om beredskap og krisehåndtering.",
    "nr13": "Partene skal samarbeide godt om tjenester til barn og unge.",
}


@pytest.mark.parametrize("key", sorted(INTENT))
def test_one_sentence_of_intent_is_weak_intent(judge: Judge, key: str) -> None:
    """One 'skal samarbeide godt om …' sentence is a declaration of intent; the same
    heading with the covered body is covered."""
    weak = judge({"avtale.txt": agreement(BM, keys=[key], replace={key: INTENT[key]})})
    control = judge({"avtale.txt": agreement(BM, keys=[key])})
    assert status_of(weak, key) == ("weak", "intent")
    assert weak[rid(key)].evidence[0].excerpt == INTENT[key]
    assert status_of(control, key) == ("covered", None)


# ------------------------------------------------------------ restated law


RESTATED = {
    "nr12": "Avtalen skal gi en konkret beskrivelse av hvordan partene sammen skal utvikle "
            "og planlegge tjenestene.",
    "nr9": "Partene skal samarbeide om IKT-løsninger lokalt.",
    "ledd2": "Når det avtales samarbeidstiltak, skal avtalen klargjøre ansvarsforholdene, "
             "herunder arbeidsgiveransvaret, og hvordan tiltaket skal organiseres og "
             "finansieres.",
}


@pytest.mark.parametrize("key", sorted(RESTATED))
def test_section_repeating_the_statute_is_restated_law(judge: Judge, key: str) -> None:
    """Repeating § 6-2's wording for a point is weak (restated-law), also for the second
    paragraph although it names employer, organisation and financing; the control with
    substance is covered."""
    weak = judge({"avtale.txt": agreement(BM, replace={key: RESTATED[key]})})
    control = judge({"avtale.txt": agreement(BM)})
    assert status_of(weak, key) == ("weak", "restated-law")
    assert status_of(control, key) == ("covered", None)


# ------------------------------------------------------------ dangling reference


def test_reference_to_absent_delavtale_is_dangling(judge: Judge) -> None:
    """'Se delavtale 9.' with delavtale 9 absent cannot be verified: weak, and the message
    names the document."""
    results = judge({"avtale.txt": agreement(BM, keys=["nr9"], replace={"nr9": "Se delavtale 9."})})
    result = results[rid("nr9")]
    assert status_of(results, "nr9") == ("weak", "dangling-reference")
    assert "«delavtale 9»" in result.message
    assert result.evidence[0].excerpt == "Se delavtale 9."


def test_reference_to_delavtale_in_the_set_is_covered(judge: Judge) -> None:
    """The same reference with delavtale 9 in the set: its content decides (covered)."""
    ikt = "Delavtale 9 – IKT-løsninger\n===========================\n\n" + BM["nr9"][1] + "\n"
    results = judge({
        "avtale.txt": agreement(BM, keys=["nr9"], replace={"nr9": "Se delavtale 9."}),
        "delavtale_9_ikt.txt": ikt,
    })
    assert status_of(results, "nr9") == ("covered", None)
    assert results[rid("nr9")].evidence[0].file == "delavtale_9_ikt.txt"


def test_reference_to_own_guideline_is_dangling(judge: Judge) -> None:
    """'følger av egen retningslinje' defers to a document that is not in the set."""
    body = "Rutinene for varsling og mottak av pasientene følger av egen retningslinje."
    results = judge({"avtale.txt": agreement(BM, keys=["nr5"], replace={"nr5": body})})
    assert status_of(results, "nr5") == ("weak", "dangling-reference")
    assert "retningslinje" in results[rid("nr5")].message


def test_a_quoted_routine_outside_the_set_is_a_dangling_reference(judge: Judge) -> None:
    """«Samhandlingsrutine for innleggelse» named in guillemets is a document of its own:
    a point left to it dangles, and the message quotes its name once."""
    body = ("Innleggelse skjer etter «Samhandlingsrutine for innleggelse», som er godkjent av "
            "samarbeidsutvalget. Rutinen sier hvordan henvisningen skal være.")
    results = judge({"avtale.txt": agreement(BM, keys=["nr3"], replace={"nr3": body})})
    assert status_of(results, "nr3") == ("weak", "dangling-reference")
    message = results[rid("nr3")].message
    assert "«Samhandlingsrutine for innleggelse»" in message and "««" not in message


@pytest.mark.parametrize(("key", "body"), [
    ("nr7", "Praksiskonsulenten i helseforetaket er fastlege i kommunen i 20 prosent stilling. "
            "Praksiskonsulenten har kontor på medisinsk avdeling hver onsdag."),
    ("nr9", "Møtene i samarbeidsutvalget holdes på video når ikke alle kan møte. Innkalling og "
            "referat sendes medlemmene innen en uke."),
])
def test_text_under_a_point_s_heading_that_only_mentions_it_in_passing_is_a_heading(
        judge: Judge, key: str, body: str) -> None:
    """Concrete text under the point's heading that touches the topic only in the rule's
    passing mentions (a praksiskonsulent is no practice placement, a video meeting no
    ICT cooperation) is about something else: the heading is all the point has."""
    heading, _ = BM[key]
    results = judge({"avtale.txt": f"{TITLE}\n\n{heading}\n\n{body}\n"})
    assert status_of(results, key) == ("weak", "heading")


def test_reference_next_to_substance_does_not_weaken_it(judge: Judge) -> None:
    """A pointer to an absent document beside substantive text leaves it covered."""
    heading, body = BM["nr3"]
    text = f"{TITLE}\n\n{heading}\n\n{body} Kontaktinformasjon står i vedlegg 4.\n"
    assert status_of(judge({"avtale.txt": text}), "nr3") == ("covered", None)


STATUTE_LIST = {
    "bokmal": ("Avtalen skal som et minimum omfatte:\n"
               "c) retningslinjer for innleggelse i sykehus\n"
               "h) samarbeid om jordmortjenester\n"
               "k) omforente beredskapsplaner og planer for den akuttmedisinske kjeden\n"),
    "nynorsk": ("Avtala skal som eit minimum omfatte:\n"
                "c) retningsliner for innlegging i sjukehus\n"
                "h) samarbeid om jordmortenester\n"
                "k) omforeinte beredskapsplanar og planar for den akuttmedisinske kjeda\n"),
}


@pytest.mark.parametrize("language", list(STATUTE_LIST))
def test_the_statute_s_list_after_its_own_lead_in_is_restated_law(
        judge: Judge, language: str) -> None:
    """«Avtalen skal som et minimum omfatte:» is the statute's lead-in; the points listed
    under it are the law again, in bokmål and nynorsk alike, not headings of the
    agreement's own."""
    text = f"{TITLE}\n\n1 Formål\n\n{STATUTE_LIST[language]}"
    results = judge({"avtale.txt": text})
    for key in ("nr3", "nr8", "nr11"):
        assert status_of(results, key) == ("weak", "restated-law"), (language, key)


# ------------------------------------------------------------ second paragraph


TEAM = "Partene driver et felles ambulant team for eldre. "
EMPLOYER = "Teamet er ansatt i helseforetaket, som har arbeidsgiveransvaret. "
ORGANISATION = "Teamet er organisert under geriatrisk avdeling og rapporterer til " \
               "samarbeidsutvalget. "
FINANCING = "Kostnadene deles likt mellom partene."


def test_joint_measure_with_only_financing_is_partial(judge: Judge) -> None:
    """One of employer/organisation/financing settled is weak (partial), and the message
    says which parts are lacking."""
    results = judge({"avtale.txt": agreement(BM, keys=["ledd2"],
                                             replace={"ledd2": TEAM + FINANCING})})
    result = results[rid("ledd2")]
    assert status_of(results, "ledd2") == ("weak", "ledd2-partial")
    assert "finansiering" in result.message
    assert "arbeidsgiveransvar" in result.message and "organisering" in result.message


def test_joint_measure_with_two_parts_is_partial(judge: Judge) -> None:
    """Two of the three is still weak: all three must be clarified."""
    results = judge({"avtale.txt": agreement(BM, keys=["ledd2"],
                                             replace={"ledd2": TEAM + EMPLOYER + FINANCING})})
    assert status_of(results, "ledd2") == ("weak", "ledd2-partial")
    assert "organisering" in results[rid("ledd2")].message.split("men ikke", 1)[1]


def test_joint_measure_with_all_three_parts_is_covered(judge: Judge) -> None:
    """Employer, organisation and financing all settled: covered."""
    results = judge({"avtale.txt": agreement(
        BM, keys=["ledd2"], replace={"ledd2": TEAM + EMPLOYER + ORGANISATION + FINANCING})})
    assert status_of(results, "ledd2") == ("covered", None)


@pytest.mark.parametrize("body", [
    "Når partene setter i verk felles tiltak, skal det avklares ansvar, herunder "
    "arbeidsgiveransvar, og hvordan tiltaket skal organiseres og finansieres.",
    "Når partane set i verk felles tiltak, skal det avklarast ansvar, inkludert "
    "arbeidsgjevaransvar, og korleis tiltaket skal organiserast og finansierast.",
    "Ved felles tiltak må arbeidsgiveransvaret avklares, og det må avtales hvordan "
    "tiltaket organiseres og finansieres.",
    "Dersom partane avtalar samarbeidstiltak, skal ansvaret vere klargjort, mellom anna kven "
    "som er arbeidsgjevar, og det skal gå fram korleis tiltaket er organisert og finansiert.",
], ids=["bokmal", "nynorsk", "passive", "state"])
def test_parts_named_only_as_still_to_be_settled_restate_the_law(
        judge: Judge, body: str) -> None:
    """The second paragraph in the parties' own words ("skal det avklares ansvar … og
    hvordan tiltaket skal organiseres og finansieres") settles nothing: restated law, as
    the labelling conventions say, though it names employer, organisation and financing."""
    results = judge({"avtale.txt": agreement(BM, keys=["ledd2"], replace={"ledd2": body})})
    assert status_of(results, "ledd2") == ("weak", "restated-law")


def test_a_part_settled_before_a_clause_left_open_still_counts(judge: Judge) -> None:
    """Only what follows the open clause is unsettled: the employer named before it is
    clarified, the financing after it is not."""
    body = (TEAM + "Teamet er ansatt i helseforetaket, som har arbeidsgiveransvaret, og det "
            "skal avtales hvordan teamet finansieres. " + ORGANISATION)
    results = judge({"avtale.txt": agreement(BM, keys=["ledd2"], replace={"ledd2": body})})
    assert status_of(results, "ledd2") == ("weak", "ledd2-partial")
    lacking = results[rid("ledd2")].message.split("men ikke", 1)[1]
    assert "finansiering" in lacking and "arbeidsgiveransvar" not in lacking


def measures_under_headings(financing: str) -> str:
    """A særavtale whose two joint measures each have a heading of their own, the first
    with subsections for each part, the second with ``financing`` as its last line."""
    return (f"Særavtale om felles tiltak mellom Eikrem kommune og Helse Vestmo HF\n\n"
            "1 Felles team for eldre\n\n"
            "1.1 Oppgaver\n\nTeamet utreder hjemmeboende eldre etter henvisning fra "
            "fastlege.\n\n"
            "1.2 Arbeidsgiveransvar\n\nHelse Vestmo HF er arbeidsgiver for legen, og "
            "kommunen er arbeidsgiver for sykepleierne.\n\n"
            "1.3 Organisering\n\nTeamet har kontor på helsehuset og ledes av legen.\n\n"
            "1.4 Finansiering\n\nHver part lønner sine egne ansatte, og driftsutgiftene "
            "deles likt.\n\n"
            "2 Delt stilling som kreftkoordinator\n\n"
            "Koordinatoren er ansatt i kommunen og arbeider 40 prosent på sykehuset.\n\n"
            "Koordinatoren har kontor i hjemmetjenesten og rapporterer til teamets leder.\n\n"
            f"{financing}\n")


def test_each_measure_under_its_own_heading_is_checked(judge: Judge) -> None:
    """Parts settled in the subsections of a measure's own heading count for it, and a
    second measure whose financing is left for later makes the paragraph partial."""
    deferred = measures_under_headings(
        "Fordelingen av lønnsutgiftene avtales når stillingen er evaluert.")
    results = judge({"saeravtale.txt": deferred})
    assert status_of(results, "ledd2") == ("weak", "ledd2-partial")
    assert "finansiering" in results[rid("ledd2")].message.split("men ikke", 1)[1]
    settled = measures_under_headings("Helse Vestmo HF dekker 40 prosent av lønnsutgiftene.")
    assert status_of(judge({"saeravtale.txt": settled}), "ledd2") == ("covered", None)


def test_joint_measure_named_with_no_part_is_missing(judge: Judge) -> None:
    """A joint measure named with none of a/b/c is missing, and the message says so."""
    body = ("Partene driver en felles poliklinikk for sårbehandling. Poliklinikken tar imot "
            "pasienter fra hele regionen.")
    results = judge({"avtale.txt": agreement(BM, keys=["ledd2"], replace={"ledd2": body})})
    result = results[rid("ledd2")]
    assert status_of(results, "ledd2") == ("missing", None)
    assert result.severity == Severity.ERROR
    assert "verken" in result.message


# ------------------------------------------------------------ missing and passing mentions


def test_agreement_without_the_topic_is_missing(judge: Judge) -> None:
    """No mention of midwifery anywhere: missing, error severity, no evidence; the same
    agreement with the section is covered."""
    weak = judge({"avtale.txt": agreement(BM, replace={"nr8": None})})
    control = judge({"avtale.txt": agreement(BM)})
    result = weak[rid("nr8")]
    assert (result.status, result.severity, result.evidence) == (Status.MISSING,
                                                                  Severity.ERROR, [])
    assert "Jordmortjenester" in result.message
    assert status_of(control, "nr8") == ("covered", None)


PASSING = {
    # key: (section key it sits in, body with a passing mention)
    "nr13": ("nr5", "Sykehuset varsler kommunen senest to dager etter at pasienten ble lagt "
                    "inn. Sykehuset kartlegger om pasienten har barn som pårørende, og kommunen "
                    "følger opp barn som pårørende etter utskrivning. Når pasienten er "
                    "utskrivningsklar, melder sykehuset dette samme dag."),
    "nr9": ("nr3", "Fastlegen sender elektronisk henvisning til sykehuset, og sykehuset "
                   "bekrefter at den elektroniske henvisningen er mottatt. Innleggende lege "
                   "ringer vakthavende lege i mottaksavdelingen før pasienten sendes. "
                   "Oppfølgingsmøtet etter innleggelsen kan holdes på video."),
    "nr7": ("nr6", "Partene arrangerer to felles fagdager i året. Praksiskonsulenten i "
                   "helseforetaket er fastlege og hjelper sykehuset i kontakten med kommunens "
                   "praksiskonsulent. Faglige nettverk møtes hvert kvartal."),
}


@pytest.mark.parametrize("key", sorted(PASSING))
def test_passing_mentions_do_not_touch_a_rule(judge: Judge, key: str) -> None:
    """'barn som pårørende' is not point 13, 'elektronisk henvisning' is not ICT
    cooperation, 'praksiskonsulent' is not a practice placement; the section itself still
    covers its own point."""
    host, body = PASSING[key]
    results = judge({"avtale.txt": agreement(BM, keys=[host], replace={host: body})})
    assert status_of(results, key) == ("missing", None)
    assert status_of(results, host) == ("covered", None)


# ------------------------------------------------------------ language and OCR


def test_nynorsk_agreement_gives_the_same_verdicts(judge: Judge) -> None:
    """The same covered agreement in nynorsk gives the same verdict for all 14 rules,
    with evidence from the same section."""
    bokmal = judge({"avtale.txt": agreement(BM)})
    nynorsk = judge({"avtale.txt": agreement(NN, title=TITLE_NN)})
    assert summary(nynorsk) == summary(bokmal)
    for key in KEYS:
        number = BM[key][0].split()[0]
        assert nynorsk[rid(key)].evidence[0].heading.split()[0] == number, key


def test_nynorsk_deficient_agreement_gives_the_same_verdicts(judge: Judge) -> None:
    """Weak and missing verdicts, and their kinds, do not depend on the written standard."""
    bokmal = judge({"avtale.txt": agreement(BM, replace=MIXED_BM)})
    nynorsk = judge({"avtale.txt": agreement(NN, title=TITLE_NN, replace=MIXED_NN)})
    assert {key: status_of(bokmal, key) for key in MIXED_EXPECTED} == MIXED_EXPECTED
    assert summary(nynorsk) == summary(bokmal)


def test_ocr_damage_is_real() -> None:
    """The OCR helper must actually damage the text, or the OCR tests prove nothing."""
    clean = agreement(BM)
    damaged = ocr_damage(clean)
    assert damaged != clean
    assert damaged.count("-\n") >= 3
    assert "dggnplasser" in damaged or "degnplasser" in damaged or "Dognopphold" in damaged
    assert damaged.count("ø") < clean.count("ø")


@pytest.mark.parametrize(
    ("sections", "title", "replace"),
    [
        pytest.param(BM, TITLE, {}, id="bokmal-covered"),
        pytest.param(NN, TITLE_NN, {}, id="nynorsk-covered"),
        pytest.param(BM, TITLE, MIXED_BM, id="bokmal-deficient"),
        pytest.param(NN, TITLE_NN, MIXED_NN, id="nynorsk-deficient"),
    ],
)
def test_ocr_damaged_agreement_gives_the_same_verdicts(
    judge: Judge,
    sections: dict[str, tuple[str, str]],
    title: str,
    replace: dict[str, str | None],
) -> None:
    """Scanned text (ø read as g/e/o, å as a, æ as ae, broken hyphenation) keeps every
    verdict and weak kind."""
    clean = agreement(sections, title=title, replace=replace)
    assert summary(judge({"skannet.txt": ocr_damage(clean)})) == summary(
        judge({"avtale.txt": clean})
    )


# ------------------------------------------------------------ the set as a whole


def test_strongest_text_in_the_set_decides(judge: Judge) -> None:
    """The main agreement only says 'Se delavtale 5.'; delavtale 5 in the set covers
    utskrivningsklare pasienter, so the verdict is covered, with its evidence."""
    main = agreement(BM, keys=["nr5"], replace={"nr5": "Se delavtale 5."})
    results = judge({"hovedavtale.txt": main, "delavtale_5_utskrivning.md": delavtale(5, "nr5")})
    result = results[rid("nr5")]
    assert status_of(results, "nr5") == ("covered", None)
    assert result.evidence[0].file == "delavtale_5_utskrivning.md"
    assert result.evidence[0].excerpt.startswith("Sykehuset varsler kommunen")


def test_verdicts_do_not_depend_on_document_order(judge: Judge) -> None:
    """check_agreement gets the files in whatever order the file system gives."""
    files = {
        "hovedavtale.txt": agreement(BM, replace={"nr5": "Se delavtale 5.", "nr8": "",
                                                  "nr9": None, "ledd2": TEAM + FINANCING}),
        "delavtale_5_utskrivning.md": delavtale(5, "nr5"),
        "delavtale_9_ikt.md": delavtale(9, "nr9"),
        # nr4 is covered both here and in the main agreement: a tie the order must not break.
        "delavtale_4_ohd.md": delavtale(4, "nr4"),
        "vedlegg_1_kontakter.txt": "Vedlegg 1 Kontaktpersoner\n\nKommunen: servicetorget.\n",
    }
    documents = judge.documents(files)
    reference = judge.results(documents)

    def full(results: dict[str, RuleResult]) -> list[tuple[object, ...]]:
        return [(r.rule_id, r.status, r.weak_kind, r.message, r.evidence)
                for r in results.values()]

    orders = [list(reversed(documents))]
    generator = random.Random(6202)
    for _ in range(4):
        shuffled = list(documents)
        generator.shuffle(shuffled)
        orders.append(shuffled)
    for order in orders:
        assert full(judge.results(order)) == full(reference)
    assert status_of(reference, "nr8") == ("weak", "heading")
    assert status_of(reference, "ledd2") == ("weak", "ledd2-partial")


def test_section_in_delavtale_file_counts_like_section_in_main_agreement(judge: Judge) -> None:
    """Moving a section out of the main agreement into a delavtale file changes no
    verdict."""
    moved = ["nr4", "nr8", "ledd2"]
    one_file = judge({"avtale.txt": agreement(BM, replace={"nr9": ""})})
    files = {"hovedavtale.txt": agreement(BM, replace={**{k: None for k in moved},
                                                       "nr9": ""})}
    for number, key in enumerate(moved, 20):
        files[f"delavtale_{number}.md"] = delavtale(number, key)
    split = judge(files)
    assert summary(split) == summary(one_file)
    assert split[rid("nr4")].evidence[0].file == "delavtale_20.md"


# ------------------------------------------------------------ guidance is not agreement


GUIDE = """\
Veileder til samarbeidsavtaler

1 Utskrivningsklare pasienter

Samarbeidsavtalen bør beskrive:

- hvordan sykehuset varsler kommunen når pasienten er utskrivningsklar
- hvilken informasjon som følger pasienten ved utreise, for eksempel epikrise
- hvordan kommunen melder tilbake at den kan ta imot pasienten

2 Jordmortjenester

Samarbeidsavtalen bør beskrive hvordan jordmor følger opp gravide i svangerskapet.
Avtalen bør også beskrive følgetjeneste og barselomsorg etter fødsel.

3 IKT-løsninger

Samarbeidsavtalen bør beskrive bruk av elektroniske meldinger over helsenettet. Det
anbefales at partene bruker kjernejournal og et felles fagsystem.

4 Barn og unge

Samarbeidsavtalen bør beskrive et eget fagråd for barn og unge med sammensatte vansker. Det
anbefales at barnekoordinator og BUP deltar i overgangen til voksenavdeling.

5 Samarbeidstiltak

Samarbeidsavtalen bør beskrive hvem som har arbeidsgiveransvaret for et felles team, hvordan
teamet organiseres og hvordan kostnadene fordeles.
"""


def test_guide_text_never_gives_covered(judge: Judge) -> None:
    """Text about what an agreement should contain is not an agreement: the points it
    names are at most weak, and nothing is covered."""
    results = judge({"veileder.txt": GUIDE})
    assert [r.rule_id for r in results.values() if r.status is Status.COVERED] == []
    for key in ("nr5", "nr8", "nr9", "nr13"):
        assert results[rid(key)].status is Status.WEAK, key


# ------------------------------------------------------------ evidence and messages


def test_covered_evidence_names_file_line_heading_and_excerpt(judge: Judge) -> None:
    """A reviewer must be able to find the text: file, 1-based line, heading, excerpt."""
    text = agreement(BM, keys=["nr1", "nr4"])
    results = judge({"avtale.txt": text})
    evidence = results[rid("nr4")].evidence[0]
    lines = text.split("\n")
    heading, body = BM["nr4"]
    assert evidence.file == "avtale.txt"
    assert evidence.heading == heading
    assert evidence.page is None
    assert lines[evidence.line - 1] == body[: len(lines[evidence.line - 1])]
    assert lines.index(heading) + 1 < evidence.line
    assert body.startswith(evidence.excerpt.rstrip("…"))


def test_evidence_line_counts_from_one_in_a_delavtale(judge: Judge) -> None:
    """Lines are per file: the first body line of a delavtale is line 3 after its title."""
    results = judge({"hovedavtale.txt": agreement(BM, keys=["nr1"]),
                     "delavtale_8.md": delavtale(8, "nr8")})
    evidence = results[rid("nr8")].evidence[0]
    assert (evidence.file, evidence.line) == ("delavtale_8.md", 3)
    assert evidence.heading == "Delavtale 8 – Jordmortjenester"


@pytest.mark.parametrize(
    ("replace", "key", "kind", "words"),
    [
        ({"nr8": ""}, "nr8", "heading", "overskrift"),
        ({"nr11": INTENT["nr11"]}, "nr11", "intent", "intensjonserklæring"),
        ({"nr12": RESTATED["nr12"]}, "nr12", "restated-law", "lovteksten"),
        ({"nr9": "Se delavtale 9."}, "nr9", "dangling-reference", "ikke er med i avtalesettet"),
        ({"ledd2": TEAM + FINANCING}, "ledd2", "ledd2-partial", "Bare delvis oppfylt"),
    ],
)
def test_weak_verdicts_say_in_norwegian_what_is_lacking(
    judge: Judge, replace: dict[str, str], key: str, kind: str, words: str
) -> None:
    """Each weak kind has its own Norwegian message, a warning severity, and evidence."""
    results = judge({"avtale.txt": agreement(BM, replace=replace)})
    result = results[rid(key)]
    assert (result.status, result.weak_kind, result.severity) == (Status.WEAK, kind,
                                                                  Severity.WARNING)
    assert words in result.message
    assert result.evidence and result.evidence[0].file == "avtale.txt"
    assert result.evidence[0].heading == BM[key][0]


def test_missing_message_names_the_requirement_and_its_source(judge: Judge) -> None:
    """A missing verdict says what is missing and where the law asks for it."""
    results = judge({"avtale.txt": agreement(BM, replace={"nr12": None})})
    message = results[rid("nr12")].message
    assert "Felles planlegging og utvikling av tjenestene" in message
    assert "§ 6-2 første ledd nr. 12" in message
    assert "Ingen tekst" in message


# ------------------------------------------------------- regressions found by these tests


@pytest.mark.parametrize(("key", "heading", "sentence"), [
    ("nr8", "8 Jordmortjenester", "Partene skal samarbeide om jordmortjenester."),
    ("nr10", "10 Forebygging", "Partene skal samarbeide godt om forebygging."),
    ("nr11", "11 Beredskap", "Partene skal samarbeide godt om beredskap."),
])
def test_shortest_declaration_of_intent_is_intent_not_heading(
    judge: Judge, key: str, heading: str, sentence: str
) -> None:
    """verdicts.md's own example of intent: body text exists, so it is not 'heading only'."""
    results = judge({"avtale.txt": f"{TITLE}\n\n{heading}\n\n{sentence}\n"})
    assert status_of(results, key) == ("weak", "intent")


def test_second_paragraph_restated_in_two_sentences_is_restated_law(judge: Judge) -> None:
    """Restating the paragraph is restated law, even split up and with its own nouns."""
    body = ("Når partene avtaler samarbeidstiltak, må avtalen klargjøre ansvarsforholdene, og "
            "arbeidsgiveransvaret må avklares. Det må også avtales hvordan samarbeidstiltaket "
            "skal organiseres og finansieres.")
    results = judge({"avtale.txt": f"{TITLE}\n\n14 Samarbeidstiltak\n\n{body}\n"})
    assert status_of(results, "ledd2") == ("weak", "restated-law")


def test_each_described_joint_measure_is_checked(judge: Judge) -> None:
    """One well-settled team does not settle a second measure described beside it."""
    body = ("Partene driver et felles ambulant team for eldre. Teamet er ansatt i helseforetaket, "
            "som har arbeidsgiveransvaret. Teamet er organisert under geriatrisk avdeling og "
            "rapporterer til samarbeidsutvalget. Kostnadene deles likt mellom partene.\n\n"
            "Partene har også en felles poliklinikk for sårbehandling ved helsehuset. Kommunen "
            "betaler husleie for poliklinikken.")
    results = judge({"avtale.txt": f"{TITLE}\n\n14 Samarbeidstiltak\n\n{body}\n"})
    assert status_of(results, "ledd2") == ("weak", "ledd2-partial")
    assert "poliklinikk" in results[rid("ledd2")].evidence[0].excerpt


def test_one_sentence_naming_a_measure_without_parts_is_missing(judge: Judge) -> None:
    """None of a/b/c is missing, also when the measure is named in a single sentence."""
    body = "Partene har opprettet et felles ambulant team for eldre med sammensatte behov."
    results = judge({"avtale.txt": f"{TITLE}\n\n14 Samarbeidstiltak\n\n{body}\n"})
    assert status_of(results, "ledd2") == ("missing", None)
    assert "verken" in results[rid("ledd2")].message
