"""Write the genre set's DOCX, ODT and PDF cases from the text held here.

The TXT, MD and HTML cases are plain files under cases/; the Word, ODT and
PDF ones are generated so that their text can be read and reviewed in this file,
and so that the committed binaries stay small (a few kB each). Run from the
repository root with the test venv active:

    python tests/genre_corpus/make_binaries.py          # rewrite them
    python tests/genre_corpus/make_binaries.py --check  # fail if they differ

DOCX and ODT zips get a fixed timestamp (the ODT is written by hand,
mimetype first and stored) and the PDFs are written byte by byte by
tests/pdfcraft.py, so the output is the same on every run.
"""

from __future__ import annotations

import argparse
import io
import sys
import textwrap
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pdfcraft  # noqa: E402  (tests/pdfcraft.py: PDF bytes without a PDF library)

CASES = HERE / "cases"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------- g12 (nn, DOCX)

G12_TITLE = "Overordna samarbeidsavtale mellom Vassenden kommune og Helse Vestmark HF"
G12_TOC = ["1 Partar", "2 Lovgrunnlag", "3 Føremål", "4 Oppgåve- og ansvarsfordeling",
           "5 Helsefellesskapet og felles planlegging", "6 Tenesteavtalar",
           "7 Barn og unge", "8 Felles tiltak", "9 Underskrifter"]
G12_SECTIONS: list[tuple[str, list[str]]] = [
    ("1 Partar", ["Avtalen er inngått mellom Vassenden kommune og Helse Vestmark HF."]),
    ("2 Lovgrunnlag", [
        "Avtalen byggjer på følgjande lovverk:",
        "• Lov om kommunale helse- og omsorgstenester m.m. (helse- og omsorgstenestelova)",
        "• Lov om spesialisthelsetenesta m.m. (spesialisthelsetenestelova)",
        "• Lov om pasient- og brukarrettar",
        "• Lov om helsepersonell m.v.",
    ]),
    ("3 Føremål", [
        "Avtalen skal konkretisere oppgåve- og ansvarsfordelinga mellom kommunen og "
        "helseføretaket og etablere gode samarbeidsrutinar på sentrale samhandlingsområde.",
    ]),
    ("4 Oppgåve- og ansvarsfordeling", [
        "Kommunen gir tenester som ikkje krev spesialisert kompetanse: fastlege, legevakt, "
        "heimetenester, sjukeheim, helsestasjon, psykisk helse- og rusteneste og "
        "rehabilitering i kommunen. Helseføretaket gir utgreiing, behandling og "
        "rehabilitering som krev spesialisert kompetanse, og har akuttmottak og ambulanse.",
        "Ingen av partane kan flytte ei oppgåve over til den andre utan skriftleg avtale. "
        "Før ei oppgåve vert flytt, greier partane saman ut kva ho krev av kompetanse, "
        "utstyr og pengar, og helseføretaket gir kommunen sine tilsette opplæring før "
        "overføringa. Usemje om kven som har ansvaret, vert lagd fram for "
        "samhandlingsutvalet, som avgjer innan 30 dagar.",
    ]),
    ("5 Helsefellesskapet og felles planlegging", [
        "Partnarskapsmøtet i helsefellesskapet vedtek kvart år ein handlingsplan med "
        "prioriterte utviklingsområde. Det strategiske samarbeidsutvalet fordeler arbeidet "
        "til fagråda, som lagar framlegg til nye tenestemodellar med kostnadsoverslag for "
        "begge partar. Partane legg fram utkast til eigne planar for kvarandre før vedtak, "
        "og deler framskrivingar av behov og kapasitet kvart år.",
    ]),
    ("6 Tenesteavtalar", [
        "Følgjande tenesteavtalar høyrer til denne avtalen:",
    ]),
    ("7 Barn og unge", [
        "Partane skal samarbeide om tenester til barn og unge med samansette behov.",
    ]),
    ("8 Felles tiltak", [
        "Partane driv saman eit ambulant palliativt team. Helseføretaket er arbeidsgjevar "
        "for lege og sjukepleiar i teamet. Teamet held til på Vassenden helsesenter, vert "
        "leidd av seksjonsleiar for palliasjon i helseføretaket og rapporterer til "
        "samhandlingsutvalet kvart år. Kommunen betaler 40 % og helseføretaket 60 % av "
        "driftsutgiftene etter budsjett som samhandlingsutvalet godkjenner.",
    ]),
]
G12_AGREEMENTS = [("2", "Koordinerte tenester, habilitering og rehabilitering", "Vedteken 2019"),
                  ("3", "Innlegging i sjukehus", "Vedteken 2019"),
                  ("4", "Døgnopphald for øyeblikkeleg hjelp", "Vedteken 2016"),
                  ("5", "Utskrivingsklare pasientar", "Vedteken 2019"),
                  ("6", "Kunnskapsoverføring og hospitering", "Under revisjon"),
                  ("7", "Forsking, utdanning, praksis og læretid", "Vedteken 2014"),
                  ("8", "Jordmortenester", "Ikkje utarbeidd"),
                  ("9", "IKT-løysingar lokalt", "Vedteken 2014")]


