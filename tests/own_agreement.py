"""A complete cooperation agreement written for these tests, in bokmål.

One numbered section per point of helse- og omsorgstjenesteloven § 6-2
(first paragraph points 1–13, and the second paragraph's joint measure),
each with two or more concrete sentences, so every rule is ``covered``. The
wording is our own (not taken from the shared corpus or the examples), and
the municipality and health trust are invented.

Not a test module: used by the property tests and as the text sample of the
reader fuzzer.
"""

from __future__ import annotations

TITLE = "Samarbeidsavtale mellom Nordli kommune og Helse Vestbakk HF"

# (rule id, heading, body)
SECTIONS: list[tuple[str, str, str]] = [
    ("hol-6-2-nr1", "Oppgave- og ansvarsfordeling",
     "Kommunen har ansvar for helse- og omsorgstjenester til dem som bor i kommunen, blant "
     "annet hjemmesykepleie og plass i sykehjem. Helseforetaket har ansvar for "
     "spesialisthelsetjenester, både poliklinisk og ved innleggelse. Skal en oppgave flyttes"
     " fra helseforetaket til kommunen, avtaler partene skriftlig på forhånd hvem som "
     "betaler for opplæring og utstyr."),
    ("hol-6-2-nr2", "Pasienter med behov for koordinerte tjenester",
     "Helseforetaket gir beskjed til kommunens koordinerende enhet så snart det ser at en "
     "pasient trenger individuell plan. Kommunen oppnevner en koordinator innen fem "
     "virkedager og kaller inn til et første møte med pasienten og de pårørende. Begge "
     "parter deltar i ansvarsgruppen så lenge pasienten har behov for det. Etter et "
     "rehabiliteringsopphold holder sykehuset et overføringsmøte med kommunens "
     "rehabiliteringsteam før pasienten reiser hjem."),
    ("hol-6-2-nr3", "Innleggelse i sykehus",
     "Før innleggelse vurderer fastlegen eller legevaktlegen om pasienten kan få hjelp i "
     "kommunen i stedet. Henvisningen sendes elektronisk og beskriver problemstillingen, "
     "legemidlene og hvem som er pårørende. Ved øyeblikkelig hjelp ringer legen vakthavende "
     "lege i sykehuset før pasienten sendes."),
    ("hol-6-2-nr4", "Døgnopphold for øyeblikkelig hjelp",
     "Kommunen driver tre senger for døgnopphold for øyeblikkelig hjelp ved helsesenteret. "
     "Tilbudet gjelder pasienter som ellers ville blitt lagt inn i sykehus, og som en lege "
     "har undersøkt før innleggelsen. Helseforetaket gir faglig veiledning til legene som "
     "arbeider med tilbudet."),
    ("hol-6-2-nr5", "Utskrivningsklare pasienter",
     "Sykehuset varsler kommunen senest første virkedag etter innleggelsen om pasienter som "
     "trolig trenger kommunale tjenester etter utskrivning. Når pasienten er "
     "utskrivningsklar, sender sykehuset melding samme dag, og kommunen svarer om den kan ta"
     " imot pasienten. Kommunen betaler for hvert døgn pasienten blir liggende etter at den "
     "har fått melding om at pasienten er utskrivningsklar."),
    ("hol-6-2-nr6", "Kunnskapsoverføring og informasjonsutveksling",
     "Partene holder hverandre oppdatert om ny kunnskap gjennom felles fagdager to ganger i "
     "året. Helseforetaket gir råd og veiledning på telefon til kommunens helsepersonell "
     "hele døgnet. Ansatte fra begge parter kan hospitere hos den andre parten etter avtale "
     "med nærmeste leder."),
    ("hol-6-2-nr7", "Forskning og utdanning",
     "Partene samarbeider om forskning som er nyttig for pasienter i begge tjenestene, og "
     "deler resultatene med hverandre. Kommunen tar imot studenter i praksis fra sykepleie- "
     "og medisinutdanningen, og helseforetaket stiller med veiledere. Hvert år lager partene"
     " en oversikt over hvor mange praksisplasser hver av dem tilbyr."),
    ("hol-6-2-nr8", "Jordmortjenester",
     "Kommunens jordmødre har ansvar for svangerskapsomsorgen, og helseforetaket har ansvar "
     "for fødselsomsorgen. Når det er mer enn halvannen times reise til fødeavdelingen, "
     "sørger kommunen for følgetjeneste med jordmor. Etter fødselen får kommunen melding, "
     "slik at helsestasjonen kan tilby hjemmebesøk i barselperioden."),
    ("hol-6-2-nr9", "IKT-løsninger lokalt",
     "Partene bruker elektroniske meldinger for henvisning, epikrise og pleie- og "
     "omsorgsmeldinger. Hver part har en kontaktperson for IKT, og kontaktpersonene møtes "
     "hvert kvartal for å følge opp avvik i meldingsutvekslingen. Nye systemer testes i "
     "fellesskap før de tas i bruk."),
    ("hol-6-2-nr10", "Forebygging",
     "Partene samarbeider om forebyggende arbeid mot overvekt, fall og rusproblemer. "
     "Kommunens frisklivssentral tar imot pasienter som sykehuset henviser etter behandling."
     " Helseforetaket deler statistikk om innleggelser, slik at kommunen kan planlegge "
     "folkehelsearbeidet."),
    ("hol-6-2-nr11", "Beredskapsplaner og akuttmedisinsk kjede",
     "Partene utveksler beredskapsplaner og oppdaterer dem etter hver større hendelse. "
     "Legevakten, AMK-sentralen og ambulansetjenesten har felles rutiner for varsling og "
     "bruker Nødnett. Hvert år gjennomfører partene en felles øvelse i akuttmedisinsk "
     "beredskap."),
    ("hol-6-2-nr12", "Felles planlegging og utvikling",
     "Partene planlegger tjenestene sammen i et felles samarbeidsutvalg som møtes fire "
     "ganger i året. Utvalget bruker styringsdata om innleggelser og reinnleggelser til å "
     "velge hvilke pasientgrupper som skal prioriteres. Endringer i tilbudet som påvirker "
     "den andre parten, varsles minst seks måneder før de gjennomføres."),
    ("hol-6-2-nr13", "Barn og unge med sammensatte behov",
     "Kommunen oppnevner en barnekoordinator for familier som har eller venter barn med "
     "alvorlig sykdom eller skade. Barne- og ungdomspsykiatrien og kommunens helsestasjon "
     "holder felles møter om barn og unge som trenger tjenester fra begge. Når ungdommen "
     "fyller 18 år, planlegger partene overgangen til voksentjenestene sammen med ungdommen."),
    ("hol-6-2-ledd2", "Samarbeidstiltak",
     "Partene driver et felles ambulant team for eldre med sammensatte behov. Helseforetaket"
     " har arbeidsgiveransvaret for de ansatte i teamet, og kommunen stiller lokaler til "
     "rådighet. Teamet er organisert med en leder som rapporterer til et styre med én "
     "representant fra hver part. Kostnadene deles likt mellom partene etter et budsjett som"
     " vedtas hvert år."),
]


def section_text(number: int, heading: str, body: str) -> str:
    """One section as a text file holds it: numbered heading, blank line, paragraph."""
    return f"{number}. {heading}\n\n{body}\n"


def text(sections: list[tuple[str, str, str]] | None = None, title: str = TITLE) -> str:
    """The agreement (or the given sections of it) as plain text."""
    chosen = SECTIONS if sections is None else sections
    parts = [f"{title}\n"]
    parts += [section_text(n, heading, body) for n, (_id, heading, body) in enumerate(chosen, 1)]
    return "\n".join(parts)