def g12() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "VASSENDEN KOMMUNE  ·  logo  ·  Helse Vestmark HF"
    section.footer.paragraphs[0].text = "Overordna samarbeidsavtale · versjon 3.0"
    document.add_heading(G12_TITLE, level=0)
    document.add_paragraph("Innhald")
    for line in G12_TOC:
        document.add_paragraph(line)
    for heading, paragraphs in G12_SECTIONS:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
        if heading.startswith("6 "):
            _table(document, [("Nr.", "Tema", "Status"), *G12_AGREEMENTS])
    document.add_heading("9 Underskrifter", level=1)
    _table(document, [("For Vassenden kommune", "For Helse Vestmark HF"),
                      ("Ordførar", "Administrerande direktør"),
                      ("Dato: 14.09.2023", "Dato: 19.09.2023")])
    document.add_heading("Dokumenthistorikk", level=2)
    _table(document, [("Versjon", "Dato", "Endring"),
                      ("1.0", "2012", "Første avtale"),
                      ("2.0", "2016", "Tenesteavtale 4 vedteken"),
                      ("3.0", "2023", "Helsefellesskapet og felles tiltak tekne inn")])
    return _docx_bytes(document)


# ---------------------------------------------------------------- g22 (nb, DOCX)

G22_ROWS = [
    ("Praksis og læretid",
     "Partene lager hvert år innen 1. april en felles oversikt over praksisplasser for "
     "sykepleier-, vernepleier- og helsefagarbeiderstudenter, og fordeler plassene i møte "
     "med høgskolen og videregående skole. Kommunen har to lærlinger i helsearbeiderfaget, "
     "som har fire uker av læretiden på sykehusets sengeposter.\n"
     "Veiledere i begge tjenester får veilederkurs ved høgskolen, og sykehuset dekker "
     "kursavgiften. LIS1-leger har seks måneder i Grønnli kommune etter fordeling fra "
     "sykehuset."),
    ("Jordmor",
     "Kommunens jordmødre har svangerskapskontroller på helsestasjonen og henviser gravide med "
     "risikofaktorer til fødepoliklinikken etter sykehusets seleksjonskriterier. "
     "Fødeavdelingen melder fødsel til helsestasjonen samme dag som mor og barn reiser hjem.\n"
     "Helsestasjonsjordmor tar kontakt innen to døgn og tilbyr hjemmebesøk. Kommunens "
     "jordmødre og fødeavdelingen har en felles fagdag hvert år, og gjennomgår uønskede "
     "hendelser der."),
    ("Barn og unge",
     "For barn og unge med sammensatte vansker som får tjenester både fra kommunen og "
     "sykehuset, oppnevner kommunen barnekoordinator innen to uker etter melding fra "
     "barneavdelingen eller BUP. Barnekoordinatoren kaller inn til samarbeidsmøte med "
     "familien og en fast kontaktperson fra sykehuset.\n"
     "Møtet lager en samarbeidsplan som sier hvem som gjør hva, og planen evalueres hvert "
     "halvår. Et halvt år før barnet fyller 18 år, planlegger partene overgangen til "
     "voksentjenestene."),
    ("Forebygging", "Under arbeid."),
    ("IKT", "Se egen IKT-avtale."),
]


def g22() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Grønnli kommune | Helse Nordvang HF"
    document.add_heading("Tilleggsavtale til samarbeidsavtalen mellom Grønnli kommune og "
                         "Helse Nordvang HF", level=0)
    document.add_paragraph("Vedtatt i samarbeidsutvalget 05.06.2023. Avtalen utfyller "
                           "samarbeidsavtalen fra 2019 på områdene nedenfor.")
    document.add_heading("Samarbeidsområder", level=1)
    _table(document, [("Område", "Avtalt"), *G22_ROWS])
    document.add_heading("Underskrifter", level=1)
    document.add_paragraph("Grønnli, 07.06.2023 – kommunedirektør\t"
                           "Tromstad, 09.06.2023 – administrerende direktør")
    return _docx_bytes(document)


# ---------------------------------------------------------------- g25 (nb, DOCX)

G25_TITLE = "Samarbeidsavtale mellom Storlia kommune og Sykehuset Innmark HF"
# (heading level, text) or (0, paragraph) or (-1, bullet)
G25_BODY: list[tuple[int, str]] = [
    (0, "Avtalen er bygd opp etter pasientforløpet: før, under og etter sykehusopphold."),
    (1, "Del A Ansvar og oppgaver"),
    (0, "Kommunen har ansvar for allmennlegetjenesten, legevakt, hjemmebaserte tjenester, "
        "sykehjem, psykisk helse- og rusarbeid og rehabilitering i kommunen. Sykehuset har "
        "ansvar for utredning, behandling og rehabilitering som krever spesialisert "
        "kompetanse, og for akuttmottak og ambulanse."),
    (0, "Vil en part flytte en oppgave til den andre, lages en felles utredning av "
        "kompetanse, utstyr og kostnader. Oppgaven flyttes først når samarbeidsutvalget har "
        "godkjent utredningen og opplæringen er gjennomført."),
    (1, "Del B Før sykehusopphold"),
    (2, "B1 Henvisning og innleggelse"),
    (0, "Fastlege eller legevaktlege drøfter øyeblikkelig innleggelse med vakthavende lege i "
        "mottakende avdeling. Henvisningen sendes elektronisk og har problemstilling, funn, "
        "legemiddelliste og nærmeste pårørende. Har pasienten kommunale tjenester, sender "
        "kommunen innleggelsesrapport samme døgn."),
    (2, "B2 Kommunalt øyeblikkelig hjelp-tilbud"),
    (0, "Storlia kommune har tre øyeblikkelig hjelp-senger på Storlia helsetun, for voksne "
        "med kjent diagnose og pasienter innen psykisk helse og rus som ikke trenger "
        "spesialisthelsetjeneste. Lege undersøker pasienten før innleggelse og tilser "
        "pasienten daglig. Pasienter med behov for overvåkning legges ikke inn."),
    (1, "Del C Under sykehusopphold"),
    (2, "C1 Koordinerte tjenester"),
    (-1, "Sykehuset melder behov for individuell plan til koordinerende enhet, som oppnevner "
         "koordinator innen ti virkedager."),
    (-1, "Kommunens fysioterapeut deltar i et overføringsmøte før pasienter skrives ut fra "
         "rehabiliteringsavdelingen, og habiliteringstjenesten veileder kommunens ansatte "
         "i hjemmet ved behov."),
    (-1, "Lærings- og mestringssenteret sender kursoversikt til koordinerende enhet hvert "
         "halvår, og koordinator kan melde pasienter på kursene."),
    (2, "C2 Kompetanse og hospitering"),
    (0, "Ansatte kan hospitere inntil fem dager i året hos den andre parten; den som sender, "
        "betaler lønn. Partene har faglige nettverk for demens og palliasjon som møtes fire "
        "ganger i året, og sykehusets spesialsykepleiere veileder hjemmetjenesten på video "
        "hver uke."),
    (1, "Del D Etter sykehusopphold"),
    (2, "D1 Utskrivningsklare pasienter"),
    (0, "Sykehuset melder forventet utskrivningsdato innen ett døgn etter innleggelse. "
        "Kommunen svarer innen fire timer på melding om utskrivningsklar pasient og oppgir "
        "når pasienten kan tas imot. Epikrise og legemiddelliste følger pasienten."),
    (1, "Del E Andre samarbeidsområder"),
    (2, "E1 Forskning og utdanning"),
    (0, "Kommunen og helseforetaket skal ha samarbeid om forskning, utdanning, praksis og "
        "læretid, jf. helse- og omsorgstjenesteloven § 6-2 nr. 7."),
    (2, "E2 Jordmortjenester"),
    (0, "Kommunens jordmor henviser gravide med risikofaktorer til fødepoliklinikken. "
        "Fødeavdelingen melder fødsel til helsestasjonen samme dag som mor og barn reiser "
        "hjem, og helsestasjonsjordmor tar kontakt innen to døgn."),
    (2, "E3 IKT"),
    (0, "Partene skal samarbeide om IKT-løsninger lokalt."),
    (2, "E4 Forebygging"),
    (0, "Sykehuset sender kommuneoverlegen tall for skader og forgiftninger hvert år til "
        "folkehelseoversikten. Smittevernoverlegene varsler hverandre straks ved utbrudd, "
        "og sykehuset holder et årlig smittevernkurs for sykehjemmene."),
    (2, "E5 Beredskap og akuttmedisinsk kjede"),
    (0, "Partene utveksler beredskapsplaner innen 1. mars hvert år og gjennomgår dem i et "
        "felles møte. Legevakten og AMK har felles rutine for varsling og utrykning, og "
        "legevakt, ambulanse og AMK øver sammen hvert år."),
    (2, "E6 Felles planlegging"),
    (0, "Helsefellesskapets partnerskapsmøte vedtar hvert år en handlingsplan med "
        "prioriterte tjenester, og det strategiske samarbeidsutvalget følger den opp. "
        "Partene legger fram utkast til egne planer for hverandre før de vedtas."),
    (2, "E7 Barn og unge"),
    (0, "Partene skal samarbeide om ytelse av helse- og omsorgstjenester til barn og unge "
        "med sammensatte vansker og lidelser, og som derfor mottar tjenester fra begge "
        "forvaltningsnivåene."),
    (1, "Del F Felles tiltak"),
    (0, "Partene har en felles ambulant sårpoliklinikk. Den holder til i sykehusets "
        "poliklinikk, ledes av en sårsykepleier i sykehuset og rapporterer til "
        "samarbeidsutvalget hvert år."),
]


def g25() -> bytes:
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "Storlia kommune · Sykehuset Innmark HF"
    document.add_heading(G25_TITLE, level=0)
    for level, text in G25_BODY:
        if level > 0:
            document.add_heading(text, level=level)
        elif level < 0:
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    _table(document, [("For Storlia kommune", "For Sykehuset Innmark HF"),
                      ("Kommunedirektør", "Administrerende direktør")])
    return _docx_bytes(document)


# ---------------------------------------------------------------- PDFs (pdfcraft)

G13_PAGES = [
    ("Særavtale om kommunalt døgntilbud for øyeblikkelig hjelp", [
        "Dalsbygd kommune og Sykehuset Innmark HF",
        "",
        "1 Parter",
        "Særavtalen er inngått mellom Dalsbygd kommune og Sykehuset Innmark HF.",
        "",
        "2 Tilbudet",
        "Dalsbygd kommune har fire døgnplasser for øyeblikkelig hjelp på Dalsbygd "
        "helsetun. Plassene er åpne hele døgnet for voksne over 18 år med kjent "
        "diagnose og forverring av kronisk sykdom, for eksempel kols, hjertesvikt "
        "eller urinveisinfeksjon, og for pasienter innen psykisk helse og rus som "
        "ikke trenger spesialisthelsetjeneste. Pasienter med mistenkt hjerteinfarkt, "
        "hjerneslag, sepsis eller behov for overvåkning skal ikke legges inn.",
        "",
        "3 Innleggelse og legetilsyn",
        "Fastlege eller legevaktlege undersøker pasienten og avgjør innleggelse. Lege "
        "tilser pasienten innen ett døgn og deretter hver dag. Dersom pasienten ikke er "
        "bedre etter tre døgn, vurderer lege om pasienten skal overføres til sykehuset.",
    ]),
    ("Særavtale om kommunalt døgntilbud for øyeblikkelig hjelp", [
        "4 Samarbeid om kompetanse",
        "Sykehusets medisinske avdeling gir råd på telefon hele døgnet. Sykepleierne på "
        "helsetunet har to dagers opplæring i akuttmedisin på sykehuset hvert år.",
        "",
        "5 Drift og rapportering",
        "Kommunen driver og finansierer tilbudet selv. Kommunen rapporterer belegg, "
        "liggetid og overføringer til sykehus til samarbeidsutvalget hvert halvår.",
        "",
        "Dalsbygd, 03.03.2020                    Tromstad, 06.03.2020",
        "For Dalsbygd kommune                    For Sykehuset Innmark HF",
    ]),
]

G18_IKT_PAGES = [
    ("Delavtale 9 - IKT-løsninger lokalt", [
        "Elvenes kommune - Helse Nordvang HF",
        "",
        "1 Meldingsutveksling",
        "Partene bruker elektroniske meldinger over Norsk helsenett for henvisning, "
        "epikrise, innleggelsesrapport, utskrivningsrapport og dialogmeldinger. Hver part "
        "har et kontaktpunkt for meldingsutveksling som følger med på meldinger som ikke er "
        "kvittert, og tar kontakt med den andre parten samme dag.",
        "",
        "2 Endringer og avvik",
        "Oppgraderinger av journalsystemer som kan påvirke meldingsflyten, varsles den andre "
        "parten minst tre måneder før. Feil i meldingsflyten meldes som avvik og gjennomgås i "
        "IKT-forum, som har en representant fra hver part og møtes hvert kvartal.",
        "",
        "3 Video",
        "Fastleger og kommunens sykepleiere kan be om videokonsultasjon med sykehusets "
        "spesialister gjennom den felles plattformen i regionen; sykehuset svarer innen "
        "to virkedager.",
    ]),
]


def pdf_bytes(pages: list[tuple[str, list[str]]]) -> bytes:
    """A text PDF, one running header and a "Side X av Y" footer per page, lines wrapped."""
    laid_out = []
    for number, (header, paragraphs) in enumerate(pages, start=1):
        lines = [header, ""]
        for paragraph in paragraphs:
            lines += textwrap.wrap(paragraph, 88) or [""]
        lines += ["", f"Side {number} av {len(pages)}"]
        laid_out.append(lines)
    return pdfcraft.simple(laid_out)


# ---------------------------------------------------------------- g31 (nb, DOCX)

G31_TITLE = "Samarbeidsavtale mellom Olderdal kommune og Sykehuset Gullvik HF"
G31_SECTIONS: list[tuple[str, list[str]]] = [
    ("1 Parter", ["Avtalen er inngått mellom Olderdal kommune og Sykehuset Gullvik HF."]),
    ("2 Formål", [
        "Avtalen skal konkretisere oppgave- og ansvarsfordelingen mellom kommunen og "
        "helseforetaket og etablere gode samarbeidsrutiner på sentrale samhandlingsområder.",
    ]),
    ("3 Innleggelse og utskrivning", [
        "Partenes oppgaver ved innleggelse og utskrivning står i ansvarsmatrisen i vedlegg 1.",
    ]),
    ("4 Døgnopphold for øyeblikkelig hjelp", [
        "Olderdal kommune har to døgnplasser for øyeblikkelig hjelp på Olderdal sykehjem. "
        "Tilbudet gjelder voksne med kjent sykdom som får en forverring som kan utredes og "
        "behandles i kommunen, for eksempel dehydrering, urinveisinfeksjon eller smerter ved "
        "kreft. Fastlege eller legevaktlege undersøker pasienten og legger inn; plassene er "
        "åpne hele døgnet. Pasienter med uavklart brystsmerte, nedsatt bevissthet eller behov "
        "for overvåkning legges ikke inn. Sykehjemslegen tilser pasienten hver dag, og "
        "pasienten overføres til sykehuset dersom tilstanden ikke bedres innen tre døgn.",
    ]),
    ("5 Andre samarbeidsområder", [
        "Ansvaret på de øvrige samarbeidsområdene framgår av vedlegg 1.",
    ]),
]
G31_MATRIX = [
    ("Område", "Kommunen", "Sykehuset"),
    ("Innleggelse",
     "Fastlege eller legevaktlege vurderer innleggelse og ringer vakthavende lege før pasienten "
     "sendes. Henvisningen sendes elektronisk med problemstilling, funn og legemiddelliste.",
     "Vakthavende lege i mottakende avdeling gir råd og tar imot pasienten. Akuttmottaket "
     "sender melding til hjemmetjenesten samme døgn når pasienten har kommunale tjenester."),
    ("Utskrivningsklare pasienter",
     "Svarer innen to timer på melding om utskrivningsklar pasient og oppgir når pasienten kan "
     "tas imot. Betaler døgnpris fra dagen etter melding dersom pasienten ikke tas imot.",
     "Varsler forventet utskrivningsdato innen ett døgn etter innleggelse. Sender epikrise og "
     "legemiddelliste senest samtidig med at pasienten reiser."),
    ("Koordinerte tjenester og rehabilitering", "", ""),
    ("Kunnskapsoverføring og hospitering", "Fylles ut", "Fylles ut"),
    ("Jordmortjenester", "", ""),
    ("IKT-løsninger lokalt", "–", "–"),
    ("Forebygging", "Se folkehelseplanen.", ""),
    ("Beredskap og akuttmedisinsk kjede", "Egen beredskapsplan.", "Egen beredskapsplan."),
    ("Barn og unge", "", ""),
]


def g31() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Olderdal kommune – Sykehuset Gullvik HF"
    document.sections[0].footer.paragraphs[0].text = "Samarbeidsavtale 2021"
    document.add_heading(G31_TITLE, level=0)
    for heading, paragraphs in G31_SECTIONS:
        document.add_heading(heading, level=1)
        for text in paragraphs:
            document.add_paragraph(text)
    document.add_heading("6 Underskrifter", level=1)
    _table(document, [("For Olderdal kommune", "For Sykehuset Gullvik HF"),
                      ("Olderdal, 02.02.2021", "Gullvik, 05.02.2021")])
    document.add_page_break()
    document.add_heading("Vedlegg 1 Ansvarsmatrise", level=1)
    _table(document, G31_MATRIX)
    return _docx_bytes(document)


# ---------------------------------------------------------------- g32 (nn, ODT)

# (level, text): level 1 = heading, 0 = paragraph
G32_BODY: list[tuple[int, str]] = [
    (0, "REVISJONSUTKAST 2 – til drøfting i samhandlingsutvalet XX.XX.2025. Ikkje godkjent."),
    (0, "Endringar frå gjeldande avtale (2019) er merka [NY]. Tekst i hakeparentes skal "
        "fyllast ut før avtalen vert send til politisk handsaming."),
    (1, "1 Partar"),
    (0, "Avtalen er inngått mellom Sørbø kommune og Helse Austkyst HF."),
    (1, "2 Oppgåve- og ansvarsfordeling"),
    (0, "Sørbø kommune har ansvar for primærhelsetenesta: fastlegar, legevakt, heimesjukepleie, "
        "praktisk bistand, sjukeheimsplassar, helsestasjon, kommunal fysioterapi og tenester "
        "innan psykisk helse og rus. Helse Austkyst HF har ansvar for tenester som krev "
        "spesialist, mellom anna poliklinikk, sengepostar, akuttmottak, ambulanse og AMK."),
    (0, "[NY] Oppgåver kan flyttast mellom partane berre etter ein skriftleg avtale for kvar "
        "oppgåve. Avtalen skal seie kva opplæring og utstyr mottakaren treng, kven som betaler "
        "for det, og frå kva dato ansvaret går over. Samhandlingsutvalet godkjenner avtalen."),
    (1, "3 Innlegging i sjukehus"),
    (0, "Ved akutt behov ringjer legen som vil legge inn pasienten, til vaktlegen i "
        "mottakande fagområde. Legen gir med pasienten eller sender elektronisk eit "
        "innleggingsskriv med spørsmål til sjukehuset, kliniske funn og faste medisinar. "
        "Pasientar med heimesjukepleie får med seg ein kopi av tiltaksplanen frå kommunen."),
    (1, "4 Døgnopphald for øyeblikkeleg hjelp"),
    (0, "Kommunen har XX senger for døgnopphald for øyeblikkeleg hjelp ved [namn på eining]."),
    (0, "Målgruppe og kriterium for innlegging: [fylles ut når ny legevaktordning er avklart]."),
    (1, "5 Utskrivingsklare pasientar"),
    (0, "Sengeposten sender innleggingsmelding med venta utskrivingstidspunkt til "
        "tildelingskontoret i kommunen. Tildelingskontoret tek stilling til kva teneste "
        "pasienten skal få, og gir svar innan klokka 15 den dagen pasienten er meld "
        "utskrivingsklar. Transport heim vert bestilt først når kommunen har stadfesta at "
        "pasienten kan takast imot; pasientar over 80 år reiser ikkje etter klokka 18."),
    (1, "6 Koordinerte tenester, habilitering og rehabilitering"),
    (0, "Treng ein pasient individuell plan, skriv sengeposten ei melding til koordinerande "
        "eining med samtykke frå pasienten. Eininga tildeler koordinator, og første "
        "planmøte vert halde medan pasienten framleis er innlagd."),
    (0, "[NY] Rehabilitering: [tekst vert henta frå rapporten til arbeidsgruppa – fylles ut]."),
    (1, "7 Kunnskapsoverføring, nettverk og hospitering"),
    (0, "Fagutviklingssjukepleiarar i begge partar har ein sams kalender for internundervisning "
        "der tilsette hos den andre parten kan melde seg på utan kostnad. Kvar part har ein "
        "kontaktperson som tek imot spørsmål om rutinar og endringar i tilbodet."),
    (0, "Sjukepleiarar i heimetenesta kan hospitere tre dagar på medisinsk sengepost, og "
        "sengepostane kan sende sjukepleiarar til heimetenesta på same vilkår; kvar part "
        "betaler eigne tilsette. Kreftsjukepleiarane i kommunen er med i nettverket for "
        "kreftomsorg som helseføretaket leier, med to samlingar i året."),
    (1, "8 Jordmortenester"),
    (0, "[fylles ut]"),
    (1, "9 IKT-løysingar lokalt"),
    (0, "Partane har eit felles IKT-forum som [fylles ut]."),
    (1, "10 Førebygging"),
    (0, "Kommunen og helseføretaket har eit felles tilbod om røykeslutt for gravide og for "
        "pasientar som skal opererast: poliklinikken tilviser, og frisklivssentralen i "
        "kommunen held kursa. Hygienesjukepleiaren i helseføretaket gjennomgår "
        "smittevernrutinane i sjukeheimane kvart anna år og gir ein skriftleg rapport."),
    (1, "11 Beredskap og akuttmedisinsk kjede"),
    (0, "Beredskapsplanane til partane har eit sams kapittel om forsyning av legemiddel og "
        "smittevernutstyr og om mottak av mange skadde. Kapitlet vert oppdatert kvart år av "
        "beredskapsleiarane i begge partar og lagt ved planane."),
    (0, "Legevaktlege rykkjer ut saman med ambulansen ved raud respons i Sørbø, og AMK "
        "varslar legevakta via naudnett. Lokalt akuttmedisinsk team (legevakt, ambulanse og "
        "brann) trenar saman to gonger i året etter eit opplegg frå helseføretaket."),
    (1, "12 Felles planlegging og utvikling av tenester"),
    (0, "Partane utarbeider saman ein fireårig utviklingsplan for tenestene i Sørbø, med "
        "mål for skrøpelege eldre og for personar med alvorleg psykisk liding og rus. "
        "Planen vert rullert kvart år i eit dialogmøte mellom kommunedirektøren og "
        "klinikkdirektøren, og tiltak som krev pengar frå begge, vert innarbeidde i budsjetta "
        "før dei vert sette i gang."),
    (1, "13 Barn og unge med samansette behov"),
    (0, "[NY] Teksten vert utarbeidd av fagrådet for barn og unge innan XX.XX.2025."),
    (1, "14 Felles tiltak"),
    (0, "Partane driv saman ein sårpoliklinikk. Poliklinikken held til på Sørbø helsesenter, "
        "vert leidd av ein sårsjukepleiar og rapporterer til samhandlingsutvalet kvart år."),
    (0, "Arbeidsgjevaransvar: [fylles ut]. Finansiering: XX % kommunen / XX % helseføretaket."),
    (1, "15 Underskrifter"),
    (0, "Stad og dato: ______________    Stad og dato: ______________"),
    (0, "for Sørbø kommune    for Helse Austkyst HF"),
]

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"')


def odt_bytes(title: str, body: list[tuple[int, str]], header: str) -> bytes:
    """A minimal OpenDocument text file, written by hand with fixed zip timestamps."""
    from xml.sax.saxutils import escape
    parts = [f'<text:h text:style-name="Title" text:outline-level="1">{escape(title)}</text:h>']
    for level, text in body:
        if level > 0:
            parts.append(f'<text:h text:style-name="Heading_20_{level}" '
                         f'text:outline-level="{level}">{escape(text)}</text:h>')
        else:
            parts.append(f'<text:p text:style-name="Text_20_body">{escape(text)}</text:p>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<office:document-content {ODT_NS} office:version="1.3">'
               '<office:body><office:text>' + "".join(parts) +
               '</office:text></office:body></office:document-content>')
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              f'<office:document-styles {ODT_NS} office:version="1.3"><office:styles>'
              '<style:style style:name="Text_20_body" style:display-name="Text body" '
              'style:family="paragraph"/>'
              '<style:style style:name="Title" style:family="paragraph"/>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
              'style:family="paragraph" style:default-outline-level="1"/>'
              '</office:styles><office:master-styles>'
              '<style:master-page style:name="Standard"><style:header>'
              f'<text:p>{escape(header)}</text:p></style:header></style:master-page>'
              '</office:master-styles></office:document-styles>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" '
                'manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        info = zipfile.ZipInfo("mimetype", FIXED_TIME)
        info.compress_type = zipfile.ZIP_STORED
        target.writestr(info, "application/vnd.oasis.opendocument.text")
        for name, data in (("content.xml", content), ("styles.xml", styles),
                           ("META-INF/manifest.xml", manifest)):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data.encode("utf-8"))
    return out.getvalue()


# ---------------------------------------------------------------- g34 (nn, PDF)

G34_PAGES = [
    ("Samarbeidsavtale Tjønnås kommune – Helse Austkyst HF", [
        "SAMARBEIDSAVTALE",
        "mellom Tjønnås kommune og Helse Austkyst HF",
        "",
        "Underskriftsside",
        "",
        "Avtalen er handsama i kommunestyret i Tjønnås 12.12.2019, sak 88/19, og i styret for "
        "Helse Austkyst HF 05.12.2019, sak 102/2019.",
        "",
        "Tjønnås, 16.12.2019                          Austvik, 18.12.2019",
        "",
        "_______________________                      _______________________",
        "for Tjønnås kommune                          for Helse Austkyst HF",
        "ordførar                                     administrerande direktør",
    ]),
    ("Samarbeidsavtale Tjønnås kommune – Helse Austkyst HF", [
        "Innhald",
        "",
        "1 Partar .......................................................... 3",
        "2 Føremål ......................................................... 3",
        "3 Oppgåve- og ansvarsfordeling .................................... 3",
        "4 Koordinerte tenester, habilitering, rehabilitering og lærings- og meistringstilbod . 4",
        "5 Innlegging i sjukehus ............................................ 5",
        "6 Døgnopphald for øyeblikkeleg hjelp ............................... 5",
        "7 Utskrivingsklare pasientar ....................................... 6",
        "8 Kunnskapsoverføring, informasjonsutveksling, fagnettverk og hospitering . 7",
        "9 Forsking, utdanning, praksis og læretid .......................... 7",
        "10 Jordmortenester ................................................. 8",
        "11 IKT-løysingar lokalt ............................................ 8",
        "12 Førebygging ..................................................... 9",
        "13 Beredskapsplanar og den akuttmedisinske kjeda ................... 9",
        "14 Felles planlegging og utvikling av tenester ..................... 10",
        "15 Felles tiltak: ansvar, arbeidsgjevaransvar, organisering og finansiering . 10",
        "16 Avtaletid, revisjon og oppseiing ................................ 11",
    ]),
]

# ---------------------------------------------------------------- helpers


def _table(document: DocxDocument, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            first, *rest = value.split("\n")
            cell.text = first
            for text in rest:
                cell.add_paragraph(text)


def _docx_bytes(document: DocxDocument) -> bytes:
    """The document saved with fixed zip timestamps and core dates, so builds are identical."""
    from datetime import datetime
    properties = document.core_properties
    properties.created = properties.modified = datetime(2024, 1, 1)
    properties.last_printed = datetime(2024, 1, 1)
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


OUTPUTS = {
    "g12_vassenden_overordna.docx": g12,
    "g13_dalsbygd_saeravtale_ohd.pdf": lambda: pdf_bytes(G13_PAGES),
    "g18_elvenes_avtalesett/delavtale_09_ikt.pdf": lambda: pdf_bytes(G18_IKT_PAGES),
    "g22_gronnli_tilleggsavtale_tabell.docx": g22,
    "g25_storlia_pasientforlop.docx": g25,
    "g31_olderdal_ansvarsmatrise_vedlegg.docx": g31,
    "g32_sorbo_revisjonsutkast.odt": lambda: odt_bytes(
        "Samarbeidsavtale mellom Sørbø kommune og Helse Austkyst HF", G32_BODY,
        "UTKAST · Sørbø kommune · Helse Austkyst HF"),
    "g34_tjonnaas_underskrift_og_innhald.pdf": lambda: pdf_bytes(G34_PAGES),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    differ = []
    for name, make in OUTPUTS.items():
        path = CASES / name
        data = make()
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                differ.append(name)
        else:
            path.write_bytes(data)
            print(f"{name}: {len(data)} bytes")
    for name in differ:
        print(f"differs: {name}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
